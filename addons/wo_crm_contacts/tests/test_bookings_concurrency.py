import threading
from datetime import datetime, timedelta

import psycopg2

from odoo import Command, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


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
        first_inserted = threading.Event()
        outcome = {}

        def first():
            with self.registry.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                self._book(env, "First", 0)
                first_inserted.set()
                # hold the transaction open while the second one tries
                threading.Event().wait(1.0)
            outcome["first"] = "committed"

        def second():
            first_inserted.wait(10)
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, api.SUPERUSER_ID, {})
                    # its own Python check cannot see the first, uncommitted
                    # booking: only the database can refuse it
                    self._book(env, "Second", 30)
                outcome["second"] = "committed"
            except psycopg2.IntegrityError as error:
                outcome["second"] = error.diag.constraint_name

        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        self.assertEqual(outcome.get("first"), "committed")
        self.assertEqual(outcome.get("second"), "wo_resource_booking_no_overlap")
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
