import base64
import smtplib
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_mail_server import MailDeliveryException

from .common import WoMailingCommon


@tagged("post_install", "-at_install")
class TestSending(WoMailingCommon):
    """Priority, mailbox, personal text, attachments, failures and retries,
    on top of mass_mailing's own queue."""

    def test_priority_headers(self):
        high = self.make_mailing(wo_priority="1", wo_partner_ids=[Command.set(self.carl.ids)])
        low = self.make_mailing(
            wo_priority="5", wo_category_ids=[Command.set(self.vip.ids)], subject="Low"
        )
        with self.mock_mail_gateway():
            self.send(high)
            self.send(low)
        self.assertEqual(len(self._mails), 5, "2 dealers with e-mail + carl, then 2 VIPs")
        for mail in self._mails:
            expected = (
                {"X-Priority": "5 (Lowest)", "Importance": "low", "Priority": "non-urgent"}
                if mail["subject"] == "Low"
                else {"X-Priority": "1 (Highest)", "Importance": "high", "Priority": "urgent"}
            )
            message = mail["EmailMessage"]
            for header, value in expected.items():
                self.assertEqual(mail["headers"][header], value)
                self.assertEqual(message[header], value, "in the message itself")
        self.assertEqual(set(self._new_mails.mapped("wo_priority")), {"1", "5"})

    def test_kind_gives_priority(self):
        notice = self.env.ref("wo_mailing.wo_mailing_kind_notice")
        mailing = self.make_mailing(wo_kind_id=notice.id)
        self.assertEqual(mailing.wo_priority, "1")
        self.assertEqual(self.make_mailing().wo_priority, "3")

    def test_high_priority_leaves_queue_first(self):
        normal = self.make_mailing(subject="Normal", wo_category_ids=[Command.set(self.vip.ids)])
        low = self.make_mailing(subject="Low", wo_priority="5")
        high = self.make_mailing(
            subject="High", wo_priority="1", wo_partner_ids=[Command.set(self.carl.ids)]
        )
        with self.mock_mail_gateway():
            for mailing in normal | low | high:
                mailing.action_launch()
            self.run_queue_cron()
            self.assertEqual(len(self._mails), 0, "queued, not sent")
            # a batch of one: the high-priority message, though queued last
            self.env["mail.mail"].process_email_queue(batch_size=1)
            self.assertEqual([mail["subject"] for mail in self._mails], ["High"])
            self._init_mail_mock()
            self.env["mail.mail"].process_email_queue()
        subjects = [mail["subject"] for mail in self._mails]
        self.assertEqual(subjects, ["High"] * 2 + ["Normal"] * 2 + ["Low"] * 2)

    def test_high_priority_first_in_one_batch(self):
        normal = self.make_mailing(subject="Normal")
        high = self.make_mailing(subject="High", wo_priority="1")
        with self.mock_mail_gateway():
            (normal | high).action_launch()
            self.run_queue_cron()
            self.env["mail.mail"].process_email_queue()
        subjects = [mail["subject"] for mail in self._mails]
        self.assertEqual(subjects, ["High"] * 2 + ["Normal"] * 2)

    def test_personal_text(self):
        mailing = self.make_mailing(wo_partner_ids=[Command.set((self.carl | self.bob).ids)])
        with self.mock_mail_gateway():
            self.send(mailing)
        self.assertEqual(len(self._mails), 3)
        expected = {
            self.ann: "Ms. Ann Smith of Acme Supplies",
            self.bob: "Mr. Bob Brown of ",
            self.carl: " Carl Clark of ",
        }
        for partner, text in expected.items():
            (mail,) = self.sent_to(partner)
            self.assertIn(partner.name, mail["subject"])
            self.assertIn(partner.name, mail["body"])
            self.assertEqual(mail["subject"], f"{text}: price list")
            self.assertIn(f"Dear {text}, prices inside.", mail["body"])
            self.assertNotIn("{name}", mail["body"])

    def test_personal_text_escaped(self):
        self.carl.name = "Carl <b>Clark</b>"
        mailing = self.make_mailing(wo_category_ids=[], wo_partner_ids=self.carl.ids)
        with self.mock_mail_gateway():
            self.send(mailing)
        (mail,) = self._mails
        self.assertIn("Carl &lt;b&gt;Clark&lt;/b&gt;", mail["body"])
        self.assertIn("Carl <b>Clark</b>", mail["subject"])

    def test_preview(self):
        mailing = self.make_mailing(wo_preview_partner_id=self.ann.id)
        self.assertEqual(mailing.wo_preview_subject, "Ms. Ann Smith of Acme Supplies: price list")
        self.assertIn("Dear Ms. Ann Smith of Acme Supplies", mailing.wo_preview_body)
        mailing.wo_preview_partner_id = self.carl
        self.assertEqual(mailing.wo_preview_subject, " Carl Clark of : price list")

    def test_attachments_sent_with_every_message(self):
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.author)
            .create(
                {
                    "name": "prices.pdf",
                    "datas": base64.b64encode(b"%PDF-1.4 WO prices"),
                    "mimetype": "application/pdf",
                }
            )
        )
        mailing = self.make_mailing(attachment_ids=[Command.set(attachment.ids)])
        with self.mock_mail_gateway():
            self.send(mailing)
        self.assertEqual(len(self._mails), 2)
        for mail in self._mails:
            self.assertEqual(
                [(name, content) for name, content, _mime in mail["attachments"]],
                [("prices.pdf", b"%PDF-1.4 WO prices")],
            )

    def test_mailbox_is_the_server_used(self):
        mailing = self.make_mailing(mail_server_id=self.mailbox.id)
        with self.mock_mail_gateway():
            self.send(mailing)
        self.assertEqual(len(self._mails), 2)
        self.assertEqual(self._new_mails.mail_server_id, self.mailbox)
        self.assertEqual(
            {call.kwargs["mail_server_id"] for call in self.connect_mocked.call_args_list},
            {self.mailbox.id},
        )

    def test_smtp_failure_then_retry(self):
        mailing = self.make_mailing(wo_category_ids=[Command.set(self.vip.ids)])
        with self.mock_mail_gateway(), mute_logger("odoo.addons.mail.models.mail_mail"):
            mailing.action_launch()
            self.run_queue_cron()
            # the SMTP server refuses: Odoo's own mock of send_email raises
            self.send_email_mocked.side_effect = MailDeliveryException(
                "Mail Delivery Failed",
                smtplib.SMTPDataError(554, b"5.7.1 Rejected by WO test"),
            )
            self.env["mail.mail"].process_email_queue()
        mails = self._new_mails
        self.assertEqual(len(mails), 2)
        self.assertEqual(set(mails.mapped("state")), {"exception"})
        for mail in mails:
            self.assertIn("Rejected by WO test", mail.failure_reason)
        self.assertEqual(mailing.failed, 2)
        self.assertEqual(set(mailing.mailing_trace_ids.mapped("trace_status")), {"error"})

        mailing.with_user(self.author).action_retry_failed()
        self.assertEqual(mailing.state, "in_queue")
        with self.mock_mail_gateway():
            self.run_queue_cron()
            self.env["mail.mail"].process_email_queue()
        self.assertEqual(len(self._mails), 2)
        self.assertEqual(set(self._new_mails.mapped("state")), {"sent"})
        self.assertEqual(set(mailing.mailing_trace_ids.mapped("trace_status")), {"sent"})
        self.assertEqual(mailing.state, "done")

    def test_cron_rerun_sends_nothing_twice(self):
        mailing = self.make_mailing(wo_partner_ids=[Command.set(self.carl.ids)])
        with (
            self.mock_mail_gateway(),
            patch.object(
                type(self.env["mailing.mailing"]), "_wo_mailing_sent", autospec=True
            ) as hook,
        ):
            mailing.action_launch()
            for _run in range(2):
                self.run_queue_cron()
                self.env["mail.mail"].process_email_queue()
            # even put back in the queue, the traces keep it from resending
            mailing.action_put_in_queue()
            self.run_queue_cron()
            self.env["mail.mail"].process_email_queue()
        self.assertEqual(len(self._mails), 3)
        self.assertEqual(
            sorted(address for mail in self._mails for address in mail["email_to"]),
            sorted((self.ann | self.bob | self.carl).mapped("email_formatted")),
        )
        self.assertEqual(len(mailing.mailing_trace_ids), 3)
        self.assertEqual(hook.call_count, 1, "the hook for a bridge runs once")

    def test_refused_without_subject_or_recipients(self):
        nobody = self.env["res.partner.category"].create({"name": "WO Empty group"})
        empty = self.make_mailing(wo_category_ids=[Command.set(nobody.ids)])
        self.assertEqual(empty.total, 0)
        with self.assertRaisesRegex(UserError, "has no recipients"):
            empty.action_launch()
        self.assertEqual(empty.state, "draft")
        no_subject = self.make_mailing(subject="   ")
        with self.assertRaisesRegex(UserError, "has no subject"):
            no_subject.action_launch()
        with self.assertRaisesRegex(UserError, "has no subject"):
            no_subject.action_send_mail()
        self.assertEqual(no_subject.state, "draft")
        self.assertFalse(
            self.env["mail.mail"].search([("mailing_id", "in", (empty | no_subject).ids)])
        )
        on_lists = self.make_mailing(
            wo_category_ids=[],
            mailing_model_id=self.env["ir.model"]._get_id("mailing.list"),
            subject="Lists",
        )
        with self.assertRaisesRegex(UserError, "has no recipients"):
            on_lists.action_put_in_queue()
        self.assertEqual(on_lists.state, "draft")

    def test_form(self):
        """As in the web client: a new WO mailing goes to counterparties, the
        kind sets the priority, the count and the preview follow the choices."""
        Mailing = self.env["mailing.mailing"].with_user(self.author)
        form = Form(Mailing.with_context(wo_mailing=True))
        self.assertEqual(form.mailing_model_name, "res.partner")
        form.subject = "Hello {name}"
        form.wo_kind_id = self.env.ref("wo_mailing.wo_mailing_kind_notice")
        self.assertEqual(form.wo_priority, "1")
        form.wo_category_ids.add(self.dealers)
        self.assertEqual(form.total, 2)
        form.wo_partner_ids.add(self.carl)
        form.wo_partner_ids.add(self.ann)
        self.assertEqual(form.total, 3, "ann once")
        form.wo_preview_partner_id = self.ann
        self.assertEqual(form.wo_preview_subject, "Hello Ann Smith")
        form.mail_server_id = self.mailbox
        mailing = form.save()
        expected = (self.ann | self.bob | self.carl).ids
        self.assertEqual(sorted(mailing._get_recipients()), sorted(expected))
        self.assertEqual(mailing.mail_server_id, self.mailbox)
