from odoo import models


class WoSetupStep(models.Model):
    _inherit = "wo.setup.step"

    def _wo_setup_check_journals(self):
        return bool(self.env["wo.correspondence.journal"].search_count([], limit=1))

    def _wo_setup_check_incoming_alias(self):
        return bool(
            self.env["wo.correspondence.journal"].search_count(
                [("direction", "=", "incoming"), ("alias_name", "!=", False)], limit=1
            )
        )
