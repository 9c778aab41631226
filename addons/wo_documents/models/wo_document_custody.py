from odoo import api, fields, models
from odoo.exceptions import ValidationError


class WoDocumentCustody(models.Model):
    """Where the paper original is: who holds it, where, since when, until when."""

    _name = "wo.document.custody"
    _description = "Paper Original Custody"
    _order = "date_given desc, id desc"

    document_id = fields.Many2one("wo.document", required=True, index=True, ondelete="cascade")
    holder_id = fields.Many2one("res.users", required=True, index=True)
    location = fields.Char(help="e.g. Safe 2, shelf 3")
    date_given = fields.Date(string="Given On", required=True, default=fields.Date.context_today)
    date_due = fields.Date(string="Due Back")
    date_returned = fields.Date(string="Returned On")
    note = fields.Char()
    is_reminded = fields.Boolean(readonly=True, copy=False)
    company_id = fields.Many2one(
        related="document_id.company_id", store=True, index="btree_not_null"
    )

    _returned_after_given = models.Constraint(
        "CHECK (date_returned IS NULL OR date_returned >= date_given)",
        "An original cannot come back before it was given.",
    )
    _due_after_given = models.Constraint(
        "CHECK (date_due IS NULL OR date_due >= date_given)",
        "An original cannot be due back before it was given.",
    )

    @api.constrains("date_given", "date_returned", "date_due")
    def _check_dates(self):
        for custody in self:
            if custody.date_returned and custody.date_returned < custody.date_given:
                raise ValidationError(
                    self.env._("An original cannot come back before it was given.")
                )
            if custody.date_due and custody.date_due < custody.date_given:
                raise ValidationError(
                    self.env._("An original cannot be due back before it was given.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            given = fields.Date.to_date(vals.get("date_given") or fields.Date.context_today(self))
            for key in ("date_returned", "date_due"):
                if vals.get(key) and fields.Date.to_date(vals[key]) < given:
                    raise ValidationError(
                        self.env._("An original cannot come back before it was given.")
                        if key == "date_returned"
                        else self.env._("An original cannot be due back before it was given.")
                    )
        return super().create(vals_list)

    @api.model
    def _cron_remind_overdue_returns(self):
        """Remind each holder whose original is overdue, once per custody line."""
        today = fields.Date.context_today(self)
        overdue = self.search(
            [("date_returned", "=", False), ("date_due", "<", today), ("is_reminded", "=", False)],
            limit=1000,
        )
        for custody in overdue:
            custody.document_id.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._(
                    "Return the original of %(document)s", document=custody.document_id.display_name
                ),
                user_id=custody.holder_id.id,
            )
            custody.is_reminded = True
        self.env["ir.cron"]._commit_progress(len(overdue))
