from odoo import api, fields, models
from odoo.exceptions import UserError


class WoDocumentType(models.Model):
    """What a kind of document needs: its registration journal, which parts
    apply, its approval route and its reminders."""

    _name = "wo.document.type"
    _description = "Document Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Prefix of the registration numbers, e.g. CTR.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    journal_id = fields.Many2one(
        "ir.sequence",
        string="Registration Journal",
        copy=False,
        help="Numbers per company, never reused (created with the type when empty).",
    )
    reset_yearly = fields.Boolean(string="Numbers Reset Every Year", default=True)
    has_two_parties = fields.Boolean(string="Two Parties", default=True)
    has_amount = fields.Boolean(string="Amount", default=True)
    allow_negative_amount = fields.Boolean(string="Negative Amounts Allowed")
    has_validity = fields.Boolean(string="Validity Dates", default=True)
    allows_agreements = fields.Boolean(
        string="Supplementary Agreements",
        help="Documents of this type may have agreements under them.",
    )
    is_agreement = fields.Boolean(
        string="Is a Supplementary Agreement",
        help="A document of this type sits under a main contract.",
    )
    approval_required = fields.Boolean(default=True)
    signature_required = fields.Boolean()
    stamp_position = fields.Selection(
        [
            ("bottom_right", "Bottom right"),
            ("bottom_left", "Bottom left"),
            ("top_right", "Top right"),
            ("top_left", "Top left"),
            ("none", "No visible stamp"),
        ],
        string="Signature Stamp",
        default="bottom_right",
        help="Where the visible stamp of a digital signature goes on the last page of a "
        "signed PDF; later signatures stack beside the earlier ones.",
    )
    stamp_registration = fields.Boolean(
        string="Stamp the Registration Number",
        help="At registration, the journal's number and date are stamped on the first page "
        "of the main PDF (the earlier version stays among the attachments). Not on a PDF "
        "that is already signed.",
    )
    paper_tracked = fields.Boolean(string="Paper Originals Tracked", default=True)
    confidential = fields.Boolean(
        help="Only its listed users and groups see documents of this type, not even a Director."
    )
    confidential_user_ids = fields.Many2many(
        "res.users",
        "wo_document_type_confidential_user_rel",
        "type_id",
        "user_id",
        string="Allowed Users",
    )
    confidential_group_ids = fields.Many2many(
        "res.groups",
        "wo_document_type_confidential_group_rel",
        "type_id",
        "group_id",
        string="Allowed Groups",
    )
    route_mode = fields.Selection(
        [("sequential", "One after another"), ("parallel", "All at once")],
        string="Approval Mode",
        required=True,
        default="sequential",
    )
    route_step_ids = fields.One2many(
        "wo.document.route.step", "type_id", string="Approval Route", copy=True
    )
    remind_control_days = fields.Integer(string="Remind Before Control Date", default=3)
    remind_end_days = fields.Integer(string="Remind Before Validity End", default=30)
    remind_user_ids = fields.Many2many(
        "res.users",
        "wo_document_type_remind_user_rel",
        "type_id",
        "user_id",
        string="Also Remind",
        help="Reminded with the responsible of each document (e.g. the chief lawyer).",
    )
    company_id = fields.Many2one("res.company", index=True)

    _code_uniq = models.Constraint(
        "UNIQUE (code, company_id)", "This document type code already exists."
    )

    @api.model_create_multi
    def create(self, vals_list):
        types = super().create(vals_list)
        for doc_type in types.filtered(lambda t: not t.journal_id):
            doc_type.journal_id = doc_type._create_journal()
        return types

    def _create_journal(self):
        self.ensure_one()
        return (
            self.env["ir.sequence"]
            .sudo()
            .create(
                {
                    "name": self.env._("Journal: %(type)s", type=self.name),
                    "code": f"wo.document.{self.code}",
                    "prefix": f"{self.code}-%(range_year)s-"
                    if self.reset_yearly
                    else f"{self.code}-",
                    "padding": 5,
                    # standard: a PostgreSQL sequence, so two registrations at
                    # once get two numbers without waiting, and a number is
                    # never given twice, even after a rollback
                    "implementation": "standard",
                    "use_date_range": self.reset_yearly,
                    "company_id": False,
                }
            )
        )

    def _check_may_register(self):
        for doc_type in self:
            if not doc_type.journal_id:
                raise UserError(
                    self.env._("%(type)s has no registration journal.", type=doc_type.name)
                )


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    def _wo_prepare_numbering(self, date):
        """Numbers come from a PostgreSQL sequence: two registrations at once
        get two numbers without waiting. Only the first registration of a
        year creates that year's numbering; two doing it at once would both
        start at 1. So the creator updates the journal's row first: a
        concurrent creator then fails with a serialization error, which Odoo
        retries (and the retry numbers after the first)."""
        self.ensure_one()
        if not self.use_date_range:
            return
        exists = self.env["ir.sequence.date_range"].search_count(
            [("sequence_id", "=", self.id), ("date_from", "<=", date), ("date_to", ">=", date)],
            limit=1,
        )
        if not exists:
            self.env.cr.execute(
                "UPDATE ir_sequence SET write_date = now() WHERE id = %s", [self.id]
            )


class WoDocumentRouteStep(models.Model):
    """One step of an approval route, resolved to a user when the route starts."""

    _name = "wo.document.route.step"
    _description = "Approval Route Step"
    _order = "type_id, sequence, id"

    type_id = fields.Many2one("wo.document.type", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True, help="e.g. Lawyer, Chief accountant")
    approver = fields.Selection(
        [
            ("user", "A user"),
            ("author_head", "Head of the author's department"),
            ("department_head", "Head of a department"),
            ("group", "Members of a group"),
        ],
        required=True,
        default="user",
    )
    user_id = fields.Many2one("res.users")
    department_id = fields.Many2one("hr.department")
    group_id = fields.Many2one("res.groups")
    deadline_days = fields.Integer(string="Days to Decide", default=2)

    def _resolve(self, document):
        """The users who decide this step for ``document``."""
        self.ensure_one()
        if self.approver == "user":
            return self.user_id
        if self.approver == "group":
            return self.group_id.user_ids.filtered(lambda u: not u.share)
        if self.approver == "author_head":
            # an author who heads their department asks the head above them
            department, author = document.department_id, document.author_id
        else:
            department, author = self.department_id, None
        return department._wo_head(exclude=author) if department else self.env["res.users"]
