from odoo import api, fields, models


class WoDocumentApproval(models.Model):
    """One approver's decision on a document: kept as the law asks, with who
    actually decided (a deputy or substitute?) and when."""

    _name = "wo.document.approval"
    _description = "Approval Decision"
    _order = "date, id"
    _log_access = False

    document_id = fields.Many2one("wo.document", required=True, index=True, ondelete="cascade")
    line_id = fields.Many2one("wo.task.executor", string="Route Line", ondelete="set null")
    sequence = fields.Integer(string="Step")
    approver_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    decided_by_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    is_substitute = fields.Boolean(
        string="By a Deputy or Substitute", compute="_compute_is_substitute", store=True
    )
    decision = fields.Selection(
        [("approved", "Approved"), ("remarks", "Approved with remarks"), ("rejected", "Rejected")],
        required=True,
        readonly=True,
    )
    remarks = fields.Text(readonly=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    date_deadline = fields.Date(readonly=True)
    is_late = fields.Boolean(readonly=True)
    delay_reason_id = fields.Many2one("wo.task.delay.reason", readonly=True, index="btree_not_null")
    company_id = fields.Many2one(
        related="document_id.company_id", store=True, index="btree_not_null"
    )

    _line_uniq = models.Constraint(
        "UNIQUE (line_id)", "A step of an approval route is decided once."
    )

    @api.depends("approver_id", "decided_by_id")
    def _compute_is_substitute(self):
        for approval in self:
            approval.is_substitute = approval.approver_id != approval.decided_by_id
