from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    wo_portal_letter_journal_id = fields.Many2one(
        "wo.correspondence.journal",
        string="Journal of Letters from the Portal",
        domain="[('direction', '=', 'incoming'), ('company_id', '=', id)]",
        help="The incoming journal where a letter a counterparty sends on the portal waits, "
        "as a draft, for the registry office. Empty: the company's first incoming journal.",
    )
    wo_portal_link_days = fields.Integer(
        string="Portal Links Valid (days)",
        default=30,
        help="How long the link in the e-mail to a counterparty works. Their portal users "
        "can always log in.",
    )
    wo_portal_max_upload_mb = fields.Integer(
        string="Largest Signed File (MB)",
        default=20,
        help="The largest signed PDF a counterparty may upload.",
    )

    _wo_portal_link_days_positive = models.Constraint(
        "CHECK (wo_portal_link_days IS NULL OR wo_portal_link_days > 0)",
        "Portal links are valid for at least one day.",
    )
    _wo_portal_max_upload_positive = models.Constraint(
        "CHECK (wo_portal_max_upload_mb IS NULL OR wo_portal_max_upload_mb > 0)",
        "The largest signed file is at least 1 MB.",
    )
