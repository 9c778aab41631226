from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import WoContactsCommon


@tagged("post_install", "-at_install")
class TestEvents(WoContactsCommon):
    """Events: counterparty, staff to remind, periodic events, conflicts, bookings."""

    RECURRENCE = {
        "recurrency": True,
        "rrule_type_ui": "custom",
        "interval": 1,
        "event_tz": "UTC",
        "end_type": "count",
    }

    def occurrences(self, event):
        # the first event is archived when it does not follow the rule itself
        return self.env["calendar.event"].search([("name", "=", event.name)])

    def weekday(self, moment):
        return ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[moment.weekday()]

    def test_periodic_event_reminds_every_listed_employee(self):
        alarm = self.env.ref("calendar.alarm_notif_1")
        staff = self.user_head | self.user_accountant
        event = self.event(
            name="Sales meeting",
            wo_remind_user_ids=[Command.set(staff.ids)],
            alarm_ids=[Command.set(alarm.ids)],
            rrule_type="weekly",
            mon=True,
            fri=True,
            count=8,
            **self.RECURRENCE,
        )
        occurrences = self.occurrences(event)
        self.assertEqual(len(occurrences), 8)
        self.assertEqual({o.start.weekday() for o in occurrences}, {0, 4})
        for occurrence in occurrences:
            self.assertLessEqual(staff.partner_id, occurrence.partner_ids)
            self.assertEqual(occurrence.alarm_ids, alarm)
            self.assertEqual(occurrence.wo_remind_user_ids, staff)

    def test_monthly_and_daily_recurrences(self):
        monthly = self.event(
            name="Payroll check",
            rrule_type="monthly",
            month_by="date",
            day=15,
            count=3,
            **self.RECURRENCE,
        )
        days = [event.start.day for event in self.occurrences(monthly).sorted("start")]
        self.assertEqual(days, [15, 15, 15])
        daily = self.event(name="Stand-up", rrule_type="daily", count=5, **self.RECURRENCE)
        occurrences = self.occurrences(daily)
        self.assertEqual(len(occurrences), 5)
        self.assertEqual({o.start.hour for o in occurrences}, {self.t10.hour})

    def test_conflict_warning_names_the_busy_attendee(self):
        self.event(name="Board meeting", partner_ids=[Command.set(self.user_head.partner_id.ids)])
        overlap = self.event(
            name="Client visit",
            start=self.t10 + timedelta(minutes=30),
            partner_ids=[Command.set((self.user_head | self.user_accountant).partner_id.ids)],
        )
        self.assertIn("Hanna Head is busy: Board meeting", overlap.wo_conflict_warning)
        self.assertNotIn("Alla Accountant", overlap.wo_conflict_warning)
        later = self.event(
            name="Afterwards",
            start=self.t10 + timedelta(minutes=90),
            partner_ids=[Command.set(self.user_head.partner_id.ids)],
        )
        self.assertFalse(later.wo_conflict_warning, "back to back is no conflict")
        warning = overlap._onchange_wo_conflicts()
        self.assertIn("Hanna Head", warning["warning"]["message"])

    def test_event_books_its_resources(self):
        event = self.event(wo_resource_ids=[Command.set((self.car | self.room).ids)])
        self.assertEqual(event.wo_booking_ids.resource_id, self.car | self.room)
        self.assertEqual(set(event.wo_booking_ids.mapped("start")), {event.start})
        event.write({"start": self.t10 + timedelta(hours=2), "stop": self.t10 + timedelta(hours=3)})
        self.assertEqual(set(event.wo_booking_ids.mapped("start")), {self.t10 + timedelta(hours=2)})
        event.write({"wo_resource_ids": [Command.unlink(self.room.id)]})
        self.assertEqual(event.wo_booking_ids.resource_id, self.car)
        event.action_archive()
        self.assertFalse(event.wo_booking_ids, "an archived event frees its resources")

    def test_book_from_the_bookings_calendar(self):
        """A click in the bookings' calendar books the resource: through an
        event of the user's, as every booking; a taken slot is refused."""
        Booking = self.env["wo.resource.booking"].with_user(self.user_employee)
        booking = Booking.create(
            {
                "resource_id": self.car.id,
                "name": "Visit to Acme",
                "start": self.t10,
                "stop": self.t10 + timedelta(hours=2),
            }
        )
        self.assertEqual(booking.resource_id, self.car)
        self.assertEqual(booking.event_id.name, "Visit to Acme")
        self.assertEqual(booking.event_id.user_id, self.user_employee)
        self.assertEqual(booking.event_id.wo_resource_ids, self.car)
        events = self.env["calendar.event"].search_count([])
        bookings = self.env["wo.resource.booking"].search_count([])
        with self.assertRaisesRegex(ValidationError, "Car AA 1234 is already booked"):
            Booking.create(
                {
                    "resource_id": self.car.id,
                    "start": self.t10 + timedelta(hours=1),
                    "stop": self.t10 + timedelta(hours=3),
                }
            )
        with self.assertRaisesRegex(ValidationError, "Choose the resource"):
            Booking.create({"start": self.t10, "stop": self.t10 + timedelta(hours=1)})
        with self.assertRaisesRegex(AccessError, "made on the event"):
            Booking.create(
                {
                    "resource_id": self.room.id,
                    "event_id": booking.event_id.id,
                    "start": self.t10,
                    "stop": self.t10 + timedelta(hours=1),
                }
            )
        self.assertEqual(self.env["calendar.event"].search_count([]), events)
        self.assertEqual(self.env["wo.resource.booking"].search_count([]), bookings)

    def test_overlapping_booking_refused_with_who_and_when(self):
        self.event(
            user=self.user_head, name="Trip to Lviv", wo_resource_ids=[Command.set(self.car.ids)]
        )
        count = self.env["calendar.event"].search_count([])
        with self.assertRaisesRegex(
            ValidationError, "Car AA 1234 is already booked .* by Hanna Head"
        ):
            self.event(
                start=self.t10 + timedelta(minutes=59), wo_resource_ids=[Command.set(self.car.ids)]
            )
        self.assertEqual(self.env["calendar.event"].search_count([]), count)
        # back to back is fine
        after = self.event(
            start=self.t10 + timedelta(hours=1), wo_resource_ids=[Command.set(self.car.ids)]
        )
        self.assertEqual(after.wo_booking_ids.resource_id, self.car)
        # moving an event onto another booking is refused too
        with self.assertRaisesRegex(ValidationError, "already booked"):
            after.write(
                {"start": self.t10 + timedelta(minutes=30), "stop": self.t10 + timedelta(hours=2)}
            )

    def test_an_occurrence_of_a_recurring_event_cannot_overlap(self):
        # the room is taken on the third day
        self.event(
            start=self.t10 + timedelta(days=2),
            name="Audit",
            wo_resource_ids=[Command.set(self.room.ids)],
        )
        with self.assertRaisesRegex(ValidationError, "Room Kyiv is already booked"):
            self.event(
                name="Daily training",
                rrule_type="daily",
                count=5,
                wo_resource_ids=[Command.set(self.room.ids)],
                **self.RECURRENCE,
            )
        self.assertFalse(self.env["calendar.event"].search([("name", "=", "Daily training")]))
        start = self.t10 + timedelta(days=3)
        weekly = self.event(
            name="Weekly training",
            start=start,
            rrule_type="weekly",
            count=3,
            wo_resource_ids=[Command.set(self.room.ids)],
            **{self.weekday(start): True},
            **self.RECURRENCE,
        )
        bookings = self.occurrences(weekly).wo_booking_ids
        self.assertEqual(len(bookings), 3, "each occurrence books the room")
        self.assertEqual(bookings.resource_id, self.room)

    def test_bad_input(self):
        Booking = self.env["wo.resource.booking"]
        count = Booking.search_count([])
        self.car.action_archive()
        with self.assertRaisesRegex(ValidationError, "Car AA 1234 is archived"):
            self.event(wo_resource_ids=[Command.set(self.car.ids)])
        with self.assertRaises(ValidationError):
            self.event(start=self.t10, hours=-1, wo_resource_ids=[Command.set(self.room.ids)])
        self.assertEqual(Booking.search_count([]), count)
