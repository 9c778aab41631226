from odoo import fields, models

from odoo.addons.wo_staff.tools import TRUSTED, trusted


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """Marking a familiarisation activity done (in the activity menu, on
        a phone) confirms the reading, as the button does."""
        reading_type = self.env["ir.model.data"]._xmlid_to_res_id(
            "wo_records.mail_activity_type_familiarise", raise_if_not_found=False
        )
        reading = self.filtered(lambda activity: activity.activity_type_id.id == reading_type)
        if reading and not trusted(self.env, "wo_records_reading"):
            lines = (
                self.env["wo.records.familiarisation.line"]
                .sudo()
                .search([("activity_id", "in", reading.ids), ("date_read", "=", False)])
            )
            own = lines.filtered(lambda line: line.user_id == self.env.user)
            if own:
                own.with_context(wo_records_reading=TRUSTED).write(
                    {"date_read": fields.Datetime.now()}
                )
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
