import base64
import datetime
import io
import zipfile

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WoRecordsCommon


def xlsx_text(action, env):
    """The strings of the spreadsheet an action downloads."""
    export_id = int(action["url"].split("/")[4])
    data = base64.b64decode(env["wo.records.export"].browse(export_id).file)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return book.read("xl/sharedStrings.xml").decode()


@tagged("post_install", "-at_install")
class TestClosing(WoRecordsCommon):
    """The year's end: cases closed in bulk, inventories, the archivist
    reminded once."""

    def close_wizard(self, plan=None, **vals):
        wizard = (
            self.env["wo.records.case.close"]
            .with_user(self.user_archivist)
            .create({"plan_id": (plan or self.plan).id, **vals})
        )
        return wizard

    def test_close_the_year_in_bulk(self):
        letter = self.registered()
        wizard = self.close_wizard()
        self.assertEqual(wizard.case_ids, self.plan.case_ids)
        wizard.date_close = self.today
        wizard.action_close()
        self.assertEqual(set(self.plan.case_ids.mapped("state")), {"closed"})
        self.assertEqual(self.plan.state, "closed")
        self.assertEqual(self.case_letters.date_close, self.today)
        self.assertEqual(self.case_letters.date_expiry, datetime.date(self.year + 1 + 5, 1, 1))
        # nothing more goes in; the letter stays
        with self.assertRaisesRegex(UserError, "accepts no record"):
            self.draft().with_user(self.user_archivist).records_case_id = self.case_letters
        self.assertEqual(letter.records_case_id, self.case_letters)
        # a new letter of the year is not filed: no open case is left
        self.assertFalse(self.registered().records_case_id)

    def test_close_refuses_a_date_before_opening_and_a_closed_case(self):
        wizard = self.close_wizard(date_close=datetime.date(self.year - 1, 12, 31))
        with self.assertRaisesRegex(UserError, "cannot close before"):
            wizard.action_close()
        self.assertEqual(self.case_letters.state, "open")
        self.case_letters.with_user(self.user_archivist).action_close()
        with self.assertRaisesRegex(UserError, "is not open"):
            self.case_letters.with_user(self.user_archivist).action_close()
        self.case_letters.with_user(self.user_archivist).action_reopen()
        self.assertEqual(self.case_letters.state, "open")
        self.assertFalse(self.case_letters.date_close)

    def test_inventory_pdf_and_xlsx(self):
        first = self.registered(subject="Delivery claim", page_count=4)
        second = self.registered(subject="Price list", page_count=2)
        self.case_letters.with_user(self.user_archivist).action_close()
        rows = self.case_letters.with_user(self.user_archivist)._inventory_rows()
        self.assertEqual([row["number"] for row in rows], [first.name, second.name])
        self.assertEqual(self.case_letters.page_count, 6)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "wo_records.wo_records_case_inventory_report", self.case_letters.ids
            )[0]
            .decode()
        )
        self.assertIn(first.name, html)
        self.assertIn("Price list", html)
        text = xlsx_text(
            self.case_letters.with_user(self.user_archivist).action_export_inventory(), self.env
        )
        self.assertIn(second.name, text)
        self.assertIn("Delivery claim", text)

    def test_spreadsheets_belong_to_their_user(self):
        self.case_letters.title = "Letters [in/out]: *all* ?"
        self.case_letters.with_user(self.user_archivist).action_close()
        action = self.case_letters.with_user(self.user_archivist).action_export_inventory()
        export_id = int(action["url"].split("/")[4])
        Export = self.env["wo.records.export"]
        self.assertTrue(Export.with_user(self.user_archivist).browse(export_id).file)
        self.assertFalse(Export.with_user(self.user_employee).search([("id", "=", export_id)]))

    def test_file_plan_pdf_and_xlsx(self):
        self.make_case("01-01", "Orders", article_id=self.article_orders.id)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("wo_records.wo_records_plan_report", self.plan.ids)[0]
            .decode()
        )
        self.assertIn("04-01", html)
        self.assertIn("Permanent", html)
        self.assertIn("02 Legal", html)
        text = xlsx_text(self.plan.with_user(self.user_employee).action_export_xlsx(), self.env)
        self.assertIn("Letters from counterparties", text)
        self.assertIn("5 years", text)

    def run_cron(self, model, method, **kwargs):
        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            getattr(self.env[model].with_env(self.env(cr=cr)), method)(**kwargs)
        self.env.invalidate_all()

    def reminders(self, plans):
        return self.env["mail.activity"].search(
            [("res_model", "=", "wo.records.plan"), ("res_id", "in", plans.ids)]
        )

    def test_reminder_to_close_once(self):
        old = self.Plan.browse()
        for years_ago in (1, 2, 3):
            plan = self.Plan.create(
                {"year": self.year - years_ago, "user_id": self.user_archivist.id}
            )
            self.make_case("01", "x", plan=plan)
            plan.with_user(self.user_archivist).action_approve()
            old |= plan
        self.run_cron("wo.records.plan", "_cron_remind_closing", batch_size=2)
        reminded = self.reminders(old)
        self.assertEqual(len(reminded), 3)
        self.assertEqual(reminded.user_id, self.user_archivist)
        december = self.today.month == 12
        self.assertEqual(len(self.reminders(self.plan)), 1 if december else 0)
        self.run_cron("wo.records.plan", "_cron_remind_closing", batch_size=2)
        self.assertEqual(len(self.reminders(old)), 3, "once")

    def test_reminder_resumes_after_a_crash(self):
        self.plan.date_close_reminded = self.today
        plans = self.Plan.browse()
        for years_ago in range(1, 6):
            plan = self.Plan.create(
                {"year": self.year - years_ago, "user_id": self.user_archivist.id}
            )
            self.make_case("01", "x", plan=plan)
            plan.with_user(self.user_archivist).action_approve()
            plans |= plan
        # the worker dies in the third batch, when it makes its activities
        self.assertTrue(
            self.crashed_on_third_batch(
                lambda: self.run_cron("wo.records.plan", "_cron_remind_closing", batch_size=2)
            )
        )
        self.assertEqual(len(self.reminders(plans)), 4, "two batches were committed")
        self.run_cron("wo.records.plan", "_cron_remind_closing", batch_size=2)
        self.assertEqual(len(self.reminders(plans)), 5)
        for plan in plans:
            self.assertEqual(len(self.reminders(plan)), 1, plan.year)
