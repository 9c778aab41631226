import datetime

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.wo_staff.tools import TRUSTED

from .common import WoRecordsCommon


@tagged("post_install", "-at_install")
class TestActs(WoRecordsCommon):
    """Acts of transfer and destruction: approved by their commission
    through the wo_tasks engine, carried out once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # three years ago: memos kept 1 year (expired), contracts kept 5
        # (not yet), orders kept permanently
        cls.old, cases = cls.old_plan(
            3, ("02-12", "Memos", 1), ("02-03", "Contracts", 5), ("01-01", "Orders", None)
        )
        cls.memos, cls.contracts, cls.orders = cases
        cls.memo_letter = cls.registered(subject="Old memo", summary="<p>Secret text</p>")
        cls.memo_letter.with_context(wo_records_flow=TRUSTED).records_case_id = cls.memos
        cls.memo_file = cls.attach(cls.memo_letter)
        cls.memo_document = cls.draft(subject="Old order")
        cls.memo_document.with_context(wo_records_flow=TRUSTED).records_case_id = cls.memos

    def approve(self, act, user=None):
        act.with_user(user or self.user_director).action_decide("approved")
        act.invalidate_recordset()

    def test_transfer_to_the_archive(self):
        act = self.act("transfer", self.contracts | self.memos)
        self.assertRegex(act.name, r"^AT-\d{4}-\d{3}$")
        act.with_user(self.user_archivist).action_send_for_approval()
        self.assertEqual(act.state, "on_approval")
        self.assertEqual(act.approval_task_id.executor_ids.user_id, self.user_director)
        self.approve(act)
        self.assertEqual(act.state, "done")
        self.assertEqual(set((self.contracts | self.memos).mapped("state")), {"archived"})
        self.assertEqual(self.memos.transfer_act_id, act)
        self.assertEqual(
            [(d.approver_id, d.decided_by_id, d.decision) for d in act.decision_ids],
            [(self.user_director, self.user_director, "approved")],
        )
        # the cases and their records are read-only now
        with self.assertRaisesRegex(UserError, "read-only"):
            self.memo_letter.with_user(self.user_registrar).subject = "Changed"
        self.assertEqual(self.memo_letter.subject, "Old memo")
        with self.assertRaisesRegex(UserError, "read-only"):
            self.memos.with_user(self.user_archivist).title = "Changed"
        # a note on the case and the chatter of a record still work
        self.memos.with_user(self.user_archivist).note = "Box 14"
        self.memo_letter.with_user(self.user_archivist).message_post(body="Seen in the archive")

    def test_transfer_needs_closed_cases(self):
        act = self.act("transfer", self.case_letters)
        with self.assertRaisesRegex(UserError, "only closed cases go to the archive"):
            act.with_user(self.user_archivist).action_send_for_approval()
        self.assertEqual(act.state, "draft")
        self.assertFalse(act.approval_task_id)

    def test_rejection_sends_it_back(self):
        act = self.act("transfer", self.contracts, approvers=self.user_director | self.user_head)
        act.with_user(self.user_archivist).action_send_for_approval()
        with self.assertRaisesRegex(UserError, "reason"):
            act.with_user(self.user_head).action_decide("rejected", " ")
        act.with_user(self.user_head).action_decide("rejected", "Box numbers missing")
        self.assertEqual(act.state, "draft")
        self.assertEqual(self.contracts.state, "closed")
        self.assertIn("Box numbers missing", act.message_ids[0].body)
        self.assertEqual(act.approval_task_id.state_code, "cancelled")
        rejected = act.decision_ids.filtered(lambda d: d.decision == "rejected")
        self.assertEqual(rejected.approver_id, self.user_head)
        self.assertEqual(rejected.remarks, "Box numbers missing")
        with self.assertRaisesRegex(UserError, "is not on approval"):
            act.with_user(self.user_director).action_decide("approved")
        # sent again, a new approval
        act.with_user(self.user_archivist).action_send_for_approval()
        self.approve(act)
        self.approve(act, self.user_head)
        self.assertEqual(act.state, "done")

    def test_the_last_member_rejects_after_the_others_approved(self):
        act = self.act("transfer", self.contracts, approvers=self.user_director | self.user_head)
        act.with_user(self.user_archivist).action_send_for_approval()
        self.approve(act)
        act.with_user(self.user_head).action_decide("rejected", "Wrong boxes")
        self.assertEqual(act.state, "draft")
        self.assertEqual(self.contracts.state, "closed")
        self.assertEqual(sorted(act.decision_ids.mapped("decision")), ["approved", "rejected"])

    def test_no_member_is_skipped(self):
        act = self.act("transfer", self.contracts, approvers=self.user_director | self.user_head)
        act.with_user(self.user_archivist).action_send_for_approval()
        self.approve(act)
        line = act.approval_task_id.executor_ids.filtered(lambda l: l.user_id == self.user_head)
        # the archivist controls the approval (and may act on assignments)
        self.user_archivist.group_ids = [(4, self.env.ref("wo_tasks.group_wo_tasks_editor").id)]
        with self.assertRaisesRegex(UserError, "never skipped"):
            line.with_user(self.user_archivist).action_skip()
        self.assertEqual(act.state, "on_approval")
        self.assertEqual(self.contracts.state, "closed")

    def test_an_act_keeps_what_it_says(self):
        act = self.act("transfer", self.contracts)
        act.with_user(self.user_archivist).action_send_for_approval()
        for vals in (
            {"state": "done"},
            {"approver_ids": [(6, 0, self.user_archivist.ids)]},
            {"date": "2020-01-01"},
        ):
            with self.assertRaisesRegex(UserError, "keeps what it says"):
                act.with_user(self.user_archivist).write(vals)
        self.assertEqual(act.state, "on_approval")
        act.with_user(self.user_archivist).note = "<p>Boxes 1-4</p>"
        # withdrawn after its approval was cancelled from the assignment
        act.approval_task_id.sudo().action_cancel()
        act.with_user(self.user_archivist).action_withdraw()
        self.assertEqual(act.state, "draft")

    def test_legal_hold_on_an_archived_record(self):
        act = self.act("transfer", self.memos)
        act.with_user(self.user_archivist).action_send_for_approval()
        self.approve(act)
        self.memo_document.with_user(self.user_director).records_legal_hold = True
        self.assertTrue(self.memo_document.records_legal_hold)

    def test_only_the_commission_decides(self):
        act = self.act("transfer", self.contracts)
        act.with_user(self.user_archivist).action_send_for_approval()
        with self.assertRaises(AccessError):
            act.with_user(self.user_employee).action_decide("approved")
        with self.assertRaisesRegex(UserError, "yours now"):
            act.with_user(self.user_archivist).action_decide("approved")
        self.assertEqual(act.state, "on_approval")
        with self.assertRaisesRegex(UserError, "Only an archivist"):
            self.act("transfer", self.memos).with_user(
                self.user_employee
            ).action_send_for_approval()

    def test_destruction(self):
        act = self.act("destruction", self.memos)
        self.assertRegex(act.name, r"^AD-")
        act.with_user(self.user_archivist).action_send_for_approval()
        number, date = self.memo_letter.name, self.memo_letter.date_registration
        self.approve(act)
        self.assertEqual(act.state, "done")
        self.assertTrue(act.files_deleted)
        self.assertEqual(self.memos.state, "destroyed")
        self.assertFalse(self.memo_file.exists(), "the file went")
        self.memo_letter.invalidate_recordset()
        self.assertFalse(self.memo_letter.summary, "the text went")
        # the registration data stayed, with the act's number
        self.assertEqual(
            (self.memo_letter.name, self.memo_letter.date_registration), (number, date)
        )
        self.assertEqual(self.memo_letter.records_destruction_act_id, act)
        self.assertEqual(self.memo_document.records_destruction_act_id, act)
        rows = self.memos.with_user(self.user_archivist)._inventory_rows()
        self.assertEqual({row["note"] for row in rows}, {act.name})

    def test_destruction_keeps_files_if_the_company_says(self):
        self.company.wo_records_keep_files = True
        act = self.act("destruction", self.memos)
        act.with_user(self.user_archivist).action_send_for_approval()
        self.approve(act)
        self.assertFalse(act.files_deleted)
        self.assertTrue(self.memo_file.exists())
        self.assertEqual(self.memo_letter.records_destruction_act_id, act)

    def test_destruction_refused(self):
        for cases, message in (
            (self.orders, "kept permanently"),
            (self.contracts, "has not ended"),
            (self.case_letters, "not closed"),
        ):
            act = self.act("destruction", cases)
            with self.assertRaisesRegex(UserError, message):
                act.with_user(self.user_archivist).action_send_for_approval()
            self.assertEqual(act.state, "draft")
        # a record under a legal hold keeps its case
        self.memo_document.with_user(self.user_director).records_legal_hold = True
        act = self.act("destruction", self.memos)
        with self.assertRaisesRegex(UserError, "legal hold"):
            act.with_user(self.user_archivist).action_send_for_approval()

    def test_verdict_from_the_data_at_approval(self):
        # sent while it could be destroyed; a legal hold comes before approval
        act = self.act("destruction", self.memos)
        act.with_user(self.user_archivist).action_send_for_approval()
        self.memo_document.with_user(self.user_director).records_legal_hold = True
        with self.assertRaisesRegex(UserError, "legal hold"):
            self.approve(act)
        self.assertEqual(act.state, "on_approval")
        self.assertTrue(self.memo_file.exists())
        self.assertEqual(self.memos.state, "closed")

    def test_decided_once(self):
        act = self.act("transfer", self.contracts)
        act.with_user(self.user_archivist).action_send_for_approval()
        self.approve(act)
        messages = len(act.message_ids)
        with self.assertRaisesRegex(UserError, "already decided"):
            act._on_approved()
        with self.assertRaisesRegex(UserError, "is not on approval"):
            act.with_user(self.user_director).action_decide("approved")
        self.assertEqual(len(act.message_ids), messages)
        # a decision is recorded once per line of the approval, in the database
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["wo.records.act.decision"].create(
                {
                    "act_id": act.id,
                    "line_id": act.decision_ids.line_id.id,
                    "approver_id": self.user_director.id,
                    "decided_by_id": self.user_director.id,
                    "decision": "approved",
                }
            )
        self.assertEqual(self.contracts.state, "archived")
        # a case is in one act of a kind
        again = self.act("transfer", self.contracts)
        with self.assertRaisesRegex(UserError, "not closed|already in act"):
            again.with_user(self.user_archivist).action_send_for_approval()

    def test_expired_cases_listed_once(self):
        self.run_expired()
        activities = self.expired_activities()
        self.assertEqual(len(activities), 1)
        self.assertIn("02-12", activities.summary)
        self.assertNotIn("02-03", activities.summary)
        self.assertEqual(self.memos.date_expiry_notified, self.today)
        self.run_expired()
        self.assertEqual(len(self.expired_activities()), 1)

    def test_expired_cases_of_a_plan_without_archivist(self):
        """Its company's archivist is told; with none at all, the plan's
        history says so (and the cases are not listed again each night)."""
        self.old.user_id = False
        plan_2 = self.Plan.create(
            {"year": self.year - 6, "company_id": self.company_2.id, "user_id": False}
        )
        case_2 = self.make_case(
            "01-01",
            "Orders",
            plan=plan_2,
            retention_years=1,
            date_open=datetime.date(plan_2.year, 1, 1),
        )
        plan_2.with_context(wo_records_flow=TRUSTED).write({"state": "approved"})
        case_2.with_context(wo_records_flow=TRUSTED).write(
            {"state": "closed", "date_close": datetime.date(plan_2.year, 12, 31)}
        )
        self.assertTrue(case_2.date_expiry <= self.today)
        self.run_expired()
        activity = self.expired_activities()
        self.assertEqual(len(activity), 1)
        self.assertTrue(activity.user_id.has_group("wo_records.group_wo_records_archivist"))
        self.assertIn(self.company, activity.user_id.company_ids)
        self.assertFalse(self.expired_activities(plan_2))
        self.assertIn("no archivist to tell", plan_2.message_ids[0].body)
        self.assertEqual(case_2.date_expiry_notified, self.today)

    def test_expired_listing_resumes_after_a_crash(self):
        plans = self.Plan.browse()
        for years_ago in range(4, 9):
            plan, _cases = self.old_plan(years_ago, ("02-12", "Memos", 1))
            plans |= plan
        # the worker dies in the third batch, when it makes its activities
        self.assertTrue(self.crashed_on_third_batch(lambda: self.run_expired()))
        self.run_expired()
        for plan in plans | self.old:
            activities = self.expired_activities(plan)
            self.assertEqual(len(activities), 1, plan.year)

    def run_expired(self):
        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            self.env["wo.records.case"].with_env(self.env(cr=cr))._cron_list_expired(batch_size=2)
        self.env.invalidate_all()

    def expired_activities(self, plan=None):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "wo.records.plan"),
                ("res_id", "=", (plan or self.old).id),
                ("summary", "like", "may be destroyed"),
            ]
        )

    def test_approval_read_by_a_head_who_cannot_read_the_act(self):
        """The head of a member reads the member's assignments, not the act:
        the assignment reads, without the act's name."""
        act = self.act("transfer", self.contracts, approvers=self.user_employee)
        act.with_user(self.user_archivist).action_send_for_approval()
        with self.assertRaises(AccessError):
            act.with_user(self.user_head).read(["name"])
        task = act.approval_task_id.with_user(self.user_head)
        self.env.invalidate_all()
        (row,) = task.read(["subject", "res_name"])
        self.assertFalse(row["res_name"])
        self.assertTrue(act.approval_task_id.with_user(self.user_employee).res_name)

    def test_act_readers(self):
        act = self.act("transfer", self.contracts)
        self.assertTrue(act.with_user(self.user_director).name)
        with self.assertRaises(AccessError):
            act.with_user(self.user_employee).read(["name"])
        with self.assertRaises(AccessError):
            act.with_user(self.user_employee).unlink()
        self.assertEqual(self.memos.date_expiry, datetime.date(self.year - 3 + 1 + 1, 1, 1))
