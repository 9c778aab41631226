from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    wo_invoice_amount = fields.Monetary(
        string="Recurring per Period (untaxed)",
        compute="_compute_wo_invoice_amount",
        currency_field="currency_id",
        help="What the WO documents in force that one can read invoice this counterparty "
        "each period.",
    )
    wo_invoice_amount_total = fields.Monetary(
        string="Recurring per Period (with tax)",
        compute="_compute_wo_invoice_amount",
        currency_field="currency_id",
    )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_wo_invoice_amount(self):
        self.wo_invoice_amount = self.wo_invoice_amount_total = 0
        Document = self.env["wo.document"]
        if not Document.has_access("read"):
            return
        for partner in self.filtered("id"):
            documents = Document.search(
                [
                    ("partner_id", "child_of", partner.commercial_partner_id.id),
                    ("state", "=", "in_force"),
                    ("type_id.is_invoiced", "=", True),
                ]
            )
            partner.wo_invoice_amount = sum(documents.mapped("invoice_amount"))
            partner.wo_invoice_amount_total = sum(documents.mapped("invoice_amount_total"))
