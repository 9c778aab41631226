from odoo import api, fields, models
from odoo.exceptions import ValidationError


class WoDepartmentDeputy(models.Model):
    _name = "wo.department.deputy"
    _description = "Deputy Head of Department"
    _order = "department_id, sequence, id"

    sequence = fields.Integer(default=10)
    department_id = fields.Many2one("hr.department", required=True, index=True, ondelete="cascade")
    employee_id = fields.Many2one(
        "hr.employee", string="Deputy", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(related="employee_id.user_id")
    job_title = fields.Char(related="employee_id.job_title")
    company_id = fields.Many2one(related="department_id.company_id", store=True)

    _department_employee_uniq = models.Constraint(
        "UNIQUE (department_id, employee_id)",
        "An employee is a deputy of a department only once.",
    )

    @api.constrains("department_id", "employee_id")
    def _check_not_head(self):
        for deputy in self:
            if deputy.employee_id == deputy.department_id.manager_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s heads %(department)s and cannot be their own deputy.",
                        employee=deputy.employee_id.name,
                        department=deputy.department_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # the same employee twice in one call: refuse with the message, not
        # with the database's unique violation
        seen = set()
        for vals in vals_list:
            key = (vals.get("department_id"), vals.get("employee_id"))
            if key in seen or (
                all(key)
                and self.search_count(
                    [("department_id", "=", key[0]), ("employee_id", "=", key[1])], limit=1
                )
            ):
                raise ValidationError(
                    self.env._("An employee is a deputy of a department only once.")
                )
            seen.add(key)
        deputies = super().create(vals_list)
        self.env["res.users"]._wo_acting_for_changed()
        return deputies

    def write(self, vals):
        result = super().write(vals)
        self.env["res.users"]._wo_acting_for_changed()
        return result

    def unlink(self):
        result = super().unlink()
        self.env["res.users"]._wo_acting_for_changed()
        return result
