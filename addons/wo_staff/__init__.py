from . import models
from . import tools


def post_init_hook(env):
    """The administrators who add WO to a running Odoo (its Settings
    administrators) configure it: they get the WO Administrator role."""
    admins = env.ref("base.group_system").all_user_ids.filtered(lambda user: not user.share)
    env.ref("wo_staff.group_wo_admin").user_ids |= admins


def uninstall_hook(env):
    """The rows of WO's tables go before the XML id data they refer to."""
    env["ir.module.module"]._wo_empty_removed_tables()
