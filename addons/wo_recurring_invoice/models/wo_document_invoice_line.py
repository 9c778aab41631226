from odoo import api, fields, models
from odoo.exceptions import ValidationError


class WoDocumentInvoiceLine(models.Model):
    """A service of a document's recurring invoice template: what OCA
    contract invoices each period, copied into the contract's lines when the
    document comes into force."""

    _name = "wo.document.invoice.line"
    _description = "Recurring Invoice Template Line"
    _order = "document_id, sequence, id"

    document_id = fields.Many2one("wo.document", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="document_id.company_id", store=True)
    currency_id = fields.Many2one(related="document_id.currency_id")
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product", string="Service", required=True, domain=[("sale_ok", "=", True)]
    )
    name = fields.Text(
        string="Description",
        compute="_compute_from_product",
        store=True,
        readonly=False,
        help="#START#, #END# and #INVOICEMONTHNAME# become the invoiced period.",
    )
    quantity = fields.Float(default=1.0, required=True, digits="Product Unit")
    uom_id = fields.Many2one(
        "uom.uom", string="Unit", compute="_compute_from_product", store=True, readonly=False
    )
    price_unit = fields.Float(
        string="Unit Price",
        compute="_compute_from_product",
        store=True,
        readonly=False,
        digits="Product Price",
    )
    discount = fields.Float(string="Discount (%)", digits="Discount")
    price_subtotal = fields.Monetary(
        string="Subtotal (untaxed)", compute="_compute_price_subtotal", currency_field="currency_id"
    )
    price_total = fields.Monetary(
        string="Total (with tax)",
        compute="_compute_price_total",
        compute_sudo=True,
        currency_field="currency_id",
        help="With the service's taxes, as the invoices will have them (the second party's "
        "fiscal position applied).",
    )

    @api.depends("product_id")
    def _compute_from_product(self):
        for line in self.filtered("product_id"):
            line.name = line.product_id.get_product_multiline_description_sale()
            line.uom_id = line.product_id.uom_id
            line.price_unit = line.product_id.lst_price

    @api.depends("quantity", "price_unit", "discount")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.quantity * line.price_unit * (1 - line.discount / 100)

    @api.depends(
        "price_subtotal",
        "product_id",
        "document_id.partner_id",
        "document_id.company_id",
    )
    def _compute_price_total(self):
        positions = {}
        for line in self:
            price = line.price_unit * (1 - line.discount / 100)
            document = line.document_id
            company = document.company_id or self.env.company
            taxes = line.product_id.taxes_id._filter_taxes_by_company(company)
            if taxes and document.partner_id:
                key = (company.id, document.partner_id.commercial_partner_id.id)
                if key not in positions:
                    positions[key] = (
                        self.env["account.fiscal.position"]
                        .with_company(company)
                        ._get_fiscal_position(document.partner_id.commercial_partner_id)
                    )
                taxes = positions[key].map_tax(taxes)
            line.price_total = (
                taxes.compute_all(
                    price,
                    currency=line.currency_id or company.currency_id,
                    quantity=line.quantity,
                    product=line.product_id,
                    partner=document.partner_id,
                )["total_included"]
                if taxes
                else line.price_subtotal
            )

    @api.constrains("price_unit", "quantity", "discount")
    def _check_amounts(self):
        for line in self:
            if line.price_unit < 0:
                raise ValidationError(
                    self.env._(
                        "%(service)s: a recurring invoice line cannot have a negative price "
                        "(%(price)s).",
                        service=line.product_id.display_name,
                        price=line.price_unit,
                    )
                )
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "%(service)s: the quantity of a recurring invoice line must be positive.",
                        service=line.product_id.display_name,
                    )
                )
            if not 0 <= line.discount <= 100:
                raise ValidationError(
                    self.env._(
                        "%(service)s: a discount is between 0 and 100%%.",
                        service=line.product_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.document_id._wo_check_template_editable()
        return lines

    def write(self, vals):
        self.document_id._wo_check_template_editable()
        result = super().write(vals)
        if "document_id" in vals:
            self.document_id._wo_check_template_editable()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_editable(self):
        self.document_id._wo_check_template_editable()
