from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    wo_correspondence_count = fields.Integer(
        string="Correspondence",
        compute="_compute_wo_correspondence_count",
        groups="wo_correspondence.group_wo_correspondence_reader",
    )

    def _compute_wo_correspondence_count(self):
        counts = dict(
            self.env["wo.correspondence"]._read_group(
                [("partner_id", "child_of", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.wo_correspondence_count = sum(
                count
                for letter_partner, count in counts.items()
                if letter_partner == partner or letter_partner.commercial_partner_id == partner
            )

    def action_view_wo_correspondence(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "wo_correspondence.wo_correspondence_action"
        )
        action.update(
            domain=[("partner_id", "child_of", self.id)],
            context={"default_partner_id": self.id},
        )
        return action
