from odoo import Command, fields, models
from odoo.exceptions import UserError


class WoMailingRecipientsCopy(models.TransientModel):
    _name = "wo.mailing.recipients.copy"
    _description = "Copy the Recipients of Another Mailing"

    mailing_id = fields.Many2one("mailing.mailing", required=True, ondelete="cascade")
    source_id = fields.Many2one(
        "mailing.mailing",
        string="From Mailing",
        required=True,
        ondelete="cascade",
        domain="[('id', '!=', mailing_id)]",
    )
    mode = fields.Selection(
        [
            ("definition", "Its groups, counterparties and lists"),
            ("recipients", "Exactly the counterparties it went to"),
        ],
        default="definition",
        required=True,
        help="Groups, counterparties and lists: the new mailing follows later changes of the "
        "groups. Exactly: the counterparties the other mailing was sent to (or would be "
        "sent to now, if it is not sent yet), one by one.",
    )

    def action_copy(self):
        self.ensure_one()
        source, mailing = self.source_id, self.mailing_id
        source.check_access("read")
        if self.mode == "definition":
            values = {
                "mailing_model_id": source.mailing_model_id.id,
                "contact_list_ids": [Command.set(source.contact_list_ids.ids)],
                "wo_category_ids": [Command.set(source.wo_category_ids.ids)],
                "wo_partner_ids": [Command.set(source.wo_partner_ids.ids)],
                "mailing_domain": source.mailing_domain,
            }
        else:
            if source.mailing_model_name != "res.partner":
                raise UserError(
                    self.env._(
                        "The mailing %(name)s goes to %(model)s, not to counterparties: copy "
                        "its groups, counterparties and lists instead.",
                        name=source.display_name,
                        model=source.mailing_model_id.name,
                    )
                )
            values = {
                "mailing_model_id": source.mailing_model_id.id,
                "contact_list_ids": [Command.clear()],
                "wo_category_ids": [Command.clear()],
                "wo_partner_ids": [Command.set(source._wo_recipient_partner_ids())],
            }
        mailing.write(values)
        return {"type": "ir.actions.act_window_close"}
