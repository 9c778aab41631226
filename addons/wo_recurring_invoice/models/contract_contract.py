from odoo import fields, models


class ContractContract(models.Model):
    _inherit = "contract.contract"

    wo_document_id = fields.Many2one(
        "wo.document",
        string="WO Document",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="The contract document whose recurring invoice template this contract invoices.",
    )

    _wo_document_uniq = models.UniqueIndex(
        "(wo_document_id) WHERE wo_document_id IS NOT NULL",
        "A document has one recurring contract.",
    )

    def _record_invoice_generation_error(self, exc, create_type):
        """The failure also shows on the WO document, whose people never
        open the contract."""
        result = super()._record_invoice_generation_error(exc, create_type)
        self.wo_document_id._wo_invoicing_failed(self.invoice_generation_error)
        return result

    def _clear_invoice_generation_error(self):
        documents = self.filtered("invoice_generation_error").wo_document_id
        result = super()._clear_invoice_generation_error()
        if documents:
            documents._wo_invoicing_recovered()
        return result
