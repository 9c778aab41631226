from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import WoDocumentsCommon


@tagged("post_install", "-at_install")
class TestDocuments(WoDocumentsCommon):
    """Registration, lifecycle, agreements, originals, bad input."""

    def test_registration_number_unique_and_never_reused(self):
        first = self.draft()
        first.action_register()
        year = fields.Date.context_today(first).year
        self.assertTrue(first.name.startswith(f"CTR-{year}-"))
        self.assertEqual(first.date_registration, fields.Date.context_today(first))
        with self.assertRaisesRegex(UserError, "already registered"):
            first.action_register()
        first.action_cancel()
        second = self.draft()
        second.action_register()
        self.assertNotEqual(second.name, first.name, "a cancelled number is not given again")
        self.assertGreater(second.name, first.name)
        with self.assertRaisesRegex(UserError, "never deleted"):
            first.sudo().unlink()

    def test_lifecycle_refuses_moves_out_of_order(self):
        document = self.draft()
        with self.assertRaisesRegex(UserError, "cannot go from Draft to Signed"):
            document.write({"state": "signed"})
        with self.assertRaisesRegex(UserError, "cannot go from Draft to In force"):
            document.action_put_in_force()
        with self.assertRaisesRegex(UserError, "is not approved: it cannot be signed"):
            document.action_mark_signed()
        self.assertEqual(document.state, "draft")

    def test_full_life_without_route(self):
        reminder = self.env.ref("wo_documents.wo_document_type_reminder")
        document = self.draft(type_id=reminder.id, partner_id=False)
        document.action_approve_without_route()
        document.action_mark_signed()
        self.assertTrue(document.is_signed)
        document.action_put_in_force()
        document.action_complete()
        self.assertEqual(document.state, "completed")
        with self.assertRaisesRegex(UserError, "cannot go from Completed"):
            document.action_terminate()

    def test_agreements_only_under_an_allowing_contract(self):
        contract = self.draft()
        agreement = self.draft(
            type_id=self.agreement_type.id, parent_id=contract.id, subject="Prices 2027"
        )
        self.assertEqual(contract.agreement_ids, agreement)
        self.assertEqual(contract.agreement_count, 1)
        memo = self.draft(type_id=self.memo_type.id, partner_id=False, amount=0)
        with self.assertRaisesRegex(ValidationError, "takes no supplementary agreements"):
            self.draft(type_id=self.agreement_type.id, parent_id=memo.id)
        with self.assertRaisesRegex(ValidationError, "names its main contract"):
            self.draft(type_id=self.agreement_type.id)

    def test_bad_input_nothing_written(self):
        count = self.Document.search_count([])
        with self.assertRaisesRegex(ValidationError, "name the second party"):
            self.draft(partner_id=False)
        today = fields.Date.context_today(self.Document)
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"):
            self.draft(date_start=today, date_end=today - timedelta(days=1))
        with self.assertRaisesRegex(ValidationError, "cannot have a negative amount"):
            self.draft(amount=-5)
        self.assertEqual(self.Document.search_count([]), count)
        document = self.draft()
        with self.assertRaisesRegex(ValidationError, "cannot come back before it was given"):
            self.env["wo.document.custody"].create(
                {
                    "document_id": document.id,
                    "holder_id": self.user_head.id,
                    "date_given": today,
                    "date_returned": today - timedelta(days=2),
                }
            )
        self.assertFalse(document.custody_ids)

    def test_paper_originals(self):
        document = self.draft()
        today = fields.Date.context_today(document)
        custody = self.env["wo.document.custody"].create(
            {
                "document_id": document.id,
                "holder_id": self.user_accountant.id,
                "location": "Safe 2",
                "date_given": today - timedelta(days=10),
                "date_due": today - timedelta(days=1),
            }
        )
        self.assertTrue(document.is_original_out)
        self.assertEqual(document.original_holder_id, self.user_accountant)
        self.assertEqual(document.original_location, "Safe 2")
        for _run in range(2):
            with self.enter_registry_test_mode(), self.registry.cursor() as cr:
                self.env(cr=cr)["wo.document.custody"]._cron_remind_overdue_returns()
        reminders = document.activity_ids.filtered(lambda a: a.user_id == self.user_accountant)
        self.assertEqual(len(reminders), 1, "reminded once")
        custody.date_returned = today
        self.assertFalse(document.is_original_out)

    def test_reminders_before_control_date_and_validity_end(self):
        today = fields.Date.context_today(self.Document)
        self.contract_type.remind_user_ids = self.user_head
        document = self.draft(
            date_control=today + timedelta(days=2),
            date_end=today + timedelta(days=20),
            date_start=today,
        )
        for _run in range(2):
            with self.enter_registry_test_mode(), self.registry.cursor() as cr:
                self.env(cr=cr)["wo.document"]._cron_remind_dates()
        # the responsible, and whom the type names
        for user in (self.user_employee, self.user_head):
            activities = document.activity_ids.filtered(lambda a, u=user: a.user_id == u)
            summaries = activities.mapped("summary")
            self.assertEqual(len([s for s in summaries if s.startswith("Control date")]), 1, "once")
            self.assertEqual(
                len([s for s in summaries if s.startswith("End of validity")]), 1, "30 days ahead"
            )

    def test_card_and_approval_sheet(self):
        document = self.draft()
        document.action_register()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("wo_documents.report_wo_document_card", document.ids)[0]
            .decode()
        )
        self.assertIn(document.name, html)
        self.assertIn("Acme Supplies", html)
        sheet = (
            self.env["ir.actions.report"]
            ._render_qweb_html("wo_documents.report_wo_document_approval_sheet", document.ids)[0]
            .decode()
        )
        self.assertIn("Approval sheet", sheet)
        with self.allow_pdf_render():
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(
                    "wo_documents.action_report_wo_document_approval_sheet", document.ids
                )
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
