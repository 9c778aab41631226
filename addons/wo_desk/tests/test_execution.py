from datetime import timedelta
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import WoDeskCommon


@tagged("post_install", "-at_install")
class TestExecution(WoDeskCommon):
    """Execution control from the lines as they are now, by department and
    executor, for the heads and the Director; the weekly digest once per
    head and week."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = cls.today
        cls.on_time = cls.make_task(cls.user_employee, "On time job")
        cls.late = cls.make_task(cls.user_employee, "Late job")
        cls.overdue = cls.make_task(cls.user_employee, "Overdue job")
        cls.refused = cls.make_task(cls.user_employee, "Refused job")
        cls.other = cls.make_task(
            cls.user_accountant, "Accounting job", initiator=cls.user_director
        )
        engine = {
            cls.on_time: {"state": "reported", "date_report": cls.noon(today)},
            cls.late: {
                "state": "reported",
                "date_deadline": today - timedelta(days=5),
                "date_report": cls.noon(today - timedelta(days=2)),
            },
            cls.overdue: {"state": "overdue", "date_deadline": today - timedelta(days=4)},
            cls.refused: {"state": "refused"},
        }
        for task, values in engine.items():
            task.executor_ids.sudo()._engine().write(values)

    def rows(self, user, tasks):
        return self.env["wo.desk.execution"].with_user(user).search([("task_id", "in", tasks.ids)])

    def test_outcomes_and_delays(self):
        tasks = self.on_time | self.late | self.overdue | self.refused
        rows = {row.task_id: row for row in self.rows(self.env.user, tasks)}
        self.assertEqual(rows[self.on_time].state, "on_time")
        self.assertEqual(rows[self.late].state, "late")
        self.assertEqual(rows[self.late].delay_days, 3)
        self.assertEqual(rows[self.overdue].state, "overdue")
        self.assertEqual(rows[self.overdue].delay_days, 4, "until today while open")
        self.assertEqual(rows[self.refused].state, "refused")
        group = self.env["wo.desk.execution"]._read_group(
            [("task_id", "in", tasks.ids)],
            ["user_id"],
            [
                "given:sum",
                "done_on_time:sum",
                "done_late:sum",
                "overdue_now:sum",
                "refused:sum",
                "delay_max:max",
            ],
        )
        self.assertEqual(group, [(self.user_employee, 4, 1, 1, 1, 1, 4)])

    def test_who_sees_what(self):
        tasks = self.on_time | self.other
        self.assertEqual(self.rows(self.user_head, tasks).task_id, self.on_time, "his department")
        self.assertEqual(self.rows(self.user_employee, tasks).task_id, self.on_time, "own lines")
        self.assertEqual(
            self.rows(self.user_accountant, tasks).task_id, self.other, "own department only"
        )
        self.assertEqual(self.rows(self.user_director, tasks).task_id, tasks)
        # the deputy acts for the head
        self.assertEqual(self.rows(self.user_deputy, tasks).task_id, self.on_time)
        with self.assertRaises(AccessError):
            self.rows(self.user_no_wo, tasks)

    def test_pdf(self):
        rows = self.rows(self.user_head, self.on_time | self.late | self.overdue)
        html, _ = (
            self.env["ir.actions.report"]
            .with_user(self.user_head)
            ._render_qweb_html("wo_desk.report_wo_desk_execution", rows.ids)
        )
        self.assertIn(self.user_employee.name, html.decode())
        self.assertEqual(rows._wo_summary()[0]["given"], 3)

    def test_the_row_opens_its_assignment(self):
        row = self.rows(self.user_head, self.late)
        self.assertEqual(row.action_open_task()["res_id"], self.late.id)

    # ------------------------------------------------------------- digest
    def run_cron(self, **kwargs):
        # through a cursor of the test's transaction, as the cron worker would:
        # its commits (_commit_progress) are savepoints here
        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            self.env["wo.desk.digest"].with_env(self.env(cr=cr))._cron_send(**kwargs)

    def digests(self, user):
        return self.env["wo.desk.digest"].search([("user_id", "=", user.id)])

    def test_digest_once_a_week(self):
        self.run_cron()
        digest = self.digests(self.user_head)
        self.assertEqual(len(digest), 1)
        self.assertEqual(digest.overdue_count, 1)
        self.assertIn("Overdue job", digest.mail_id.body_html)
        self.assertEqual(digest.mail_id.recipient_ids, self.user_head.partner_id)
        self.run_cron()
        self.assertEqual(self.digests(self.user_head), digest)
        self.assertFalse(self.digests(self.user_employee), "not a head")

    def test_digest_after_a_crash_nothing_twice(self):
        Digest = type(self.env["wo.desk.digest"])
        original = Digest._wo_send
        calls = {"count": 0}

        def crash_on_second_batch(self, users, week):
            calls["count"] += 1
            if calls["count"] == 2:
                raise RuntimeError("worker killed")
            return original(self, users, week)

        crashed = False
        with patch.object(Digest, "_wo_send", crash_on_second_batch):
            try:
                self.run_cron(batch_size=1)
            except RuntimeError:
                crashed = True
        self.assertTrue(crashed)
        self.assertEqual(self.env["wo.desk.digest"].search_count([]), 1)
        self.run_cron(batch_size=1)
        for head in (self.user_head, self.user_director, self.user_accountant):
            self.assertEqual(len(self.digests(head)), 1, head.name)
