from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class WoDocumentInvoiceCopy(models.TransientModel):
    """The same invoice every period to many counterparties: one new
    document per counterparty, a copy of the source with that counterparty
    as the second party, each with its own recurring contract, prepared now
    and running from the day that document comes into force."""

    _name = "wo.document.invoice.copy"
    _description = "Copy a Recurring Invoice Template to Counterparties"

    document_id = fields.Many2one("wo.document", required=True, ondelete="cascade")
    partner_ids = fields.Many2many("res.partner", string="Counterparties")

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
        # checked before anything is written: invoicing is set up
        source.type_id._wo_sale_journal(source.company_id)
        values = source.copy_data({"second_signatory_id": False, "author_id": self.env.user.id})[0]
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
                "Recurring invoice template copied to %(count)s counterparties.",
                count=len(documents),
            ),
            subtype_xmlid="mail.mt_note",
        )
        action = self.env["ir.actions.act_window"]._for_xml_id("wo_documents.wo_document_action")
        action.update(domain=[("id", "in", documents.ids)], context={})
        return action
