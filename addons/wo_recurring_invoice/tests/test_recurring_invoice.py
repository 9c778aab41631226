from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.wo_recurring_invoice.models.wo_document import INVOICING_TYPES, RULE_TYPES

from .common import WoRecurringInvoiceCommon


@tagged("post_install", "-at_install")
class TestRecurringInvoice(WoRecurringInvoiceCommon):
    def test_signing_starts_three_periods_terminating_stops(self):
        document = self.lease()
        self.sign(document)
        self.assertEqual(document.state, "signed")
        self.assertFalse(self.contract_of(document), "signed, not yet in force: no invoicing")
        document.action_put_in_force()
        contract = self.contract_of(document)
        self.assertEqual(len(contract), 1)
        self.assertTrue(contract.active)
        self.assertEqual(contract.partner_id, self.acme)
        self.assertEqual(contract.journal_id, self.sale_journal)
        self.assertEqual(contract.recurring_rule_type, "monthly")
        # the period on each line (see _wo_contract_values)
        self.assertTrue(contract.line_recurrence)
        self.assertEqual(set(contract.contract_line_ids.mapped("recurring_rule_type")), {"monthly"})
        self.assertEqual(contract.date_start, self.start)
        self.assertEqual(contract.recurring_next_date, self.start)
        self.assertFalse(contract.date_end)

        for month in range(3):
            self.run_cron(self.start + relativedelta(months=month))
            # a second run on the same day invoices nothing more
            self.run_cron(self.start + relativedelta(months=month))
        invoices = self.invoices_of(document)
        self.assertEqual(len(invoices), 3)
        for invoice in invoices:
            self.assertEqual(invoice.move_type, "out_invoice")
            self.assertEqual(invoice.partner_id, self.acme)
            self.assertEqual(invoice.journal_id, self.sale_journal)
            lines = invoice.invoice_line_ids.sorted("sequence")
            self.assertEqual(
                [(line.product_id, line.quantity, line.price_unit) for line in lines],
                [(self.rent, 2, 700.0), (self.cleaning, 1, 45.5)],
            )
            self.assertAlmostEqual(invoice.amount_untaxed, 1445.5)
        self.assertEqual(
            sorted(invoices.mapped("invoice_date")),
            [self.start + relativedelta(months=m) for m in range(3)],
        )

        # on the document: smart button and totals
        document.invalidate_recordset()
        self.assertEqual(document.invoice_count, 3)
        self.assertEqual(document.recurring_contract_id, contract)
        self.assertAlmostEqual(document.amount_invoiced, sum(invoices.mapped("amount_total")))
        self.assertEqual(document.amount_paid, 0)
        first = invoices.sorted("invoice_date")[0]
        first.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=first.ids
        ).create({})._create_payments()
        document.invalidate_recordset()
        self.assertAlmostEqual(document.amount_paid, first.amount_total)
        action = document.with_env(self.env).action_view_invoices()
        self.assertEqual(self.env["account.move"].search(action["domain"]), invoices)

        document.action_terminate()
        self.assertEqual(document.state, "terminated")
        for month in range(3, 7):
            self.run_cron(self.start + relativedelta(months=month))
        self.assertEqual(len(self.invoices_of(document)), 3, "terminated: no more invoices")
        # invoiced in advance up to the end of the third period: it ends there
        self.assertEqual(contract.date_end, self.start + relativedelta(months=3, days=-1))

    def test_completing_stops(self):
        document = self.lease(invoice_date_start=self.today)
        self.put_in_force(document)
        self.run_cron(self.today)
        document.action_complete()
        end = self.contract_of(document).date_end
        # a later correction of the validity does not restart it
        document.date_end = self.today + relativedelta(years=1)
        self.assertEqual(self.contract_of(document).date_end, end)
        self.run_cron(self.today + relativedelta(months=1))
        self.run_cron(self.today + relativedelta(months=2))
        self.assertEqual(len(self.invoices_of(document)), 1)

    def test_terminated_before_the_start_invoices_nothing(self):
        document = self.lease(invoice_date_start=self.today + relativedelta(months=1))
        self.put_in_force(document)
        document.action_terminate()
        contract = self.contract_of(document)
        self.assertTrue(all(contract.contract_line_ids.mapped("is_canceled")))
        for month in range(1, 4):
            self.run_cron(self.today + relativedelta(months=month))
        self.assertFalse(self.invoices_of(document))

    def test_validity_end_is_the_contract_end(self):
        end = self.start + relativedelta(months=1, days=10)
        document = self.lease(date_start=self.start, date_end=end)
        self.put_in_force(document)
        contract = self.contract_of(document)
        self.assertEqual(contract.date_end, end)
        for month in range(5):
            self.run_cron(self.start + relativedelta(months=month))
        invoices = self.invoices_of(document)
        self.assertEqual(len(invoices), 2, "a full month, then the rest up to the validity end")
        # a longer validity while in force: the contract follows
        longer = self.start + relativedelta(months=4, days=-1)
        document.date_end = longer
        self.assertEqual(contract.date_end, longer)
        # never before what was invoiced already
        with self.assertRaisesRegex(UserError, "already invoiced until"):
            document.date_end = self.start + relativedelta(days=3)
        self.assertEqual(document.date_end, longer)
        self.assertEqual(contract.date_end, longer)

    def test_one_contract_per_document(self):
        document = self.lease()
        self.put_in_force(document)
        contract = self.contract_of(document)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            contract.copy({"wo_document_id": document.id})
            self.env.flush_all()

    def test_no_lines_refused_nothing_written(self):
        document = self.lease(lines=[])
        self.sign(document)
        with self.assertRaisesRegex(UserError, "has no lines"):
            document.action_put_in_force()
        self.assertEqual(document.state, "signed")
        self.assertFalse(self.contract_of(document))

    def test_negative_price_refused_nothing_written(self):
        document = self.lease()
        with self.assertRaisesRegex(ValidationError, "negative price"):
            document.write(
                {"invoice_line_ids": [(0, 0, {"product_id": self.rent.id, "price_unit": -5})]}
            )
        self.assertEqual(len(document.invoice_line_ids), 2)
        with self.assertRaisesRegex(ValidationError, "negative price"):
            self.lease(lines=[{"product_id": self.rent.id, "price_unit": -1}])
        with self.assertRaisesRegex(ValidationError, "quantity"):
            document.invoice_line_ids[0].quantity = 0
        with self.assertRaisesRegex(ValidationError, "1 period or more"):
            document.invoice_interval = 0
        self.assertEqual(document.invoice_interval, 1)
        self.assertEqual(document.invoice_line_ids[0].quantity, 2)

    def test_no_sale_journal_refused_nothing_written(self):
        company = self.company_2
        self.assertFalse(
            self.env["account.journal"].search_count(
                [("company_id", "=", company.id), ("type", "=", "sale")]
            ),
            "the second company has no accounting set up",
        )
        document = self.lease(user=self.user_company_2, company_id=company.id)
        self.sign(document)
        with self.assertRaisesRegex(UserError, "has no sale journal"):
            document.action_put_in_force()
        self.assertEqual(document.state, "signed")
        self.assertFalse(self.contract_of(document))

    def test_validity_ending_before_invoicing_refused(self):
        document = self.lease(invoice_date_start=self.today, date_end=self.today)
        document.invoice_date_start = self.today + relativedelta(days=1)
        self.sign(document)
        with self.assertRaisesRegex(UserError, "before invoicing starts"):
            document.action_put_in_force()
        self.assertEqual(document.state, "signed")

    def test_template_frozen_in_force(self):
        document = self.lease()
        self.put_in_force(document)
        with self.assertRaisesRegex(UserError, "no longer changes"):
            document.invoice_line_ids[0].price_unit = 1
        with self.assertRaisesRegex(UserError, "no longer changes"):
            document.invoice_rule_type = "yearly"
        self.assertEqual(document.invoice_line_ids[0].price_unit, 700)
        self.assertEqual(self.contract_of(document).contract_line_ids[0].price_unit, 700)

    def test_invoiced_type_needs_two_parties(self):
        with self.assertRaisesRegex(ValidationError, "needs two parties"):
            self.lease_type.has_two_parties = False
        self.assertTrue(self.lease_type.has_two_parties)

    def test_periods_are_oca_contract_periods(self):
        mixin = self.env["contract.recurring.mixin"]._fields
        self.assertEqual(RULE_TYPES, mixin["recurring_rule_type"].selection)
        self.assertEqual(INVOICING_TYPES, mixin["recurring_invoicing_type"].selection)

    def test_type_journal_is_used(self):
        other = self.sale_journal.copy({"name": "Rent invoices", "code": "RENT"})
        self.lease_type.invoice_journal_id = other
        document = self.lease()
        self.put_in_force(document)
        self.assertEqual(self.contract_of(document).journal_id, other)

    def test_form(self):
        """The template tab as the web client fills it."""
        with Form(self.Document.with_user(self.user_employee)) as form:
            form.type_id = self.lease_type
            form.subject = "Lease of office 305"
            form.partner_id = self.acme
            form.invoice_rule_type = "quarterly"
            with form.invoice_line_ids.new() as line:
                line.product_id = self.rent
                self.assertEqual(line.price_unit, 1000.0, "the service's price")
                self.assertEqual(line.name, "Office rent")
                line.quantity = 3
            self.assertEqual(form.invoice_amount, 3000.0)
        document = form.record
        self.assertEqual(document.invoice_line_ids.price_subtotal, 3000.0)
        self.assertTrue(document.can_edit_invoicing)
        self.put_in_force(document)
        self.assertFalse(document.can_edit_invoicing)
        self.assertEqual(self.contract_of(document).recurring_rule_type, "quarterly")
