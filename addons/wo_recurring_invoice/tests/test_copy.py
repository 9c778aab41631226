from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.wo_recurring_invoice.models import wo_document

from .common import WoRecurringInvoiceCommon


@tagged("post_install", "-at_install")
class TestCopy(WoRecurringInvoiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenants = cls.env["res.partner"].create(
            [{"name": f"Tenant {i:02d}", "is_company": True} for i in range(40)]
        )

    def copy_to(self, document, partners, user=None):
        wizard = (
            self.env["wo.document.invoice.copy"]
            .with_user(user or self.user_employee)
            .create({"document_id": document.id, "partner_ids": [(6, 0, partners.ids)]})
        )
        return wizard.action_copy()

    def test_copy_to_40_counterparties(self):
        source = self.lease()
        self.put_in_force(source)
        action = self.copy_to(source, self.tenants)
        copies = self.Document.search(action["domain"])
        self.assertEqual(len(copies), 40)
        self.assertEqual(copies.partner_id, self.tenants)
        self.assertEqual(set(copies.mapped("state")), {"draft"})
        contracts = self.Contract.search([("wo_document_id", "in", copies.ids)])
        self.assertEqual(len(contracts), 40)
        self.assertEqual(contracts.partner_id, self.tenants)
        self.assertEqual(contracts.wo_document_id, copies)
        self.assertFalse(any(contracts.mapped("active")), "prepared: not running before in force")
        for contract in contracts:
            self.assertEqual(contract.partner_id, contract.wo_document_id.partner_id)
            self.assertEqual(
                [
                    (line.product_id, line.quantity, line.price_unit)
                    for line in contract.contract_line_ids
                ],
                [(self.rent, 2, 700.0), (self.cleaning, 1, 45.5)],
            )
        # prepared contracts are not invoiced
        self.run_cron(self.today)
        self.assertFalse(any(contracts.contract_line_ids.mapped("last_date_invoiced")))

        # one tenant signs, with a new price: its contract starts, with it
        first = copies.sorted("id")[0]
        first.invoice_line_ids[0].price_unit = 800
        self.put_in_force(first)
        contract = self.contract_of(first)
        self.assertTrue(contract.active)
        self.assertEqual(contract.contract_line_ids.mapped("price_unit"), [800.0, 45.5])
        # from the day it came into force, never the source's past periods
        self.assertEqual(contract.recurring_next_date, self.today)
        self.run_cron(self.start)
        self.assertFalse(self.invoices_of(first))
        self.run_cron(self.today)
        self.run_cron(self.today + relativedelta(months=1))
        self.assertEqual(len(self.invoices_of(first)), 2)
        self.assertFalse(self.invoices_of(copies.sorted("id")[1]))
        # one that is signed, then terminated before coming into force: its
        # prepared contract never runs
        second = copies.sorted("id")[1]
        self.sign(second)
        second.action_terminate()
        self.assertFalse(self.contract_of(second).active)
        self.run_cron(self.start + relativedelta(months=2))
        self.assertFalse(self.invoices_of(second))

    def test_copy_in_chunks(self):
        """OCA contract cannot create more than 1000 lines at once: WO
        creates contracts in chunks (here of 4 lines: two contracts)."""
        source = self.lease()
        with patch.object(wo_document, "CONTRACT_LINES_PER_CREATE", 4):
            action = self.copy_to(source, self.tenants[:5])
        copies = self.Document.search(action["domain"])
        contracts = self.Contract.search([("wo_document_id", "in", copies.ids)])
        self.assertEqual(contracts.wo_document_id, copies)
        self.assertEqual(len(contracts.contract_line_ids), 10)

    def test_copy_deletes_prepared_contract_with_the_draft(self):
        source = self.lease()
        action = self.copy_to(source, self.tenants[:2])
        copies = self.Document.search(action["domain"])
        contracts = self.Contract.search([("wo_document_id", "in", copies.ids)])
        self.assertEqual(len(contracts), 2)
        copies[0].unlink()
        self.assertEqual(len(contracts.exists()), 1)
        # a running one stays, with its document
        self.put_in_force(copies[1])
        with self.assertRaisesRegex(UserError, "terminate it instead"):
            copies[1].unlink()
        self.assertTrue(copies[1].exists())
        self.assertTrue(contracts.exists())

    def test_bad_input(self):
        source = self.lease()
        with self.assertRaisesRegex(UserError, "Choose the counterparties"):
            self.copy_to(source, self.env["res.partner"])
        with self.assertRaisesRegex(UserError, "Choose the counterparties"):
            self.copy_to(source, self.acme)  # its own second party only
        empty = self.lease(lines=[])
        with self.assertRaisesRegex(UserError, "has no lines"):
            self.copy_to(empty, self.tenants)
        memo = self.draft(type_id=self.memo_type.id, partner_id=False)
        with self.assertRaisesRegex(UserError, "not of an invoiced type"):
            self.copy_to(memo, self.tenants)
        elsewhere = self.lease(user=self.user_company_2, company_id=self.company_2.id)
        with self.assertRaisesRegex(UserError, "has no sale journal"):
            self.copy_to(elsewhere, self.tenants, user=self.user_company_2)
        self.assertFalse(self.Document.search_count([("partner_id", "in", self.tenants.ids)]))
        self.assertFalse(self.Contract.search_count([("partner_id", "in", self.tenants.ids)]))
