from odoo import fields, models


class WoEmployeeMessenger(models.Model):
    _name = "wo.employee.messenger"
    _description = "Employee Messenger Account"
    _order = "employee_id, sequence, id"

    sequence = fields.Integer(default=10)
    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="cascade")
    kind = fields.Selection(
        [
            ("skype", "Skype"),
            ("telegram", "Telegram"),
            ("whatsapp", "WhatsApp"),
            ("viber", "Viber"),
            ("signal", "Signal"),
            ("icq", "ICQ"),
            ("other", "Other"),
        ],
        required=True,
        default="telegram",
    )
    handle = fields.Char(required=True, help="Login, nickname or phone number")
    company_id = fields.Many2one(related="employee_id.company_id", store=True)
