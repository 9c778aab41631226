import datetime
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import WoServiceCommon


@tagged("post_install", "-at_install")
class TestGeneration(WoServiceCommon):
    """Each period's assignments, once per client, step and period, run by
    the wo_tasks engine in a thread per client and period."""

    def test_a_period_generated(self):
        client = self.apply()
        self.run_cron()
        runs = self.runs(client)
        self.assertEqual(runs.step_id, self.procedure.step_ids)
        label = self.month.strftime("%Y-%m")
        collect, book, report = runs.task_id
        self.assertEqual(collect.subject, f"Collect Acme Supplies {label}")
        self.assertEqual(collect.executor_ids.user_id, self.user_accountant, "the client's manager")
        self.assertEqual(book.executor_ids.user_id, self.user_employee)
        self.assertEqual(report.executor_ids.user_id, self.user_head, "the head of Legal")
        self.assertEqual(report.subject, "Report to Acme Supplies")
        # a thread per client and period; only the first step has started
        self.assertEqual((book | report).parent_id, collect)
        self.assertEqual(collect.state_code, "assigned")
        self.assertEqual({book.state_code, report.state_code}, {"draft"})
        self.assertEqual({t.partner_id for t in runs.task_id}, {self.acme})
        # deadlines from the period (never before today)
        end = self.month.replace(day=28) + datetime.timedelta(days=4)
        end = end - datetime.timedelta(days=end.day)
        self.assertEqual(report.date_deadline, max(end + datetime.timedelta(days=3), self.today))
        self.assertEqual(
            collect.date_deadline, max(self.month + datetime.timedelta(days=5), self.today)
        )
        self.assertEqual(client.date_next, end + datetime.timedelta(days=1))

    def test_generated_once(self):
        client = self.apply()
        self.run_cron()
        self.run_cron()
        self.assertEqual(len(self.runs(client)), 3)
        # the database holds it: one run per client, step and period
        run = self.runs(client)[:1]
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.Run.create(
                {
                    "client_id": client.id,
                    "step_id": run.step_id.id,
                    "period_start": run.period_start,
                    "period_end": run.period_end,
                    "period_label": "again",
                    "task_id": run.task_id.id,
                }
            )

    def test_next_step_starts_when_reported(self):
        client = self.apply()
        self.run_cron()
        collect, book, report = self.runs(client).task_id
        collect.executor_ids.with_user(self.user_accountant).action_report("all here")
        self.assertEqual(book.state_code, "assigned")
        self.assertEqual(report.state_code, "draft")
        book.executor_ids.with_user(self.user_employee).action_report("booked")
        self.assertEqual(report.state_code, "assigned")
        # the board follows the assignments' moves
        runs = self.runs(client)
        self.assertEqual(runs.mapped("state_code"), ["reported", "reported", "assigned"])

    def test_exceptions(self):
        client = self.apply(
            exception_ids=[
                Command.create({"step_id": self.book.id, "skip": True}),
                Command.create({"step_id": self.collect.id, "user_id": self.user_outsider.id}),
            ]
        )
        self.run_cron()
        runs = self.runs(client)
        self.assertEqual(runs.step_id, self.collect | self.report)
        collect, report = runs.task_id
        self.assertEqual(collect.executor_ids.user_id, self.user_outsider)
        # the report waited for the skipped step: it waits for what that one waited for
        self.assertEqual(report.state_code, "draft")
        collect.executor_ids.with_user(self.user_outsider).action_report("done")
        self.assertEqual(report.state_code, "assigned")

    def test_horizon_and_end(self):
        self.procedure.horizon_days = 40
        client = self.apply(date_end=self.month + datetime.timedelta(days=40))
        self.run_cron()
        periods = sorted(set(self.runs(client).mapped("period_start")))
        self.assertEqual(len(periods), 2, "this month and the next, within 40 days")
        self.run_cron()
        self.assertEqual(len(self.runs(client)), 6)
        # ended: nothing after its end
        client.date_end = self.month + datetime.timedelta(days=1)
        self.assertFalse(client.date_next)
        # extended: goes on after the last period generated, nothing twice
        last_end = max(self.runs(client).mapped("period_end"))
        client.date_end = self.month + datetime.timedelta(days=100)
        self.assertEqual(client.date_next, last_end + datetime.timedelta(days=1))
        self.procedure.horizon_days = 100
        self.run_cron()
        runs = self.runs(client)
        periods = set(runs.mapped("period_start"))
        self.assertGreater(len(periods), 2)
        self.assertEqual(len(runs), 3 * len(periods), "each period once")
        self.assertLessEqual(max(periods), client.date_end)

    def test_the_start_stays_once_generated(self):
        client = self.apply(date_start=self.month + datetime.timedelta(days=40))
        # not generated yet: the start moves, and the first period with it
        client.date_start = self.month
        self.assertEqual(client.date_next, self.month)
        self.run_cron()
        with self.assertRaisesRegex(UserError, "already generated from this start"):
            client.date_start = self.month + datetime.timedelta(days=1)
        self.assertEqual(client.date_start, self.month)

    def test_the_period_stays_once_generated(self):
        client = self.apply()
        # not generated yet: the procedure may still change its period
        self.procedure.write({"period": "quarterly"})
        self.procedure.write({"period": "monthly"})
        self.run_cron()
        runs = self.runs(client)
        self.assertTrue(runs)
        for vals in ({"period": "quarterly"}, {"period": "days", "interval": 10}):
            with self.assertRaisesRegex(UserError, "its period stays"):
                self.procedure.write(vals)
        self.assertEqual((self.procedure.period, self.procedure.interval), ("monthly", 1))
        # what does not move the periods still changes
        self.procedure.write({"period": "monthly", "horizon_days": 3})
        self.assertEqual(self.procedure.horizon_days, 3)
        self.assertEqual(self.runs(client), runs)

    def test_changes_reach_future_periods_only(self):
        client = self.apply()
        self.run_cron()
        first = self.runs(client).task_id
        self.book.name = "Post {client} {period}"
        self.assertTrue(first[1].subject.startswith("Book"))
        client.date_next = self.month.replace(day=28) + datetime.timedelta(days=10)
        client.date_next = client.date_next.replace(day=1)
        self.procedure.horizon_days = 40
        self.run_cron()
        later = self.runs(client).filtered(lambda r: r.period_start > self.month)
        self.assertTrue(later[1].task_id.subject.startswith("Post"))

    def test_clients_of_a_tag(self):
        tag = self.env["res.partner.category"].create({"name": "Bookkeeping clients"})
        self.globex.category_id = tag
        self.procedure.tag_ids = tag
        self.run_cron()
        client = self.Client.search([("partner_id", "=", self.globex.id)])
        self.assertEqual(client.procedure_id, self.procedure)
        self.assertEqual(len(self.runs(client)), 3)
        self.run_cron()
        self.assertEqual(self.Client.search_count([("partner_id", "=", self.globex.id)]), 1)

    def test_a_client_that_cannot_be_served_does_not_stop_the_others(self):
        orphan = self.env["res.partner"].create({"name": "No manager"})
        stuck = self.apply(orphan)
        served = self.apply(self.globex)
        self.run_cron(batch_size=1)
        self.assertFalse(self.runs(stuck), "its first step has no executor")
        self.assertEqual(len(self.runs(served)), 3)
        self.assertEqual(stuck.date_next, self.month, "tried again on the next run")
        # archived procedures generate nothing
        self.procedure.active = False
        served.date_next = served.date_next.replace(day=1)
        self.procedure.horizon_days = 40
        before = len(self.runs(served))
        self.run_cron()
        self.assertEqual(len(self.runs(served)), before)

    def test_a_step_waiting_for_a_later_one(self):
        # the report is put first, yet it waits for the booking
        self.report.sequence = 0
        client = self.apply()
        self.run_cron()
        runs = self.runs(client)
        report = runs.filtered(lambda r: r.step_id == self.report)
        self.assertEqual(report.wait_run_id.step_id, self.book)
        self.assertEqual(report.task_id.state_code, "draft")

    def test_working_days(self):
        self.collect.working_days = True
        friday = datetime.date(2026, 12, 4)
        self.assertEqual(friday.weekday(), 4)
        self.assertEqual(self.collect._deadline(friday, friday), datetime.date(2026, 12, 11))
        self.collect.deadline_offset = 1
        self.assertEqual(self.collect._deadline(friday, friday), datetime.date(2026, 12, 7))

    def test_weeks(self):
        self.procedure.step_ids.write({"deadline_offset": 1})
        self.procedure.write({"period": "weeks", "interval": 2})
        start = self.today - datetime.timedelta(days=3)
        client = self.apply(start=start)
        self.run_cron()
        run = self.runs(client)[:1]
        self.assertEqual(run.period_start, start)
        self.assertEqual(run.period_end, start + datetime.timedelta(days=13))

    def test_crash_in_the_middle_does_nothing_twice(self):
        clients = self.Client.browse()
        for index in range(5):
            partner = self.env["res.partner"].create(
                {"name": f"Client {index}", "user_id": self.user_accountant.id}
            )
            clients |= self.apply(partner)
        Client = type(self.Client)
        original = Client._generate_due
        calls = {"count": 0}

        def crash_on_third_batch(client, today):
            calls["count"] += 1
            if calls["count"] == 5:
                raise RuntimeError("worker killed")
            return original(client, today)

        crashed = False
        with patch.object(Client, "_generate_due", crash_on_third_batch):
            try:
                self.run_cron(batch_size=2)
            except RuntimeError:
                crashed = True
        self.assertTrue(crashed)
        self.assertEqual(len(self.Run.search([("client_id", "in", clients.ids)])), 12)
        self.run_cron(batch_size=2)
        for client in clients:
            self.assertEqual(len(self.runs(client)), 3)

    def test_cost_per_client(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Cost {index}", "user_id": self.user_accountant.id} for index in range(6)]
        )
        first = self.apply(partners[0])
        first._generate_now()
        clients = self.Client.browse([self.apply(partner).id for partner in partners[1:]])
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=83):
            clients[:1]._generate_now()
