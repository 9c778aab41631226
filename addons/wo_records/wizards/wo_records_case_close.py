import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError


class WoRecordsCaseClose(models.TransientModel):
    """Close the year: the open cases of a file plan, in bulk."""

    _name = "wo.records.case.close"
    _description = "Close Cases"

    plan_id = fields.Many2one("wo.records.plan", required=True)
    case_ids = fields.Many2many(
        "wo.records.case",
        string="Cases",
        compute="_compute_case_ids",
        store=True,
        precompute=True,
        readonly=False,
        domain="[('plan_id', '=', plan_id), ('state', '=', 'open')]",
    )
    date_close = fields.Date(
        string="Closed On",
        required=True,
        compute="_compute_date_close",
        store=True,
        precompute=True,
        readonly=False,
    )

    @api.depends("plan_id")
    def _compute_case_ids(self):
        for wizard in self:
            wizard.case_ids = wizard.plan_id.case_ids.filtered(lambda c: c.state == "open")

    @api.depends("plan_id")
    def _compute_date_close(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            year = wizard.plan_id.year or today.year
            wizard.date_close = min(today, datetime.date(year, 12, 31))

    def action_close(self):
        self.ensure_one()
        if not self.case_ids:
            raise UserError(self.env._("No open case is chosen."))
        if self.case_ids.plan_id != self.plan_id:
            raise UserError(
                self.env._("Choose cases of %(plan)s only.", plan=self.plan_id.display_name)
            )
        self.case_ids._close(self.date_close)
        return {"type": "ir.actions.act_window_close"}
