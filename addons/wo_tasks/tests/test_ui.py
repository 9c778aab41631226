from odoo.tests import HttpCase, tagged

from .common import WoTasksCommon


@tagged("post_install", "-at_install")
class TestUi(HttpCase, WoTasksCommon):
    """Give an assignment and report on it, in the browser."""

    def test_give_and_report(self):
        self.start_tour(
            "/odoo/action-wo_tasks.wo_task_action_outgoing",
            "wo_tasks_give_tour",
            login=self.user_head.login,
        )
        task = self.Task.search([("subject", "=", "Check the lease contract")])
        self.assertEqual(task.state_code, "assigned")
        self.assertEqual(
            task.executor_ids.sorted("sequence").user_id.ids,
            [self.user_employee.id, self.user_accountant.id],
        )
        self.start_tour(
            "/odoo/action-wo_tasks.wo_task_action_incoming",
            "wo_tasks_report_tour",
            login=self.user_employee.login,
        )
        self.assertEqual(self.states(task), ["reported", "active"])
        self.assertEqual(self.line_of(task, self.user_employee).result, "Clause 7 must change.")
