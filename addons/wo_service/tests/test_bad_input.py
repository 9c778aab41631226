import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import WoServiceCommon


@tagged("post_install", "-at_install")
class TestBadInput(WoServiceCommon):
    """Wrong procedures and applications: clear errors, nothing written."""

    def step(self, **vals):
        values = {
            "procedure_id": self.procedure.id,
            "name": "Check {client}",
            "executor_type": "user",
            "user_ids": [Command.set(self.user_employee.ids)],
        }
        values.update(vals)
        return self.env["wo.service.step"].create(values)

    def count_steps(self):
        return self.env["wo.service.step"].search_count([("procedure_id", "=", self.procedure.id)])

    def test_step_without_executor(self):
        before = self.count_steps()
        with self.assertRaisesRegex(ValidationError, "has no executor"):
            self.step(user_ids=[])
        with self.assertRaisesRegex(ValidationError, "has no executor"):
            self.step(executor_type="head")
        self.assertEqual(self.count_steps(), before)

    def test_unknown_placeholder(self):
        with self.assertRaisesRegex(ValidationError, r"\{customer\} is not a placeholder"):
            self.step(name="Call {customer}")
        self.assertEqual(self.count_steps(), 3)

    def test_deadline_beyond_the_period(self):
        with self.assertRaisesRegex(ValidationError, "outside a period of 31 days"):
            self.step(deadline_offset=45)
        self.procedure.write({"period": "yearly"})
        self.assertEqual(self.step(deadline_offset=45).deadline_offset, 45)
        with self.assertRaisesRegex(ValidationError, "outside a period"):
            self.procedure.write({"period": "days", "interval": 10})
        self.assertEqual(self.procedure.period, "yearly")

    def test_dependency_cycle(self):
        with self.assertRaisesRegex(ValidationError, "wait for each other in a circle"):
            self.collect.depends_on_id = self.report
        self.assertFalse(self.collect.depends_on_id)

    def test_applied_twice_with_overlapping_dates(self):

        first = self.apply(date_end=self.month + datetime.timedelta(days=60))
        with self.assertRaisesRegex(ValidationError, "already applied to Acme Supplies"):
            self.apply(start=self.month + datetime.timedelta(days=30))
        self.assertEqual(self.Client.search_count([("partner_id", "=", self.acme.id)]), 1)
        # after the end, again: fine
        again = self.apply(start=first.date_end + datetime.timedelta(days=1))
        self.assertTrue(again)
        with self.assertRaisesRegex(ValidationError, "before it starts"):
            again.date_end = again.date_start - datetime.timedelta(days=1)

    def test_an_editor_changes_dates_and_exceptions_only(self):
        client = self.apply()
        editor = self.levels["editor"]
        with self.assertRaisesRegex(UserError, "Manager moves a client"):
            client.with_user(editor).partner_id = self.globex
        with self.assertRaisesRegex(UserError, "generation's to move"):
            client.with_user(self.levels["manager"]).date_next = self.month
        self.assertEqual(client.partner_id, self.acme)

    def test_bad_numbers(self):
        with self.assertRaisesRegex(ValidationError, "every 1 or more"):
            self.procedure.interval = 0
        with self.assertRaisesRegex(ValidationError, "negative"):
            self.procedure.horizon_days = -1
        with self.assertRaisesRegex(ValidationError, "within a year"):
            self.procedure.horizon_days = 10_000
        self.assertEqual((self.procedure.interval, self.procedure.horizon_days), (1, 0))


@tagged("post_install", "-at_install")
class TestAccess(WoServiceCommon):
    """Per level: Reader reads, Editor changes a client, Author applies a
    procedure, Manager designs procedures; no level: nothing."""

    def test_levels(self):
        client = self.apply()
        reader, editor, author, manager = (
            self.levels[level] for level in ("reader", "editor", "author", "manager")
        )
        self.assertEqual(client.with_user(reader).partner_id, self.acme)
        with self.assertRaises(AccessError):
            client.with_user(reader).write({"date_end": self.month.replace(day=28)})
        client.with_user(editor).write({"date_end": self.month.replace(day=28)})
        with self.assertRaises(AccessError):
            self.Client.with_user(editor).create(
                {"procedure_id": self.procedure.id, "partner_id": self.globex.id}
            )
        self.Client.with_user(author).create(
            {"procedure_id": self.procedure.id, "partner_id": self.globex.id}
        )
        with self.assertRaises(AccessError):
            self.procedure.with_user(author).name = "Renamed"
        self.procedure.with_user(manager).name = "Renamed"
        with self.assertRaises(AccessError):
            self.procedure.with_user(self.user_no_wo).read(["name"])
        with self.assertRaises(AccessError):
            self.procedure.with_user(self.user_company_2).read(["name"])

    def test_board_of_assignments_the_reader_takes_no_part_in(self):
        """The board shows each run's state to a Service reader who may not
        open the assignment itself (WO's task rules: participants only)."""
        client = self.apply()
        client._generate_now()
        reader = self.levels["reader"]
        runs = self.runs(client)
        self.assertFalse(runs.task_id.with_user(reader)._filtered_access("read"))
        self.env.invalidate_all()  # a new request: nothing of the tasks in the cache
        rows = self.Run.with_user(reader).search_read(
            [("client_id", "=", client.id)], ["display_name", "state", "state_id", "task_id"]
        )
        self.assertEqual([row["display_name"] for row in rows], runs.task_id.mapped("display_name"))
        self.assertEqual([row["state"] for row in rows], ["in_progress", "waiting", "waiting"])

    def test_a_partner_read_by_someone_without_service(self):
        """Odoo's partner, read whole (as JSON-2 or the contacts app do), by
        an employee without WO Service: WO's fields stay out of the way."""
        self.apply()
        visible = self.env["res.partner"].with_user(self.user_no_wo).fields_get()
        self.assertNotIn("wo_service_run_count", visible)
        self.assertNotIn("wo_service_client_ids", visible)
        self.env.invalidate_all()
        row = self.acme.with_user(self.user_no_wo).read(["name", "email", "category_id"])[0]
        self.assertEqual(row["name"], "Acme Supplies")
        self.env.invalidate_all()
        reader = self.acme.with_user(self.levels["reader"]).read(["wo_service_run_count"])[0]
        self.assertEqual(reader["wo_service_run_count"], 0)
