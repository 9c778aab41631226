from datetime import timedelta
from unittest.mock import patch

from odoo.tests import RecordCapturer, tagged

from .common import WoTasksCommon


@tagged("post_install", "-at_install")
class TestCron(WoTasksCommon):
    """Overdue lines and reminders: batched, idempotent, safe after a crash."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Line = cls.env["wo.task.executor"]
        cls.tasks = cls.Task.browse()
        for _index in range(5):
            cls.tasks |= cls.make_task([cls.user_employee, cls.user_accountant])
        cls.relay = cls.make_task([cls.user_employee, cls.user_accountant], kind=cls.kind_relay)
        cls.on_time = cls.make_task([cls.user_outsider])
        # the deadlines pass
        past = {"date_deadline": cls.today - timedelta(days=1)}
        cls.tasks.executor_ids.sudo()._engine().write(past)
        cls.relay.executor_ids[:1].sudo()._engine().write(past)

    def run_cron(self, method="_cron_mark_overdue", **kwargs):
        # through a cursor of the test's transaction, as the cron worker would:
        # its commits (_commit_progress) are savepoints here
        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            getattr(self.Line.with_env(self.env(cr=cr)), method)(**kwargs)

    def snapshot(self):
        watched = self.tasks | self.relay | self.on_time
        return (
            sorted((line.id, line.state) for line in watched.executor_ids),
            self.env["mail.activity"].search_count(
                [("res_model", "=", "wo.task"), ("res_id", "in", watched.ids)]
            ),
            self.env["mail.message"].search_count(
                [
                    ("model", "=", "wo.task"),
                    ("res_id", "in", watched.ids),
                    ("message_type", "=", "comment"),
                ]
            ),
        )

    def test_overdue_marks_and_notifies_once(self):
        activities_before = self.snapshot()[1]
        self.run_cron(batch_size=2)
        for task in self.tasks:
            self.assertEqual(self.states(task), ["overdue", "waiting"])
            message = task.message_ids.filtered(lambda m: "Overdue since" in (m.body or ""))
            self.assertEqual(len(message), 1)
            self.assertEqual(
                set(message.partner_ids.ids),
                {self.user_employee.partner_id.id, self.user_head.partner_id.id},
            )
            self.assertEqual(
                len(task.activity_ids.filtered(lambda a: a.user_id == self.user_head)), 1
            )
        self.assertEqual(self.states(self.on_time), ["active"])
        first = self.snapshot()
        self.assertEqual(first[1], activities_before + 6 + 1, "one per overdue task, +1 relay next")
        self.assertEqual(self.states(self.relay), ["overdue", "active"])
        # run twice: nothing more
        self.run_cron(batch_size=2)
        self.assertEqual(self.snapshot(), first)

    def test_overdue_lets_the_next_go_on_where_the_kind_allows(self):
        self.run_cron()
        self.assertEqual(self.states(self.relay), ["overdue", "active"])
        self.assertEqual(
            len(self.relay.activity_ids.filtered(lambda a: a.user_id == self.user_accountant)), 1
        )
        # an overdue line may still report, with a delay reason
        reason = self.env.ref("wo_tasks.wo_task_delay_reason_waiting")
        line = self.line_of(self.relay, self.user_employee)
        line.with_user(self.user_employee).action_report("late", delay_reason_id=reason.id)
        self.assertEqual(self.states(self.relay), ["reported", "active"])

    def test_crash_in_the_middle_does_nothing_twice(self):
        original = type(self.Line)._mark_overdue
        calls = {"count": 0}

        def crash_on_third_batch(lines):
            calls["count"] += 1
            if calls["count"] == 3:
                raise RuntimeError("worker killed")
            return original(lines)

        # (not Odoo's assertRaises: its savepoint would undo the committed batches)
        crashed = False
        with patch.object(type(self.Line), "_mark_overdue", crash_on_third_batch):
            try:
                self.run_cron(batch_size=2)
            except RuntimeError:
                crashed = True
        self.assertTrue(crashed)
        # the first two batches (4 lines) were committed; the third was not
        overdue = self.Line.search([("state", "=", "overdue")])
        self.assertEqual(len(overdue), 4)
        self.run_cron(batch_size=2)
        for task in self.tasks | self.relay:
            self.assertEqual(self.states(task)[0], "overdue")
            message = task.message_ids.filtered(lambda m: "Overdue since" in (m.body or ""))
            self.assertEqual(len(message), 1, task.name)

    def test_reminder_before_the_deadline_once(self):
        task = self.make_task([self.user_outsider], date_deadline=self.today + timedelta(days=1))
        line = self.line_of(task, self.user_outsider)
        self.assertEqual(line.date_remind, self.today, "1 day before, from the kind")
        far = self.line_of(self.on_time, self.user_outsider)
        self.run_cron("_cron_remind")
        self.assertEqual(line.date_reminded, self.today)
        self.assertFalse(far.date_reminded, "10 days away")
        notified = self.env["mail.message"].search(
            [("model", "=", "wo.task"), ("res_id", "=", task.id), ("subject", "like", "Due on")]
        )
        self.assertEqual(len(notified), 1)
        self.assertEqual(notified.partner_ids, self.user_outsider.partner_id)
        self.run_cron("_cron_remind")
        self.assertEqual(
            self.env["mail.message"].search_count(
                [("model", "=", "wo.task"), ("res_id", "=", task.id), ("subject", "like", "Due on")]
            ),
            1,
        )

    def test_activation_schedules_the_cron(self):
        cron = self.env.ref("wo_tasks.ir_cron_wo_task_overdue")
        with RecordCapturer(
            self.env["ir.cron.trigger"].sudo(), [("cron_id", "=", cron.id)]
        ) as capture:
            self.make_task([self.user_outsider], date_deadline=self.today + timedelta(days=3))
        self.assertEqual(len(capture.records), 1)
        self.assertEqual(capture.records.cron_id, cron)
        self.assertEqual(capture.records.call_at.date(), self.today + timedelta(days=4))
