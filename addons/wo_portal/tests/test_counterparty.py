import hashlib

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WoPortalCommon, counterparty_sign


@tagged("post_install", "-at_install")
class TestCounterparty(WoPortalCommon):
    """What their contacts do: approve or reject once, sign simply or with
    their own qualified signature; each refusal leaves everything as it was."""

    def setUp(self):
        super().setUp()
        self.sent = self.send()

    def assert_unchanged(self, send, state="sent"):
        send.invalidate_recordset()
        self.document.invalidate_recordset()
        self.assertEqual(send.state, state)
        self.assertFalse(self.document.date_returned)
        self.assertFalse(self.document.date_signed_second)

    # ----------------------------------------------------------- decisions
    def test_approve_is_the_counterpartys_decision_once(self):
        self.sent._wo_portal_decide(self.anna, "approved", "Fine by us.")
        self.assertEqual(self.sent.state, "approved")
        self.assertEqual(self.sent.decided_by_id, self.anna)
        approval = self.document.approval_ids.filtered("wo_portal_send_id")
        self.assertEqual(approval.decision, "approved")
        self.assertEqual(approval.decided_by_id, self.anna)
        self.assertEqual(approval.wo_counterparty_id, self.acme, "on whose behalf")
        self.assertEqual(approval.remarks, "Fine by us.")
        with self.assertRaisesRegex(UserError, "already taken"):
            self.sent._wo_portal_decide(self.anna, "rejected", "Changed our mind")
        self.assertEqual(len(self.document.approval_ids.filtered("wo_portal_send_id")), 1)
        self.assertEqual(self.sent.state, "approved")

    def test_reject_needs_a_comment_and_reaches_the_responsible(self):
        with self.assertRaisesRegex(UserError, "Say why"):
            self.sent._wo_portal_decide(self.anna, "rejected", "  ")
        with self.assertRaisesRegex(UserError, "Approve or reject"):
            self.sent._wo_portal_decide(self.anna, "maybe")
        self.assert_unchanged(self.sent)
        self.sent._wo_portal_decide(self.anna, "rejected", "Price too high.")
        self.assertEqual(self.sent.state, "rejected")
        activity = self.document.activity_ids.filtered(lambda a: "rejected" in a.summary)
        self.assertEqual(activity.user_id, self.document.responsible_id)
        self.assertIn("Price too high.", str(activity.note))
        self.assertFalse(self.document.wo_portal_open_send_id, "a new send may follow")

    def test_only_the_contacts_named_may_act(self):
        for user, message in ((self.boris, "Only the contacts"), (self.greg, "Only the contacts")):
            with self.assertRaisesRegex(UserError, message):
                self.sent._wo_portal_decide(user, "approved")
            with self.assertRaisesRegex(UserError, message):
                self.sent._wo_portal_sign_simple(user, user.name, True, "127.0.0.1")
        self.assert_unchanged(self.sent)
        self.assertFalse(self.document.approval_ids.filtered("wo_portal_send_id"))

    # ------------------------------------------------------ simple signature
    def test_simple_signature_records_name_time_address_and_file(self):
        with self.assertRaisesRegex(UserError, "Type your full name"):
            self.sent._wo_portal_sign_simple(self.anna, "Somebody Else", True, "10.0.0.1")
        with self.assertRaisesRegex(UserError, "Confirm"):
            self.sent._wo_portal_sign_simple(self.anna, "Anna Acme", False, "10.0.0.1")
        self.assert_unchanged(self.sent)
        self.sent._wo_portal_sign_simple(self.anna, "  anna   ACME ", True, "10.0.0.1")
        self.assertEqual(self.sent.state, "signed")
        self.assertEqual(self.sent.sign_kind, "simple")
        self.assertEqual(self.sent.signed_name, "anna ACME")
        self.assertEqual(self.sent.sign_ip, "10.0.0.1")
        self.assertEqual(self.sent.signed_sha256, hashlib.sha256(self.pdf).hexdigest())
        self.assertTrue(self.sent.date_signed)
        self.assertTrue(self.document.date_signed_second, "signed by the second party")
        self.assertTrue(self.document.date_returned, "returned, automatically")
        with self.assertRaisesRegex(UserError, "no longer waiting"):
            self.sent._wo_portal_sign_simple(self.anna, "Anna Acme", True, "10.0.0.1")

    def test_simple_signature_only_where_the_type_allows_it(self):
        self.portal_type.wo_portal_simple_signature = False
        with self.assertRaisesRegex(UserError, "qualified signature only"):
            self.sent._wo_portal_sign_simple(self.anna, "Anna Acme", True, "10.0.0.1")
        self.assert_unchanged(self.sent)

    def test_a_file_changed_after_sending_is_not_signed(self):
        self.document.message_main_attachment_id.raw = self.pdf + b"\n% changed"
        with self.assertRaisesRegex(UserError, "changed after it was sent"):
            self.sent._wo_portal_sign_simple(self.anna, "Anna Acme", True, "10.0.0.1")
        self.assert_unchanged(self.sent)

    # --------------------------------------------------- qualified signature
    def test_upload_of_their_qualified_signature(self):
        self.trust_test_ca()
        signed = counterparty_sign(self.pdf, self.pki)
        signatures = self.sent._wo_portal_sign_upload(self.anna, signed, "signed.pdf", "10.0.0.2")
        self.assertEqual(len(signatures), 1)
        self.assertEqual(signatures.verify_state, "valid")
        self.assertIn("Anna Acme", signatures.subject)
        self.assertEqual(self.sent.state, "signed")
        self.assertEqual(self.sent.sign_kind, "qualified")
        self.assertEqual(self.document.message_main_attachment_id.raw, signed, "the new file")
        self.assertTrue(self.document.date_returned)
        self.assertIn(signatures, self.document.signature_ids)

    def test_an_untrusted_but_intact_signature_is_accepted_with_its_verdict(self):
        signed = counterparty_sign(self.pdf, self.pki)
        signatures = self.sent._wo_portal_sign_upload(self.anna, signed, "s.pdf", None)
        self.assertEqual(signatures.verify_state, "untrusted")
        self.assertEqual(self.sent.state, "signed")

    def test_what_a_signed_upload_may_not_be(self):
        self.trust_test_ca()
        main = self.document.message_main_attachment_id
        signed = counterparty_sign(self.pdf, self.pki)
        other = counterparty_sign(self.globex_document.message_main_attachment_id.raw, self.pki)
        tampered = bytearray(signed)
        index = tampered.rfind(b"Service contract")
        if index < 0:  # the text is compressed: break a byte inside the sent part
            index = len(self.pdf) // 2
        tampered[index] ^= 0x01
        cases = [
            (b"", "Choose the signed PDF"),
            (b"PK\x03\x04 not a pdf", "not a PDF"),
            (other, "not the document sent"),
            (self.pdf, "not the document sent"),  # nothing added
            (bytes(tampered), "not the document sent"),
            (self.pdf + b"\n%%EOF\n", "no signature added|cannot be read"),
            (signed + b"\n% appended\n", "changed after its last signature"),
        ]
        self.env.company.wo_portal_max_upload_mb = 1
        cases.append((b"%PDF-" + b"0" * (1024 * 1024), "too large"))
        for data, message in cases:
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                self.sent._wo_portal_sign_upload(self.anna, data, "x.pdf", None)
            self.assert_unchanged(self.sent)
            self.assertEqual(self.document.message_main_attachment_id, main)
            self.assertFalse(self.document.signature_ids)

    def test_wo_signature_must_stay_intact(self):
        """Signed by us first (PAdES in place), then by them: accepted; a
        file in which our signature is broken is refused."""
        self.trust_test_ca()
        self.sent.sudo().action_withdraw()
        document = self.document
        p12, _cert = self.pki.signer("Dora Deputy", "pw3")
        certificate = (
            self.env["wo.signing.certificate"]
            .with_user(self.user_deputy_2)
            .create_from_pkcs12(p12, "pw3")
        )
        self.sign(document, certificate, "pw3")
        document.invalidate_recordset()
        ours = document.message_main_attachment_id.raw
        self.assertNotEqual(ours, self.pdf)
        send = self.send()
        signed = counterparty_sign(ours, self.pki, field_name="Counterparty")
        send._wo_portal_sign_upload(self.anna, signed, "both.pdf", None)
        self.assertEqual(send.state, "signed")
        states = document.signature_ids.sorted("sequence").mapped("verify_state")
        self.assertEqual(states[-1], "valid")

    # ------------------------------------------------------ approval sheet
    def sheet(self):
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.user_deputy_2)
            ._render_qweb_html("wo_documents.report_wo_document_approval_sheet", self.document.ids)
        )
        return html.decode()

    def test_the_approval_sheet_shows_their_decision_and_signature(self):
        self.sent._wo_portal_decide(self.anna, "approved", "Fine by us.")
        self.sent._wo_portal_sign_simple(self.anna, "Anna Acme", True, "10.0.0.9")
        html = self.sheet()
        self.assertIn("o_wo_counterparty_decision", html)
        self.assertIn("Acme Supplies", html)
        self.assertIn("Anna Acme", html)
        self.assertIn("o_wo_portal_simple_signatures", html)
        self.assertIn("10.0.0.9", html)
        self.assertIn(self.sent.signed_sha256, html)

    def test_the_approval_sheet_shows_the_verdict_of_their_qualified_signature(self):
        signed = counterparty_sign(self.pdf, self.pki)
        self.sent._wo_portal_sign_upload(self.anna, signed, "s.pdf", None)
        html = self.sheet()
        label = dict(
            self.env["wo.document.signature"]
            ._fields["verify_state"]
            ._description_selection(self.env)
        )["untrusted"]
        self.assertIn("Anna Acme", html)
        self.assertIn(label, html)
        self.assertNotIn("o_wo_portal_simple_signatures", html)
