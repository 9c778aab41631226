from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import WoPortalCommon


@tagged("post_install", "-at_install")
class TestSend(WoPortalCommon):
    """The employee's side: Send to the counterparty, and what is refused."""

    def draft_send(self, document=None, contacts=None, user=None, **vals):
        document = document or self.document
        contacts = self.anna.partner_id if contacts is None else contacts
        return (
            self.env["wo.portal.send"]
            .with_user(user or self.user_deputy_2)
            .create(
                {
                    "document_id": document.id,
                    "contact_ids": [Command.set(contacts.ids)],
                    **vals,
                }
            )
        )

    def assert_refused(self, send, message):
        mails = self.env["mail.mail"].search_count([])
        handed = send.document_id.date_handed
        with self.assertRaisesRegex(UserError, message):
            send.action_send()
        send.invalidate_recordset()
        self.assertEqual(send.state, "draft", "nothing written")
        self.assertFalse(send.access_token)
        self.assertEqual(send.document_id.date_handed, handed)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails, "no e-mail")

    def test_send_records_the_file_the_link_and_mails_the_contacts(self):
        send = self.send(date_due=fields.Date.add(fields.Date.today(), days=7))
        self.assertEqual(send.state, "sent")
        self.assertEqual(send.partner_id, self.acme)
        self.assertEqual(send.sent_by_id, self.user_deputy_2)
        self.assertEqual(send.file_id, self.document.message_main_attachment_id)
        self.assertEqual(send.file_size, len(self.pdf))
        self.assertEqual(len(send.file_sha256), 64)
        self.assertTrue(send.access_token)
        self.assertEqual(
            (send.date_expiry - send.date_sent).days, self.env.company.wo_portal_link_days
        )
        self.assertEqual(self.document.date_handed, fields.Date.today(), "handed to them")
        self.assertEqual(self.document.wo_portal_open_send_id, send)
        self.assertEqual(self.document.wo_portal_state, "sent")
        mail = self.env["mail.mail"].search(
            [("model", "=", "wo.portal.send"), ("res_id", "=", send.id)]
        )
        self.assertEqual(mail.recipient_ids, self.anna.partner_id)
        self.assertIn(f"/my/wo/documents/{send.id}", mail.body_html)
        self.assertIn(send.access_token, mail.body_html, "the link works without logging in")

    def test_what_cannot_be_sent(self):
        self.assert_refused(self.draft_send(contacts=self.boris.partner_id.browse()), "contacts")
        self.assert_refused(self.draft_send(contacts=self.greg.partner_id), "do not work for")
        employee = self.env["res.partner"].create({"name": "No Portal", "parent_id": self.acme.id})
        self.assert_refused(self.draft_send(contacts=employee), "cannot log in to the portal")
        self.assert_refused(
            self.draft_send(date_due=fields.Date.subtract(fields.Date.today(), days=1)),
            "due in the past",
        )
        no_file = self.contract(self.acme, b"")
        no_file.message_main_attachment_id = False
        self.assert_refused(self.draft_send(document=no_file), "has no file")
        closed = self.contract(self.acme, self.pdf)
        closed.sudo().state = "cancelled"
        self.assert_refused(self.draft_send(document=closed), "is closed")

    def test_one_open_send_per_document(self):
        first = self.send()
        second = self.draft_send()
        self.assert_refused(second, "already with its counterparty")
        # the database says the same to whoever bypasses the check
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            second.sudo().write({"state": "sent"})
            second.sudo().flush_recordset()
        first.with_user(self.user_deputy_2).action_withdraw()
        self.assertEqual(first.state, "withdrawn")
        self.assertFalse(first.access_token, "the link stops working")
        self.assertFalse(self.document.wo_portal_open_send_id)
        second.action_send()
        self.assertEqual(second.state, "sent")
        with self.assertRaisesRegex(UserError, "already gone"):
            second.with_user(self.user_deputy_2).action_send()
        second.with_user(self.user_deputy_2).action_withdraw()
        with self.assertRaisesRegex(UserError, "Only a send waiting"):
            second.with_user(self.user_deputy_2).action_withdraw()

    def test_who_may_send(self):
        """Sending needs the right to edit the document; reading it is not
        enough, a portal user has no access at all."""
        reader = self.levels["reader"]
        self.document.message_subscribe(reader.partner_id.ids)
        with self.assertRaises(AccessError):
            self.draft_send(user=reader).action_send()
        with self.assertRaises(AccessError):
            self.env["wo.portal.send"].with_user(self.anna).search([])
        with self.assertRaises(AccessError):
            self.document.with_user(self.anna).read(["subject"])
        send = self.send()
        self.assertEqual(
            self.env["wo.portal.send"].with_user(reader).search([("id", "=", send.id)]),
            send,
            "a reader of the document sees its sends",
        )
        with self.assertRaises(AccessError):
            send.with_user(reader).action_withdraw()
        self.assertEqual(send.state, "sent")

    def test_the_send_dialog_proposes_the_second_signatory(self):
        self.document.second_signatory_id = self.anna.partner_id
        action = self.document.with_user(self.user_deputy_2).action_wo_portal_send()
        self.assertEqual(action["res_model"], "wo.portal.send")
        self.assertEqual(action["context"]["default_contact_ids"], self.anna.partner_id.ids)

    def test_the_portal_list_query_is_flat(self):
        for _index in range(3):
            self.send(document=self.contract(self.acme, self.pdf), contacts=self.anna.partner_id)
        Send = self.env["wo.portal.send"].sudo()
        domain = Send._wo_portal_domain(self.anna.partner_id)
        Send.search(domain).document_id.fetch(["name", "subject"])
        self.env.invalidate_all()
        with self.assertQueryCount(3):  # search, the documents of the sends, the documents
            sends = Send.search(domain, limit=80)
            sends.document_id.fetch(["name", "subject", "amount", "state"])
        self.assertEqual(len(sends), 3)
