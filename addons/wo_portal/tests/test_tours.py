from odoo.tests import HttpCase, tagged

from .common import WoPortalCommon, counterparty_sign


@tagged("post_install", "-at_install")
class TestTours(HttpCase, WoPortalCommon):
    def test_employee_sends_and_counterparty_approves_and_signs(self):
        self.document.second_signatory_id = self.anna.partner_id
        url = f"/odoo/action-wo_documents.wo_document_action/{self.document.id}"
        self.start_tour(url, "wo_portal_send_tour", login=self.user_deputy_2.login)
        send = self.document.wo_portal_open_send_id
        self.assertEqual(send.state, "sent")
        self.assertEqual(send.contact_ids, self.anna.partner_id)
        self.assertEqual(send.message, "Please approve and sign.")

        # their own signing tool
        self.trust_test_ca()
        signed = counterparty_sign(self.pdf, self.pki)
        tool_output = self.env["ir.attachment"].create(
            {"name": "signed.pdf", "raw": signed, "public": True, "mimetype": "application/pdf"}
        )
        self.start_tour(
            f"/my?wo_tour_file={tool_output.id}",
            "wo_portal_counterparty_tour",
            login=self.anna.login,
        )
        send.invalidate_recordset()
        self.assertEqual(send.state, "signed")
        self.assertEqual(send.decided_by_id, self.anna)
        self.assertEqual(send.decision_comment, "We agree.")
        self.assertEqual(self.document.message_main_attachment_id.raw, signed)
        self.assertTrue(self.document.date_returned)
        self.assertEqual(self.document.signature_ids.verify_state, "valid")

        self.start_tour(url, "wo_portal_decision_tour", login=self.user_deputy_2.login)

    def test_on_a_phone(self):
        """Both sides at the width of the Odoo mobile app."""
        self.browser_size, self.touch_enabled = "375x667", True
        self.document.second_signatory_id = self.anna.partner_id
        url = f"/odoo/action-wo_documents.wo_document_action/{self.document.id}"
        self.start_tour(url, "wo_portal_send_tour", login=self.user_deputy_2.login)
        send = self.document.wo_portal_open_send_id
        self.assertEqual(send.state, "sent")

        journal = self.env["wo.correspondence.journal"].create(
            {"name": "Portal in", "code": "PTLIN", "direction": "incoming"}
        )
        self.env.company.wo_portal_letter_journal_id = journal
        self.start_tour("/my", "wo_portal_phone_tour", login=self.anna.login)
        send.invalidate_recordset()
        self.assertEqual(send.state, "signed")
        self.assertEqual((send.sign_kind, send.signed_name), ("simple", "Anna Acme"))
        self.assertTrue(self.document.date_returned)
        letter = self.env["wo.correspondence"].search([("subject", "=", "Our claim")])
        self.assertEqual((letter.direction, letter.state), ("incoming", "draft"))
        self.assertEqual(letter.partner_id, self.acme)
