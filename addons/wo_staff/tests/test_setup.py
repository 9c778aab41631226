from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.wo_staff import post_init_hook

from .common import WoCommon


@tagged("post_install", "-at_install")
class TestSetup(WoCommon):
    """The first-run checklist and where the WO app opens."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Step = cls.env["wo.setup.step"]
        cls.deputies = cls.env.ref("wo_staff.wo_setup_step_deputies")

    def home(self, user):
        return self.Step.with_user(user)._wo_home_action()

    def first_screen(self, user):
        """The action of the first WO menu ``user`` sees that opens one (a
        window, or a client action such as WO Desk's)."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        todo = list(menus[self.env.ref("wo_staff.wo_menu_root").id]["children"])
        while not menus[todo[0]]["action_id"]:
            todo[:1] = menus[todo[0]]["children"]
        menu = menus[todo[0]]
        return self.env[menu["action_model"]].browse(menu["action_id"])._get_action_dict()

    def test_steps_tick_themselves(self):
        self.assertTrue(self.deputies.is_done, "Legal has deputies")
        self.assertTrue(self.env.ref("wo_staff.wo_setup_step_director").is_done)
        self.assertTrue(self.env.ref("wo_staff.wo_setup_step_heads").is_done)
        self.env["wo.department.deputy"].search([]).unlink()
        self.deputies.invalidate_recordset(["is_done"])
        self.assertFalse(self.deputies.is_done)
        action = self.deputies.with_user(self.user_wo_admin).action_open()
        self.assertEqual(action["res_model"], "hr.department")

    def test_the_app_opens_on_the_checklist_until_done(self):
        self.env["wo.department.deputy"].search([]).unlink()
        action = self.home(self.user_wo_admin)
        self.assertEqual(action["res_model"], "wo.setup.step")
        # a user who does not set WO up lands on the app's first screen
        action = self.home(self.user_employee)
        self.assertEqual(action, self.first_screen(self.user_employee))
        self.assertNotEqual(action.get("res_model"), "wo.setup.step")

    def test_home_is_the_first_screen_when_all_is_set_up(self):
        steps = self.Step.search([])
        self.patch(type(self.Step), "_compute_is_done", _all_done)
        steps.invalidate_recordset(["is_done"])
        action = self.home(self.user_wo_admin)
        self.assertEqual(action, self.first_screen(self.user_wo_admin))
        self.assertNotEqual(action.get("res_model"), "wo.setup.step")

    def test_checklist_is_for_administrators(self):
        with self.assertRaises(AccessError):
            self.Step.with_user(self.user_employee).search([])
        with self.assertRaises(AccessError):
            self.deputies.with_user(self.user_wo_admin).write({"name": "Changed"})
        self.assertEqual(self.deputies.name, "Deputies of the heads")

    def test_settings_administrators_get_the_wo_administrator_role(self):
        group = self.env.ref("wo_staff.group_wo_admin")
        admin = new_test_user(self.env, login="wo_erp_admin", groups="base.group_system")
        self.assertNotIn(admin, group.all_user_ids)
        post_init_hook(self.env)
        self.assertIn(admin, group.all_user_ids)
        self.assertNotIn(self.user_employee, group.all_user_ids)


def _all_done(steps):
    for step in steps:
        step.is_done = True
