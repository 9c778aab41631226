from odoo import api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.wo_staff.tests.common import register_at_once


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

    @mute_logger("odoo.sql_db")
    def test_two_registrations_at_once(self):
        first, second = register_at_once(self.registry, "wo.document", self.documents)
        self.assertFalse(first.error or second.error, (first.error, second.error))
        numbers = [first.value, second.value]
        self.assertEqual(len(set(numbers)), 2, numbers)
        self.assertEqual(first.attempts + second.attempts, 3, "the second was retried once")
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT name FROM wo_document WHERE id = ANY(%s) ORDER BY name", (self.documents,)
            )
            self.assertEqual([row[0] for row in cr.fetchall()], sorted(numbers))
