from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import WoCommon


@tagged("post_install", "-at_install")
class TestRoleGuard(WoCommon):
    """``wo.role.mixin``: the fields a role may write, enforced on the server.

    On a substitution, the absent user (role ``owner``) may change everything;
    the substitute may read it but change nothing; whoever acts for the owner
    holds the owner's role; HR officers are not checked.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env["res.users"])
        cls.holiday = cls.env["wo.substitution"].create(
            {
                "user_id": cls.user_head.id,
                "substitute_id": cls.user_accountant.id,
                "date_from": today + timedelta(days=10),
                "date_to": today + timedelta(days=20),
            }
        )
        cls.new_end = today + timedelta(days=25)

    def test_substitute_cannot_change_guarded_fields(self):
        holiday = self.holiday.with_user(self.user_accountant)
        self.assertEqual(holiday.date_to, self.holiday.date_to)  # reads it
        for vals in ({"date_to": self.new_end}, {"note": "mine now"}, {"active": False}):
            with self.assertRaisesRegex(AccessError, "your role on it does not allow it"):
                holiday.write(vals)
        self.assertTrue(self.holiday.active)
        self.assertFalse(self.holiday.note)

    def test_owner_changes(self):
        self.holiday.with_user(self.user_head).write({"date_to": self.new_end})
        self.assertEqual(self.holiday.date_to, self.new_end)

    def test_acting_for_owner_changes(self):
        self.holiday.with_user(self.user_deputy).write({"note": "Ask Denys"})
        self.assertEqual(self.holiday.note, "Ask Denys")

    def test_hr_bypasses(self):
        self.holiday.with_user(self.user_hr).write({"date_to": self.new_end})
        self.assertEqual(self.holiday.date_to, self.new_end)

    def test_guarded_fields(self):
        guarded = self.env["wo.substitution"]._wo_guarded_fields()
        self.assertIn("date_to", guarded)
        self.assertNotIn("message_follower_ids", guarded)
