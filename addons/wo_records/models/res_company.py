from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    wo_records_keep_files = fields.Boolean(
        string="Keep Files of Destroyed Records",
        help="An approved act of destruction deletes the files and text of the records of "
        "its cases (their registration data stay). Ticked: the files are kept.",
    )
