import psycopg2

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import WoDocumentsCommon


@tagged("post_install", "-at_install")
class TestApproval(WoDocumentsCommon):
    """Approval routes on the wo_tasks engine."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.route_type = cls.contract_type.copy({"name": "Lease", "code": "LEASE"})
        cls.route_type.route_step_ids = [
            Command.clear(),
            Command.create(
                {
                    "name": "Lawyer",
                    "approver": "user",
                    "user_id": cls.user_accountant.id,
                    "sequence": 1,
                }
            ),
            Command.create({"name": "Head", "approver": "author_head", "sequence": 2}),
        ]

    def test_route_resolves_head_and_runs_in_turn(self):
        document = self.draft(type_id=self.route_type.id)
        document.action_send_for_approval()
        self.assertEqual(document.state, "on_approval")
        self.assertTrue(document.name, "registered on the way")
        task = document.approval_task_id
        # the employee works in Contracts, which has no head of its own: the
        # head of Legal, the department above it, is the author's head
        self.assertEqual(
            task.executor_ids.sorted("sequence").user_id.ids,
            [self.user_accountant.id, self.user_head.id],
        )

    def test_head_of_the_author_who_heads_is_the_one_above(self):
        document = self.draft(user=self.user_head, type_id=self.route_type.id)
        document.action_send_for_approval()
        self.assertEqual(
            document.approval_task_id.executor_ids.sorted("sequence").user_id.ids,
            [self.user_accountant.id, self.user_director.id],
        )

    def test_sequential_with_the_head_and_a_deputy(self):
        document = self.draft(user=self.user_deputy_2, type_id=self.route_type.id)
        document.action_send_for_approval()
        task = document.approval_task_id
        self.assertEqual(
            task.executor_ids.sorted("sequence").user_id.ids,
            [self.user_accountant.id, self.user_head.id],
        )
        # not the head's turn yet
        with self.assertRaisesRegex(UserError, "yours to decide"):
            document.with_user(self.user_head).action_decide("approved")
        self.decide(document, self.user_accountant, "remarks", "Check clause 4")
        self.assertEqual(document.state, "on_approval")
        # the deputy decides for the head
        self.decide(document, self.user_deputy, "approved")
        self.assertEqual(document.state, "approved")
        decisions = document.approval_ids.sorted("sequence")
        self.assertEqual(decisions.mapped("decision"), ["remarks", "approved"])
        self.assertEqual(decisions[1].approver_id, self.user_head)
        self.assertEqual(decisions[1].decided_by_id, self.user_deputy)
        self.assertTrue(decisions[1].is_substitute)
        self.assertEqual(task.state_code, "done")

    def test_parallel(self):
        self.route_type.route_mode = "parallel"
        document = self.draft(user=self.user_deputy_2, type_id=self.route_type.id)
        document.action_send_for_approval()
        self.decide(document, self.user_head, "approved")
        self.assertEqual(document.state, "on_approval")
        self.decide(document, self.user_accountant, "approved")
        self.assertEqual(document.state, "approved")

    def test_rejection_returns_to_draft_with_the_reason(self):
        document = self.draft(user=self.user_deputy_2, type_id=self.route_type.id)
        document.action_send_for_approval()
        with self.assertRaisesRegex(UserError, "reason for the rejection"):
            document.with_user(self.user_accountant).action_decide("rejected", "")
        self.decide(document, self.user_accountant, "rejected", "The penalty clause is illegal")
        self.assertEqual(document.state, "draft")
        self.assertIn("The penalty clause is illegal", document.message_ids[0].body)
        self.assertEqual(document.approval_ids.decision, "rejected")
        self.assertEqual(document.approval_task_id.state_code, "cancelled")
        # sent again: a new route
        document.action_send_for_approval()
        self.assertEqual(document.approval_task_id.state_code, "assigned")

    def test_an_approver_cannot_decide_a_step_not_theirs(self):
        document = self.draft(user=self.user_deputy_2, type_id=self.route_type.id)
        document.action_send_for_approval()
        with self.assertRaisesRegex(UserError, "yours to decide"):
            document.with_user(self.user_outsider).action_decide("approved")
        self.assertFalse(document.approval_ids)

    def test_content_locked_on_approval(self):
        document = self.draft(user=self.user_deputy_2, type_id=self.route_type.id)
        document.action_send_for_approval()
        with self.assertRaisesRegex(UserError, "is on approval: its content cannot change"):
            document.write({"amount": 99})
        self.assertEqual(document.amount, 12000)
        Attachment = self.env["ir.attachment"]
        first = Attachment.create(
            {
                "name": "v1.pdf",
                "raw": b"%PDF-1.4 v1",
                "res_model": "wo.document",
                "res_id": document.id,
            }
        )
        document.message_main_attachment_id = first  # a first file is fine
        second = Attachment.create(
            {
                "name": "v2.pdf",
                "raw": b"%PDF-1.4 v2",
                "res_model": "wo.document",
                "res_id": document.id,
            }
        )
        with self.assertRaisesRegex(UserError, "is on approval: its content cannot change"):
            document.message_main_attachment_id = second
        self.assertEqual(document.message_main_attachment_id, first)
        document.action_withdraw()
        document.write({"amount": 99})
        self.assertEqual(document.state, "draft")

    @mute_logger("odoo.sql_db")
    def test_a_step_is_decided_once_in_the_database(self):
        document = self.draft(user=self.user_deputy_2, type_id=self.route_type.id)
        document.action_send_for_approval()
        self.decide(document, self.user_accountant, "approved")
        line = document.approval_ids.line_id
        with self.assertRaises(UserError):
            line.with_user(self.user_accountant).action_report("again")
        self.env.flush_all()
        with self.assertRaises(psycopg2.errors.UniqueViolation), self.env.cr.savepoint():
            self.env.cr.execute(
                """INSERT INTO wo_document_approval
                          (document_id, line_id, approver_id, decided_by_id, decision, date)
                   VALUES (%s, %s, %s, %s, 'approved', now())""",
                (document.id, line.id, self.user_accountant.id, self.user_accountant.id),
            )

    def test_a_late_approval_gives_its_reason(self):
        document = self.draft(user=self.user_deputy_2, type_id=self.route_type.id)
        document.action_send_for_approval()
        line = document.approval_task_id.executor_ids.sorted("sequence")[:1]
        line.sudo()._engine().write(
            {"date_deadline": fields.Date.subtract(fields.Date.today(), days=1)}
        )
        with self.assertRaisesRegex(UserError, "give the reason for the delay"):
            document.with_user(self.user_accountant).action_decide("approved")
        reason = self.env.ref("wo_tasks.wo_task_delay_reason_workload")
        document.with_user(self.user_accountant).action_decide(
            "approved", delay_reason_id=reason.id
        )
        self.assertTrue(document.approval_ids.is_late)
        self.assertEqual(document.approval_ids.delay_reason_id, reason)
