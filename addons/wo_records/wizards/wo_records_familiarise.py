from odoo import api, fields, models
from odoo.exceptions import UserError


class WoRecordsFamiliarise(models.TransientModel):
    """Send a document or a letter to employees (or whole departments) to
    read."""

    _name = "wo.records.familiarise"
    _description = "Send to Read"

    res_model = fields.Selection(
        [("wo.document", "Document"), ("wo.correspondence", "Letter")], required=True
    )
    res_id = fields.Integer(required=True)
    user_ids = fields.Many2many("res.users", string="Employees", domain="[('share', '=', False)]")
    department_ids = fields.Many2many(
        "hr.department", string="Departments", help="Everyone who works there, and below."
    )
    date_deadline = fields.Date(string="Read By")
    message = fields.Text()

    @api.model
    def _users_of(self, departments):
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search([("department_id", "child_of", departments.ids), ("user_id", "!=", False)])
        )
        return employees.user_id

    def action_send(self):
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(self.env._("The record to read no longer exists."))
        users = self.user_ids | self._users_of(self.department_ids)
        self.env["wo.records.familiarisation"]._send(
            record, users, self.date_deadline, self.message
        )
        return {"type": "ir.actions.act_window_close"}
