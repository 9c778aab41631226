import datetime
import uuid

from odoo import Command, api
from odoo.tests import TransactionCase, tagged

from odoo.addons.wo_staff.tests.common import Step, concurrently


@tagged("post_install", "-at_install")
class TestTwoCronWorkers(TransactionCase):
    """Two cron workers generate at the same moment: every assignment is
    made once. (Committed data, cleaned up afterwards.)"""

    def setUp(self):
        super().setUp()
        tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            user = (
                env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    {
                        "name": "Race Executor",
                        "login": f"race_{tag}",
                        "group_ids": [Command.set(env.ref("wo_tasks.group_wo_tasks_editor").ids)],
                    }
                )
            )
            procedure = env["wo.service.procedure"].create(
                {
                    "name": f"Race {tag}",
                    "horizon_days": 0,
                    "step_ids": [
                        Command.create(
                            {
                                "name": f"Step {index} {{client}}",
                                "sequence": index,
                                "user_ids": [Command.set(user.ids)],
                            }
                        )
                        for index in range(2)
                    ],
                }
            )
            partners = env["res.partner"].create(
                [{"name": f"Race client {tag} {index}"} for index in range(6)]
            )
            start = datetime.date.today().replace(day=1)
            clients = env["wo.service.client"].create(
                [
                    {"procedure_id": procedure.id, "partner_id": partner.id, "date_start": start}
                    for partner in partners
                ]
            )
            self.ids = {
                "user": user.id,
                "procedure": procedure.id,
                "partners": partners.ids,
                "clients": clients.ids,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            runs = env["wo.service.run"].search([("client_id", "in", self.ids["clients"])])
            tasks = runs.task_id
            cr.execute("DELETE FROM wo_service_run WHERE id = ANY(%s)", [runs.ids])
            cr.execute("DELETE FROM wo_task WHERE id = ANY(%s)", [tasks.ids])
            cr.execute("DELETE FROM wo_service_procedure WHERE id = %s", [self.ids["procedure"]])
            env["res.partner"].browse(self.ids["partners"]).write({"active": False})
            env["res.users"].browse(self.ids["user"]).write({"active": False})

    def test_two_workers_make_each_assignment_once(self):
        client_ids = self.ids["clients"]

        def generate(env):
            clients = env["wo.service.client"].browse(client_ids)
            clients._generate_now()

        steps = concurrently(self.registry, [Step(generate, hold=0.5), Step(generate)], retry=True)
        self.assertEqual([step.error for step in steps], [None, None])
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT client_id, step_id, period_start, count(*) FROM wo_service_run "
                "WHERE client_id = ANY(%s) GROUP BY 1, 2, 3",
                [client_ids],
            )
            rows = cr.fetchall()
        self.assertEqual(len(rows), 6 * 2, "every client's two steps")
        self.assertEqual({row[3] for row in rows}, {1}, "each once")
