from datetime import datetime, timedelta

from odoo import Command, fields

from odoo.addons.wo_staff.tests.common import WoCommon


class WoContactsCommon(WoCommon):
    """WO's shared base, with WO Contacts levels, a counterparty with two
    contact persons (the employee is its salesperson), a car and a room."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wo_grant("wo_crm_contacts.group_wo_contacts_author")
        cls.levels = cls.wo_level_users("wo_crm_contacts", "contacts")
        Partner = cls.env["res.partner"]
        cls.acme = Partner.create(
            {"name": "Acme Supplies", "is_company": True, "user_id": cls.user_employee.id}
        )
        cls.ann = Partner.create({"name": "Ann Acme", "parent_id": cls.acme.id})
        cls.bob = Partner.create({"name": "Bob Acme", "parent_id": cls.acme.id})
        cls.globex = Partner.create({"name": "Globex", "is_company": True})
        cls.call = cls.env.ref("wo_crm_contacts.wo_contact_kind_call")
        cls.meeting = cls.env.ref("wo_crm_contacts.wo_contact_kind_meeting")
        Resource = cls.env["wo.resource"]
        cls.car = Resource.create({"name": "Car AA 1234", "kind": "car", "user_id": cls.user_hr.id})
        cls.room = Resource.create({"name": "Room Kyiv", "kind": "room"})
        cls.now = fields.Datetime.now().replace(microsecond=0)
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        # a fixed future morning, for events
        tomorrow = cls.today + timedelta(days=1)
        cls.t10 = datetime.combine(tomorrow, datetime.min.time()) + timedelta(hours=10)

    @classmethod
    def log(cls, user=None, **vals):
        values = {
            "subject": "Price list 2027",
            "kind_id": cls.call.id,
            "partner_id": cls.acme.id,
            "contact_ids": [Command.set((cls.ann | cls.bob).ids)],
        }
        values.update(vals)
        return cls.env["wo.contact.entry"].with_user(user or cls.user_employee).create(values)

    @classmethod
    def event(cls, user=None, start=None, hours=1, **vals):
        start = start or cls.t10
        values = {"name": "Visit", "start": start, "stop": start + timedelta(hours=hours)}
        values.update(vals)
        return cls.env["calendar.event"].with_user(user or cls.user_employee).create(values)
