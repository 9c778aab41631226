from odoo import models


class WoSetupStep(models.Model):
    _inherit = "wo.setup.step"

    def _wo_setup_check_document_types(self):
        return bool(
            self.env["wo.document.type"].search_count([("journal_id", "!=", False)], limit=1)
        )

    def _wo_setup_check_routes(self):
        return bool(self.env["wo.document.route.step"].search_count([], limit=1))

    def _wo_setup_check_trusted_roots(self):
        return bool(self.env["wo.trusted.certificate"].search_count([], limit=1))
