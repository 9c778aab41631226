from datetime import datetime, timedelta

import psycopg2

from odoo import Command, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.wo_staff.tests.common import Step, concurrently


@tagged("post_install", "-at_install")
class TestBookingConcurrency(TransactionCase):
    """Two transactions book the same resource at once: the database lets
    exactly one through. (Committed data: the test cleans up after itself.)"""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.resource_id = (
                env["wo.resource"].create({"name": "Concurrent car", "kind": "car"}).id
            )
        self.addCleanup(self._cleanup)
        self.start = datetime(2031, 3, 3, 10, 0)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            bookings = env["wo.resource.booking"].search([("resource_id", "=", self.resource_id)])
            bookings.event_id.unlink()
            env["wo.resource"].browse(self.resource_id).unlink()

    def _book(self, env, name, offset_minutes):
        start = self.start + timedelta(minutes=offset_minutes)
        env["calendar.event"].create(
            {
                "name": name,
                "start": start,
                "stop": start + timedelta(hours=1),
                "wo_resource_ids": [Command.set([self.resource_id])],
            }
        )
        env.flush_all()

    @mute_logger("odoo.sql_db")
    def test_two_concurrent_transactions(self):
        # the first books and holds its transaction open; the second books
        # then: its own Python check cannot see the first, uncommitted
        # booking, only the database can refuse it
        first, second = concurrently(
            self.registry,
            [
                Step(lambda env: self._book(env, "First", 0), hold=1.0),
                Step(lambda env: self._book(env, "Second", 30)),
            ],
            staggered=True,
        )
        self.assertIsNone(first.error)
        self.assertIsInstance(second.error, psycopg2.IntegrityError)
        self.assertEqual(second.error.diag.constraint_name, "wo_resource_booking_no_overlap")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            bookings = env["wo.resource.booking"].search([("resource_id", "=", self.resource_id)])
            self.assertEqual(bookings.event_id.mapped("name"), ["First"])

    def test_message_for_a_person_over_rpc(self):
        """What a person sees when the database refused the booking."""
        model = self.env["wo.resource.booking"]
        constraint = type(model)._no_overlap
        self.assertEqual(
            constraint.get_error_message(model), "This resource is already booked at that time."
        )
