from datetime import timedelta

import psycopg2

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import WoCommon


@tagged("post_install", "-at_install")
class TestSubstitution(WoCommon):
    """Bad input refused, with a clear message and nothing written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.users"])
        cls.Substitution = cls.env["wo.substitution"]
        cls.holiday = cls.Substitution.create(
            {
                "user_id": cls.user_head.id,
                "substitute_id": cls.user_deputy.id,
                "date_from": cls.today + timedelta(days=10),
                "date_to": cls.today + timedelta(days=20),
            }
        )

    def vals(self, **overrides):
        vals = {
            "user_id": self.user_accountant.id,
            "substitute_id": self.user_outsider.id,
            "date_from": self.today,
            "date_to": self.today + timedelta(days=5),
        }
        vals.update(overrides)
        return vals

    def assert_refused(self, vals, message):
        count = self.Substitution.search_count([])
        with self.assertRaisesRegex(ValidationError, message):
            self.Substitution.create(vals)
        self.assertEqual(self.Substitution.search_count([]), count)

    def test_ends_before_it_starts(self):
        self.assert_refused(
            self.vals(date_to=self.today - timedelta(days=1)), "cannot end before it starts"
        )
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"):
            self.holiday.date_to = self.holiday.date_from - timedelta(days=1)
        self.assertEqual(self.holiday.date_to, self.today + timedelta(days=20))

    def test_user_substituting_themself(self):
        self.assert_refused(
            self.vals(substitute_id=self.user_accountant.id), "cannot substitute themself"
        )
        with self.assertRaisesRegex(ValidationError, "cannot substitute themself"):
            self.holiday.substitute_id = self.user_head
        self.assertEqual(self.holiday.substitute_id, self.user_deputy)

    def test_overlap_with_another_substitute(self):
        overlapping = self.vals(
            user_id=self.user_head.id,
            date_from=self.today + timedelta(days=15),
            date_to=self.today + timedelta(days=25),
        )
        self.assert_refused(overlapping, "already has Denys Deputy as substitute")
        # a later, separate absence with another substitute is fine
        later = self.Substitution.create(
            dict(overlapping, date_from=self.today + timedelta(days=21))
        )
        self.assertEqual(later.substitute_id, self.user_outsider)
        # moving it onto the first one is not
        with self.assertRaisesRegex(ValidationError, "two different substitutes"):
            later.date_from = self.today + timedelta(days=20)

    def test_overlap_with_same_substitute_allowed(self):
        extension = self.Substitution.create(
            self.vals(
                user_id=self.user_head.id,
                substitute_id=self.user_deputy.id,
                date_from=self.today + timedelta(days=18),
                date_to=self.today + timedelta(days=30),
            )
        )
        self.assertTrue(extension.exists())

    def test_archived_substitution_does_not_block(self):
        self.holiday.action_archive()
        other = self.Substitution.create(
            self.vals(
                user_id=self.user_head.id,
                date_from=self.holiday.date_from,
                date_to=self.holiday.date_to,
            )
        )
        self.assertTrue(other.exists())
        # restoring the first would give two substitutes at once
        with self.assertRaisesRegex(ValidationError, "two different substitutes"):
            self.holiday.action_unarchive()

    @mute_logger("odoo.sql_db")
    def test_database_refuses_what_python_would(self):
        """The rules hold even for a writer that skips the ORM's checks, as a
        concurrent transaction would: the database refuses the row."""
        self.env.flush_all()
        insert = """
            INSERT INTO wo_substitution
                (user_id, substitute_id, date_from, date_to, reason, company_id, active)
            VALUES (%s, %s, %s, %s, 'holiday', %s, TRUE)
        """
        cases = [
            (
                psycopg2.errors.ExclusionViolation,
                (
                    self.user_head.id,
                    self.user_outsider.id,
                    self.holiday.date_from,
                    self.holiday.date_to,
                ),
            ),
            (
                psycopg2.errors.CheckViolation,
                (self.user_outsider.id, self.user_outsider.id, self.today, self.today),
            ),
            (
                psycopg2.errors.CheckViolation,
                (
                    self.user_accountant.id,
                    self.user_outsider.id,
                    self.today,
                    self.today - timedelta(days=1),
                ),
            ),
        ]
        for error, params in cases:
            with (
                self.subTest(error=error.__name__),
                self.assertRaises(error),
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute(insert, (*params, self.company.id))

    def test_form_defaults_and_state(self):
        form = Form(self.Substitution.with_user(self.user_employee))
        self.assertEqual(form.user_id, self.user_employee)
        self.assertEqual(form.date_from, self.today)
        form.substitute_id = self.user_outsider
        form.date_to = self.today + timedelta(days=1)
        substitution = form.save()
        self.assertEqual(substitution.state, "current")
        self.assertEqual(self.holiday.state, "planned")
        self.assertIn(substitution, self.Substitution.search([("state", "=", "current")]))
        self.assertNotIn(self.holiday, self.Substitution.search([("state", "=", "current")]))
        self.assertIn(self.holiday, self.Substitution.search([("state", "in", ["planned"])]))

    def test_end_twice_refused(self):
        self.holiday.action_end()
        self.assertFalse(self.holiday.active)
        ended = self.Substitution.create(
            self.vals(
                date_from=self.today - timedelta(days=5),
                date_to=self.today - timedelta(days=1),
            )
        )
        with self.assertRaisesRegex(Exception, "already ended"):
            ended.action_end()

    def test_visibility(self):
        """The absent user, who acts for them, the substitute, HR and the
        director see a substitution; nobody else, and never across companies."""
        for user in (
            self.user_head,
            self.user_deputy,
            self.user_deputy_2,
            self.user_hr,
            self.user_director,
        ):
            self.assertEqual(
                self.Substitution.with_user(user).search([("id", "=", self.holiday.id)]),
                self.holiday,
                user.login,
            )
        for user in (
            self.user_employee,
            self.user_outsider,
            self.user_accountant,
            self.user_company_2,
        ):
            self.assertFalse(
                self.Substitution.with_user(user).search([("id", "=", self.holiday.id)]),
                user.login,
            )
            with self.assertRaises(AccessError):
                self.holiday.with_user(user).read(["date_from"])
        for user in (self.user_no_wo, self.user_portal):
            with self.assertRaises(AccessError):
                self.Substitution.with_user(user).search([])

    def test_plain_user_creates_own_substitution_only_for_themself(self):
        mine = self.Substitution.with_user(self.user_employee).create(
            self.vals(user_id=self.user_employee.id)
        )
        self.assertEqual(mine.user_id, self.user_employee)
        count = self.Substitution.search_count([])
        with self.assertRaises(AccessError):
            self.Substitution.with_user(self.user_employee).create(
                self.vals(user_id=self.user_accountant.id)
            )
        self.assertEqual(self.Substitution.search_count([]), count)
