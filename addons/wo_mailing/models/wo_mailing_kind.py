from odoo import fields, models


class WoMailingKind(models.Model):
    _name = "wo.mailing.kind"
    _description = "Mailing Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    default_priority = fields.Selection(
        [("1", "High"), ("3", "Normal"), ("5", "Low")],
        default="3",
        required=True,
        help="The priority a new mailing of this kind starts with.",
    )
    active = fields.Boolean(default=True)

    _name_uniq = models.UniqueIndex("(name)", "A mailing kind with this name already exists.")
