import uuid

import psycopg2

from odoo import Command, api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.wo_staff.tests.common import Step, concurrently


@tagged("post_install", "-at_install")
class TestApprovalConcurrency(TransactionCase):
    """The approver and their substitute decide the same step at once:
    exactly one decision stands. (Committed data, cleaned up afterwards.)"""

    def setUp(self):
        super().setUp()
        tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            editor = env.ref("wo_documents.group_wo_documents_author")
            Users = env["res.users"].with_context(no_reset_password=True)
            self.approver = Users.create(
                {
                    "name": "Conc Approver",
                    "login": f"conc_a_{tag}",
                    "group_ids": [Command.set(editor.ids)],
                }
            ).id
            self.substitute = Users.create(
                {
                    "name": "Conc Substitute",
                    "login": f"conc_s_{tag}",
                    "group_ids": [Command.set(editor.ids)],
                }
            ).id
            # the users here have no time zone: their day is the day in UTC
            today = fields.Date.context_today(env["res.users"].with_context(tz="UTC"))
            env["wo.substitution"].create(
                {
                    "user_id": self.approver,
                    "substitute_id": self.substitute,
                    "date_from": today,
                    "date_to": today,
                }
            )
            doc_type = env["wo.document.type"].create(
                {
                    "name": f"Conc {tag}",
                    "code": f"C{tag}",
                    "has_two_parties": False,
                    "route_step_ids": [
                        Command.create(
                            {"name": "Approver", "approver": "user", "user_id": self.approver}
                        )
                    ],
                }
            )
            document = env["wo.document"].create({"type_id": doc_type.id, "subject": "Race"})
            document.action_send_for_approval()
            self.document = document.id
            self.type_id = doc_type.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            document = env["wo.document"].browse(self.document)
            task = document.approval_task_id
            cr.execute("DELETE FROM wo_document WHERE id = %s", [self.document])
            cr.execute("DELETE FROM wo_task WHERE id = %s", [task.id])
            doc_type = env["wo.document.type"].browse(self.type_id)
            journal = doc_type.journal_id
            doc_type.unlink()
            journal.unlink()
            env["wo.substitution"].search([("user_id", "=", self.approver)]).unlink()
            env["res.users"].browse([self.approver, self.substitute]).write({"active": False})

    @mute_logger("odoo.sql_db")
    def test_two_decisions_at_once(self):
        def decide(env):
            env["wo.document"].browse(self.document).action_decide("approved")
            return "decided"

        steps = concurrently(
            self.registry,
            [
                Step(decide, uid=self.approver, hold=0.5),
                Step(decide, uid=self.substitute, hold=0.5),
            ],
        )
        outcome = {step.uid: step.value or repr(step.error) for step in steps}
        self.assertEqual(list(outcome.values()).count("decided"), 1, outcome)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            document = env["wo.document"].browse(self.document)
            self.assertEqual(len(document.approval_ids), 1)
            self.assertEqual(document.state, "approved")
        # the other one was refused by the database (Odoo retries the
        # request) or saw the decision taken
        loser = next(step for step in steps if step.value != "decided")
        self.assertIsInstance(loser.error, (psycopg2.errors.SerializationFailure, UserError))
        # what the loser sees when Odoo retries its request
        with self.registry.cursor() as cr:
            env = api.Environment(cr, loser.uid, {})
            with self.assertRaises(UserError):
                env["wo.document"].browse(self.document).action_decide("approved")
