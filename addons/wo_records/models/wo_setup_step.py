from odoo import models


class WoSetupStep(models.Model):
    _inherit = "wo.setup.step"

    def _wo_setup_check_file_plan(self):
        return bool(self.env["wo.records.plan"].search_count([("state", "!=", "draft")], limit=1))
