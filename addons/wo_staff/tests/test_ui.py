from odoo.tests import HttpCase, tagged

from .common import WoCommon


@tagged("post_install", "-at_install")
class TestUi(HttpCase, WoCommon):
    """The main flows, clicked through in a browser."""

    def test_substitution_tour(self):
        self.start_tour(
            "/odoo/action-wo_staff.wo_substitution_action_my",
            "wo_staff_substitution_tour",
            login=self.user_employee.login,
        )
        substitution = (
            self.env["wo.substitution"]
            .with_context(active_test=False)
            .search([("user_id", "=", self.user_employee.id)])
        )
        self.assertEqual(len(substitution), 1)
        self.assertEqual(substitution.substitute_id, self.user_outsider)
        self.assertEqual(substitution.reason, "business_trip")
        self.assertEqual(str(substitution.date_to), "2099-12-31")
        self.assertFalse(substitution.active, "ended on its first day: archived")

    def test_department_chart_renders_head_and_deputies(self):
        self.start_tour(
            f"/odoo/action-wo_staff.wo_department_action/{self.dep_legal.id}",
            "wo_staff_department_tour",
            login=self.user_hr.login,
        )
