from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def action_view_wo_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("wo_documents.wo_document_action")
        action.update(
            domain=[("partner_id", "child_of", self.commercial_partner_id.id)],
            context={"default_partner_id": self.commercial_partner_id.id},
        )
        return action
