from odoo import api, fields, models
from odoo.exceptions import ValidationError


class WoCorrespondenceKind(models.Model):
    """What a letter is (a claim, an invoice, a citizens' appeal...): a tree,
    so the registry groups and counts by branch."""

    _name = "wo.correspondence.kind"
    _description = "Correspondence Kind"
    _parent_store = True
    _order = "complete_name, id"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    parent_id = fields.Many2one(
        "wo.correspondence.kind", string="Parent Kind", index=True, ondelete="restrict"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("wo.correspondence.kind", "parent_id", string="Sub-kinds")
    active = fields.Boolean(default=True)
    answer_days = fields.Integer(
        string="Answer Within (Days)",
        help="An incoming letter of this kind needs an answer within these days of its "
        "registration (0: no answer required by default).",
    )
    confidential = fields.Boolean(
        help="Only the listed users see letters of this kind, not even a Director."
    )
    confidential_user_ids = fields.Many2many(
        "res.users",
        "wo_correspondence_kind_confidential_user_rel",
        "kind_id",
        "user_id",
        string="Allowed Users",
    )
    company_id = fields.Many2one("res.company", index=True)

    _answer_days_check = models.Constraint(
        "CHECK (answer_days >= 0)", "The days to answer cannot be negative."
    )

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for kind in self:
            kind.complete_name = (
                f"{kind.parent_id.complete_name} / {kind.name}" if kind.parent_id else kind.name
            )

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A kind cannot be its own parent kind (a loop)."))

    def write(self, vals):
        if vals.get("parent_id"):
            parent = self.browse(vals["parent_id"])
            ancestors = self.search([("id", "parent_of", parent.id)])
            if self & ancestors:
                raise ValidationError(self.env._("A kind cannot be its own parent kind (a loop)."))
        return super().write(vals)

    @api.constrains("answer_days")
    def _check_answer_days(self):
        if any(kind.answer_days < 0 for kind in self):
            raise ValidationError(self.env._("The days to answer cannot be negative."))
