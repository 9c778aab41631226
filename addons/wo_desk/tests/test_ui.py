from odoo.tests import HttpCase, tagged

from .common import WoDeskCommon


@tagged("post_install", "-at_install")
class TestDeskUi(HttpCase, WoDeskCommon):
    """The desk opens from the WO app, at desktop and at phone size, and an
    item opens its record."""

    def test_desk_on_a_desktop(self):
        self.start_tour(
            "/odoo/action-wo_desk.wo_desk_action", "wo_desk_tour", login=self.user_employee.login
        )

    def test_desk_on_a_phone(self):
        self.browser_size = "390x844"
        self.touch_enabled = True
        self.start_tour(
            "/odoo/action-wo_desk.wo_desk_action", "wo_desk_tour", login=self.user_employee.login
        )
