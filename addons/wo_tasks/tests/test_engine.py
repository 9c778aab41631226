from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WoTasksCommon


@tagged("post_install", "-at_install")
class TestEngine(WoTasksCommon):
    """Whose turn it is: the execution modes, refusals, returns, deputies."""

    def test_sequential_hand_over(self):
        executors = [self.user_employee, self.user_accountant, self.user_outsider]
        task = self.make_task(executors)
        self.assertEqual(task.state_code, "assigned")
        self.assertTrue(task.name.startswith(f"A-{self.today.year}-"))
        self.assertEqual(self.states(task), ["active", "waiting", "waiting"])
        self.assertEqual(len(self.activities_of(task, self.user_employee)), 1)
        self.assertFalse(self.activities_of(task, self.user_accountant))

        self.line_of(task, self.user_employee).with_user(self.user_employee).action_report("Draft")
        self.assertEqual(self.states(task), ["reported", "active", "waiting"])
        self.assertFalse(self.activities_of(task, self.user_employee), "closed when reported")
        self.assertEqual(len(self.activities_of(task, self.user_accountant)), 1)
        self.assertEqual(task.state_code, "in_progress")

        self.line_of(task, self.user_accountant).with_user(self.user_accountant).action_report()
        self.line_of(task, self.user_outsider).with_user(self.user_outsider).action_report("OK")
        self.assertEqual(self.states(task), ["reported"] * 3)
        self.assertEqual(task.state_code, "reported")
        self.assertTrue(task.date_reported)
        self.assertEqual(len(self.activities_of(task, self.user_head)), 1, "controller decides")
        self.assertEqual(task.progress, 100)

        task.with_user(self.user_head).action_accept()
        self.assertEqual(task.state_code, "done")
        self.assertFalse(task.activity_ids)
        moves = task.history_ids.sorted("id").mapped(
            lambda h: (h.state_from_id.code, h.state_to_id.code)
        )
        self.assertEqual(
            moves,
            [
                ("draft", "assigned"),
                ("assigned", "in_progress"),
                ("in_progress", "reported"),
                ("reported", "done"),
            ],
        )
        self.assertEqual(task.history_ids.sorted("id")[-1].user_id, self.user_head)

    def test_report_out_of_turn_refused(self):
        task = self.make_task([self.user_employee, self.user_accountant])
        second = self.line_of(task, self.user_accountant)
        with self.assertRaisesRegex(UserError, "not yet Alla Accountant's turn"):
            second.with_user(self.user_accountant).action_report("too early")
        self.assertEqual(self.states(task), ["active", "waiting"])
        self.assertFalse(second.result)

    def test_nobody_reports_for_someone_else(self):
        task = self.make_task([self.user_employee])
        line = self.line_of(task, self.user_employee)
        # the initiator and controller sees the line, but it is not theirs
        with self.assertRaisesRegex(UserError, "you do not act for them"):
            line.with_user(self.user_head).action_report("not mine")
        self.assertEqual(self.states(task), ["active"])

    def test_deputy_reports_for_the_head(self):
        task = self.make_task([self.user_head, self.user_employee], initiator=self.user_director)
        line = self.line_of(task, self.user_head)
        self.assertEqual(task.with_user(self.user_deputy).my_line_id, line)
        line.with_user(self.user_deputy).action_report("Done by the deputy")
        self.assertEqual(self.states(task), ["reported", "active"])
        # the record says who acted
        history = task.history_ids.filtered(lambda h: h.state_to_id.code == "in_progress")
        self.assertEqual(history.user_id, self.user_deputy)

    def test_refusal_goes_to_the_controller(self):
        task = self.make_task([self.user_employee, self.user_accountant])
        line = self.line_of(task, self.user_employee)
        with self.assertRaisesRegex(UserError, "needs a reason"):
            line.with_user(self.user_employee).action_refuse("  ")
        line.with_user(self.user_employee).action_refuse("Not my field")
        self.assertEqual(self.states(task), ["refused", "waiting"], "the flow waits")
        decision = self.activities_of(task, self.user_head)
        self.assertEqual(len(decision), 1)
        self.assertIn("refused", decision.summary)
        # the executor cannot decide for the controller
        with self.assertRaisesRegex(UserError, "Only the controller"):
            line.with_user(self.user_employee).action_skip()
        line.with_user(self.user_head).action_skip()
        self.assertEqual(self.states(task), ["skipped", "active"])
        self.assertFalse(self.activities_of(task, self.user_head))

    def test_controller_reassigns_a_refused_line(self):
        task = self.make_task([self.user_employee, self.user_accountant])
        line = self.line_of(task, self.user_employee)
        line.with_user(self.user_employee).action_refuse("On holiday")
        line.with_user(self.user_head).action_reassign(self.user_outsider)
        self.assertEqual(line.user_id, self.user_outsider)
        self.assertEqual(self.states(task), ["active", "waiting"])
        self.assertEqual(len(self.activities_of(task, self.user_outsider)), 1)
        with self.assertRaisesRegex(UserError, "appears once"):
            line.with_user(self.user_head).action_reassign(self.user_accountant)
        # over XML-RPC the new executor comes as an id
        line.with_user(self.user_head).action_reassign(self.user_deputy_2.id)
        self.assertEqual(line.user_id, self.user_deputy_2)

    def test_controller_cancels_after_refusal(self):
        task = self.make_task([self.user_employee])
        self.line_of(task, self.user_employee).with_user(self.user_employee).action_refuse("No")
        task.with_user(self.user_head).action_cancel()
        self.assertEqual(task.state_code, "cancelled")
        self.assertFalse(task.activity_ids)

    def test_parallel_completion_with_a_refused_line(self):
        executors = [self.user_employee, self.user_accountant, self.user_outsider]
        task = self.make_task(executors, kind=self.kind_parallel)
        self.assertEqual(self.states(task), ["active"] * 3)
        self.line_of(task, self.user_accountant).with_user(self.user_accountant).action_refuse("No")
        self.line_of(task, self.user_employee).with_user(self.user_employee).action_report("A")
        self.assertEqual(task.state_code, "in_progress")
        self.line_of(task, self.user_outsider).with_user(self.user_outsider).action_report("B")
        self.assertEqual(self.states(task), ["reported", "refused", "reported"])
        self.assertEqual(task.state_code, "reported")
        self.assertEqual(task.progress, 100, "a refused line does not count")

    def test_responsible_mode(self):
        executors = [self.user_employee, self.user_accountant, self.user_outsider]
        task = self.make_task(executors, kind=self.kind_responsible)
        responsible = self.line_of(task, self.user_employee)
        self.assertTrue(responsible.is_responsible)
        self.assertEqual(self.states(task), ["active"] * 3)
        self.line_of(task, self.user_accountant).with_user(self.user_accountant).action_report(
            "Figures"
        )
        self.assertEqual(task.state_code, "in_progress", "the others report to the responsible")
        message = task.message_ids[:1]
        self.assertIn("reported to Emil Employee", message.body)
        self.assertIn(self.user_employee.partner_id, message.partner_ids)
        responsible.with_user(self.user_employee).action_report("All done", progress=90)
        self.assertEqual(task.state_code, "reported")
        self.assertEqual(self.states(task), ["reported", "reported", "skipped"])
        self.assertEqual(task.progress, 90, "% done is the responsible's")
        self.assertFalse(self.activities_of(task, self.user_outsider))

    def test_return_for_rework(self):
        task = self.make_task([self.user_employee, self.user_accountant], kind=self.kind_parallel)
        for user in (self.user_employee, self.user_accountant):
            self.line_of(task, user).with_user(user).action_report("v1")
        self.assertEqual(task.state_code, "reported")
        with self.assertRaisesRegex(UserError, "Say why"):
            task.with_user(self.user_head).action_return("")
        employee_line = self.line_of(task, self.user_employee)
        task.with_user(self.user_head).action_return("Numbers are wrong", [employee_line.id])
        self.assertEqual(task.state_code, "returned")
        self.assertEqual(task.return_reason, "Numbers are wrong")
        self.assertEqual(self.states(task), ["active", "reported"])
        self.assertEqual(len(self.activities_of(task, self.user_employee)), 1)
        employee_line.with_user(self.user_employee).action_report("v2")
        self.assertEqual(task.state_code, "reported")
        task.with_user(self.user_head).action_accept()
        self.assertEqual(task.state_code, "done")

    def test_start_marks_in_progress(self):
        task = self.make_task([self.user_employee])
        task.with_user(self.user_employee).action_start()
        self.assertEqual(self.states(task), ["in_progress"])
        self.assertTrue(task.is_in_progress)
        self.assertEqual(task.state_code, "in_progress")

    def test_late_report_needs_a_delay_reason(self):
        task = self.make_task([self.user_employee])
        line = self.line_of(task, self.user_employee)
        line.sudo()._engine().write({"date_deadline": self.today - timedelta(days=2)})
        with self.assertRaisesRegex(UserError, "give the reason for the delay"):
            line.with_user(self.user_employee).action_report("late")
        self.assertEqual(self.states(task), ["active"])
        reason = self.env.ref("wo_tasks.wo_task_delay_reason_workload")
        line.with_user(self.user_employee).action_report("late", delay_reason_id=reason.id)
        self.assertTrue(line.is_late)
        self.assertEqual(line.delay_reason_id, reason)

    def test_cycle_moves_by_hand_per_role(self):
        task = self.make_task([self.user_employee])
        task.with_user(self.user_employee).action_start()
        # the engine's own states are reached through actions, not by hand
        done = self.env.ref("wo_tasks.wo_task_state_done")
        with self.assertRaisesRegex(UserError, "moves to Done through its actions"):
            task.with_user(self.user_head).write({"state_id": done.id})
        on_hold = self.env.ref("wo_tasks.wo_task_state_on_hold")
        # the executor may not put it on hold: the cycle gives that to the controller
        with self.assertRaisesRegex(UserError, "does not allow moving it"):
            task.with_user(self.user_employee).write({"state_id": on_hold.id})
        self.assertEqual(task.state_code, "in_progress")
        task.with_user(self.user_head).write({"state_id": on_hold.id})
        self.assertEqual(task.state_id, on_hold)
        # on hold, nobody reports
        with self.assertRaisesRegex(UserError, "nobody reports on it"):
            self.line_of(task, self.user_employee).with_user(self.user_employee).action_report()
        # a move the cycle does not have at all
        draft = self.env.ref("wo_tasks.wo_task_state_draft")
        with self.assertRaisesRegex(UserError, "does not allow .* to go from On Hold to Draft"):
            task.with_user(self.user_head).write({"state_id": draft.id})
        self.assertEqual(task.state_id, on_hold)
        in_progress = self.env.ref("wo_tasks.wo_task_state_in_progress")
        task.with_user(self.user_head).write({"state_id": in_progress.id})
        self.assertEqual(task.state_code, "in_progress")
        # the engine's moves follow the cycle too: without reported -> returned,
        # nothing is returned
        self.line_of(task, self.user_employee).with_user(self.user_employee).action_report()
        self.env.ref("wo_tasks.wo_task_transition_reported_returned").unlink()
        with self.assertRaisesRegex(UserError, "does not allow .* to go from Reported to Returned"):
            task.with_user(self.user_head).action_return("again")
        self.assertEqual(task.state_code, "reported")

    def test_actions_need_their_role(self):
        task = self.make_task([self.user_employee], kind=self.kind_parallel)
        self.line_of(task, self.user_employee).with_user(self.user_employee).action_report()
        with self.assertRaisesRegex(UserError, "Only the controller"):
            task.with_user(self.user_employee).action_accept()
        with self.assertRaisesRegex(UserError, "Only the controller"):
            task.with_user(self.user_employee).action_return("mine")
        self.assertEqual(task.state_code, "reported")
        # a Director acts on anything
        task.with_user(self.user_director).action_accept()
        self.assertEqual(task.state_code, "done")

    def test_sub_assignment_progress_rolls_up(self):
        parent = self.make_task([self.user_employee], kind=self.kind_parallel)
        child = self.make_task([self.user_accountant], kind=self.kind_parallel, parent_id=parent.id)
        self.assertEqual(parent.child_count, 1)
        self.line_of(child, self.user_accountant).with_user(self.user_accountant).action_report()
        self.assertEqual(child.progress, 100)
        self.assertEqual(parent.progress, 50, "own line 0 and the sub-assignment's 100")
