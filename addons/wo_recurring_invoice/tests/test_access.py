from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import WoRecurringInvoiceCommon


@tagged("post_install", "-at_install")
class TestAccess(WoRecurringInvoiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reader, cls.editor, cls.author, cls.manager = (
            cls.levels[level] for level in ("reader", "editor", "author", "manager")
        )
        # an accountant who reads documents, with invoicing rights
        cls.billing = cls.wo_user(
            "wo_billing",
            "Bohdana Billing",
            "wo_documents.group_wo_documents_reader,wo_staff.group_wo_user,"
            "account.group_account_invoice",
        )
        cls.document = cls.lease(user=cls.author)
        cls.document.message_subscribe(
            partner_ids=(cls.reader | cls.editor | cls.manager | cls.billing).partner_id.ids
        )

    def test_template_by_level(self):
        line_values = {"product_id": self.rent.id, "price_unit": 10}
        for user in (self.reader, self.editor):
            with self.assertRaises(AccessError, msg=user.login):
                self.document.with_user(user).write(
                    {"invoice_line_ids": [Command.create(line_values)]}
                )
            with self.assertRaises(AccessError, msg=user.login):
                self.document.invoice_line_ids[0].with_user(user).price_unit = 1
        with self.assertRaisesRegex(AccessError, "Only Authors"):
            self.document.with_user(self.editor).invoice_rule_type = "yearly"
        # an editor still edits the rest of the document
        self.document.with_user(self.editor).content = "<p>Edited</p>"
        self.assertEqual(len(self.document.invoice_line_ids), 2)
        self.assertEqual(self.document.invoice_rule_type, "monthly")
        self.assertEqual(self.document.invoice_line_ids[0].price_unit, 700)
        for user in (self.author, self.manager):
            self.document.with_user(user).write(
                {"invoice_line_ids": [Command.create(line_values)], "invoice_interval": 2}
            )
        self.assertEqual(len(self.document.invoice_line_ids), 4)
        for user in (self.user_no_wo, self.user_portal):
            with self.assertRaises(AccessError, msg=user.login):
                self.env["wo.document.invoice.line"].with_user(user).search([])

    def test_copy_by_level(self):
        tenant = self.env["res.partner"].create({"name": "Tenant"})
        for user in (self.reader, self.editor):
            with self.assertRaises(AccessError, msg=user.login):
                self.env["wo.document.invoice.copy"].with_user(user).create(
                    {"document_id": self.document.id, "partner_ids": [Command.set(tenant.ids)]}
                ).action_copy()
        self.assertFalse(self.Document.search_count([("partner_id", "=", tenant.id)]))
        self.env["wo.document.invoice.copy"].with_user(self.author).create(
            {"document_id": self.document.id, "partner_ids": [Command.set(tenant.ids)]}
        ).action_copy()
        self.assertEqual(self.Document.search_count([("partner_id", "=", tenant.id)]), 1)

    def test_invoices_without_accounting_rights(self):
        self.put_in_force(self.document.with_user(self.author))
        self.run_cron(self.start)
        fields = ["invoice_count", "amount_invoiced", "amount_paid", "invoice_amount"]
        for user in (self.reader, self.editor, self.author, self.manager):
            document = self.document.with_user(user)
            # the form: the smart button and the totals read fine
            values = document.web_read({name: {} for name in fields})[0]
            self.assertEqual(values["invoice_count"], 1, user.login)
            self.assertGreater(values["amount_invoiced"], 0)
            with self.assertRaisesRegex(UserError, "needs invoicing rights"):
                document.action_view_invoices()
            with self.assertRaises(AccessError):
                self.env["contract.contract"].with_user(user).browse(
                    self.contract_of(self.document).id
                ).read(["name"])
        # the form view as such loads for a reader (no field of a model he cannot read)
        document = self.document.with_user(self.reader)
        view = document.get_views([(False, "form")])["views"]["form"]
        self.assertNotIn("recurring_contract_id", view["arch"])
        # with invoicing rights: the invoices themselves
        action = self.document.with_user(self.billing).action_view_invoices()
        invoices = self.env["account.move"].with_user(self.billing).search(action["domain"])
        self.assertEqual(invoices, self.invoices_of(self.document))
        view = self.document.with_user(self.billing).get_views([(False, "form")])
        self.assertIn("recurring_contract_id", view["views"]["form"]["arch"])

    def test_other_company_and_outsiders(self):
        for user in (self.user_company_2, self.user_outsider):
            with self.assertRaises(AccessError, msg=user.login):
                self.document.with_user(user).read(["invoice_count"])
        # template lines follow the company of their document
        lines = self.env["wo.document.invoice.line"].with_user(self.user_company_2)
        self.assertFalse(lines.search_count([("document_id", "=", self.document.id)]))
