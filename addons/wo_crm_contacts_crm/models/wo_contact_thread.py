from odoo import api, fields, models


class WoContactThread(models.Model):
    _inherit = "wo.contact.thread"

    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        index="btree_not_null",
        tracking=True,
        domain="[('partner_id', 'child_of', partner_id)]",
    )

    @api.onchange("lead_id")
    def _onchange_lead_id(self):
        if self.lead_id.partner_id and not self.partner_id:
            self.partner_id = self.lead_id.partner_id.commercial_partner_id
