from odoo import fields, models


class WoTaskReassign(models.TransientModel):
    _name = "wo.task.reassign"
    _description = "Reassign an Executor Line"

    line_id = fields.Many2one("wo.task.executor", required=True, ondelete="cascade")
    user_id = fields.Many2one(
        "res.users", string="New Executor", required=True, domain="[('share', '=', False)]"
    )

    def action_confirm(self):
        self.ensure_one()
        self.line_id.action_reassign(self.user_id)
        return {"type": "ir.actions.act_window_close"}
