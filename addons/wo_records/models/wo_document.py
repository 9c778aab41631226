from odoo import fields, models


class WoDocument(models.Model):
    _name = "wo.document"
    _inherit = ["wo.document", "wo.records.filed.mixin"]

    records_familiarisation_ids = fields.One2many(
        "wo.records.familiarisation", "document_id", string="Familiarisation Lists"
    )

    def _wo_records_default_case(self):
        return self.type_id.records_case_id

    def _wo_records_case_required(self):
        return self.type_id.records_case_required

    def _wo_records_content_fields(self):
        return ["content"]

    def action_register(self):
        self._wo_records_file_at_registration()
        return super().action_register()

    def action_open_familiarise(self):
        return self.env["wo.records.familiarisation"]._action_open_send(self)
