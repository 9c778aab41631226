from odoo import fields, models


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _compute_domain_context_values(self):
        # Record rules of WO depend on who acts for whom *today* (deputies,
        # substitutions): the day is part of the key of the cached domains, so
        # a substitution starts and ends on its dates without a restart.
        return (*super()._compute_domain_context_values(), fields.Date.context_today(self))
