import threading

import psycopg2

from odoo import api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestRegistrationConcurrency(TransactionCase):
    """Two transactions register in one journal at once: two numbers."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            partner = env["res.partner"].create({"name": "Concurrent Party"})
            doc_type = env["wo.document.type"].create({"name": "Concurrent", "code": "CONC"})
            self.type_id = doc_type.id
            self.journal_id = doc_type.journal_id.id
            self.documents = (
                env["wo.document"]
                .create(
                    [
                        {"type_id": doc_type.id, "subject": f"Doc {i}", "partner_id": partner.id}
                        for i in range(2)
                    ]
                )
                .ids
            )
            self.partner_id = partner.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            cr.execute("DELETE FROM wo_document WHERE id = ANY(%s)", (self.documents,))
            env["wo.document.type"].browse(self.type_id).unlink()
            env["ir.sequence"].browse(self.journal_id).unlink()
            env["res.partner"].browse(self.partner_id).unlink()

    def _register(self, document_id, hold, barrier, numbers):
        # as Odoo serves a request: a serialization failure is retried
        for attempt in range(5):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, api.SUPERUSER_ID, {})
                    document = env["wo.document"].browse(document_id)
                    if attempt == 0:
                        barrier.wait()
                    document.action_register()
                    env.flush_all()
                    numbers[document_id] = document.name
                    # the first holds its transaction open; the second waits
                    # for it, fails to serialize, and is retried after it
                    threading.Event().wait(hold)
                return attempt
            except psycopg2.errors.SerializationFailure:
                numbers.pop(document_id, None)
                self.retries.append(document_id)
        return None

    @mute_logger("odoo.sql_db")
    def test_two_registrations_at_once(self):
        barrier = threading.Barrier(2, timeout=10)
        numbers, errors = {}, []
        self.retries = []

        def register(document_id, hold):
            try:
                self._register(document_id, hold, barrier, numbers)
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(repr(error))

        threads = [
            threading.Thread(target=register, args=(doc, hold))
            for doc, hold in zip(self.documents, (0.5, 0.0), strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        self.assertFalse(errors)
        self.assertEqual(len(set(numbers.values())), 2, numbers)
        self.assertEqual(len(self.retries), 1, "the second was retried once")
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT name FROM wo_document WHERE id = ANY(%s) ORDER BY name", (self.documents,)
            )
            self.assertEqual([row[0] for row in cr.fetchall()], sorted(numbers.values()))
