from odoo import fields, models


class WoCorrespondence(models.Model):
    _name = "wo.correspondence"
    _inherit = ["wo.correspondence", "wo.records.filed.mixin"]

    records_familiarisation_ids = fields.One2many(
        "wo.records.familiarisation", "correspondence_id", string="Familiarisation Lists"
    )

    def _wo_records_default_case(self):
        return self.kind_id.records_case_id or self.journal_id.records_case_id

    def _wo_records_case_required(self):
        return self.journal_id.records_case_required

    def _wo_records_content_fields(self):
        return ["summary"]

    def action_register(self):
        self._check_registrar()
        self._wo_records_file_at_registration()
        return super().action_register()

    def action_open_familiarise(self):
        return self.env["wo.records.familiarisation"]._action_open_send(self)
