from odoo import fields, models


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    # Every field of hr.employee without groups must exist here as well: a
    # user without HR rights reads employees through this model (see hr's
    # HrEmployee docstring). Messengers and deputy positions are public work
    # data; as related fields, hr.employee copies them from here.
    wo_fax = fields.Char(string="Fax", readonly=True)
    wo_messenger_ids = fields.One2many(related="employee_id.wo_messenger_ids")
    wo_deputy_line_ids = fields.One2many(related="employee_id.wo_deputy_line_ids")
