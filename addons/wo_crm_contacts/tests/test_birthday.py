from datetime import date, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged

from .common import WoContactsCommon


@tagged("post_install", "-at_install")
class TestBirthday(WoContactsCommon):
    """Birthdays of contact persons: the salesperson is reminded N days
    ahead, once per person per year."""

    def run_cron(self):
        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            self.env(cr=cr)["res.partner"]._cron_wo_birthday_reminders(batch_size=2)

    def birthday_activities(self, partner):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("wo_crm_contacts.mail_activity_type_birthday").id,
                ),
            ]
        )

    def test_reminds_once_per_person_per_year(self):
        with freeze_time(date(2030, 6, 10)):
            self.ann.wo_birthday = date(1980, 6, 12)  # in 2 days
            self.bob.wo_birthday = date(1975, 6, 20)  # in 10 days: not yet
            self.run_cron()
            activities = self.birthday_activities(self.acme)
            self.assertEqual(len(activities), 1)
            self.assertEqual(activities.user_id, self.user_employee, "the salesperson")
            self.assertEqual(activities.date_deadline, date(2030, 6, 12))
            self.assertIn("Ann Acme", activities.summary)
            self.run_cron()
            self.assertEqual(len(self.birthday_activities(self.acme)), 1, "run twice: once")
        with freeze_time(date(2030, 6, 12)):
            self.run_cron()
            self.assertEqual(
                len(self.birthday_activities(self.acme)), 1, "the day itself: still once"
            )
        with freeze_time(date(2031, 6, 10)):
            self.run_cron()
            self.assertEqual(len(self.birthday_activities(self.acme)), 2, "next year again")

    def test_new_year_and_29_february(self):
        with freeze_time(date(2030, 12, 30)):
            self.ann.wo_birthday = date(1990, 1, 1)
            self.run_cron()
            self.assertEqual(self.birthday_activities(self.acme).date_deadline, date(2031, 1, 1))
        with freeze_time(date(2031, 1, 1)):
            self.run_cron()
            self.assertEqual(len(self.birthday_activities(self.acme)), 1, "not again on the day")
        with freeze_time(date(2031, 2, 27)):
            self.bob.wo_birthday = date(1992, 2, 29)
            self.run_cron()
            bob = self.birthday_activities(self.acme).filtered(lambda a: "Bob" in a.summary)
            self.assertEqual(bob.date_deadline, date(2031, 2, 28), "remembered on 28 February")

    def test_upcoming_birthdays_list(self):
        with freeze_time(date(2030, 6, 10)):
            self.ann.wo_birthday = date(1980, 6, 12)
            self.bob.wo_birthday = date(1970, 1, 1)
            Partner = self.env["res.partner"]
            soon = Partner.search([("wo_birthday_soon", "=", True)])
            self.assertIn(self.ann, soon)
            self.assertNotIn(self.bob, soon)
            self.assertIn(self.bob, Partner.search([("wo_birthday_soon", "=", False)]))
            self.assertTrue(self.ann.wo_birthday_soon)

    def test_birthday_in_the_future_refused(self):
        with self.assertRaisesRegex(ValidationError, "is in the future"):
            self.ann.wo_birthday = self.today + timedelta(days=1)
        self.assertFalse(self.ann.wo_birthday)

    def test_birthdays_calendar(self):
        """The birthdays' calendar shows this year's birthdays in its range
        (29 February on the 28th in a common year)."""
        Partner = self.env["res.partner"]
        ann = Partner.create({"name": "Ann Leap", "wo_birthday": date(1988, 2, 29)})
        bob = Partner.create({"name": "Bob June", "wo_birthday": date(1979, 6, 15)})
        people = ann | bob

        def in_range(start, end):
            return Partner.search(
                [
                    ("id", "in", people.ids),
                    ("wo_birthday_this_year", ">=", start),
                    ("wo_birthday_this_year", "<=", end),
                ]
            )

        with freeze_time(date(2031, 3, 1)):
            people.invalidate_recordset(["wo_birthday_this_year"])
            self.assertEqual(ann.wo_birthday_this_year, date(2031, 2, 28))
            self.assertEqual(bob.wo_birthday_this_year, date(2031, 6, 15))
            self.assertEqual(in_range("2031-02-01", "2031-02-28"), ann)
            self.assertEqual(in_range("2031-06-01", "2031-06-30"), bob)
            self.assertFalse(in_range("2031-07-01", "2031-07-31"))
            self.assertFalse(in_range("2030-01-01", "2030-12-31"), "last year's calendar")
            self.assertEqual(in_range("2030-12-01", "2031-12-31"), people)
