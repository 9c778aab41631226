from odoo import api, fields, models


class WoCorrespondence(models.Model):
    _inherit = "wo.correspondence"

    wo_mailing_id = fields.Many2one(
        "mailing.mailing", string="Mailing", readonly=True, copy=False, index="btree_not_null"
    )
    wo_recipient_count = fields.Integer(string="Mailing Recipients", readonly=True, copy=False)

    def _registration_missing(self):
        missing = super()._registration_missing()
        if self.wo_mailing_id:
            # a mailing goes to many counterparties, none of them the recipient
            missing = [item for item in missing if item != self.env._("the recipient")]
        return missing

    @api.depends("wo_mailing_id", "wo_recipient_count")
    def _compute_parties(self):
        result = super()._compute_parties()
        for letter in self.filtered("wo_mailing_id"):
            letter.recipient_display = self.env._(
                "%(count)s recipients of the mailing %(mailing)s",
                count=letter.wo_recipient_count,
                mailing=letter.wo_mailing_id.subject,
            )
        return result
