import datetime
import uuid

from odoo import Command, api
from odoo.tests import TransactionCase, tagged

from odoo.addons.wo_staff.tests.common import Step, concurrently


@tagged("post_install", "-at_install")
class TestActConcurrency(TransactionCase):
    """The two members of a commission approve an act at the same moment:
    it is carried out once. (Committed data, cleaned up afterwards.)"""

    def setUp(self):
        super().setUp()
        tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            Users = env["res.users"].with_context(no_reset_password=True)
            user = env.ref("wo_tasks.group_wo_tasks_editor")
            self.members = [
                Users.create(
                    {
                        "name": f"Member {index}",
                        "login": f"conc_m{index}_{tag}",
                        "group_ids": [Command.set(user.ids)],
                    }
                ).id
                for index in range(2)
            ]
            year = 1901 + int(tag, 16) % 90
            plan = env["wo.records.plan"].create({"year": year})
            case = env["wo.records.case"].create(
                {
                    "plan_id": plan.id,
                    "index": "01",
                    "title": "Race",
                    "retention_years": 1,
                    "date_open": datetime.date(year, 1, 1),
                }
            )
            plan.action_approve()
            case._close(datetime.date(year, 12, 31))
            act = env["wo.records.act"].create(
                {
                    "kind": "transfer",
                    "case_ids": [Command.set(case.ids)],
                    "approver_ids": [Command.set(self.members)],
                }
            )
            act.action_send_for_approval()
            self.ids = {"plan": plan.id, "case": case.id, "act": act.id}
            self.task = act.approval_task_id.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            cr.execute("DELETE FROM wo_records_act WHERE id = %s", [self.ids["act"]])
            cr.execute("DELETE FROM wo_task WHERE id = %s", [self.task])
            cr.execute("DELETE FROM wo_records_case WHERE id = %s", [self.ids["case"]])
            cr.execute("DELETE FROM wo_records_plan WHERE id = %s", [self.ids["plan"]])
            env["res.users"].browse(self.members).write({"active": False})

    def test_approved_at_once_carried_out_once(self):
        act_id = self.ids["act"]

        def decide(env):
            env["wo.records.act"].browse(act_id).action_decide("approved")

        steps = concurrently(
            self.registry,
            [Step(decide, uid=self.members[0], hold=0.3), Step(decide, uid=self.members[1])],
            retry=True,
        )
        self.assertEqual([step.error for step in steps], [None, None])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            act = env["wo.records.act"].browse(act_id)
            self.assertEqual(act.state, "done")
            self.assertEqual(act.case_ids.state, "archived")
            self.assertEqual(set(act.approval_task_id.executor_ids.mapped("state")), {"reported"})
            carried = act.message_ids.filtered(lambda m: "in the archive" in (m.body or ""))
            self.assertEqual(len(carried), 1)
