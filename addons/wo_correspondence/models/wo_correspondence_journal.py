from odoo import api, fields, models
from odoo.exceptions import UserError

from .wo_correspondence import DIRECTIONS

DEFAULT_CODES = {"incoming": "IN", "outgoing": "OUT", "internal": "INT"}


class WoCorrespondenceJournal(models.Model):
    """A registration journal: numbers per company, reset every year, never
    reused. Its optional e-mail alias turns incoming mail into draft letters."""

    _name = "wo.correspondence.journal"
    _description = "Correspondence Journal"
    _inherit = ["mail.alias.mixin.optional"]
    _order = "company_id, direction, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Prefix of the numbers, e.g. IN gives IN-2026-00001.")
    direction = fields.Selection(DIRECTIONS, required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    sequence_id = fields.Many2one(
        "ir.sequence", string="Numbering", readonly=True, copy=False, ondelete="restrict"
    )
    date_tolerance_days = fields.Integer(
        string="Registration Before Document Date (Days)",
        default=1,
        help="How many days a registration date may precede the letter's own date "
        "(time zones, a letter dated tomorrow). More is refused.",
    )
    stamp_registration = fields.Boolean(
        string="Stamp the Registration Number",
        help="At registration, the letter's number and date are stamped on the first page "
        "of its main PDF (the earlier version stays among the attachments).",
    )
    letter_count = fields.Integer(compute="_compute_letter_count")

    _code_uniq = models.Constraint(
        "UNIQUE (company_id, code)", "A journal code is unique in its company."
    )
    _tolerance_check = models.Constraint(
        "CHECK (date_tolerance_days >= 0)", "The date tolerance cannot be negative."
    )

    def _compute_letter_count(self):
        counts = dict(
            self.env["wo.correspondence"]._read_group(
                [("journal_id", "in", self.ids)], ["journal_id"], ["__count"]
            )
        )
        for journal in self:
            journal.letter_count = counts.get(journal, 0)

    @api.model_create_multi
    def create(self, vals_list):
        journals = super().create(vals_list)
        for journal in journals:
            journal.sequence_id = journal._create_sequence()
        return journals

    def write(self, vals):
        if "code" in vals and any(journal.letter_count for journal in self):
            raise UserError(
                self.env._("The code of a journal with registered letters cannot change.")
            )
        result = super().write(vals)
        if "code" in vals:
            for journal in self:
                journal.sequence_id.sudo().prefix = f"{journal.code}-%(range_year)s-"
        return result

    def _create_sequence(self):
        self.ensure_one()
        return (
            self.env["ir.sequence"]
            .sudo()
            .create(
                {
                    "name": self.env._(
                        "Correspondence: %(journal)s (%(company)s)",
                        journal=self.name,
                        company=self.company_id.name,
                    ),
                    "code": f"wo.correspondence.{self.code}",
                    "prefix": f"{self.code}-%(range_year)s-",
                    "padding": 5,
                    # a PostgreSQL sequence per year: two registrations at once
                    # get two numbers without waiting; a number is never reused
                    "implementation": "standard",
                    "use_date_range": True,
                    "company_id": self.company_id.id,
                }
            )
        )

    @api.model
    def _create_default_journals(self, companies=None):
        """An incoming, an outgoing and an internal journal for each company
        that has none of that direction."""
        companies = companies or self.env["res.company"].search([("active", "=", True)])
        existing = {
            (journal.company_id.id, journal.direction)
            for journal in self.with_context(active_test=False).search(
                [("company_id", "in", companies.ids)]
            )
        }
        labels = dict(self._fields["direction"]._description_selection(self.env))
        vals_list = [
            {
                "name": self.env._("%(direction)s correspondence", direction=labels[direction]),
                "code": code,
                "direction": direction,
                "company_id": company.id,
            }
            for company in companies
            for direction, code in DEFAULT_CODES.items()
            if (company.id, direction) not in existing
        ]
        return self.sudo().create(vals_list)

    @api.model
    def _default_for(self, direction, company):
        return self.search(
            [("direction", "=", direction), ("company_id", "=", company.id)], limit=1
        )

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("wo.correspondence")
        if self.id:
            values["alias_defaults"] = repr(
                {
                    "journal_id": self.id,
                    "direction": self.direction,
                    "company_id": self.company_id.id,
                }
            )
        return values

    def action_view_letters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "wo_correspondence.wo_correspondence_action"
        )
        action.update(domain=[("journal_id", "=", self.id)], context={})
        return action
