from odoo import api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.wo_staff.tests.common import register_at_once


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

    @mute_logger("odoo.sql_db")
    def test_two_registrations_at_once(self):
        first, second = register_at_once(self.registry, "wo.correspondence", self.letters)
        self.assertFalse(first.error or second.error, (first.error, second.error))
        numbers = [first.value, second.value]
        self.assertEqual(len(set(numbers)), 2, numbers)
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT name FROM wo_correspondence WHERE id = ANY(%s) ORDER BY name",
                (self.letters,),
            )
            names = [row[0] for row in cr.fetchall()]
        self.assertEqual(names, sorted(numbers))
        self.assertTrue(all(name.startswith("CONC-") for name in names))
