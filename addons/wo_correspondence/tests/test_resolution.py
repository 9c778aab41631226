from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import WoCorrespondenceCommon


@tagged("post_install", "-at_install")
class TestResolution(WoCorrespondenceCommon):
    def resolve(self, letter, user=None, **vals):
        values = {
            "correspondence_id": letter.id,
            "text": "Prepare an answer by Friday",
            "responsible_id": self.user_employee.id,
            "date_deadline": date.today() + timedelta(days=4),
        }
        values.update(vals)
        return (
            self.env["wo.correspondence.resolution"]
            .with_user(user or self.user_head)
            .create(values)
        )

    def test_resolution_becomes_assignment_and_done_takes_off_control(self):
        letter = self.registered("incoming")
        resolution = self.resolve(
            letter,
            co_executor_ids=[(6, 0, self.user_accountant.ids)],
            controller_id=self.user_head.id,
        )
        task = resolution.task_id
        self.assertTrue(task)
        self.assertEqual((task.res_model, task.res_id), (letter._name, letter.id))
        self.assertEqual(task.initiator_id, self.user_head)
        self.assertEqual(task.controller_id, self.user_head)
        self.assertEqual(task.date_deadline, resolution.date_deadline)
        self.assertEqual(task.state_code, "assigned")
        self.assertEqual(task.execution_mode, "responsible")
        lines = task.executor_ids.sorted("sequence")
        self.assertEqual(lines.user_id.ids, [self.user_employee.id, self.user_accountant.id])
        self.assertTrue(lines[0].is_responsible)
        self.assertEqual(letter.with_user(self.user_head).wo_task_ids, task)
        self.assertEqual(letter.control_state, "on_control")
        self.assertEqual(letter.state, "on_control")
        self.assertEqual(letter.date_control, resolution.date_deadline)
        # the executor reports, the controller accepts: off control
        task.with_user(self.user_employee).action_report_mine("Answer drafted")
        self.assertEqual(task.state_code, "reported")
        self.assertEqual(letter.control_state, "on_control")
        task.with_user(self.user_head).action_accept()
        self.assertEqual(task.state_code, "done")
        self.assertEqual(letter.control_state, "done")
        self.assertEqual(letter.state, "done")
        self.assertFalse(letter.date_control)

    def test_executor_sees_the_letter(self):
        letter = self.registered("incoming")
        self.assertFalse(self.Letter.with_user(self.user_outsider).search([("id", "=", letter.id)]))
        self.resolve(letter, responsible_id=self.user_outsider.id)
        self.assertEqual(
            self.Letter.with_user(self.user_outsider).search([("id", "=", letter.id)]), letter
        )

    def test_overdue_execution(self):
        letter = self.registered("incoming")
        with self.assertRaisesRegex(ValidationError, "already past"):
            self.resolve(letter, date_deadline=date.today() - timedelta(days=1))
        self.assertFalse(letter.resolution_ids)
        self.resolve(letter, date_deadline=date.today() + timedelta(days=1))
        self.assertFalse(letter.is_control_overdue)
        domain = [("journal_id", "=", self.journal_in.id), ("is_control_overdue", "=", True)]
        self.assertFalse(self.Letter.search(domain))
        with freeze_time(date.today() + timedelta(days=3)):
            letter.invalidate_recordset(["is_control_overdue"])
            self.assertTrue(letter.is_control_overdue)
            self.assertEqual(self.Letter.search(domain), letter)

    def test_cancelled_assignment_closes_control(self):
        letter = self.registered("incoming")
        resolution = self.resolve(letter)
        resolution.task_id.with_user(self.user_head).action_cancel()
        self.assertEqual(letter.control_state, "done")

    def test_who_may_resolve(self):
        letter = self.registered("incoming", recipient_user_id=self.user_accountant.id)
        with self.assertRaisesRegex(UserError, "Only a head, a Director or the addressee"):
            self.resolve(letter, user=self.user_employee)
        self.assertFalse(letter.resolution_ids)
        # the addressee, a director and a head may
        self.resolve(letter, user=self.user_accountant)
        self.resolve(letter, user=self.user_director)
        self.assertEqual(len(letter.resolution_ids), 2)

    def test_resolution_needs_registered_incoming(self):
        draft = self.letter()
        with self.assertRaisesRegex(UserError, "Register"):
            self.resolve(draft)
        outgoing = self.registered("outgoing", prepared_by_id=self.user_head.id)
        with self.assertRaisesRegex(UserError, "incoming and internal"):
            self.resolve(outgoing)
        tasks = self.env["wo.task"].search(
            [("res_model", "=", "wo.correspondence"), ("res_id", "in", (draft | outgoing).ids)]
        )
        self.assertFalse(tasks)

    def test_issued_resolution_stays_as_written(self):
        resolution = self.resolve(self.registered("incoming"))
        with self.assertRaisesRegex(UserError, "stays as written"):
            resolution.with_user(self.user_head).write({"text": "Other"})
        with self.assertRaisesRegex(UserError, "not deleted"):
            resolution.sudo().unlink()
        self.assertEqual(resolution.text, "Prepare an answer by Friday")

    def test_executor_twice_refused(self):
        letter = self.registered("incoming")
        with self.assertRaisesRegex(Exception, "not a co-executor as well"):
            self.resolve(letter, co_executor_ids=[(6, 0, self.user_employee.ids)])
        self.assertFalse(letter.resolution_ids)
