from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL


class WoSubstitution(models.Model):
    """A user names a substitute for a date range; during it, the substitute
    acts for them in every WO addon (see ``res.users._wo_acting_for_user_ids``).
    """

    _name = "wo.substitution"
    _description = "Substitution"
    _inherit = ["mail.thread", "wo.role.mixin"]
    _order = "date_from desc, id desc"
    _rec_names_search = ["user_id", "substitute_id"]

    user_id = fields.Many2one(
        "res.users",
        string="Absent User",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        ondelete="cascade",
        tracking=True,
    )
    substitute_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    date_from = fields.Date(
        string="From", required=True, default=fields.Date.context_today, tracking=True
    )
    date_to = fields.Date(string="To", required=True, tracking=True)
    reason = fields.Selection(
        [
            ("holiday", "Holiday"),
            ("business_trip", "Business trip"),
            ("sick_leave", "Sick leave"),
            ("other", "Other"),
        ],
        required=True,
        default="holiday",
        tracking=True,
    )
    note = fields.Text()
    state = fields.Selection(
        [("planned", "Planned"), ("current", "Current"), ("ended", "Ended")],
        compute="_compute_state",
        search="_search_state",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True, tracking=True)

    _dates_check = models.Constraint(
        "CHECK (date_to >= date_from)",
        "A substitution cannot end before it starts.",
    )
    _not_self_check = models.Constraint(
        "CHECK (user_id != substitute_id)",
        "A user cannot substitute themself.",
    )
    # two different substitutes for the same user on overlapping days would
    # make "who acts for whom" ambiguous: refused by the database itself
    _no_overlap = models.Constraint(
        "EXCLUDE USING gist (user_id WITH =, substitute_id WITH <>, "
        "daterange(date_from, date_to, '[]') WITH &&) WHERE (active)",
        "A user cannot have two different substitutes on overlapping dates.",
    )
    _substitute_dates_idx = models.Index("(substitute_id, date_from, date_to) WHERE active")

    # the absent user plans their substitution; the substitute only reads it
    _wo_role_fields = {
        "owner": {
            "user_id",
            "substitute_id",
            "date_from",
            "date_to",
            "reason",
            "note",
            "company_id",
            "active",
        },
    }
    _wo_role_user_fields = {"owner": "user_id"}
    _wo_role_bypass_groups = ("hr.group_hr_user",)

    def _auto_init(self):
        # btree_gist gives the integer '=' and '<>' operators to the exclusion
        # constraint; it is a trusted extension, a database owner may create it
        self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        return super()._auto_init()

    @api.depends("date_from", "date_to")
    @api.depends_context("tz")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for substitution in self:
            if substitution.date_from and substitution.date_from > today:
                substitution.state = "planned"
            elif substitution.date_to and substitution.date_to < today:
                substitution.state = "ended"
            else:
                substitution.state = "current"

    def _search_state(self, operator, value):
        if operator not in ("in", "="):
            return NotImplemented
        values = [value] if isinstance(value, str) else value
        today = fields.Date.context_today(self)
        domains = {
            "planned": [("date_from", ">", today)],
            "current": [("date_from", "<=", today), ("date_to", ">=", today)],
            "ended": [("date_to", "<", today)],
        }
        return fields.Domain.OR(domains[v] for v in values if v in domains)

    @api.depends("user_id", "substitute_id", "date_from", "date_to")
    def _compute_display_name(self):
        for substitution in self:
            substitution.display_name = self.env._(
                "%(substitute)s for %(user)s, %(date_from)s to %(date_to)s",
                substitute=substitution.substitute_id.name or "",
                user=substitution.user_id.name or "",
                date_from=substitution.date_from or "",
                date_to=substitution.date_to or "",
            )

    @api.constrains("user_id", "substitute_id", "date_from", "date_to")
    def _check_substitution(self):
        """The CHECK constraints of the table, with a message before the
        database has to refuse the row."""
        for substitution in self:
            if substitution.user_id == substitution.substitute_id:
                raise ValidationError(self.env._("A user cannot substitute themself."))
            if (
                substitution.date_from
                and substitution.date_to
                and substitution.date_to < substitution.date_from
            ):
                raise ValidationError(self.env._("A substitution cannot end before it starts."))

    def _check_no_overlap(self, values_list):
        """The exclusion constraint, with a message naming who and when.

        :param values_list: (record or None, effective values) pairs, checked
            before they are written, so that the search sees the other rows
        """
        for record, values in values_list:
            if not values.get("active", True) or not (
                values.get("date_from") and values.get("date_to")
            ):
                continue
            clash = self.sudo().search(
                [
                    ("id", "!=", record.id if record else False),
                    ("user_id", "=", values.get("user_id")),
                    ("substitute_id", "!=", values.get("substitute_id")),
                    ("date_from", "<=", values["date_to"]),
                    ("date_to", ">=", values["date_from"]),
                ],
                limit=1,
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "%(user)s already has %(other)s as substitute from %(date_from)s "
                        "to %(date_to)s: a user cannot have two different substitutes on "
                        "overlapping dates.",
                        user=clash.user_id.name,
                        other=clash.substitute_id.name,
                        date_from=clash.date_from,
                        date_to=clash.date_to,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # the checks run before the INSERT, which the database would refuse
        complete = [self._add_missing_default_values(vals) for vals in vals_list]
        for vals in complete:
            self.sudo().new(vals)._check_substitution()
        self._check_no_overlap([(None, vals) for vals in complete])
        substitutions = super().create(vals_list)
        self.env["res.users"]._wo_acting_for_changed()
        return substitutions

    def write(self, vals):
        keys = {"user_id", "substitute_id", "date_from", "date_to", "active"}
        if keys & set(vals):
            self._check_no_overlap(
                [
                    (
                        record,
                        {
                            key: vals.get(
                                key, record[key].id if key.endswith("_id") else record[key]
                            )
                            for key in keys
                        },
                    )
                    for record in self
                ]
            )
        result = super().write(vals)
        self.env["res.users"]._wo_acting_for_changed()
        return result

    def unlink(self):
        result = super().unlink()
        self.env["res.users"]._wo_acting_for_changed()
        return result

    def action_end(self):
        """End the substitution today: from tomorrow the substitute no longer
        acts for the user. One that has not started yet is archived."""
        today = fields.Date.context_today(self)
        for substitution in self:
            if substitution.state == "ended":
                raise UserError(
                    self.env._("%(name)s has already ended.", name=substitution.display_name)
                )
            if substitution.date_from >= today:
                substitution.active = False
            else:
                substitution.date_to = today - timedelta(days=1)
        return True

    @api.model
    def _wo_current_substitutes_sql(self, user_ids, date):
        """(substitute, user) pairs in force on ``date`` for the given substitutes."""
        return SQL(
            """SELECT substitute_id, user_id FROM wo_substitution
                WHERE active AND substitute_id = ANY(%s)
                  AND date_from <= %s AND date_to >= %s""",
            list(user_ids),
            date,
            date,
        )
