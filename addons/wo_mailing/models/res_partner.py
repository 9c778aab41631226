from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    wo_salutation = fields.Char(
        string="Salutation",
        help="How mailings address this person, e.g. Mr., Ms., Dr.: put into the text of a "
        "mailing where it says {salutation}.",
    )
