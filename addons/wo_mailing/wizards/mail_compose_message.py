from odoo import models

from ..models.mailing_mailing import WO_PLACEHOLDER_RE, wo_personalize


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _prepare_mail_values_dynamic(self, res_ids):
        """Put each recipient's name, salutation and company where the subject
        or the body of a mailing says {name}, {salutation}, {company}."""
        values_all = super()._prepare_mail_values_dynamic(res_ids)
        mailing = self.mass_mailing_id
        if self.composition_mode != "mass_mail" or not mailing:
            return values_all
        if not (
            WO_PLACEHOLDER_RE.search(self.subject or "")
            or WO_PLACEHOLDER_RE.search(str(self.body or ""))
        ):
            return values_all
        personal = mailing._wo_personal_values(self.env[self.model].browse(res_ids))
        for res_id, values in values_all.items():
            personal_values = personal.get(res_id)
            values["subject"] = wo_personalize(values.get("subject"), personal_values)
            for key in ("body", "body_html"):
                if values.get(key):
                    values[key] = wo_personalize(values[key], personal_values, html=True)
        return values_all

    def _prepare_mail_values(self, res_ids):
        values_all = super()._prepare_mail_values(res_ids)
        if self._is_mass_mailing():
            # given by the mailing in the context: no query per batch
            priority = self.env.context.get("wo_mailing_priority") or (
                self.mass_mailing_id.wo_priority or "3"
            )
            for values in values_all.values():
                values["wo_priority"] = priority
        return values_all
