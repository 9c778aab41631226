from psycopg2.errors import UniqueViolation

from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import WoCommon


@tagged("post_install", "-at_install")
class TestHrBehaviour(WoCommon):
    """What Odoo's Employees app lets people do, WO installed: a plain
    employee (no HR rights, no WO group) reads colleagues and edits their own
    preferences; an employee is created for a user as hr does it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_plain = new_test_user(
            cls.env, login="test_wo_plain", name="Petro Plain", groups="base.group_user"
        )
        cls.emp_plain = cls.wo_employee(cls.user_plain, cls.dep_contracts)
        cls.emp_deputy.write(
            {"wo_fax": "+380 44 222 22 22", "wo_messenger_ids": [(0, 0, {"handle": "@denys"})]}
        )

    def test_plain_user_reads_colleagues(self):
        # what the Employees app reads (and hr's test_employee_fields_groups):
        # every field of hr.employee a plain user may read is public
        employees = self.env["hr.employee"].with_user(self.user_plain)
        self.assertTrue(employees.search([]).read([]))
        deputy = employees.browse(self.emp_deputy.id)
        self.assertEqual(deputy.wo_deputy_line_ids.department_id, self.dep_legal)
        self.assertEqual(deputy.wo_messenger_ids.mapped("handle"), ["@denys"])
        self.assertEqual(deputy.wo_fax, "+380 44 222 22 22")
        # the colleague's card (hr.employee.public) shows the same work data
        public = self.env["hr.employee.public"].with_user(self.user_plain).browse(deputy.id)
        self.assertEqual(public.wo_deputy_line_ids.department_id, self.dep_legal)
        self.assertEqual(public.wo_messenger_ids.mapped("handle"), ["@denys"])

    def test_plain_user_saves_own_preferences(self):
        me = self.user_plain.with_user(self.user_plain)
        with Form(me, view="hr.res_users_view_form_preferences") as preferences:
            preferences.tz = "Europe/Kyiv"
        self.assertEqual(self.user_plain.tz, "Europe/Kyiv")
        # hr's rule (its test_self_user_access): a field of their own user
        # that people read under HR's group on My Profile, they may also save
        protected = [
            fname
            for fname, field in me._fields.items()
            if field.groups == "hr.group_hr_user"
            and field.type == "char"
            and fname in me.SELF_READABLE_FIELDS
        ]
        self.assertIn("private_phone", protected)
        for fname in protected:
            me.write({fname: "0000" if fname in ("pin", "barcode") else "dummy"})
        self.assertEqual(self.emp_plain.private_phone, "dummy")
        # the passport details are shown there, read-only: HR keeps them
        self.emp_plain.passport_id = "AB123"
        self.assertEqual(me.wo_passport_number, "AB123")

    def test_create_employee_from_user_form(self):
        # the "Create employee" button of the user form
        user = new_test_user(self.env, login="test_wo_new_hire", groups="base.group_user")
        user.action_create_employee()
        self.assertEqual(user.employee_ids.name, user.name)
        # a user created with "Create employee" ticked, and a user created for
        # an existing employee from the employee form (hr's own test)
        employee = self.env["hr.employee"].create({"name": "Olha Existing"})
        created, linked = self.env["res.users"].create(
            [
                {"name": "Ivan Created", "login": "test_wo_created", "create_employee": True},
                {
                    "name": "Olha Existing",
                    "login": "test_wo_linked",
                    "create_employee_id": employee.id,
                },
            ]
        )
        self.assertEqual(created.employee_id.name, "Ivan Created")
        self.assertEqual(linked.employee_id, employee)

    def test_user_given_twice_refused_by_hr(self):
        # hr's unique constraint refuses a second employee of a user in one
        # company (the web client shows its message): WO must let it through
        # as it is, not fail later on a duplicate key in a record rule
        employee = self.env["hr.employee"].create({"name": "Petro Again"})
        form = Form(employee.with_user(self.user_hr))
        form.user_id = self.user_plain
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation):
            form.save()
