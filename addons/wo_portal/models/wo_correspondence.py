from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

from odoo.addons.wo_correspondence.models.wo_correspondence import REGISTRAR_GROUP
from odoo.addons.wo_staff.tools import TRUSTED

MAX_LETTER_FILES = 10


class WoCorrespondence(models.Model):
    _inherit = "wo.correspondence"

    @api.model
    def _wo_portal_receive(self, user, subject, text, files):
        """A letter a counterparty's portal user sends: a draft incoming
        letter in the company's journal of portal letters, their company as
        the counterparty, the registry office told. ``files``: [(name, data)]."""
        subject = (subject or "").strip()
        if not subject:
            raise UserError(self.env._("Give the letter a subject."))
        if len(subject) > 250:
            raise UserError(self.env._("The subject is too long: at most 250 characters."))
        if len(files) > MAX_LETTER_FILES:
            raise UserError(
                self.env._("At most %(count)s files in a letter.", count=MAX_LETTER_FILES)
            )
        partner = user.partner_id.commercial_partner_id
        company = partner.company_id or user.company_id
        limit = (company.wo_portal_max_upload_mb or 20) * 1024 * 1024
        if sum(len(data) for _name, data in files) > limit:
            raise UserError(
                self.env._(
                    "The files are too large: at most %(size)s MB in all.",
                    size=limit // (1024 * 1024),
                )
            )
        Journal = self.env["wo.correspondence.journal"].sudo()
        journal = company.wo_portal_letter_journal_id or Journal._default_for("incoming", company)
        if not journal:
            raise UserError(
                self.env._("%(company)s receives no letters here yet.", company=company.name)
            )
        letter = (
            self.sudo()
            .with_company(company)
            .with_context(wo_correspondence_flow=TRUSTED, mail_create_nolog=True)
            .create(
                {
                    "direction": "incoming",
                    "company_id": company.id,
                    "journal_id": journal.id,
                    "subject": subject,
                    "summary": plaintext2html(text) if text else False,
                    "partner_id": partner.id,
                    "contact_id": user.partner_id.id if user.partner_id != partner else False,
                    "delivery": "email",
                    "date_document": fields.Date.context_today(self),
                    "prepared_by_id": False,
                }
            )
        )
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": name,
                        "raw": data,
                        "res_model": "wo.correspondence",
                        "res_id": letter.id,
                    }
                    for name, data in files
                ]
            )
        )
        registrars = (
            self.env.ref(REGISTRAR_GROUP)
            .sudo()
            .all_user_ids.filtered(lambda u: company in u.company_ids and not u.share)
        )
        letter.message_post(
            body=self.env._(
                "Sent on the portal by %(user)s for %(partner)s: to register.",
                user=user.name,
                partner=partner.name,
            ),
            author_id=user.partner_id.id,
            attachment_ids=attachments.ids,
            partner_ids=registrars.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )
        return letter
