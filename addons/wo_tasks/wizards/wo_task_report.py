from odoo import api, fields, models


class WoTaskReport(models.TransientModel):
    """The executor reports their line: result, % done, and why it is late."""

    _name = "wo.task.report"
    _description = "Report on an Assignment"

    line_id = fields.Many2one("wo.task.executor", required=True, ondelete="cascade")
    task_id = fields.Many2one(related="line_id.task_id")
    result = fields.Text()
    progress = fields.Float(string="% Done", default=100.0)
    is_late = fields.Boolean(compute="_compute_is_late")
    delay_reason_id = fields.Many2one("wo.task.delay.reason")
    delay_comment = fields.Text()

    @api.depends("line_id")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            deadline = wizard.line_id.date_deadline_effective
            wizard.is_late = bool(deadline and deadline < today)

    def action_confirm(self):
        self.ensure_one()
        self.line_id.action_report(
            result=self.result,
            progress=self.progress,
            delay_reason_id=self.delay_reason_id.id,
            delay_comment=self.delay_comment,
        )
        return {"type": "ir.actions.act_window_close"}
