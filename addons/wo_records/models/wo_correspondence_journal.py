from odoo import api, fields, models


class WoCorrespondenceJournal(models.Model):
    _inherit = "wo.correspondence.journal"

    records_case_id = fields.Many2one(
        "wo.records.case",
        string="Default Case",
        help="Letters registered in the journal are filed into the case with this index in "
        "the file plan of their registration year (unless their kind names another).",
    )
    records_case_required = fields.Boolean(
        string="Case Required at Registration",
        help="A letter of the journal is not registered until it has its case.",
    )

    @api.model
    def _wo_records_demo_defaults(self, incoming_case_id, outgoing_case_id):
        """The demo data: the main company's journals file into these cases."""
        journals = self.search([("company_id", "=", self.env.company.id)])
        journals.filtered(lambda j: j.direction == "incoming").records_case_id = incoming_case_id
        journals.filtered(lambda j: j.direction == "outgoing").records_case_id = outgoing_case_id
