from email.message import EmailMessage

from odoo.tests import tagged

from odoo.addons.mail.tests.common import MailCase

from .common import WoCorrespondenceCommon


@tagged("post_install", "-at_install")
class TestMailIn(WoCorrespondenceCommon, MailCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias_domain = cls.env["mail.alias.domain"].create(
            {"name": "wo-test.example.com", "catchall_alias": "catchall", "bounce_alias": "bounce"}
        )
        cls.journal_in.write({"alias_name": "office", "alias_domain_id": cls.alias_domain.id})

    def _mail(self, subject, sender="Petro Petrenko <petro@acme.example.com>"):
        message = EmailMessage()
        message["From"] = sender
        message["To"] = "office@wo-test.example.com"
        message["Subject"] = subject
        message["Message-Id"] = f"<{subject.replace(' ', '-')}@acme.example.com>"
        message.set_content("Please find our claim attached.")
        message.add_attachment(
            b"%PDF-1.4 claim", maintype="application", subtype="pdf", filename="claim.pdf"
        )
        message.add_attachment(b"a;b\n1;2\n", maintype="text", subtype="csv", filename="list.csv")
        return message.as_string()

    def test_mail_to_alias_creates_draft_with_attachments(self):
        self.assertEqual(self.journal_in.alias_email, "office@wo-test.example.com")
        self.env["mail.thread"].sudo().message_process(None, self._mail("Claim on delivery 42"))
        letter = self.Letter.search([("subject", "=", "Claim on delivery 42")])
        self.assertEqual(len(letter), 1)
        self.assertFalse(letter.name, "a draft, for the registry office to register")
        self.assertEqual(letter.direction, "incoming")
        self.assertEqual(letter.journal_id, self.journal_in)
        self.assertEqual(letter.delivery, "email")
        self.assertEqual(letter.partner_id.email, "petro@acme.example.com")
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", letter._name), ("res_id", "=", letter.id)]
        )
        self.assertEqual(sorted(attachments.mapped("name")), ["claim.pdf", "list.csv"])
        self.assertIn(letter.message_main_attachment_id, attachments)
        # the registry office registers it like any other letter
        letter.with_user(self.user_registrar).action_register()
        self.assertEqual(letter.name, f"TIN-{self.year}-00001")

    def test_known_contact_gives_counterparty(self):
        self.acme_contact.email = "petro@acme.example.com"
        self.env["mail.thread"].sudo().message_process(None, self._mail("Second claim"))
        letter = self.Letter.search([("subject", "=", "Second claim")])
        self.assertEqual(letter.partner_id, self.acme)
        self.assertEqual(letter.contact_id, self.acme_contact)
