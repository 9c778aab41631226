from odoo import fields, models


class WoEmployeeStatus(models.Model):
    _name = "wo.employee.status"
    _description = "Employee Status"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _name_uniq = models.Constraint("UNIQUE (name)", "This status already exists.")
