from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import WoServiceCommon


@tagged("post_install", "-at_install")
class TestServiceUi(HttpCase, WoServiceCommon):
    def test_apply_generate_and_report(self):
        manager = self.levels["manager"]
        manager.group_ids = [Command.link(self.env.ref("wo_tasks.group_wo_tasks_editor").id)]
        procedure = self.procedure.copy({"name": "Tour bookkeeping"})
        procedure.step_ids.write({"executor_type": "user", "user_ids": [Command.set(manager.ids)]})
        procedure.step_ids[0].name = "Collect {client} {period}"
        procedure.step_ids[1].depends_on_id = procedure.step_ids[0]
        client = self.env["res.partner"].create({"name": "Tour Client Ltd", "is_company": True})
        self.start_tour(
            "/odoo/action-wo_service.wo_service_client_action",
            "wo_service_apply_tour",
            login=manager.login,
        )
        applied = self.Client.search([("partner_id", "=", client.id)])
        runs = self.runs(applied)
        self.assertEqual(len(runs), 3)
        self.start_tour(
            "/odoo/action-wo_tasks.wo_task_action_incoming",
            "wo_service_report_tour",
            login=manager.login,
        )
        self.assertEqual(runs[0].task_id.executor_ids.state, "reported")
        self.assertEqual(runs[1].task_id.state_code, "assigned", "the next step started")

    def test_knowledge_on_a_contact_entry(self):
        user = self.user_employee
        user.group_ids = [
            Command.link(self.env.ref("wo_service.group_wo_service_author").id),
            Command.link(self.env.ref("wo_crm_contacts.group_wo_contacts_author").id),
        ]
        kind = self.env["wo.contact.kind"].create({"name": "Tour call"})
        page = self.env["document.page"].create(
            {
                "name": "Zorblax tour page",
                "content": "<p>The zorblax answer.</p>",
                "parent_id": self.env.ref("wo_service.document_page_category_questions").id,
                "wo_contact_kind_ids": [Command.link(kind.id)],
            }
        )
        self.acme.email = "office@acme.example.com"
        entry = (
            self.env["wo.contact.entry"]
            .with_user(user)
            .create({"subject": "A tour question", "kind_id": kind.id, "partner_id": self.acme.id})
        )
        self.start_tour(
            f"/odoo/action-wo_crm_contacts.wo_contact_entry_action/{entry.id}",
            "wo_service_knowledge_tour",
            login=user.login,
        )
        sent = entry.message_ids.filtered(lambda m: m.subject == page.name)
        self.assertEqual(sent.partner_ids, self.acme)
        draft = self.env["document.page"].search([("name", "=", "A tour question")])
        self.assertTrue(draft.wo_draft)
