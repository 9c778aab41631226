from odoo import api, fields, models
from odoo.exceptions import ValidationError

RATING = [
    ("0", "Not rated"),
    ("1", "Poor"),
    ("2", "Fair"),
    ("3", "Good"),
    ("4", "Very good"),
    ("5", "Excellent"),
]


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # work contact data: everyone may see it (also on hr.employee.public)
    wo_fax = fields.Char(string="Fax")
    wo_messenger_ids = fields.One2many("wo.employee.messenger", "employee_id", string="Messengers")
    wo_deputy_line_ids = fields.One2many("wo.department.deputy", "employee_id", string="Deputy Of")
    # personal data: HR officers and, through their profile, the employee
    # (the passport number and expiry are hr's passport_id and
    # passport_expiration_date, the home phone is hr's private_phone)
    wo_passport_series = fields.Char(
        string="Passport Series", groups="hr.group_hr_user", tracking=True
    )
    wo_passport_issued_by = fields.Char(
        string="Passport Issued By", groups="hr.group_hr_user", tracking=True
    )
    wo_passport_issue_date = fields.Date(
        string="Passport Issue Date", groups="hr.group_hr_user", tracking=True
    )
    wo_rating = fields.Selection(
        RATING, string="Rating", default="0", groups="hr.group_hr_user", tracking=True
    )
    wo_status_id = fields.Many2one(
        "wo.employee.status",
        string="Staff Status",
        groups="hr.group_hr_user",
        tracking=True,
        index="btree_not_null",
    )

    @api.constrains("wo_passport_issue_date")
    def _check_wo_passport_dates(self):
        for employee in self.sudo():
            issued = employee.wo_passport_issue_date
            expires = employee.passport_expiration_date
            if issued and expires and expires < issued:
                raise ValidationError(
                    self.env._(
                        "The passport of %(employee)s cannot expire before it was issued.",
                        employee=employee.name,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if {"user_id", "active"} & set(vals):
            # written now, so that a user given twice in one company fails
            # here with hr's unique violation, not in the record rules that
            # the change makes every worker compute again
            self.flush_recordset(["user_id", "active"])
            self.env["res.users"]._wo_acting_for_changed()
        return result
