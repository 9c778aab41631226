from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import WoTasksCommon


@tagged("post_install", "-at_install")
class TestBadInput(WoTasksCommon):
    """Refused with a clear message, and nothing written."""

    def count(self):
        return self.Task.search_count([]), self.env["wo.task.executor"].search_count([])

    def test_no_executors(self):
        before = self.count()
        with self.assertRaisesRegex(ValidationError, "at least one executor"):
            self.Task.with_user(self.user_head).create({"subject": "Nobody"})
        with self.assertRaisesRegex(ValidationError, "at least one executor"):
            self.Task.with_user(self.user_head).create({"subject": "Nobody", "executor_ids": []})
        self.assertEqual(self.count(), before)

    def test_same_executor_twice(self):
        before = self.count()
        with self.assertRaisesRegex(ValidationError, "appears once"):
            self.make_task([self.user_employee, self.user_employee], assign=False)
        self.assertEqual(self.count(), before)
        task = self.make_task([self.user_employee], assign=False)
        with self.assertRaisesRegex(ValidationError, "appears once"):
            task.with_user(self.user_head).write(
                {"executor_ids": [Command.create({"user_id": self.user_employee.id})]}
            )
        self.assertEqual(len(task.executor_ids), 1)

    def test_deadline_in_the_past(self):
        before = self.count()
        with self.assertRaisesRegex(ValidationError, "already past"):
            self.make_task([self.user_employee], date_deadline=self.today - timedelta(days=1))
        self.assertEqual(self.count(), before)

    def test_line_deadline_in_the_past(self):
        """The controller cannot give an executor line a deadline that has
        passed, on a new line or an existing one: nothing written."""
        yesterday = self.today - timedelta(days=1)
        task = self.make_task([self.user_employee], controller=self.user_head)
        line = self.line_of(task, self.user_employee)
        before = line.date_deadline
        with self.assertRaisesRegex(ValidationError, "already past"):
            line.with_user(self.user_head).write({"date_deadline": yesterday})
        self.assertEqual(line.date_deadline, before)
        with self.assertRaisesRegex(ValidationError, "already past"):
            task.with_user(self.user_head).write(
                {
                    "executor_ids": [
                        Command.create(
                            {"user_id": self.user_accountant.id, "date_deadline": yesterday}
                        )
                    ]
                }
            )
        self.assertEqual(task.executor_ids.user_id, self.user_employee)
        # today and later are accepted, from the same controller
        tomorrow = self.today + timedelta(days=1)
        line.with_user(self.user_head).write({"date_deadline": tomorrow})
        self.assertEqual(line.date_deadline, tomorrow)

    def test_reporting_twice(self):
        task = self.make_task([self.user_employee, self.user_accountant])
        line = self.line_of(task, self.user_employee)
        line.with_user(self.user_employee).action_report("Once")
        with self.assertRaisesRegex(UserError, "has already reported"):
            line.with_user(self.user_employee).action_report("Twice")
        self.assertEqual(line.result, "Once")
        self.assertEqual(self.states(task), ["reported", "active"])

    def test_reporting_on_cancelled_or_done(self):
        task = self.make_task([self.user_employee, self.user_accountant], kind=self.kind_parallel)
        line = self.line_of(task, self.user_accountant)
        self.line_of(task, self.user_employee).with_user(self.user_employee).action_report()
        line.with_user(self.user_accountant).action_report()
        task.with_user(self.user_head).action_accept()
        with self.assertRaisesRegex(UserError, "nobody reports on it"):
            line.with_user(self.user_accountant).action_report("after")
        other = self.make_task([self.user_employee])
        other.with_user(self.user_head).action_cancel()
        with self.assertRaisesRegex(UserError, "nobody reports on it"):
            self.line_of(other, self.user_employee).with_user(self.user_employee).action_report()
        self.assertEqual(self.states(other), ["skipped"])

    def test_transition_the_cycle_does_not_allow(self):
        task = self.make_task([self.user_employee])
        with self.assertRaisesRegex(UserError, "already assigned"):
            task.with_user(self.user_head).action_assign()
        with self.assertRaisesRegex(UserError, "only a reported assignment is accepted"):
            task.with_user(self.user_head).action_accept()
        self.assertEqual(task.state_code, "assigned")

    def test_progress_outside_0_100(self):
        task = self.make_task([self.user_employee])
        line = self.line_of(task, self.user_employee)
        for value in (-1, 101, 250):
            with self.assertRaisesRegex(ValidationError, "from 0 to 100"):
                line.with_user(self.user_employee).write({"progress": value})
            with self.assertRaisesRegex(UserError, "from 0 to 100"):
                line.with_user(self.user_employee).action_report("x", progress=value)
        self.assertEqual(line.progress, 0)
        self.assertEqual(line.state, "active")

    def test_assignment_is_not_its_own_sub_assignment(self):
        task = self.make_task([self.user_employee])
        child = self.make_task([self.user_employee], parent_id=task.id)
        with self.assertRaisesRegex(ValidationError, "its own sub-assignment"):
            task.sudo().write({"parent_id": child.id})
