from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from .common import WoContactsCommon


@tagged("post_install", "-at_install")
class TestPerformance(WoContactsCommon):
    """Hot paths, in queries: a regression fails."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for days in range(10):
            cls.log(date=cls.now - timedelta(days=days), subject=f"Call {days}")
        cls.env = cls.env(context={"lang": "en_US", "tz": "UTC"})

    def test_log_a_call_with_two_contact_persons(self):
        Entry = self.env["wo.contact.entry"].with_user(self.user_employee)
        values = {
            "subject": "Call",
            "kind_id": self.call.id,
            "partner_id": self.acme.id,
            "contact_ids": [Command.set((self.ann | self.bob).ids)],
            "result": "OK",
        }
        Entry.create(values)
        with self.assertQueryCount(QUERIES_LOG):
            Entry.create(values)

    def test_open_a_partners_last_contacts(self):
        partner = self.acme.with_user(self.user_employee)
        self.assertEqual(len(partner.wo_last_contact_ids), 5)  # warm-up
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_PARTNER):
            self.assertEqual(len(partner.wo_last_contact_ids), 5)
            self.assertFalse(partner.wo_next_contact_id)

    def test_book_a_resource(self):
        self.event(
            start=self.t10 - timedelta(hours=5), wo_resource_ids=[Command.set(self.room.ids)]
        )
        with self.assertQueryCount(QUERIES_BOOK):
            self.event(wo_resource_ids=[Command.set(self.car.ids)])


QUERIES_LOG = 7
QUERIES_PARTNER = 10
QUERIES_BOOK = 19
