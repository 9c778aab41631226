import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import WoRecordsCommon


@tagged("post_install", "-at_install")
class TestFamiliarisation(WoRecordsCommon):
    """Familiarisation lists: sent to employees or departments, each
    confirms reading, the rest are reminded once after the deadline."""

    def send(self, record, users=None, departments=None, deadline=None, sender=None):
        wizard = (
            self.env["wo.records.familiarise"]
            .with_user(sender or self.user_head)
            .create(
                {
                    "res_model": record._name,
                    "res_id": record.id,
                    "user_ids": [(6, 0, users.ids if users else [])],
                    "department_ids": [(6, 0, departments.ids if departments else [])],
                    "date_deadline": deadline,
                    "message": "Read it before Monday",
                }
            )
        )
        wizard.action_send()
        return self.env["wo.records.familiarisation"].search(
            [
                (
                    "document_id" if record._name == "wo.document" else "correspondence_id",
                    "=",
                    record.id,
                )
            ],
            order="id desc",
            limit=1,
        )

    def test_send_to_people_and_departments(self):
        document = self.draft(user=self.user_head)
        listing = self.send(document, self.user_accountant, self.dep_legal, self.today)
        readers = listing.line_ids.user_id
        self.assertEqual(
            readers,
            self.user_accountant
            | self.user_head
            | self.user_deputy
            | self.user_deputy_2
            | self.user_employee,
            "Legal and its sub-department Contracts",
        )
        for line in listing.line_ids:
            self.assertEqual(line.activity_id.user_id, line.user_id)
            self.assertEqual(line.activity_id.res_id, document.id)
            self.assertTrue(document.with_user(line.user_id).has_access("read"))
        self.assertEqual((listing.read_count, listing.line_count, listing.state), (0, 5, "reading"))

    def test_confirm_read(self):
        document = self.draft(user=self.user_head)
        listing = self.send(document, self.user_accountant | self.user_employee)
        line = listing.line_ids.filtered(lambda l: l.user_id == self.user_accountant)
        with self.assertRaisesRegex(UserError, "their own reading"):
            line.with_user(self.user_employee).action_confirm_read()
        self.assertFalse(line.date_read)
        listing.with_user(self.user_accountant).action_confirm_read()
        self.assertTrue(line.date_read)
        self.assertFalse(line.activity_id.active, "its activity is done")
        with self.assertRaisesRegex(UserError, "Nothing here waits"):
            listing.with_user(self.user_accountant).action_confirm_read()
        # marking the activity done in the activity menu confirms it too
        other = listing.line_ids - line
        other.activity_id.with_user(self.user_employee).action_feedback(feedback="ok")
        self.assertTrue(other.date_read)
        self.assertEqual(listing.state, "done")

    def test_who_cannot_read_it_is_refused(self):
        confidential = self.env.ref("wo_documents.wo_document_type_memo").copy(
            {
                "name": "Secret memo",
                "code": "SEC",
                "confidential": True,
                "confidential_user_ids": [(6, 0, self.user_head.ids)],
            }
        )
        document = self.draft(user=self.user_head, type_id=confidential.id, partner_id=False)
        count = self.env["wo.records.familiarisation"].search_count([])
        with self.assertRaisesRegex(UserError, "cannot read"):
            self.send(document, self.user_accountant)
        self.assertEqual(self.env["wo.records.familiarisation"].search_count([]), count)
        self.assertNotIn(self.user_accountant.partner_id, document.message_partner_ids)
        with self.assertRaisesRegex(UserError, "deadline has passed"):
            self.send(document, self.user_head, deadline=self.today - datetime.timedelta(days=1))
        with self.assertRaisesRegex(UserError, "Choose the employees"):
            self.send(document)

    def test_list_readers(self):
        letter = self.registered()
        listing = self.send(letter, self.user_accountant, sender=self.user_registrar)
        self.assertTrue(listing.with_user(self.user_accountant).name)
        self.assertTrue(listing.with_user(self.user_registrar).name)
        with self.assertRaises(AccessError):
            listing.with_user(self.user_outsider).read(["name"])
        with self.assertRaises(AccessError):
            listing.line_ids.with_user(self.user_accountant).write({"date_read": "2020-01-01"})
        self.assertTrue(listing.with_user(self.user_director).name)

    def run_cron(self):
        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            self.env["wo.records.familiarisation"].with_env(self.env(cr=cr))._cron_remind(
                batch_size=2
            )
        self.env.invalidate_all()

    def test_reminded_once_after_the_deadline(self):
        letter = self.registered()
        listing = self.send(
            letter,
            self.user_accountant | self.user_employee,
            sender=self.user_registrar,
            deadline=self.today,
        )
        listing.with_user(self.user_employee).action_confirm_read()
        self.run_cron()
        self.assertFalse(any(listing.line_ids.mapped("date_reminded")), "the deadline is today")
        listing.date_deadline = self.today - datetime.timedelta(days=1)
        self.run_cron()
        late = listing.line_ids.filtered(lambda l: l.user_id == self.user_accountant)
        self.assertEqual(late.date_reminded, self.today)
        self.assertFalse((listing.line_ids - late).date_reminded, "read: not reminded")
        notices = self.env["mail.message"].search(
            [
                ("model", "=", "wo.correspondence"),
                ("res_id", "=", letter.id),
                ("subject", "like", "Not read yet"),
            ]
        )
        self.assertEqual(len(notices), 1)
        self.assertEqual(notices.partner_ids, self.user_accountant.partner_id)
        self.run_cron()
        self.assertEqual(
            self.env["mail.message"].search_count(
                [
                    ("model", "=", "wo.correspondence"),
                    ("res_id", "=", letter.id),
                    ("subject", "like", "Not read yet"),
                ]
            ),
            1,
        )

    def test_printed_on_the_approval_sheet_and_card(self):
        document = self.draft(user=self.user_head)
        listing = self.send(document, self.user_accountant)
        listing.with_user(self.user_accountant).action_confirm_read()
        for report in (
            "wo_documents.action_report_wo_document_approval_sheet",
            "wo_documents.action_report_wo_document_card",
        ):
            html = self.env["ir.actions.report"]._render_qweb_html(report, document.ids)[0].decode()
            self.assertIn("Familiarisation", html)
            self.assertIn("Alla Accountant", html)
        letter = self.registered()
        self.send(letter, self.user_employee, sender=self.user_registrar)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("wo_correspondence.wo_correspondence_card_report", letter.ids)[0]
            .decode()
        )
        self.assertIn("Emil Employee", html)
        self.assertIn("not read", html)
        self.assertIn("02-07", html)
