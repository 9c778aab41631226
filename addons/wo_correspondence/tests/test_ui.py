from odoo.tests import HttpCase, tagged

from .common import WoCorrespondenceCommon


@tagged("post_install", "-at_install")
class TestUi(HttpCase, WoCorrespondenceCommon):
    def test_register_and_resolve(self):
        # the test journal is the first incoming one in the list's default
        self.journal_in.sequence = 1
        self.start_tour(
            "/odoo/action-wo_correspondence.wo_correspondence_action_incoming",
            "wo_correspondence_register_tour",
            login=self.user_registrar.login,
        )
        letter = self.Letter.search([("subject", "=", "Claim on the broken pallets of lot 77")])
        self.assertEqual(letter.state, "registered")
        self.assertTrue(letter.name.startswith("TIN-"))
        self.assertEqual(letter.sender_number, "118/3")
        self.assertEqual(letter.activity_ids.user_id, self.user_deputy)
        self.start_tour(
            f"/odoo/action-wo_correspondence.wo_correspondence_action_incoming/{letter.id}",
            "wo_correspondence_resolution_tour",
            login=self.user_head.login,
        )
        self.assertEqual(letter.state, "on_control")
        task = letter.resolution_ids.task_id
        self.assertEqual(task.executor_ids.user_id, self.user_employee)
        self.assertEqual(task.initiator_id, self.user_head)
