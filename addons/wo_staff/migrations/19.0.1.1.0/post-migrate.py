from odoo import SUPERUSER_ID, api

from odoo.addons.wo_staff import post_init_hook


def migrate(cr, version):
    """19.0.1.1.0 gives the WO Administrator role to Settings administrators
    at install: databases upgraded from before get it too."""
    post_init_hook(api.Environment(cr, SUPERUSER_ID, {}))
