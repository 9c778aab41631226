from odoo.tests import HttpCase, tagged

from .common import WoContactsCommon


@tagged("post_install", "-at_install")
class TestUi(HttpCase, WoContactsCommon):
    def test_log_a_call_from_the_contact_person(self):
        self.start_tour(
            f"/odoo/action-contacts.action_contacts/{self.ann.id}",
            "wo_crm_contacts_log_call_tour",
            login=self.user_employee.login,
        )
        entry = self.env["wo.contact.entry"].search(
            [("subject", "=", "Asked for the 2027 price list")]
        )
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.partner_id, self.acme)
        self.assertEqual(entry.contact_ids, self.ann)
        self.assertEqual(entry.kind_id, self.call)
        self.assertEqual(entry.user_id, self.user_employee)
        self.assertEqual(entry.result, "Price list by Friday.")
