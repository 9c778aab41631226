from odoo.tests import Form, tagged

from odoo.addons.wo_crm_contacts.tests.common import WoContactsCommon


@tagged("post_install", "-at_install")
class TestCrmBridge(WoContactsCommon):
    def test_thread_linked_to_an_opportunity(self):
        lead = self.env["crm.lead"].create(
            {"name": "Film supply 2027", "partner_id": self.acme.id, "type": "opportunity"}
        )
        entry = self.log()
        entry.action_start_thread()
        entry.thread_id.lead_id = lead
        self.assertEqual(lead.wo_thread_count, 1)
        self.assertEqual(lead.wo_thread_ids, entry.thread_id)
        action = lead.action_view_wo_threads()
        self.assertEqual(self.env["wo.contact.thread"].search(action["domain"]), entry.thread_id)
        self.assertEqual(action["context"]["default_partner_id"], self.acme.id)

    def test_thread_form_takes_the_opportunity_counterparty(self):
        lead = self.env["crm.lead"].create({"name": "Deal", "partner_id": self.ann.id})
        form = Form(self.env["wo.contact.thread"])
        form.name = "Deal thread"
        form.lead_id = lead
        self.assertEqual(form.partner_id, self.acme)
        self.assertEqual(form.save().lead_id, lead)
