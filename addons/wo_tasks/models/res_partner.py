from odoo import models
from odoo.fields import Domain


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "wo.task.mixin"]

    def _wo_task_search_domain(self):
        # a counterparty's assignments: about it, or naming it (or a contact of it)
        return super()._wo_task_search_domain() | Domain("partner_id", "child_of", self.ids)

    def _wo_task_owners(self, task):
        owners = super()._wo_task_owners(task)
        return owners | self.filtered(
            lambda partner: task.partner_id.commercial_partner_id == partner.commercial_partner_id
        )

    def _wo_task_defaults(self):
        defaults = super()._wo_task_defaults()
        defaults["default_partner_id"] = self.commercial_partner_id.id
        return defaults
