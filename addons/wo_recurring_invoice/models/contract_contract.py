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
