from datetime import date
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged
from odoo.tools import mute_logger

from odoo.addons.wo_recurring_invoice.models.wo_document import next_period_start

from .common import WoRecurringInvoiceCommon

OCT, NOV, DEC, JAN = date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)


@tagged("post_install", "-at_install")
class TestIssueDates(WoRecurringInvoiceCommon):
    """The office's lease: two services, signed and in force from 1 October,
    invoiced by OCA's cron in October, November and December."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant = cls.env["res.partner"].create({"name": "New Tenant", "is_company": True})
        cls.billing = cls.wo_user(
            "wo_billing_dates",
            "Bohdana Billing",
            "wo_documents.group_wo_documents_reader,wo_staff.group_wo_user,"
            "account.group_account_invoice",
        )

    def october_lease(self, **vals):
        document = self.lease(date_start=OCT, invoice_date_start=OCT, **vals)
        document.message_subscribe(partner_ids=self.billing.partner_id.ids)
        self.put_in_force(document)
        for day in (OCT, NOV, DEC):
            self.run_cron(day)
        return document

    def copy_form(self, source, user=None):
        form = Form(
            self.env["wo.document.invoice.copy"]
            .with_user(user or self.user_employee)
            .with_context(default_document_id=source.id)
        )
        form.partner_ids.add(self.tenant)
        return form

    def copies(self):
        return self.Document.search([("partner_id", "=", self.tenant.id)])

    # ---------------------------------------------------------------- 1. copies
    @freeze_time("2026-12-03")
    def test_copy_never_invoices_the_past(self):
        source = self.october_lease()
        self.assertEqual(len(self.invoices_of(source)), 3, "three invoices, nothing twice")
        form = self.copy_form(source)
        self.assertFalse(form.date_start)
        self.assertEqual(form.date_first_invoice, date(2026, 12, 3), "shown before anything")
        form.save().action_copy()
        copy = self.copies()
        self.assertFalse(copy.date_start, "never the source's dates")
        self.assertFalse(copy.invoice_date_start)
        self.put_in_force(copy)
        contract = self.contract_of(copy)
        self.assertEqual(contract.date_start, date(2026, 12, 3))
        self.assertEqual(contract.recurring_next_date, date(2026, 12, 3))
        self.run_cron(date(2026, 12, 3))
        invoices = self.invoices_of(copy)
        self.assertEqual(len(invoices), 1, "December only, never October and November")
        self.assertEqual(invoices.invoice_date, date(2026, 12, 3))

    @freeze_time("2026-12-03")
    def test_copy_from_the_next_period_start(self):
        self.lease_type.invoice_start = "next_period"
        source = self.october_lease()
        form = self.copy_form(source)
        self.assertEqual(form.date_first_invoice, JAN)
        form.save().action_copy()
        copy = self.copies()
        self.put_in_force(copy)
        self.assertEqual(self.contract_of(copy).recurring_next_date, JAN)
        self.run_cron(date(2026, 12, 31))
        self.assertFalse(self.invoices_of(copy))
        self.run_cron(JAN)
        self.assertEqual(self.invoices_of(copy).invoice_date, JAN)

    @freeze_time("2026-12-03")
    def test_copy_with_its_own_start_and_backdating(self):
        source = self.october_lease(date_end=date(2027, 9, 30))
        form = self.copy_form(source)
        self.assertEqual(form.date_end, date(2027, 9, 30), "the source's validity end")
        form.date_start = date(2027, 2, 1)
        self.assertEqual(form.date_first_invoice, date(2027, 2, 1))
        form.save().action_copy()
        copy = self.copies()
        self.assertEqual((copy.date_start, copy.invoice_date_start), (date(2027, 2, 1),) * 2)
        self.put_in_force(copy)
        self.assertEqual(self.contract_of(copy).recurring_next_date, date(2027, 2, 1))
        # back-dating, confirmed explicitly: the past periods are invoiced
        other = self.env["res.partner"].create({"name": "Back-dated Tenant"})
        form = self.copy_form(source)
        form.partner_ids.clear()
        form.partner_ids.add(other)
        form.date_start = NOV
        self.assertTrue(form.is_past)
        form.is_backdated = True
        form.save().action_copy()
        backdated = self.Document.search([("partner_id", "=", other.id)])
        self.put_in_force(backdated)
        self.assertEqual(self.contract_of(backdated).recurring_next_date, NOV)

    @freeze_time("2026-12-03")
    def test_copy_bad_dates_refused_nothing_written(self):
        source = self.october_lease(date_end=date(2027, 9, 30))
        form = self.copy_form(source)
        form.date_start = date(2027, 10, 1)
        with self.assertRaisesRegex(ValidationError, "after their validity ends"):
            form.save().action_copy()
        form = self.copy_form(source)
        form.date_start = NOV
        with self.assertRaisesRegex(UserError, "Tick Invoice Past Periods"):
            form.save().action_copy()
        # an ended validity refuses a start of today as well
        form = self.copy_form(source)
        form.date_end = date(2026, 12, 1)
        with self.assertRaisesRegex(ValidationError, "after their validity ends"):
            form.save().action_copy()
        self.assertFalse(self.copies())
        self.assertFalse(self.Contract.search_count([("partner_id", "=", self.tenant.id)]))

    def test_next_period_start(self):
        day = date(2026, 12, 3)  # a Thursday
        self.assertEqual(next_period_start(day, "daily"), day)
        self.assertEqual(next_period_start(day, "weekly"), date(2026, 12, 7))
        self.assertEqual(next_period_start(day, "monthly"), JAN)
        self.assertEqual(next_period_start(DEC, "monthly"), DEC)
        self.assertEqual(next_period_start(date(2026, 11, 2), "quarterly"), JAN)
        self.assertEqual(next_period_start(date(2026, 2, 2), "semesterly"), date(2026, 7, 1))
        self.assertEqual(next_period_start(day, "yearly"), JAN)

    # ----------------------------------------------------------- 2. termination
    @freeze_time("2026-12-03")
    def test_terminating_stops_at_once_and_offers_a_credit_note(self):
        document = self.october_lease()
        contract = self.contract_of(document)
        document.action_terminate()
        document.invalidate_recordset()
        self.assertFalse(contract.active, "stopped at once, not at its lines' end")
        self.assertEqual(document.invoicing_status, "stopped")
        self.assertEqual(document.date_invoice_stop, date(2026, 12, 3))
        self.assertEqual(document.date_invoiced_until, date(2026, 12, 31))
        self.assertFalse(document.date_next_invoice)
        self.assertEqual(set(contract.contract_line_ids.mapped("date_end")), {date(2026, 12, 31)})
        # December was invoiced in advance: 28 of its 31 days are to credit
        self.assertAlmostEqual(document.amount_credit_untaxed, 1445.5 * 28 / 31, places=1)
        for day in (JAN, date(2027, 2, 1)):
            self.run_cron(day)
        self.assertEqual(len(self.invoices_of(document)), 3)
        # shown on the document (and its card)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("wo_documents.report_wo_document_card", document.ids)[0]
            .decode()
        )
        self.assertIn("Invoicing stopped on", html)

        # the credit note: for invoicing rights only
        with self.assertRaises(AccessError):
            document.with_user(self.user_employee).action_create_credit_note()
        refunds = [("move_type", "=", "out_refund"), ("partner_id", "=", self.acme.id)]
        self.assertFalse(self.env["account.move"].search_count(refunds))
        action = document.with_user(self.billing).action_create_credit_note()
        refund = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.partner_id, self.acme)
        self.assertAlmostEqual(refund.amount_untaxed, 1445.5 * 28 / 31, places=1)
        document.invalidate_recordset()
        self.assertFalse(document.amount_credit_total, "offered once")
        self.assertAlmostEqual(
            document.amount_invoiced_untaxed, 3 * 1445.5 - refund.amount_untaxed, places=2
        )
        with self.assertRaisesRegex(UserError, "credited already"):
            document.with_user(self.billing).action_create_credit_note()

    @freeze_time("2026-12-15")
    def test_post_paid_termination_by_last_invoiced_period(self):
        document = self.lease(invoicing_type="post-paid", date_start=OCT, invoice_date_start=OCT)
        self.put_in_force(document)
        for day in (NOV, DEC):
            self.run_cron(day)
        document.action_terminate()
        contract = self.contract_of(document)
        self.assertEqual(set(contract.contract_line_ids.mapped("date_end")), {date(2026, 11, 30)})
        self.run_cron(JAN)
        self.assertEqual(len(self.invoices_of(document)), 2, "December never invoiced")
        self.assertFalse(document.amount_credit_total)

    @freeze_time("2026-12-15")
    def test_post_paid_termination_by_termination_date(self):
        self.lease_type.invoice_stop = "termination"
        document = self.lease(invoicing_type="post-paid", date_start=OCT, invoice_date_start=OCT)
        self.put_in_force(document)
        for day in (NOV, DEC):
            self.run_cron(day)
        document.action_terminate()
        contract = self.contract_of(document)
        self.assertFalse(contract.active)
        self.assertEqual(set(contract.contract_line_ids.mapped("date_end")), {date(2026, 12, 15)})
        self.assertEqual(len(self.invoices_of(document)), 3, "1-15 December invoiced at once")
        self.run_cron(JAN)
        self.assertEqual(len(self.invoices_of(document)), 3)
        self.assertEqual(document.date_invoiced_until, date(2026, 12, 15))

    # ---------------------------------------------------------------- 3. amounts
    @freeze_time("2026-12-03")
    def test_amounts_add_up_with_and_without_tax(self):
        tax = self.env["account.tax"].create(
            {
                "name": "VAT 20 (WO test)",
                "amount": 20,
                "type_tax_use": "sale",
                "company_id": self.company.id,
            }
        )
        self.rent.taxes_id = tax
        document = self.october_lease()
        self.assertAlmostEqual(document.invoice_amount, 1445.5)
        self.assertAlmostEqual(document.invoice_amount_total, 1400 * 1.2 + 45.5)
        self.assertEqual(document.invoice_count, 3)
        self.assertAlmostEqual(document.amount_invoiced_untaxed, 3 * document.invoice_amount)
        self.assertAlmostEqual(document.amount_invoiced, 3 * document.invoice_amount_total)
        self.assertEqual(
            document.invoice_line_ids.mapped("price_total"), [1400 * 1.2, 45.5], "per line"
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("wo_documents.report_wo_document_card", document.ids)[0]
            .decode()
        )
        self.assertIn("untaxed", html)
        self.assertIn("with tax", html)
        # the counterparty: what its documents in force invoice each period
        self.acme.invalidate_recordset()
        self.assertAlmostEqual(self.acme.wo_invoice_amount, 1445.5)
        self.assertAlmostEqual(self.acme.wo_invoice_amount_total, 1400 * 1.2 + 45.5)
        self.assertFalse(self.acme.with_user(self.user_no_wo).wo_invoice_amount)
        # a reader sees both
        reader = self.levels["reader"]
        document.message_subscribe(partner_ids=reader.partner_id.ids)
        values = document.with_user(reader).web_read(
            {"invoice_amount_total": {}, "amount_invoiced_untaxed": {}}
        )[0]
        self.assertAlmostEqual(values["amount_invoiced_untaxed"], 3 * 1445.5)

    # ---------------------------------------------------------------- 4. failure
    def test_failed_invoicing_shows_on_the_document(self):
        failing = self.lease(responsible_id=self.user_employee.id)
        other = self.lease(partner_id=self.tenant.id)
        for document in failing | other:
            self.put_in_force(document)
        Contract = type(self.env["contract.contract"])
        prepare = Contract._prepare_invoice

        def prepare_or_fail(contract, date_invoice, journal=None):
            if contract.wo_document_id == failing:
                raise ValueError("The rent has no income account")
            return prepare(contract, date_invoice, journal=journal)

        activity_type = self.env.ref("wo_recurring_invoice.mail_activity_type_invoice_failed")
        with (
            patch.object(Contract, "_prepare_invoice", prepare_or_fail),
            mute_logger("odoo.addons.contract.models.contract"),
        ):
            self.run_cron(self.start)
            self.run_cron(self.start)
        self.assertEqual(len(self.invoices_of(other)), 1, "the others are invoiced")
        self.assertFalse(self.invoices_of(failing))
        self.assertIn("no income account", failing.invoice_error)
        activities = failing.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(len(activities), 1, "one activity while it fails")
        self.assertEqual(activities.user_id, self.user_employee)
        self.assertIn("no income account", failing.message_ids[:1].body)
        # the next good run clears it
        self.run_cron(self.start)
        self.assertFalse(failing.invoice_error)
        self.assertEqual(len(self.invoices_of(failing)), 1)
        self.assertFalse(
            failing.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        )
