from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models.wo_document import next_period_start


class WoDocumentInvoiceCopy(models.TransientModel):
    """The same invoice every period to many counterparties: one new
    document per counterparty, a copy of the source with that counterparty
    as the second party, each with its own recurring contract, prepared now
    and running from the day that document comes into force. A copy never
    keeps the source's dates: its invoicing starts from its own validity
    start (by default the day it comes into force, or the next period
    start, as the type says); a start in the past is refused unless the
    user confirms back-dating."""

    _name = "wo.document.invoice.copy"
    _description = "Copy a Recurring Invoice Template to Counterparties"

    document_id = fields.Many2one("wo.document", required=True, ondelete="cascade")
    partner_ids = fields.Many2many("res.partner", string="Counterparties")
    date_start = fields.Date(
        string="Valid and Invoiced From",
        help="The copies' start of validity, and of invoicing. Empty: the day each copy comes "
        "into force, or the next period start, as the document type says.",
    )
    date_end = fields.Date(
        string="Valid Until",
        compute="_compute_date_end",
        store=True,
        readonly=False,
        help="The copies' end of validity (that of the source by default).",
    )
    is_backdated = fields.Boolean(
        string="Invoice Past Periods",
        help="Confirm that the copies invoice the periods since a start in the past.",
    )
    is_past = fields.Boolean(compute="_compute_date_first_invoice")
    date_first_invoice = fields.Date(
        string="First Invoice On",
        compute="_compute_date_first_invoice",
        help="The date of each copy's first invoice if it comes into force today.",
    )

    @api.depends("document_id")
    def _compute_date_end(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            end = wizard.document_id.date_end
            wizard.date_end = end if end and end >= today else False

    @api.depends(
        "date_start",
        "date_end",
        "document_id.invoice_rule_type",
        "document_id.invoice_interval",
        "document_id.invoicing_type",
        "document_id.type_id.invoice_start",
    )
    def _compute_date_first_invoice(self):
        mixin = self.env["contract.recurring.mixin"]
        today = fields.Date.context_today(self)
        for wizard in self:
            source = wizard.document_id
            wizard.is_past = bool(wizard.date_start and wizard.date_start < today)
            start = wizard._wo_start()
            wizard.date_first_invoice = (
                start
                and source.invoice_rule_type
                and mixin.get_next_invoice_date(
                    start,
                    source.invoicing_type,
                    mixin._get_default_recurring_invoicing_offset(
                        source.invoicing_type, source.invoice_rule_type
                    ),
                    source.invoice_rule_type,
                    source.invoice_interval or 1,
                    max_date_end=wizard.date_end,
                )
            )

    def _wo_start(self):
        """When the copies start invoicing if they come into force today."""
        self.ensure_one()
        if self.date_start:
            return self.date_start
        today = fields.Date.context_today(self)
        if self.document_id.type_id.invoice_start == "next_period":
            return next_period_start(today, self.document_id.invoice_rule_type)
        return today

    @api.model
    def _wo_check_source(self, document):
        if not document.is_invoiced:
            raise UserError(
                self.env._(
                    "%(document)s is not of an invoiced type: it has no recurring invoice "
                    "template to copy.",
                    document=document.display_name,
                )
            )
        if not document.invoice_line_ids:
            raise UserError(
                self.env._(
                    "The recurring invoice template of %(document)s has no lines.",
                    document=document.display_name,
                )
            )

    def action_copy(self):
        self.ensure_one()
        source = self.document_id
        source.check_access("read")
        Document = self.env["wo.document"]
        Document.check_access("create")
        source._wo_check_template_editable_by_user()
        self._wo_check_source(source)
        partners = self.partner_ids - source.partner_id
        if not partners:
            raise UserError(self.env._("Choose the counterparties to copy the template to."))
        start = self._wo_start()
        if self.date_end and start > self.date_end:
            raise ValidationError(
                self.env._(
                    "The copies would start invoicing on %(start)s, after their validity ends "
                    "(%(end)s).",
                    start=start,
                    end=self.date_end,
                )
            )
        if (
            self.date_start
            and self.date_start < fields.Date.context_today(self)
            and not self.is_backdated
        ):
            raise UserError(
                self.env._(
                    "%(start)s is in the past: the copies would invoice the periods since "
                    "then at once. Tick Invoice Past Periods to confirm, or choose a later "
                    "start.",
                    start=self.date_start,
                )
            )
        # checked before anything is written: invoicing is set up
        source.type_id._wo_sale_journal(source.company_id)
        values = source.copy_data(
            {
                "second_signatory_id": False,
                "author_id": self.env.user.id,
                # the copy's own dates, never the source's
                "date_start": self.date_start or False,
                "date_end": self.date_end or False,
                "invoice_date_start": self.date_start or False,
            }
        )[0]
        vals_list = [
            dict(
                values,
                partner_id=partner.id,
                invoice_line_ids=[
                    Command.create(
                        {
                            "sequence": line.sequence,
                            "product_id": line.product_id.id,
                            "name": line.name,
                            "quantity": line.quantity,
                            "uom_id": line.uom_id.id,
                            "price_unit": line.price_unit,
                            "discount": line.discount,
                        }
                    )
                    for line in source.invoice_line_ids
                ],
            )
            for partner in partners
        ]
        documents = Document.create(vals_list)
        documents._wo_prepare_recurring_contracts(active=False)
        source.message_post(
            body=self.env._(
                "Recurring invoice template copied to %(count)s counterparties, invoiced from "
                "%(start)s.",
                count=len(documents),
                start=self.date_start or self.env._("the day each comes into force"),
            ),
            subtype_xmlid="mail.mt_note",
        )
        action = self.env["ir.actions.act_window"]._for_xml_id("wo_documents.wo_document_action")
        action.update(domain=[("id", "in", documents.ids)], context={})
        return action
