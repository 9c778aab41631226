from datetime import date, timedelta

from odoo import fields
from odoo.tests import freeze_time, tagged

from odoo.addons.wo_staff.tools import TRUSTED

from .common import WoDeskCommon


@tagged("post_install", "-at_install")
class TestDesk(WoDeskCommon):
    """Each section of the desk holds the work it names, for the user and
    for those the user acts for, and nothing the user may not read."""

    def test_my_turn_and_control(self):
        self.assertIn(self.task.display_name, self.names(self.user_employee, "my_turn"))
        self.assertIn(self.task.display_name, self.names(self.user_head, "control"))
        self.assertNotIn(self.task.display_name, self.names(self.user_head, "my_turn") or [])
        # someone else's assignment is nobody's business here
        self.assertNotIn(self.task.display_name, self.names(self.user_accountant, "my_turn") or [])

    def test_overdue_first(self):
        late = self.make_task(self.user_employee, "Late report", self.today + timedelta(days=1))
        # time passes: the deadline comes (as the engine, not as a person)
        late.executor_ids.with_context(wo_task_engine=TRUSTED).write(
            {"date_deadline": self.today - timedelta(days=3)}
        )
        items = self.section(self.user_employee, "my_turn")["items"]
        self.assertEqual(items[0]["name"], late.display_name)
        self.assertEqual(items[0]["urgency"], "overdue")
        self.assertEqual(items[-1]["name"], self.task.display_name)

    def test_approval_is_a_decision_not_my_turn(self):
        decisions = self.section(self.user_head, "decisions")
        self.assertEqual([item["id"] for item in decisions["items"]], self.document.ids)
        self.assertFalse(decisions["items"][0]["for"])
        self.assertEqual(decisions["count"], 1)
        self.assertNotIn(
            self.document.approval_task_id.display_name,
            self.names(self.user_head, "my_turn") or [],
        )
        # nobody else decides it (Dora Deputy, its author, acts for the head)
        self.assertNotIn(self.document.id, self.ids_of(self.user_employee, "decisions"))

    def test_deputy_sees_the_heads_decisions_for_her(self):
        decisions = self.section(self.user_deputy, "decisions")
        self.assertEqual([item["id"] for item in decisions["items"]], self.document.ids)
        self.assertEqual(decisions["items"][0]["for"], self.user_head.name)
        self.assertIn(self.user_head.name, self.desk(self.user_deputy)["acting_for"])

    def test_registrar_registers(self):
        self.assertIn(self.draft_letter.id, self.ids_of(self.user_registrar, "to_register"))
        self.assertNotIn(self.told_letter.id, self.ids_of(self.user_registrar, "to_register"))
        self.assertIsNone(self.section(self.user_employee, "to_register"))

    def test_resolutions_to_issue(self):
        self.assertEqual(self.ids_of(self.user_head, "to_resolve"), self.head_letter.ids)
        section = self.section(self.user_deputy, "to_resolve")
        self.assertEqual(section["items"][0]["for"], self.user_head.name)
        self.assertEqual(self.ids_of(self.user_employee, "to_resolve"), [])

    def test_letters_to_read_until_acknowledged(self):
        self.assertIn(self.told_letter.id, self.ids_of(self.user_employee, "to_read"))
        self.told_letter.activity_ids.filtered(
            lambda activity: activity.user_id == self.user_employee
        ).action_feedback("Read")
        self.assertNotIn(self.told_letter.id, self.ids_of(self.user_employee, "to_read"))

    def test_contacts_events_and_birthdays(self):
        contacts = self.section(self.user_employee, "contacts")
        self.assertEqual([item["id"] for item in contacts["items"]], self.call.ids)
        self.assertEqual(contacts["items"][0]["kind"], "Call")
        self.assertIn(self.meeting.id, self.ids_of(self.user_employee, "events"))
        self.assertEqual(self.ids_of(self.user_employee, "birthdays"), self.ann.ids)
        self.assertEqual(self.ids_of(self.user_head, "birthdays"), [])

    def test_birthdays_in_the_last_week_of_the_year(self):
        """On 29 December the week goes on into January: 31 December, then
        2 January of the next year; 5 January is beyond the week."""
        Partner = self.env["res.partner"]
        people = Partner.create(
            [
                {"name": name, "parent_id": self.acme.id, "wo_birthday": birthday}
                for name, birthday in (
                    ("Jan Fifth", date(1984, 1, 5)),
                    ("Jan Second", date(1984, 1, 2)),
                    ("Dec Thirty-First", date(1984, 12, 31)),
                )
            ]
        )
        self.ann.wo_birthday = False
        with freeze_time(date(2030, 12, 29)):
            section = self.section(self.user_employee, "birthdays")
            listed = Partner.with_user(self.user_employee).search(section["domain"])
        self.assertEqual(
            [(item["name"], item["date"]) for item in section["items"]],
            [("Dec Thirty-First", "2030-12-31"), ("Jan Second", "2031-01-02")],
        )
        self.assertEqual(section["count"], 2)
        self.assertEqual(listed, people[1:])

    def test_counts_beyond_the_items(self):
        for index in range(10):
            self.make_task(self.user_employee, f"Small job {index}")
        section = self.section(self.user_employee, "my_turn")
        self.assertEqual(len(section["items"]), 8)
        self.assertEqual(section["count"], 11)
        # the count opens the list of all of them
        self.assertEqual(
            self.env["wo.task.executor"]
            .with_user(self.user_employee)
            .search_count(section["domain"]),
            11,
        )

    def test_a_user_without_wo_apps_gets_no_section(self):
        desk = self.desk(self.user_no_wo)
        keys = {section["key"] for section in desk["sections"]}
        self.assertFalse(keys & {"my_turn", "control", "decisions", "to_read", "to_register"})

    def test_constant_number_of_queries(self):
        self.desk(self.user_employee)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=33):
            self.env["wo.desk"].with_user(self.user_employee).get_desk()
        for index in range(12):
            self.make_task(self.user_employee, f"Small job {index}")
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=33):
            self.env["wo.desk"].with_user(self.user_employee).get_desk()

    def test_to_read_and_confirm(self):
        """A document sent to the user to read (a familiarisation list of
        wo_records) waits on the desk until they confirm it."""
        document = (
            self.env["wo.document"]
            .with_user(self.user_head)
            .create(
                {
                    "type_id": self.env.ref("wo_documents.wo_document_type_memo").id,
                    "subject": "Rules",
                }
            )
        )
        listing = (
            self.env["wo.records.familiarisation"]
            .with_user(self.user_head)
            ._send(document, self.user_employee, fields.Date.context_today(self.env.user))
        )
        section = self.section(self.user_employee, "familiarisation")
        self.assertEqual(section["count"], 1)
        item = section["items"][0]
        self.assertEqual((item["res_model"], item["id"]), ("wo.document", document.id))
        self.assertEqual(item["urgency"], "today")
        self.assertEqual(item["detail"], self.user_head.name)
        self.assertEqual(item["key"], f"familiarisation-{listing.line_ids.id}")
        listing.with_user(self.user_employee).action_confirm_read()
        section = self.section(self.user_employee, "familiarisation")
        self.assertEqual(section["count"], 0)

    def ids_of(self, user, key):
        section = self.section(user, key)
        return [item["id"] for item in section["items"]] if section else []

    def test_the_work_reaches_odoos_activity_menu(self):
        """What waits for the user is an activity too: Odoo's activity menu
        (the systray, on a phone as on a desktop) counts it by model, as
        overdue, today or planned."""

        def counts(user):
            # the calendar's group of today's meetings has no counts
            return {
                group["model"]: group.get("total_count", 0) + group.get("planned_count", 0)
                for group in self.env["res.users"].with_user(user)._get_activity_groups()
            }

        # the systray shows the meetings still to come today: look an hour
        # before the noon meeting, whenever the tests run
        with freeze_time(self.noon(self.today) - timedelta(hours=1)):
            groups = counts(self.user_employee)
        self.assertGreaterEqual(groups.get("wo.task", 0), 1, "my turn")
        self.assertGreaterEqual(groups.get("wo.correspondence", 0), 1, "to read")
        self.assertIn("calendar.event", groups, "today's meeting, beside them")
        head = counts(self.user_head)
        self.assertTrue(
            head.get("wo.document", 0) + head.get("wo.task", 0) >= 1, "the decision waiting"
        )
