from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    wo_mailing_max_recipients = fields.Integer(
        string="Recipients without a WO Mailing Manager",
        config_parameter="wo_mailing.max_recipients",
        default=500,
        help="A mailing to more recipients than this is sent only by a WO Mailing Manager.",
    )
