from odoo import fields, models


class WoTaskRefuse(models.TransientModel):
    _name = "wo.task.refuse"
    _description = "Refuse an Assignment"

    line_id = fields.Many2one("wo.task.executor", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.line_id.action_refuse(self.reason)
        return {"type": "ir.actions.act_window_close"}
