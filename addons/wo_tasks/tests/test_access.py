from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import WoTasksCommon


@tagged("post_install", "-at_install")
class TestAccess(WoTasksCommon):
    """Levels (Reader, Editor, Author, Manager) and roles, allowed and refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the head of Legal gives the employee of Contracts an assignment
        cls.task = cls.make_task([cls.user_employee, cls.user_accountant])

    def visible(self, user, task=None):
        task = task or self.task
        return bool(self.Task.with_user(user).search([("id", "=", task.id)]))

    def test_roles_see_the_assignment(self):
        for user in (self.user_head, self.user_employee, self.user_accountant, self.user_director):
            self.assertTrue(self.visible(user), user.login)
            self.assertEqual(self.task.with_user(user).subject, "Prepare the annual report")

    def test_deputy_sees_what_the_head_sees(self):
        self.assertTrue(self.visible(self.user_deputy))
        self.dep_legal.wo_deputy_ids.filtered(
            lambda line: line.employee_id == self.emp_deputy
        ).unlink()
        self.assertFalse(self.visible(self.user_deputy))

    def test_substitute_only_inside_the_dates(self):
        Substitution = self.env["wo.substitution"]
        later = Substitution.create(
            {
                "user_id": self.user_employee.id,
                "substitute_id": self.user_outsider.id,
                "date_from": self.today + timedelta(days=5),
                "date_to": self.today + timedelta(days=6),
            }
        )
        self.assertFalse(self.visible(self.user_outsider), "not yet")
        line = self.line_of(self.task, self.user_employee)
        with self.assertRaises(UserError):  # AccessError (unseen) is a UserError
            line.with_user(self.user_outsider).action_report("too early")
        later.date_from = self.today
        self.assertTrue(self.visible(self.user_outsider))
        line.with_user(self.user_outsider).action_report("for Emil")
        self.assertEqual(line.state, "reported")

    def test_department_head_sees_department_assignments(self):
        task = self.make_task([self.user_accountant], initiator=self.user_director)
        # the accountant heads Accounting: sees their own; the head of Legal does not
        self.assertFalse(self.visible(self.user_head, task))
        task_for_contracts = self.make_task([self.user_employee], initiator=self.user_director)
        self.assertTrue(
            self.visible(self.user_head, task_for_contracts), "Contracts is under Legal"
        )
        self.assertTrue(self.visible(self.user_deputy, task_for_contracts))

    def test_others_do_not_see(self):
        self.assertFalse(self.visible(self.user_outsider))
        self.assertFalse(self.visible(self.user_company_2))
        with self.assertRaises(AccessError):
            self.task.with_user(self.user_outsider).read(["subject"])
        for user in (self.user_no_wo, self.user_portal):
            with self.assertRaises(AccessError):
                self.Task.with_user(user).search([])

    def test_other_company_is_isolated(self):
        self.user_company_2.write(
            {"group_ids": [Command.link(self.env.ref("wo_staff.group_wo_director").id)]}
        )
        self.assertFalse(self.visible(self.user_company_2), "Director of another company")

    def test_levels(self):
        reader, editor, author, manager = (
            self.levels[level] for level in ("reader", "editor", "author", "manager")
        )
        task = self.make_task(
            [reader, editor], kind=self.kind_parallel, initiator=self.user_director
        )
        for user in (reader, editor, author, manager):
            task.message_subscribe(partner_ids=user.partner_id.ids)
        # Reader: reads, cannot work on it
        self.assertEqual(task.with_user(reader).subject, "Prepare the annual report")
        with self.assertRaises(AccessError):
            self.line_of(task, reader).with_user(reader).action_report("x")
        with self.assertRaises(AccessError):
            task.with_user(reader).write({"result": "x"})
        # Editor: works on their line, cannot create
        self.line_of(task, editor).with_user(editor).action_report("done")
        self.assertEqual(self.line_of(task, editor).state, "reported")
        new = {"subject": "New", "executor_ids": [Command.create({"user_id": editor.id})]}
        with self.assertRaises(AccessError):
            self.Task.with_user(editor).create(new)
        # Author: creates, cannot delete
        mine = self.Task.with_user(author).create(new)
        self.assertEqual(mine.initiator_id, author)
        with self.assertRaises(AccessError):
            mine.with_user(author).unlink()
        # Manager: deletes a draft, not an assignment under way
        draft = self.Task.with_user(manager).create(new)
        draft.with_user(manager).unlink()
        self.assertFalse(draft.exists())
        under_way = self.Task.with_user(manager).create(new)
        under_way.with_user(manager).action_assign()
        with self.assertRaisesRegex(UserError, "cancel it rather than delete it"):
            under_way.with_user(manager).unlink()

    def test_executor_writes_only_their_line(self):
        employee_line = self.line_of(self.task, self.user_employee)
        employee_line.with_user(self.user_employee).write({"progress": 40, "comment": "Half"})
        self.assertEqual(employee_line.progress, 40)
        other_line = self.line_of(self.task, self.user_accountant)
        with self.assertRaisesRegex(AccessError, "your role on it does not allow it"):
            other_line.with_user(self.user_employee).write({"progress": 40})
        with self.assertRaisesRegex(AccessError, "your role on it does not allow it"):
            employee_line.with_user(self.user_employee).write({"date_deadline": self.today})
        with self.assertRaisesRegex(AccessError, "your role on it does not allow it"):
            self.task.with_user(self.user_employee).write({"date_deadline": self.today})
        with self.assertRaisesRegex(UserError, "through its actions"):
            employee_line.with_user(self.user_employee).write({"state": "reported"})
        self.assertEqual(other_line.progress, 0)

    def test_controller_writes_deadlines_not_content_once_started(self):
        task = self.make_task(
            [self.user_employee], initiator=self.user_head, controller=self.user_accountant
        )
        task.with_user(self.user_accountant).write(
            {"date_deadline": self.today + timedelta(days=20)}
        )
        self.assertEqual(task.date_deadline, self.today + timedelta(days=20))
        with self.assertRaisesRegex(AccessError, "your role on it does not allow it"):
            task.with_user(self.user_accountant).write({"subject": "Mine now"})
        # the initiator edits the content until work starts ...
        task.with_user(self.user_head).write({"subject": "Prepare the annual report 2026"})
        self.line_of(task, self.user_employee).with_user(self.user_employee).action_start()
        # ... and not after
        with self.assertRaisesRegex(AccessError, "your role on it does not allow it"):
            task.with_user(self.user_head).write({"subject": "Too late"})
        self.assertEqual(task.subject, "Prepare the annual report 2026")
        with self.assertRaisesRegex(AccessError, "your role on it does not allow it"):
            task.with_user(self.user_head).write({"date_deadline": self.today})

    def test_only_planners_add_executors(self):
        with self.assertRaises(AccessError):
            self.env["wo.task.executor"].with_user(self.user_employee).create(
                {"task_id": self.task.id, "user_id": self.user_outsider.id}
            )
        self.env["wo.task.executor"].with_user(self.user_head).create(
            {"task_id": self.task.id, "user_id": self.user_outsider.id, "sequence": 9}
        )
        self.assertIn(self.user_outsider, self.task.executor_ids.user_id)
