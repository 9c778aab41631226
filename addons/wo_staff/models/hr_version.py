from odoo import api, models


class HrVersion(models.Model):
    _inherit = "hr.version"

    @api.constrains("passport_expiration_date")
    def _check_wo_passport_expiration_date(self):
        # the expiry lives on the version, the issue date on the employee
        self.employee_id._check_wo_passport_dates()
