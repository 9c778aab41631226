from datetime import timedelta

from odoo.tests import Form, tagged

from .common import WoDeskCommon


@tagged("post_install", "-at_install")
class TestGlance(WoDeskCommon):
    """The counterparty at a glance: counts of what concerns it, each
    opening its records, as the user may see them."""

    def test_counts_and_lists(self):
        lease = self.env.ref("wo_documents.wo_document_type_contract").copy(
            {"name": "Lease", "code": "LSE", "approval_required": False}
        )
        lease.route_step_ids.unlink()
        in_force = self.env["wo.document"].create(
            {
                "type_id": lease.id,
                "subject": "Lease of the warehouse",
                "partner_id": self.ann.id,
                "date_end": self.today + timedelta(days=20),
            }
        )
        in_force.action_approve_without_route()
        in_force.action_mark_signed()
        in_force.action_put_in_force()
        task = self.make_task(self.user_employee, "Call Acme back")
        task.partner_id = self.acme
        # seen from a contact person: the counts of the whole counterparty
        partner = self.ann.with_user(self.user_director)
        self.assertEqual(partner.wo_glance_on_approval, 1)
        self.assertEqual(partner.wo_glance_in_force, 1)
        self.assertEqual(partner.wo_glance_expiring, 1)
        self.assertEqual(partner.wo_glance_signed, 0)
        # the assignment, and the approval route of the contract on approval
        self.assertEqual(partner.wo_glance_open_tasks, 2)
        action = partner.with_context(wo_glance="wo_glance_open_tasks").action_wo_glance()
        self.assertEqual(
            self.env["wo.task"].search(action["domain"]), task | self.document.approval_task_id
        )
        action = partner.with_context(wo_glance="wo_glance_expiring").action_wo_glance()
        self.assertEqual(action["res_model"], "wo.document")
        self.assertEqual(self.env["wo.document"].search(action["domain"]), in_force)
        self.assertFalse(partner.with_context(wo_glance="name").action_wo_glance())

    def test_nothing_the_user_may_not_read(self):
        partner = self.acme.with_user(self.user_no_wo)
        self.assertEqual(partner.wo_glance_on_approval, 0)
        self.assertEqual(partner.wo_glance_open_tasks, 0)

    def test_the_form_opens(self):
        form = Form(self.acme.with_user(self.user_deputy_2))
        self.assertEqual(form.wo_glance_on_approval, 1)

    def test_mailings_received(self):
        # (the suite's tests run with every WO addon: WO Mailing brings mass_mailing)
        mailing = self.env["mailing.mailing"].create(
            {
                "subject": "Prices 2027",
                "body_html": "<p>Prices</p>",
                "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
            }
        )
        self.env["mailing.trace"].create(
            [
                {
                    "mass_mailing_id": mailing.id,
                    "model": "res.partner",
                    "res_id": partner.id,
                    "email": "x@example.com",
                    "trace_status": status,
                }
                for partner, status in (
                    (self.ann, "sent"),
                    (self.acme, "open"),
                    (self.ann, "bounce"),
                )
            ]
        )
        self.assertTrue(self.acme.wo_glance_has_mailings)
        self.assertEqual(self.acme.wo_glance_mailings, 2)
        action = self.acme.with_context(wo_glance="wo_glance_mailings").action_wo_glance()
        self.assertEqual(self.env["mailing.trace"].search_count(action["domain"]), 2)
