from odoo import fields, models


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    wo_fax = fields.Char(string="Fax", readonly=True)
    wo_messenger_ids = fields.Many2many(
        "wo.employee.messenger", string="Messengers", compute="_compute_wo_messenger_ids"
    )

    def _compute_wo_messenger_ids(self):
        # messengers are public work data; read them beside the public record
        lines = self.env["wo.employee.messenger"].search(
            [("employee_id", "in", self.employee_id.ids)]
        )
        for employee in self:
            employee.wo_messenger_ids = lines.filtered(
                lambda line, employee=employee: line.employee_id == employee.employee_id
            )
