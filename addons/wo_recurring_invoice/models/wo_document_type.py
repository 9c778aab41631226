from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class WoDocumentType(models.Model):
    _inherit = "wo.document.type"

    is_invoiced = fields.Boolean(
        string="Invoiced",
        help="Documents of this type carry a recurring invoice template: from the day a "
        "document comes into force, OCA contract invoices its second party.",
    )
    invoice_journal_id = fields.Many2one(
        "account.journal",
        string="Sale Journal",
        domain="[('type', '=', 'sale')]",
        help="The journal of the invoices; empty: the first sale journal of the document's "
        "company.",
    )
    invoice_start = fields.Selection(
        [("in_force", "The day it comes into force"), ("next_period", "The next period start")],
        string="Invoicing Starts",
        default="in_force",
        required=True,
        help="When a document of this type without its own start date (a copy to "
        "counterparties, for instance) starts invoicing: the day it comes into force, or the "
        "first day of the next calendar period (month, quarter, ...).",
    )
    invoice_stop = fields.Selection(
        [("last_invoiced", "End of the last invoiced period"), ("termination", "Termination date")],
        string="Invoicing Stops At",
        default="last_invoiced",
        required=True,
        help="When a document of this type is terminated or completed, its contract stops at "
        "once: nothing after the last invoiced period is invoiced, or the days up to the "
        "termination date are invoiced at once and a period invoiced in advance beyond it can "
        "be credited.",
    )

    @api.constrains("is_invoiced", "has_two_parties")
    def _check_invoiced_parties(self):
        for doc_type in self:
            if doc_type.is_invoiced and not doc_type.has_two_parties:
                raise ValidationError(
                    self.env._(
                        "%(type)s is invoiced: it needs two parties (the second one is invoiced).",
                        type=doc_type.name,
                    )
                )

    def _wo_sale_journal(self, company):
        """The sale journal of ``company`` for documents of this type, or a
        UserError that says what to set up."""
        self.ensure_one()
        journal = self.sudo().invoice_journal_id
        if journal and journal.company_id == company:
            return journal
        journal = (
            self.env["account.journal"]
            .sudo()
            .search(
                [
                    *self.env["account.journal"]._check_company_domain(company),
                    ("type", "=", "sale"),
                ],
                limit=1,
            )
        )
        if not journal:
            raise UserError(
                self.env._(
                    "%(company)s has no sale journal: set up its accounting (a chart of "
                    "accounts) or choose the sale journal of the document type %(type)s "
                    "before invoicing.",
                    company=company.name,
                    type=self.name,
                )
            )
        return journal
