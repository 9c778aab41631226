from datetime import datetime, time, timedelta

from odoo import Command, fields

from odoo.addons.wo_staff.tests.common import WoCommon


class WoDeskCommon(WoCommon):
    """WO's test base with an Author level in every app the desk reads, a
    registrar, and one record of each kind of work: an assignment from the
    head to the employee, a contract of Dora Deputy on approval (Hanna Head
    approves; Denys Deputy acts for her), a draft incoming letter, a
    registered letter the employee was told of, the employee's call planned
    for today, a meeting today and a contact person's birthday tomorrow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for group in (
            "wo_tasks.group_wo_tasks_author",
            "wo_documents.group_wo_documents_author",
            "wo_correspondence.group_wo_correspondence_author",
            "wo_crm_contacts.group_wo_contacts_author",
        ):
            cls.wo_grant(group)
        cls.user_registrar = cls.wo_user(
            "wo_registrar",
            "Rita Registrar",
            "wo_correspondence.group_wo_correspondence_registrar,wo_staff.group_wo_user",
        )
        cls.today = fields.Date.context_today(cls.env["wo.desk"])
        Partner = cls.env["res.partner"]
        cls.acme = Partner.create(
            {"name": "Acme Supplies", "is_company": True, "user_id": cls.user_employee.id}
        )
        cls.ann = Partner.create(
            {
                "name": "Ann Acme",
                "parent_id": cls.acme.id,
                "wo_birthday": (cls.today + timedelta(days=1)).replace(year=1984),
            }
        )
        cls.task = cls.make_task(cls.user_employee, "Prepare the annual report")
        cls.document = (
            cls.env["wo.document"]
            .with_user(cls.user_deputy_2)
            .create(
                {
                    "type_id": cls.env.ref("wo_documents.wo_document_type_contract").id,
                    "subject": "Supply of polymer film",
                    "partner_id": cls.acme.id,
                    "amount": 12000,
                }
            )
        )
        cls.document.action_send_for_approval()
        journal = cls.env["wo.correspondence.journal"].create(
            {"name": "Desk incoming", "code": "DIN", "direction": "incoming"}
        )
        Letter = cls.env["wo.correspondence"]
        cls.draft_letter = Letter.create(
            {
                "direction": "incoming",
                "journal_id": journal.id,
                "subject": "Claim for the March delivery",
                "partner_id": cls.acme.id,
            }
        )
        cls.told_letter = Letter.create(
            {
                "direction": "incoming",
                "journal_id": journal.id,
                "subject": "New price list",
                "partner_id": cls.acme.id,
                "notify_user_ids": [Command.set(cls.user_employee.ids)],
            }
        )
        cls.told_letter.with_user(cls.user_registrar).action_register()
        cls.head_letter = Letter.create(
            {
                "direction": "incoming",
                "journal_id": journal.id,
                "subject": "Request for a meeting",
                "partner_id": cls.acme.id,
                "recipient_user_id": cls.user_head.id,
            }
        )
        cls.head_letter.with_user(cls.user_registrar).action_register()
        cls.call = cls.env["wo.contact.entry"].create(
            {
                "subject": "Call about the price list",
                "kind_id": cls.env.ref("wo_crm_contacts.wo_contact_kind_call").id,
                "partner_id": cls.acme.id,
                "user_id": cls.user_employee.id,
                "date": cls.noon(cls.today),
            }
        )
        cls.meeting = cls.env["calendar.event"].create(
            {
                "name": "Meeting with Acme",
                "start": cls.noon(cls.today),
                "stop": cls.noon(cls.today) + timedelta(hours=1),
                "partner_ids": [Command.set(cls.user_employee.partner_id.ids)],
            }
        )

    @classmethod
    def noon(cls, day):
        return datetime.combine(day, time(12))

    @classmethod
    def make_task(cls, executor, subject, deadline=None, initiator=None):
        initiator = initiator or cls.user_head
        task = (
            cls.env["wo.task"]
            .with_user(initiator)
            .create(
                {
                    "subject": subject,
                    "kind_id": cls.env.ref("wo_tasks.wo_task_kind_assignment").id,
                    "initiator_id": initiator.id,
                    "controller_id": initiator.id,
                    "date_deadline": deadline or cls.today + timedelta(days=10),
                    "executor_ids": [Command.create({"user_id": executor.id})],
                }
            )
        )
        task.action_assign()
        return task.with_user(cls.env.user)

    def desk(self, user):
        return self.env["wo.desk"].with_user(user).get_desk()

    def section(self, user, key):
        return next((s for s in self.desk(user)["sections"] if s["key"] == key), None)

    def names(self, user, key):
        section = self.section(user, key)
        return [item["name"] for item in section["items"]] if section else None
