from odoo import api, fields, models

from .wo_portal_send import STATES


class WoDocument(models.Model):
    _inherit = "wo.document"

    wo_portal_send_ids = fields.One2many(
        "wo.portal.send", "document_id", string="Sent to the Counterparty"
    )
    wo_portal_state = fields.Selection(
        selection=STATES,
        compute="_compute_wo_portal_open_send_id",
        string="With the Counterparty",
    )
    wo_portal_open_send_id = fields.Many2one(
        "wo.portal.send", compute="_compute_wo_portal_open_send_id", string="Open Send"
    )
    wo_portal_send_count = fields.Integer(compute="_compute_wo_portal_open_send_id")

    @api.depends("wo_portal_send_ids.state")
    def _compute_wo_portal_open_send_id(self):
        for document in self:
            sends = document.wo_portal_send_ids.filtered(lambda s: s.state != "draft")
            document.wo_portal_open_send_id = sends.filtered(
                lambda s: s.state in ("sent", "approved")
            )[:1]
            document.wo_portal_state = sends[:1].state or False  # the latest
            document.wo_portal_send_count = len(sends)

    def action_wo_portal_send(self):
        """The dialog: the contacts who may act, a message, a due date."""
        self.ensure_one()
        self.check_access("write")
        partner = self.partner_id.commercial_partner_id
        contacts = self.second_signatory_id.filtered(lambda c: c.commercial_partner_id == partner)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send to the Counterparty"),
            "res_model": "wo.portal.send",
            "view_mode": "form",
            "views": [[self.env.ref("wo_portal.wo_portal_send_view_form_send").id, "form"]],
            "target": "new",
            "context": {
                "default_document_id": self.id,
                "default_contact_ids": contacts.ids,
            },
        }

    def action_wo_portal_sends(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("wo_portal.wo_portal_send_action")
        action["domain"] = [("document_id", "=", self.id)]
        action["context"] = {"default_document_id": self.id}
        return action
