from odoo import fields, models


class WoEventKind(models.Model):
    _name = "wo.event.kind"
    _description = "Event Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
