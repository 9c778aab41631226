from odoo import api, fields, models


class WoDocumentDecide(models.TransientModel):
    """The current approver's decision: approve, approve with remarks, reject."""

    _name = "wo.document.decide"
    _description = "Decide on a Document"

    document_id = fields.Many2one("wo.document", required=True, ondelete="cascade")
    decision = fields.Selection(
        [("approved", "Approve"), ("remarks", "Approve with remarks"), ("rejected", "Reject")],
        required=True,
        default="approved",
    )
    remarks = fields.Text(help="Required with remarks and to reject.")
    is_late = fields.Boolean(compute="_compute_is_late")
    delay_reason_id = fields.Many2one("wo.task.delay.reason")
    delay_comment = fields.Text()

    @api.depends("document_id")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            line = wizard.document_id.approval_task_id.my_line_id
            wizard.is_late = bool(
                line.date_deadline_effective and line.date_deadline_effective < today
            )

    def action_confirm(self):
        self.ensure_one()
        self.document_id.action_decide(
            self.decision, self.remarks, self.delay_reason_id.id, self.delay_comment
        )
        return {"type": "ir.actions.act_window_close"}
