from odoo import fields, models


class WoCorrespondenceKind(models.Model):
    _inherit = "wo.correspondence.kind"

    records_case_id = fields.Many2one(
        "wo.records.case",
        string="Default Case",
        help="Letters of the kind are filed into the case with this index in the file plan "
        "of their registration year, before the journal's default.",
    )
