from odoo import api, fields, models


class WoTaskReturn(models.TransientModel):
    _name = "wo.task.return"
    _description = "Return an Assignment for Rework"

    task_id = fields.Many2one("wo.task", required=True, ondelete="cascade")
    reason = fields.Text(required=True)
    line_ids = fields.Many2many(
        "wo.task.executor",
        string="Lines to Rework",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
        domain="[('task_id', '=', task_id), ('state', '=', 'reported')]",
    )

    @api.depends("task_id")
    def _compute_line_ids(self):
        for wizard in self:
            wizard.line_ids = wizard.task_id.executor_ids.filtered(
                lambda line: line.state == "reported"
            )

    def action_confirm(self):
        self.ensure_one()
        self.task_id.action_return(self.reason, self.line_ids.ids)
        return {"type": "ir.actions.act_window_close"}
