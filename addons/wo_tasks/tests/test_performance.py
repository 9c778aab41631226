from odoo import Command
from odoo.tests import tagged, users

from .common import WoTasksCommon


@tagged("post_install", "-at_install")
class TestPerformance(WoTasksCommon):
    """The hot paths, in queries (the figures are the test: a regression fails)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reader = cls.levels["reader"]
        cls.list_tasks = cls.Task.browse()
        for index in range(80):
            cls.list_tasks |= cls.make_task(
                [cls.user_employee, cls.user_accountant, cls.reader],
                initiator=cls.user_director,
                subject=f"Assignment {index}",
                assign=False,
            )
        # measure as in production: tracking, chatter logs and notifications on
        cls.env = cls.env(context={"lang": "en_US", "tz": "UTC"})

    def task_values(self, index):
        return {
            "subject": f"Query count {index}",
            "kind_id": self.kind_sequential.id,
            "controller_id": self.user_head.id,
            "date_deadline": self.today,
            "executor_ids": [
                Command.create({"user_id": user.id, "sequence": seq})
                for seq, user in enumerate(
                    (self.user_employee, self.user_accountant, self.user_outsider)
                )
            ],
        }

    @users("test_wo_head")
    def test_create_task_with_three_executors(self):
        Task = self.env["wo.task"]
        Task.create(self.task_values(0))  # warm-up: caches, sequence
        with self.assertQueryCount(QUERIES_CREATE):
            task = Task.create(self.task_values(1))
        self.assertEqual(len(task.executor_ids), 3)

    def test_report_one_line(self):
        first = self.make_task([self.user_employee, self.user_accountant, self.user_outsider])
        task = self.make_task([self.user_employee, self.user_accountant, self.user_outsider])
        self.line_of(first, self.user_employee).with_user(self.user_employee).action_report("w")
        line = self.line_of(task, self.user_employee).with_user(self.user_employee)
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_REPORT):
            # the report, its activity closed, the move, the history, the next
            # executor's activity (with its follower) and the cron's wake-up
            line.action_report("Done")
        self.assertEqual(self.states(task), ["reported", "active", "waiting"])

    def test_list_80_tasks_as_reader(self):
        Task = self.env["wo.task"].with_user(self.reader)
        spec = {
            "name": {},
            "subject": {},
            "priority": {},
            "date_deadline": {},
            "progress": {},
            "state_id": {"fields": {"display_name": {}}},
            "initiator_id": {"fields": {"display_name": {}}},
            "executor_user_ids": {"fields": {"display_name": {}}},
            "is_overdue": {},
            "is_closed": {},
        }
        Task.web_search_read([], spec, limit=80)  # warm-up
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_LIST):
            result = Task.web_search_read([], spec, limit=80)
        self.assertEqual(result["length"], 80)


QUERIES_CREATE = 14
QUERIES_REPORT = 54
QUERIES_LIST = 12
