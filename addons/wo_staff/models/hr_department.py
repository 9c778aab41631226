from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrDepartment(models.Model):
    _inherit = "hr.department"

    wo_deputy_ids = fields.One2many(
        "wo.department.deputy",
        "department_id",
        string="Deputies",
        copy=False,
        help="Employees who stand in for the head, in order.",
    )
    wo_deputy_employee_ids = fields.Many2many(
        "hr.employee",
        string="Deputy Employees",
        compute="_compute_wo_deputy_employee_ids",
        # since 19 setting a relation needs read access to its comodel, which
        # only HR officers have on hr.employee; the deputies are as public as
        # the department's manager
        compute_sudo=True,
    )

    @api.depends("wo_deputy_ids.employee_id", "wo_deputy_ids.sequence")
    def _compute_wo_deputy_employee_ids(self):
        for department in self:
            department.wo_deputy_employee_ids = department.wo_deputy_ids.employee_id

    @api.constrains("manager_id")
    def _check_manager_not_deputy(self):
        for department in self:
            if department.manager_id in department.wo_deputy_ids.employee_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s is a deputy of %(department)s and cannot head it "
                        "as well: remove them from the deputies first.",
                        employee=department.manager_id.name,
                        department=department.name,
                    )
                )

    def write(self, vals):
        if vals.get("parent_id"):
            # hr's own check comes after the parent store refused the move with
            # a bare "Recursion Detected": say what is wrong instead
            parent = self.browse(vals["parent_id"])
            ancestors = {int(i) for i in (parent.parent_path or "").split("/") if i}
            for department in self:
                if department.id in ancestors | {parent.id}:
                    raise ValidationError(
                        self.env._(
                            "%(department)s cannot be placed under %(parent)s, which is "
                            "inside it: a department cannot be its own ancestor.",
                            department=department.name,
                            parent=parent.name,
                        )
                    )
        result = super().write(vals)
        if {"manager_id", "active", "parent_id"} & set(vals):
            self.env["res.users"]._wo_acting_for_changed()
        return result

    def _wo_head(self, exclude=None):
        """The user who heads this department for decisions: its manager or,
        when it has none (or the manager is ``exclude``, e.g. the author of a
        document asking for their own head), the nearest parent's."""
        self.ensure_one()
        department = self.sudo()  # the structure is public, as the chart shows it
        seen = set()
        while department and department.id not in seen:
            seen.add(department.id)
            head = department.manager_id.user_id
            if head and head != exclude:
                return head.with_env(self.env)
            department = department.parent_id
        return self.env["res.users"]

    def get_department_hierarchy(self):
        # the department chart of the form shows each department's head and deputies
        hierarchy = super().get_department_hierarchy()
        if not hierarchy:
            return hierarchy
        nodes = [
            hierarchy.get("parent"),
            hierarchy.get("self"),
            *hierarchy.get("children", []),
        ]
        nodes = [node for node in nodes if node]
        departments = self.browse([node["id"] for node in nodes])
        by_id = {department.id: department for department in departments}
        for node in nodes:
            department = by_id[node["id"]]
            node["wo_head"] = department.manager_id.name or False
            node["wo_deputies"] = department.wo_deputy_ids.employee_id.mapped("name")
        return hierarchy
