from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import WoContactsCommon


@tagged("post_install", "-at_install")
class TestAccess(WoContactsCommon):
    """Who sees and changes the journal: roles, levels, companies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the accountant calls Globex (no salesperson): theirs alone
        cls.globex_call = cls.log(
            user=cls.user_accountant, partner_id=cls.globex.id, contact_ids=[]
        )
        # the outsider calls Acme, whose salesperson is the employee
        cls.acme_call = cls.log(user=cls.user_outsider)

    def visible(self, user, entry):
        return bool(self.env["wo.contact.entry"].with_user(user).search([("id", "=", entry.id)]))

    def test_roles(self):
        self.assertTrue(self.visible(self.user_accountant, self.globex_call), "made it")
        self.assertTrue(self.visible(self.user_outsider, self.acme_call), "made it")
        self.assertTrue(self.visible(self.user_employee, self.acme_call), "the salesperson")
        self.assertFalse(self.visible(self.user_employee, self.globex_call))
        self.assertFalse(self.visible(self.user_outsider, self.globex_call))
        self.assertTrue(self.visible(self.user_director, self.globex_call), "Director sees all")
        with self.assertRaises(AccessError):
            self.globex_call.with_user(self.user_employee).read(["subject"])

    def test_acting_for_and_department_head(self):
        # the employee works in Contracts, under Legal: its head and deputy see
        entry = self.log(user=self.user_employee, partner_id=self.globex.id, contact_ids=[])
        self.assertTrue(self.visible(self.user_head, entry))
        self.assertTrue(self.visible(self.user_deputy, entry))
        self.assertFalse(self.visible(self.user_accountant, entry))
        # a substitute sees while substituting
        self.env["wo.substitution"].create(
            {
                "user_id": self.user_accountant.id,
                "substitute_id": self.user_outsider.id,
                "date_from": self.today,
                "date_to": self.today + timedelta(days=1),
            }
        )
        self.assertTrue(self.visible(self.user_outsider, self.globex_call))

    def test_other_company_and_no_group(self):
        self.assertFalse(self.visible(self.user_company_2, self.acme_call))
        for user in (self.user_no_wo, self.user_portal):
            with self.assertRaises(AccessError):
                self.env["wo.contact.entry"].with_user(user).search([])

    def test_levels(self):
        reader, editor, author, manager = (
            self.levels[lvl] for lvl in ("reader", "editor", "author", "manager")
        )
        self.acme.user_id = reader  # the reader is Acme's salesperson: sees its contacts
        entry = self.log(user=author)
        self.assertTrue(self.visible(reader, entry))
        with self.assertRaises(AccessError):
            entry.with_user(reader).write({"result": "x"})
        self.acme.user_id = editor
        entry.with_user(editor).write({"result": "Edited"})
        self.assertEqual(entry.result, "Edited")
        with self.assertRaises(AccessError):
            self.log(user=editor)
        with self.assertRaises(AccessError):
            entry.with_user(author).unlink()
        self.acme.user_id = manager
        entry.with_user(manager).unlink()
        self.assertFalse(entry.exists())

    def test_resources_managed_by_managers(self):
        with self.assertRaises(AccessError):
            self.env["wo.resource"].with_user(self.user_employee).create({"name": "My car"})
        with self.assertRaises(AccessError):
            self.car.with_user(self.user_employee).write({"name": "Mine"})
        self.env["wo.resource"].with_user(self.levels["manager"]).create({"name": "Projector"})
        # but everyone books through their events, and cannot forge a booking
        event = self.event(user=self.user_employee, wo_resource_ids=[Command.set(self.car.ids)])
        self.assertEqual(event.wo_booking_ids.resource_id, self.car)
        with self.assertRaises(AccessError):
            self.env["wo.resource.booking"].with_user(self.user_employee).create(
                {
                    "resource_id": self.room.id,
                    "event_id": event.id,
                    "start": event.start,
                    "stop": event.stop,
                }
            )
