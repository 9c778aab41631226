from odoo import fields, models


class WoDocumentType(models.Model):
    _inherit = "wo.document.type"

    records_case_id = fields.Many2one(
        "wo.records.case",
        string="Default Case",
        help="Registered documents of the type are filed into the case with this index in "
        "the file plan of their registration year.",
    )
    records_case_required = fields.Boolean(
        string="Case Required at Registration",
        help="A document of the type is not registered until it has its case.",
    )
