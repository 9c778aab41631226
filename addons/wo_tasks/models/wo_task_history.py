from odoo import fields, models


class WoTaskHistory(models.Model):
    """Every move of an assignment between states: when, by whom, why."""

    _name = "wo.task.history"
    _description = "Assignment State History"
    _order = "date desc, id desc"
    _log_access = False

    task_id = fields.Many2one("wo.task", required=True, index=True, ondelete="cascade")
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one("res.users", string="By", required=True, readonly=True, index=True)
    state_from_id = fields.Many2one(
        "wo.task.state", string="From", readonly=True, index="btree_not_null"
    )
    state_to_id = fields.Many2one(
        "wo.task.state", string="To", required=True, readonly=True, index=True
    )
    reason = fields.Text(readonly=True)
    company_id = fields.Many2one(related="task_id.company_id", store=True, index="btree_not_null")
