import threading
import uuid

import psycopg2

from odoo import Command, api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


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
            today = fields.Date.context_today(env["res.users"])
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
        barrier = threading.Barrier(2, timeout=10)
        outcome = {}

        def decide(user_id, hold):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, user_id, {})
                    barrier.wait()
                    env["wo.document"].browse(self.document).action_decide("approved")
                    env.flush_all()
                    threading.Event().wait(hold)
                outcome[user_id] = "decided"
            except psycopg2.errors.SerializationFailure:
                outcome[user_id] = "serialization failure (retried by Odoo)"
            except UserError as error:
                outcome[user_id] = str(error)

        threads = [
            threading.Thread(target=decide, args=(self.approver, 0.5)),
            threading.Thread(target=decide, args=(self.substitute, 0.5)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        self.assertEqual(list(outcome.values()).count("decided"), 1, outcome)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            document = env["wo.document"].browse(self.document)
            self.assertEqual(len(document.approval_ids), 1)
            self.assertEqual(document.state, "approved")
        # what the loser sees when Odoo retries its request
        loser = next(uid for uid, result in outcome.items() if result != "decided")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, loser, {})
            with self.assertRaises(UserError):
                env["wo.document"].browse(self.document).action_decide("approved")
