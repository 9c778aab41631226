from odoo import api, fields, models
from odoo.exceptions import ValidationError

RETENTIONS = [
    ("years", "Years"),
    ("permanent", "Permanent"),
    ("until_replaced", "Until replaced"),
]


class WoRecordsArticle(models.Model):
    """An article of the retention list (перелік документів із строками
    зберігання): what kind of records it covers and how long they are kept.
    A case that follows it keeps its records at least as long."""

    _name = "wo.records.article"
    _description = "Retention List Article"
    _order = "code, id"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, help="The article's number in the retention list, e.g. 12a.")
    name = fields.Char(string="Records", required=True, translate=True)
    retention = fields.Selection(RETENTIONS, required=True, default="years")
    retention_years = fields.Integer(string="Years")
    retention_event = fields.Char(
        string="Until", translate=True, help="For 'until replaced': the event that ends it."
    )
    note = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("UNIQUE (code)", "An article's number is unique in the list.")
    _years_check = models.Constraint(
        "CHECK (retention != 'years' OR retention_years > 0)",
        "A retention in years lasts at least one year.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_years_value(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_years_value(vals)
        return super().write(vals)

    def _check_years_value(self, vals):
        # before the database's CHECK, for a message a person understands
        retention = vals.get("retention", "years" if not self else self[:1].retention)
        if (
            retention == "years"
            and "retention_years" in vals
            and (vals["retention_years"] or 0) <= 0
        ):
            raise ValidationError(self.env._("A retention in years lasts at least one year."))

    @api.depends("code", "name")
    def _compute_display_name(self):
        for article in self:
            article.display_name = (
                f"{article.code} {article.name}" if article.code else article.name
            )

    @api.constrains("retention", "retention_years")
    def _check_retention(self):
        for article in self:
            if article.retention == "years" and article.retention_years <= 0:
                raise ValidationError(
                    self.env._(
                        "Article %(article)s: a retention in years lasts at least one year.",
                        article=article.code,
                    )
                )

    def _retention_label(self):
        """'5 years', 'Permanent', 'Until replaced (by a new version)'."""
        self.ensure_one()
        return _retention_label(
            self.env, self.retention, self.retention_years, self.retention_event
        )


def _retention_label(env, retention, years, event=None):
    if retention == "years":
        return env._("%(years)s years", years=years)
    if retention == "permanent":
        return env._("Permanent")
    if event:
        return env._("Until replaced (%(event)s)", event=event)
    return env._("Until replaced")
