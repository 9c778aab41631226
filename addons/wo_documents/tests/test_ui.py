from odoo.tests import HttpCase, tagged

from .common import WoDocumentsCommon


@tagged("post_install", "-at_install")
class TestUi(HttpCase, WoDocumentsCommon):
    def test_send_and_approve_a_memo(self):
        # the author works in Legal (head: Hanna Head)
        self.start_tour(
            "/odoo/action-wo_documents.wo_document_action",
            "wo_documents_send_tour",
            login=self.user_deputy_2.login,
        )
        document = self.Document.search([("subject", "=", "Rules for company cars")])
        self.assertEqual(document.state, "on_approval")
        self.assertTrue(document.name.startswith("MEMO-"))
        self.start_tour(
            f"/odoo/action-wo_documents.wo_document_action/{document.id}",
            "wo_documents_decide_tour",
            login=self.user_head.login,
        )
        self.assertEqual(document.state, "approved")
        self.assertEqual(document.approval_ids.decision, "remarks")
        self.assertEqual(document.approval_ids.remarks, "Mention the fuel cards.")
        self.assertEqual(document.approval_ids.decided_by_id, self.user_head)
