from odoo import fields, models


class WoContactKind(models.Model):
    _name = "wo.contact.kind"
    _description = "Contact Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    icon = fields.Char(default="fa-comments", help="A Font Awesome icon, e.g. fa-phone")
    code = fields.Selection(
        [
            ("call", "Call"),
            ("meeting", "Meeting"),
            ("conference", "Web conference"),
            ("email", "E-mail"),
            ("fax", "Fax"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    active = fields.Boolean(default=True)


class WoContactAmountKind(models.Model):
    _name = "wo.contact.amount.kind"
    _description = "Contact Amount Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
