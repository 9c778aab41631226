from odoo import fields, models


class WoDocumentApproval(models.Model):
    _inherit = "wo.document.approval"

    wo_portal_send_id = fields.Many2one(
        "wo.portal.send", string="Portal Send", readonly=True, ondelete="set null"
    )
    wo_counterparty_id = fields.Many2one(
        "res.partner",
        string="For the Counterparty",
        readonly=True,
        help="The counterparty on whose behalf their contact decided on the portal.",
        index="btree_not_null",
    )

    _wo_portal_send_uniq = models.Constraint(
        "UNIQUE (wo_portal_send_id)", "A counterparty decides on a send once."
    )
