from odoo.tests import HttpCase, tagged

from .common import WoRecordsCommon


@tagged("post_install", "-at_install")
class TestRecordsUi(HttpCase, WoRecordsCommon):
    """The archivist closes a case; an employee confirms a reading, on a
    desktop and on a phone."""

    def test_archivist_files_a_letter_and_closes_its_case(self):
        self.user_registrar.group_ids = [
            (4, self.env.ref("wo_records.group_wo_records_archivist").id)
        ]
        self.journal_in.records_case_id = False
        letter = self.registered()
        self.assertFalse(letter.records_case_id)
        self.start_tour(
            f"/odoo/action-wo_correspondence.wo_correspondence_action/{letter.id}",
            "wo_records_file_letter_tour",
            login=self.user_registrar.login,
        )
        self.assertEqual(letter.records_case_id, self.case_letters)
        self.start_tour(
            "/odoo/action-wo_records.wo_records_case_action",
            "wo_records_close_case_tour",
            login=self.user_archivist.login,
        )
        self.assertEqual(self.case_letters.state, "closed")
        self.assertTrue(self.case_letters.date_close)
        rows = self.case_letters.with_user(self.user_archivist)._inventory_rows()
        self.assertEqual([row["number"] for row in rows], [letter.name])

    def _confirm_read(self):
        document = self.draft(user=self.user_head)
        listing = (
            self.env["wo.records.familiarisation"]
            .with_user(self.user_head)
            ._send(document, self.user_employee, self.today)
        )
        self.start_tour(
            "/odoo/action-wo_records.wo_records_familiarisation_line_action_mine",
            "wo_records_confirm_read_tour",
            login=self.user_employee.login,
        )
        self.assertTrue(listing.line_ids.date_read)

    def test_confirm_read_on_a_desktop(self):
        self._confirm_read()

    def test_confirm_read_on_a_phone(self):
        self.browser_size = "390x844"
        self.touch_enabled = True
        self._confirm_read()
