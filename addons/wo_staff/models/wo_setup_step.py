from odoo import api, fields, models
from odoo.exceptions import UserError

CHECK_PREFIX = "_wo_setup_check_"


class WoSetupStep(models.Model):
    """One step of WO's first-run checklist: what the administrator sets up
    first, the screen where it is done, and whether the data is there now.
    Each WO addon adds its steps (data records) and their checks (methods
    named ``_wo_setup_check_*`` on this model)."""

    _name = "wo.setup.step"
    _description = "WO Setup Step"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    action_id = fields.Many2one(
        "ir.actions.act_window", string="Screen", required=True, ondelete="cascade"
    )
    check = fields.Char(
        required=True, help="The method of this model that tells whether the step is done."
    )
    is_done = fields.Boolean(string="Done", compute="_compute_is_done")

    def _compute_is_done(self):
        # what exists now, whoever may read it: the checklist counts, it shows no data
        checker = self.sudo()
        for step in self:
            method = getattr(checker, step.check, None) if step.check else None
            step.is_done = bool(
                step.check and step.check.startswith(CHECK_PREFIX) and method and method()
            )

    def action_open(self):
        self.ensure_one()
        return self.action_id._get_action_dict()

    @api.model
    def _wo_home_action(self):
        """Where the WO app opens: the setup checklist for its administrators
        until every step is done, else the first screen of the app."""
        if self.env.user.has_group("wo_staff.group_wo_admin") and not all(
            self.search([], limit=100).mapped("is_done")
        ):
            return self.env["ir.actions.act_window"]._for_xml_id("wo_staff.wo_setup_step_action")
        menus = self.env["ir.ui.menu"].load_menus(False)
        root = menus.get(self.env.ref("wo_staff.wo_menu_root").id)
        child = menus[root["children"][0]] if root and root["children"] else None
        while child and not child["action_id"]:
            child = menus[child["children"][0]] if child["children"] else None
        if not child:
            raise UserError(self.env._("You have no access to any screen of WO."))
        action = self.env[child["action_model"]].browse(child["action_id"])
        return action._get_action_dict()

    # --------------------------------------------------------------- checks
    def _wo_setup_check_heads(self):
        return bool(self.env["hr.department"].search_count([("manager_id", "!=", False)], limit=1))

    def _wo_setup_check_deputies(self):
        return bool(self.env["wo.department.deputy"].search_count([], limit=1))

    def _wo_setup_check_director(self):
        directors = self.env.ref("wo_staff.group_wo_director").all_user_ids
        return bool(directors.filtered(lambda user: not user._is_superuser() and user.active))
