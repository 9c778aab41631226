from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # only for WO Service: anyone else reads a partner as Odoo has it
    wo_service_client_ids = fields.One2many(
        "wo.service.client",
        "partner_id",
        string="Service Procedures",
        groups="wo_service.group_wo_service_reader",
    )
    wo_service_run_count = fields.Integer(
        string="Service Assignments",
        compute="_compute_wo_service_run_count",
        groups="wo_service.group_wo_service_reader",
    )

    def _compute_wo_service_run_count(self):
        counts = dict(
            self.env["wo.service.run"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.wo_service_run_count = counts.get(partner, 0)

    def action_view_wo_service_runs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("wo_service.wo_service_run_action")
        action.update(domain=[("partner_id", "=", self.id)], context={"search_default_current": 1})
        return action
