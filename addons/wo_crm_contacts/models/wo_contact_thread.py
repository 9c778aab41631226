from odoo import api, fields, models


class WoContactThreadStage(models.Model):
    _name = "wo.contact.thread.stage"
    _description = "Contact Thread Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    progress = fields.Integer(string="% Progress", help="How far a deal at this stage has come.")
    fold = fields.Boolean()
    is_closed = fields.Boolean(help="The deal is over (won or lost) at this stage.")

    _progress_range = models.Constraint(
        "CHECK (progress >= 0 AND progress <= 100)", "A stage's progress goes from 0 to 100."
    )


class WoContactThread(models.Model):
    """The contacts about one deal or request, in order, with the funnel
    stage it has reached."""

    _name = "wo.contact.thread"
    _description = "Contact Thread"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "write_date desc, id desc"

    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner", string="Counterparty", required=True, index=True, tracking=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    stage_id = fields.Many2one(
        "wo.contact.thread.stage",
        default=lambda self: self.env["wo.contact.thread.stage"].search([], limit=1),
        group_expand="_read_group_stage_id",
        tracking=True,
        index=True,
        ondelete="restrict",
    )
    progress = fields.Integer(related="stage_id.progress", string="% Progress", store=True)
    entry_ids = fields.One2many("wo.contact.entry", "thread_id", string="Contacts")
    entry_count = fields.Integer(compute="_compute_entry_stats", string="Contact Count")
    amount_total = fields.Monetary(compute="_compute_entry_stats", currency_field="currency_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_last = fields.Datetime(string="Last Contact", compute="_compute_entry_stats")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    @api.model
    def _read_group_stage_id(self, stages, domain):
        # every stage is a column of the funnel, even an empty one
        return stages.search([], limit=50)

    @api.depends("entry_ids.date", "entry_ids.amount_total")
    def _compute_entry_stats(self):
        for thread in self:
            thread.entry_count = len(thread.entry_ids)
            thread.amount_total = sum(thread.entry_ids.mapped("amount_total"))
            thread.date_last = max(thread.entry_ids.mapped("date"), default=False)
