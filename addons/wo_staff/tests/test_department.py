from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import WoCommon


@tagged("post_install", "-at_install")
class TestDepartment(WoCommon):
    """Heads and deputies of departments."""

    def deputies(self, department):
        return department.wo_deputy_ids.sorted("sequence").employee_id

    def test_deputies_are_ordered(self):
        self.assertEqual(self.deputies(self.dep_legal), self.emp_deputy | self.emp_deputy_2)
        self.assertEqual(
            self.dep_legal.wo_deputy_employee_ids.ids,
            [self.emp_deputy.id, self.emp_deputy_2.id],
        )
        self.assertEqual(self.emp_deputy.wo_deputy_line_ids.department_id, self.dep_legal)

    def test_head_cannot_be_own_deputy(self):
        count = self.env["wo.department.deputy"].search_count([])
        with self.assertRaisesRegex(ValidationError, "cannot be their own deputy"):
            self.env["wo.department.deputy"].create(
                {"department_id": self.dep_legal.id, "employee_id": self.emp_head.id}
            )
        self.assertEqual(self.env["wo.department.deputy"].search_count([]), count)

    def test_deputy_cannot_become_head_too(self):
        with self.assertRaisesRegex(ValidationError, "cannot head it as well"):
            self.dep_legal.manager_id = self.emp_deputy
        self.assertEqual(self.dep_legal.manager_id, self.emp_head)

    def test_same_deputy_twice_refused(self):
        count = len(self.dep_legal.wo_deputy_ids)
        with self.assertRaisesRegex(ValidationError, "deputy of a department only once"):
            self.env["wo.department.deputy"].create(
                {"department_id": self.dep_legal.id, "employee_id": self.emp_deputy.id}
            )
        with self.assertRaisesRegex(ValidationError, "deputy of a department only once"):
            self.env["wo.department.deputy"].create(
                [
                    {
                        "department_id": self.dep_accounting.id,
                        "employee_id": self.emp_employee.id,
                    },
                    {
                        "department_id": self.dep_accounting.id,
                        "employee_id": self.emp_employee.id,
                    },
                ]
            )
        self.assertEqual(len(self.dep_legal.wo_deputy_ids), count)
        self.assertFalse(self.dep_accounting.wo_deputy_ids)

    def test_department_cannot_be_its_own_ancestor(self):
        with self.assertRaisesRegex(ValidationError, "cannot be its own ancestor"):
            self.dep_management.parent_id = self.dep_contracts
        self.assertFalse(self.dep_management.parent_id)
        with self.assertRaisesRegex(ValidationError, "cannot be its own ancestor"):
            self.dep_legal.parent_id = self.dep_legal
        self.assertEqual(self.dep_legal.parent_id, self.dep_management)

    def test_form_adds_deputies_in_order(self):
        with Form(self.dep_accounting) as form:
            with form.wo_deputy_ids.new() as line:
                line.employee_id = self.emp_employee
            with form.wo_deputy_ids.new() as line:
                line.employee_id = self.emp_hr
        self.assertEqual(self.deputies(self.dep_accounting), self.emp_employee | self.emp_hr)
        self.assertTrue(self.user_employee._wo_acts_for(self.user_accountant))

    def test_chart_shows_head_and_deputies(self):
        hierarchy = self.dep_legal.get_department_hierarchy()
        self.assertEqual(hierarchy["self"]["wo_head"], self.emp_head.name)
        self.assertEqual(
            hierarchy["self"]["wo_deputies"], [self.emp_deputy.name, self.emp_deputy_2.name]
        )
        self.assertEqual(hierarchy["parent"]["wo_head"], self.emp_director.name)
        self.assertEqual(hierarchy["children"][0]["wo_head"], False)

    def test_deputies_managed_by_hr_only(self):
        line = self.dep_legal.wo_deputy_ids[:1]
        # a plain user reads deputies (who stands in is public) ...
        self.assertEqual(line.with_user(self.user_employee).employee_id, self.emp_deputy)
        # ... but neither the head nor their deputy can change them
        for user in (self.user_head, self.user_deputy, self.user_employee):
            with self.assertRaises(AccessError):
                line.with_user(user).write({"sequence": 5})
            with self.assertRaises(AccessError):
                self.env["wo.department.deputy"].with_user(user).create(
                    {
                        "department_id": self.dep_legal.id,
                        "employee_id": self.emp_employee.id,
                    }
                )
            with self.assertRaises(AccessError):
                line.with_user(user).unlink()
        line.with_user(self.user_hr).write({"sequence": 5})
        self.assertEqual(line.sequence, 5)
