from odoo import SUPERUSER_ID, fields, models


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    wo_register_outgoing = fields.Boolean(
        string="Register as Outgoing Letter",
        help="When the mailing is sent, it is registered as one outgoing letter in the "
        "correspondence registry (its text, attachments and recipient count).",
    )
    wo_correspondence_kind_id = fields.Many2one(
        "wo.correspondence.kind", string="Letter Kind", ondelete="restrict"
    )
    wo_correspondence_id = fields.Many2one(
        "wo.correspondence",
        string="Outgoing Letter",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    def _wo_mailing_sent(self):
        result = super()._wo_mailing_sent()
        for mailing in self.filtered(
            lambda m: m.wo_register_outgoing and not m.wo_correspondence_id
        ):
            mailing._wo_register_outgoing()
        return result

    def _wo_register_outgoing(self):
        """One outgoing letter for the whole mailing, registered in the
        company's outgoing journal. Registration is the registry office's
        act: the system does it for the mailing once it is sent (the mailing
        itself was checked and sent by its author)."""
        self.ensure_one()
        Letter = self.env["wo.correspondence"].with_user(SUPERUSER_ID).with_company(self.company_id)
        letter = Letter.create(
            {
                "direction": "outgoing",
                "company_id": self.company_id.id,
                "subject": self.subject,
                "summary": self.body_html,
                "delivery": "email",
                "kind_id": self.wo_correspondence_kind_id.id,
                "prepared_by_id": self.user_id.id,
                "wo_mailing_id": self.id,
                "wo_recipient_count": self.sent or self.expected,
            }
        )
        for attachment in self.attachment_ids.sudo():
            attachment.copy({"res_model": letter._name, "res_id": letter.id})
        letter.action_register()
        self.sudo().wo_correspondence_id = letter
        self.message_post(
            body=self.env._("Registered as the outgoing letter %(letter)s.", letter=letter.name),
            subtype_xmlid="mail.mt_note",
        )
        return letter
