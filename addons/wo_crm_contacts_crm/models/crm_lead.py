from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    wo_thread_ids = fields.One2many("wo.contact.thread", "lead_id", string="Contact Threads")
    wo_thread_count = fields.Integer(compute="_compute_wo_thread_count", string="Thread Count")

    def _compute_wo_thread_count(self):
        counts = dict(
            self.env["wo.contact.thread"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.wo_thread_count = counts.get(lead, 0)

    def action_view_wo_threads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "wo_crm_contacts.wo_contact_thread_action"
        )
        action.update(
            domain=[("lead_id", "=", self.id)],
            context={
                "default_lead_id": self.id,
                "default_partner_id": self.partner_id.commercial_partner_id.id,
                "default_name": self.name,
            },
        )
        return action
