from datetime import timedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import WoContactsCommon


@tagged("post_install", "-at_install")
class TestJournal(WoContactsCommon):
    """The contact journal: planned and held, next contacts, quick logging."""

    def test_planned_becomes_held_when_its_date_passes(self):
        Entry = self.env["wo.contact.entry"]
        entry = self.log(date=self.now + timedelta(hours=1))
        self.assertEqual(entry.state, "planned")
        self.assertIn(entry, Entry.search([("state", "=", "planned")]))
        self.assertNotIn(entry, Entry.search([("state", "=", "held")]))
        with freeze_time(self.now + timedelta(hours=2)):
            entry.invalidate_recordset(["state"])
            self.assertEqual(entry.state, "held")
            self.assertIn(entry, Entry.search([("state", "=", "held")]))
            self.assertNotIn(entry, Entry.search([("state", "in", ["planned"])]))

    def test_next_contact_reminder_once_n_days_ahead(self):
        entry = self.log(date_next=self.today + timedelta(days=5), remind_days=2)
        activities = entry.activity_ids
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.date_deadline, self.today + timedelta(days=3))
        self.assertEqual(activities.user_id, self.user_employee)
        entry.write({"result": "Will call back", "remind_days": 2})
        self.assertEqual(entry.activity_ids, activities, "not twice")
        entry.date_next = self.today + timedelta(days=10)
        self.assertEqual(entry.activity_ids, activities, "moved, not duplicated")
        self.assertEqual(activities.date_deadline, self.today + timedelta(days=8))
        entry.date_next = False
        self.assertFalse(entry.activity_ids)

    def test_bad_input_refused_and_nothing_written(self):
        Entry = self.env["wo.contact.entry"]
        count = Entry.search_count([])
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.log(duration=-1)
        with self.assertRaisesRegex(ValidationError, "cannot come before this one"):
            self.log(date=self.now, date_next=self.today - timedelta(days=1))
        with self.assertRaisesRegex(ValidationError, "do not work for Acme Supplies"):
            other = self.env["res.partner"].create(
                {"name": "Gil Globex", "parent_id": self.globex.id}
            )
            self.log(contact_ids=[Command.set(other.ids)])
        self.assertEqual(Entry.search_count([]), count)
        entry = self.log()
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            entry.duration = -0.5
        self.assertEqual(entry.duration, 0.25)

    def test_log_a_call_from_the_partner(self):
        action = self.ann.with_user(self.user_employee).action_wo_log_contact()
        self.assertEqual(action["target"], "new")
        form = Form(
            self.env["wo.contact.entry"]
            .with_user(self.user_employee)
            .with_context(**action["context"]),
            view="wo_crm_contacts.wo_contact_entry_view_form_quick",
        )
        self.assertEqual(form.partner_id, self.acme)
        self.assertEqual(form.kind_id, self.call)
        form.subject = "Asked for a discount"
        form.contact_ids.add(self.bob)
        form.result = "5% if they order 100"
        entry = form.save()
        self.assertEqual(entry.contact_ids, self.ann | self.bob)
        self.assertEqual(entry.user_id, self.user_employee)

    def test_partner_shows_last_contacts_and_next_planned(self):
        old = self.log(date=self.now - timedelta(days=3), subject="First call")
        recent = self.log(date=self.now - timedelta(hours=1), subject="Second call")
        planned = self.log(
            date=self.now + timedelta(days=2), subject="Meeting", kind_id=self.meeting.id
        )
        partner = self.acme.with_user(self.user_employee)
        self.assertEqual(partner.wo_last_contact_ids.ids, [recent.id, old.id])
        self.assertEqual(partner.wo_next_contact_id, planned)
        self.assertEqual(partner.wo_contact_count, 3)
        # a contact person's form shows its company's journal
        self.assertEqual(self.ann.with_user(self.user_employee).wo_contact_count, 3)

    def test_threads(self):
        first = self.log(subject="Enquiry")
        first.action_start_thread()
        thread = first.thread_id
        self.assertEqual(thread.partner_id, self.acme)
        self.assertEqual(
            thread.stage_id, self.env.ref("wo_crm_contacts.wo_contact_thread_stage_new")
        )
        self.log(
            subject="Offer",
            thread_id=thread.id,
            amount_ids=[
                Command.create(
                    {
                        "kind_id": self.env.ref("wo_crm_contacts.wo_contact_amount_kind_offer").id,
                        "amount": 1200,
                    }
                )
            ],
        )
        thread.stage_id = self.env.ref("wo_crm_contacts.wo_contact_thread_stage_proposal")
        self.assertEqual(thread.progress, 50)
        self.assertEqual(thread.entry_count, 2)
        self.assertEqual(thread.amount_total, 1200)
        self.assertEqual(self.acme.with_user(self.user_employee).wo_thread_count, 1)
