from datetime import date

from odoo import Command
from odoo.tests import Form, freeze_time, tagged

from .common import WoTasksCommon


@tagged("post_install", "-at_install")
class TestRecords(WoTasksCommon):
    """Numbers, direction, tasks on any record, the form."""

    def test_numbers_per_company_and_year(self):
        first = self.make_task([self.user_employee], assign=False)
        second = self.make_task([self.user_employee], assign=False)
        year = self.today.year
        n1 = int(first.name.rsplit("-", 1)[1])
        self.assertEqual(second.name, f"A-{year}-{n1 + 1:05d}")
        other = self.Task.with_user(self.user_company_2).create(
            {
                "subject": "Elsewhere",
                "company_id": self.company_2.id,
                "executor_ids": [Command.create({"user_id": self.user_company_2.id})],
            }
        )
        self.assertEqual(other.name, f"A-{year}-00001", "its own sequence")
        with freeze_time(date(year + 1, 1, 2)):
            next_year = self.make_task([self.user_employee], assign=False, date_deadline=False)
        self.assertEqual(next_year.name, f"A-{year + 1}-00001", "reset every year")

    def test_direction(self):
        incoming = self.make_task([self.user_employee])
        personal = self.make_task([self.user_employee], initiator=self.user_employee)
        Task = self.Task.with_user(self.user_employee)
        self.assertEqual(incoming.with_user(self.user_employee).direction, "incoming")
        self.assertEqual(incoming.with_user(self.user_head).direction, "outgoing")
        self.assertEqual(personal.with_user(self.user_employee).direction, "personal")
        self.assertIn(incoming, Task.search([("direction", "=", "incoming")]))
        self.assertNotIn(incoming, Task.search([("direction", "=", "outgoing")]))
        self.assertIn(personal, Task.search([("direction", "=", "personal")]))
        self.assertNotIn(incoming, Task.search([("direction", "=", "personal")]))
        # a deputy's incoming includes the head's
        for_head = self.make_task([self.user_head], initiator=self.user_director)
        self.assertIn(
            for_head, self.Task.with_user(self.user_deputy).search([("direction", "=", "incoming")])
        )

    def test_tasks_on_a_partner(self):
        partner = self.env["res.partner"].create({"name": "Acme Ltd", "is_company": True})
        contact = self.env["res.partner"].create({"name": "Ann Acme", "parent_id": partner.id})
        about = self.make_task(
            [self.user_employee], res_model="res.partner", res_id=partner.id, subject="Call Acme"
        )
        naming = self.make_task([self.user_employee], partner_id=contact.id)
        self.make_task([self.user_employee])
        self.assertEqual(partner.wo_task_count, 2)
        self.assertEqual(partner.wo_task_ids, about | naming)
        self.assertEqual(about.res_name, "Acme Ltd")
        action = partner.action_view_wo_tasks()
        self.assertEqual(self.Task.search(action["domain"]), about | naming)
        self.assertEqual(action["context"]["default_partner_id"], partner.id)
        new = partner.action_create_wo_task()
        self.assertEqual(new["context"]["default_res_id"], partner.id)
        # the executor sees the counterparty's assignments they work on
        self.assertEqual(partner.with_user(self.user_outsider).wo_task_count, 0)

    def test_form_gives_an_assignment(self):
        form = Form(self.Task.with_user(self.user_head))
        form.subject = "Check the lease"
        form.kind_id = self.kind_parallel
        self.assertEqual(form.execution_mode, "parallel", "from the kind")
        with form.executor_ids.new() as line:
            line.user_id = self.user_employee
        with form.executor_ids.new() as line:
            line.user_id = self.user_accountant
        task = form.save()
        self.assertEqual(task.initiator_id, self.user_head)
        self.assertEqual(task.state_code, "draft")
        self.assertEqual(task.department_id, self.dep_legal)
        task.with_user(self.user_head).action_assign()
        self.assertEqual(self.states(task), ["active", "active"])

    def test_resources(self):
        task = self.make_task([self.user_employee])
        product = self.env["product.product"].create({"name": "Paper A4"})
        task.with_user(self.user_employee).write(
            {
                "resource_ids": [
                    Command.create(
                        {"plan_type": "planned", "user_id": self.user_employee.id, "hours": 4}
                    ),
                    Command.create(
                        {"plan_type": "actual", "user_id": self.user_employee.id, "hours": 5.5}
                    ),
                    Command.create(
                        {
                            "plan_type": "actual",
                            "resource_type": "material",
                            "product_id": product.id,
                            "quantity": 2,
                        }
                    ),
                ]
            }
        )
        self.assertEqual(task.planned_hours, 4)
        self.assertEqual(task.actual_hours, 5.5)
        material = task.resource_ids.filtered(lambda r: r.resource_type == "material")
        self.assertEqual(material.uom_id, product.uom_id)

    def test_time_in_each_state(self):
        task = self.make_task([self.user_employee])
        self.line_of(task, self.user_employee).with_user(self.user_employee).action_start()
        self.env.flush_all()
        self.assertTrue(task.duration_tracking, "mail.tracking.duration.mixin on state_id")
