import threading

import psycopg2

from odoo import api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestRegistrationConcurrency(TransactionCase):
    """Two transactions register letters in one journal at once: two numbers,
    neither lost nor repeated."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            partner = env["res.partner"].create({"name": "Concurrent Sender"})
            journal = env["wo.correspondence.journal"].create(
                {"name": "Concurrent", "code": "CONC", "direction": "incoming"}
            )
            self.journal_id = journal.id
            self.sequence_id = journal.sequence_id.id
            self.letters = (
                env["wo.correspondence"]
                .create(
                    [
                        {
                            "direction": "incoming",
                            "journal_id": journal.id,
                            "subject": f"Letter {i}",
                            "partner_id": partner.id,
                        }
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
            cr.execute("DELETE FROM wo_correspondence WHERE id = ANY(%s)", (self.letters,))
            env["wo.correspondence.journal"].browse(self.journal_id).unlink()
            env["ir.sequence"].browse(self.sequence_id).unlink()
            env["res.partner"].browse(self.partner_id).unlink()

    def _register(self, letter_id, hold, barrier, numbers):
        # as Odoo serves a request: a serialization failure is retried
        for attempt in range(5):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, api.SUPERUSER_ID, {})
                    letter = env["wo.correspondence"].browse(letter_id)
                    if attempt == 0:
                        barrier.wait()
                    letter.action_register()
                    env.flush_all()
                    numbers[letter_id] = letter.name
                    threading.Event().wait(hold)
                return attempt
            except psycopg2.errors.SerializationFailure:
                numbers.pop(letter_id, None)
                self.retries.append(letter_id)
        return None

    @mute_logger("odoo.sql_db")
    def test_two_registrations_at_once(self):
        barrier = threading.Barrier(2, timeout=10)
        numbers, errors = {}, []
        self.retries = []

        def register(letter_id, hold):
            try:
                self._register(letter_id, hold, barrier, numbers)
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(repr(error))

        threads = [
            threading.Thread(target=register, args=(letter, hold))
            for letter, hold in zip(self.letters, (0.5, 0.0), strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        self.assertFalse(errors)
        self.assertEqual(len(set(numbers.values())), 2, numbers)
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT name FROM wo_correspondence WHERE id = ANY(%s) ORDER BY name",
                (self.letters,),
            )
            names = [row[0] for row in cr.fetchall()]
        self.assertEqual(names, sorted(numbers.values()))
        self.assertTrue(all(name.startswith("CONC-") for name in names))
