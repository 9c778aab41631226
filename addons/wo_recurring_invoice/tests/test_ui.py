from odoo.tests import HttpCase, tagged

from .common import WoRecurringInvoiceCommon


@tagged("post_install", "-at_install")
class TestUi(HttpCase, WoRecurringInvoiceCommon):
    def test_reader_without_invoicing_rights(self):
        reader = self.levels["reader"]
        document = self.lease()
        document.message_subscribe(partner_ids=reader.partner_id.ids)
        self.put_in_force(document)
        self.run_cron(self.start)
        self.start_tour(
            f"/odoo/action-wo_documents.wo_document_action/{document.id}",
            "wo_recurring_invoice_reader_tour",
            login=reader.login,
        )

    def test_author_fills_the_template(self):
        document = self.lease(lines=[{"product_id": self.rent.id, "price_unit": 700.0}])
        self.start_tour(
            f"/odoo/action-wo_documents.wo_document_action/{document.id}",
            "wo_recurring_invoice_author_tour",
            login=self.user_employee.login,
        )
        self.assertEqual(document.invoice_line_ids.mapped("product_id"), self.rent | self.cleaning)
        self.assertEqual(document.invoice_line_ids[-1:].price_unit, 50.0)
