import base64

from odoo import Command
from odoo.tests import tagged

from odoo.addons.wo_mailing.tests.common import WoMailingCommon


@tagged("post_install", "-at_install")
class TestMailingLetter(WoMailingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kind = cls.env.ref("wo_correspondence.wo_correspondence_kind_information")
        cls.Letter = cls.env["wo.correspondence"]

    def test_sent_mailing_registered_once(self):
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.author)
            .create({"name": "prices.pdf", "datas": base64.b64encode(b"%PDF-1.4 WO prices")})
        )
        mailing = self.make_mailing(
            wo_register_outgoing=True,
            wo_correspondence_kind_id=self.kind.id,
            attachment_ids=[Command.set(attachment.ids)],
        )
        with self.mock_mail_gateway():
            self.send(mailing)
            # the crons again: nothing more is sent, nor registered
            self.run_queue_cron()
            self.env["mail.mail"].process_email_queue()
        self.assertEqual(mailing.state, "done")
        self.assertEqual(len(self._mails), 2)
        letter = self.Letter.search([("wo_mailing_id", "=", mailing.id)])
        self.assertEqual(len(letter), 1)
        self.assertEqual(mailing.wo_correspondence_id, letter)
        self.assertEqual(letter.direction, "outgoing")
        self.assertTrue(letter.name.startswith("OUT-"))
        self.assertEqual(letter.date_registration, letter.create_date.date())
        self.assertEqual(letter.subject, mailing.subject)
        self.assertEqual(letter.kind_id, self.kind)
        self.assertEqual(letter.delivery, "email")
        self.assertEqual(letter.prepared_by_id, mailing.user_id)
        self.assertEqual(letter.wo_recipient_count, 2)
        self.assertIn("2 recipients", letter.recipient_display)
        copies = self.env["ir.attachment"].search(
            [("res_model", "=", letter._name), ("res_id", "=", letter.id)]
        )
        self.assertEqual(copies.mapped("name"), ["prices.pdf"])
        self.assertEqual(copies.raw, b"%PDF-1.4 WO prices")

    def test_not_registered_without_the_option(self):
        mailing = self.make_mailing()
        with self.mock_mail_gateway():
            self.send(mailing)
        self.assertEqual(mailing.state, "done")
        self.assertFalse(mailing.wo_correspondence_id)
        self.assertFalse(self.Letter.search([("wo_mailing_id", "=", mailing.id)]))

    def test_plain_outgoing_letter_still_needs_a_recipient(self):
        letter = self.Letter.create({"direction": "outgoing", "subject": "To nobody"})
        with self.assertRaisesRegex(Exception, "without the recipient"):
            letter.action_register()
        self.assertFalse(letter.name)
