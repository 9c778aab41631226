from dateutil.relativedelta import relativedelta

from odoo import Command, fields

from odoo.addons.wo_documents.tests.common import WoDocumentsCommon


class WoRecurringInvoiceCommon(WoDocumentsCommon):
    """WO's test base plus what invoicing needs: a chart of accounts (a sale
    journal) in the test company, loaded the way AccountTestInvoicingCommon
    does when the database has none; an invoiced document type; services."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wo_ensure_chart(cls.company)
        cls.sale_journal = cls.env["account.journal"].search(
            [*cls.env["account.journal"]._check_company_domain(cls.company), ("type", "=", "sale")],
            limit=1,
        )
        cls.lease_type = cls.contract_type.copy(
            {
                "name": "Lease",
                "code": "LSE",
                "is_invoiced": True,
                "approval_required": False,
                "route_step_ids": [Command.clear()],
            }
        )
        cls.rent = cls.env["product.product"].create(
            {"name": "Office rent", "type": "service", "list_price": 1000.0, "taxes_id": False}
        )
        cls.cleaning = cls.env["product.product"].create(
            {"name": "Cleaning", "type": "service", "list_price": 50.0, "taxes_id": False}
        )
        cls.today = fields.Date.context_today(cls.env.user)
        # three monthly periods, the last one starting today at the latest
        cls.start = cls.today - relativedelta(months=2)
        cls.Contract = cls.env["contract.contract"].with_context(active_test=False)

    @classmethod
    def wo_ensure_chart(cls, company):
        Journal = cls.env["account.journal"]
        if not Journal.search_count(
            [*Journal._check_company_domain(company), ("type", "=", "sale")], limit=1
        ):
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )

    @classmethod
    def lease(cls, user=None, lines=None, **vals):
        values = {
            "type_id": cls.lease_type.id,
            "subject": "Lease of office 204",
            "partner_id": cls.acme.id,
            "invoice_rule_type": "monthly",
            "invoice_interval": 1,
            "invoicing_type": "pre-paid",
            "invoice_date_start": cls.start,
            "invoice_line_ids": [
                Command.create(line)
                for line in (
                    lines
                    if lines is not None
                    else [
                        {"product_id": cls.rent.id, "quantity": 2, "price_unit": 700.0},
                        {"product_id": cls.cleaning.id, "quantity": 1, "price_unit": 45.5},
                    ]
                )
            ],
        }
        values.update(vals)
        return cls.draft(user=user or cls.user_employee, **values)

    @staticmethod
    def sign(document):
        """Signed the way wo_documents does it (no route for this type)."""
        document.action_approve_without_route()
        document.action_mark_signed()

    def put_in_force(self, document):
        self.sign(document)
        document.action_put_in_force()
        document.invalidate_recordset()

    def run_cron(self, date_ref):
        self.env["contract.contract"].cron_recurring_create_invoice(date_ref)
        self.env.invalidate_all()

    def contract_of(self, document):
        return self.Contract.search([("wo_document_id", "=", document.id)])

    def invoices_of(self, document):
        contract = self.contract_of(document)
        return contract._get_related_invoices() if contract else self.env["account.move"]
