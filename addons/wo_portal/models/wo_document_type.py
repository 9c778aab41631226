from odoo import fields, models


class WoDocumentType(models.Model):
    _inherit = "wo.document.type"

    wo_portal_simple_signature = fields.Boolean(
        string="Simple Signature on the Portal",
        help="The counterparty may sign documents of this type on the portal with a simple "
        "electronic signature (full name typed and confirmed, with time, address and the "
        "SHA-256 of the file). Otherwise they upload the PDF they signed with their own "
        "qualified certificate.",
    )
