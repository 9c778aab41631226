import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.wo_staff.tools import TRUSTED, process_in_batches, trusted

from .wo_records_article import RETENTIONS, _retention_label
from .wo_records_plan import ARCHIVIST_GROUP, _xlsx_download

CASE_STATES = [
    ("open", "Open"),
    ("closed", "Closed"),
    ("archived", "In the archive"),
    ("destroyed", "Destroyed"),
]
STORAGES = [("electronic", "Electronic"), ("paper", "Paper"), ("mixed", "Mixed")]
# the models whose records are filed into cases
FILED_MODELS = ("wo.document", "wo.correspondence")
# what the archivist may still change on a case in the archive or destroyed
FROZEN_EXCEPT = {"note"}


class WoRecordsCase(models.Model):
    """A case (справа) of the file plan: the records of one kind of one year,
    kept as long as its retention period says, then transferred to the
    archive or destroyed by an act."""

    _name = "wo.records.case"
    _description = "Case"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, index, id"
    _rec_names_search = ["index", "title"]

    plan_id = fields.Many2one("wo.records.plan", required=True, index=True, ondelete="restrict")
    year = fields.Integer(related="plan_id.year", store=True, index=True, aggregator=False)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    section_id = fields.Many2one(
        "wo.records.section", index="btree_not_null", domain="[('plan_id', '=', plan_id)]"
    )
    index = fields.Char(required=True, tracking=True, help="Unique in the plan, e.g. 02-15.")
    title = fields.Char(required=True, tracking=True)
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
    )
    article_id = fields.Many2one("wo.records.article", string="Retention Article", tracking=True)
    retention = fields.Selection(
        RETENTIONS,
        required=True,
        compute="_compute_retention",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
    )
    retention_years = fields.Integer(
        string="Years",
        compute="_compute_retention",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
    )
    retention_event = fields.Char(
        string="Until", compute="_compute_retention", store=True, precompute=True, readonly=False
    )
    date_replaced = fields.Date(
        string="Replaced On",
        tracking=True,
        help="For 'until replaced': when the event came; the retention ends then.",
    )
    storage = fields.Selection(STORAGES, required=True, default="electronic")
    user_id = fields.Many2one("res.users", string="In Charge", tracking=True)
    date_open = fields.Date(
        string="Opened On", default=fields.Date.context_today, required=True, tracking=True
    )
    date_close = fields.Date(string="Closed On", readonly=True, copy=False, tracking=True)
    state = fields.Selection(
        CASE_STATES, default="open", required=True, readonly=True, copy=False, tracking=True
    )
    date_expiry = fields.Date(
        string="Retention Ends",
        compute="_compute_date_expiry",
        store=True,
        index="btree_not_null",
        help="From the first of January after the year it was closed, for the years it is kept.",
    )
    date_expiry_notified = fields.Date(readonly=True, copy=False)
    transfer_act_id = fields.Many2one("wo.records.act", readonly=True, copy=False)
    destruction_act_id = fields.Many2one("wo.records.act", readonly=True, copy=False)
    document_ids = fields.One2many("wo.document", "records_case_id", string="Documents")
    correspondence_ids = fields.One2many("wo.correspondence", "records_case_id", string="Letters")
    record_count = fields.Integer(string="Records", compute="_compute_counts")
    page_count = fields.Integer(string="Pages", compute="_compute_counts")
    has_legal_hold = fields.Boolean(string="Legal Hold", compute="_compute_counts")
    note = fields.Text(string="Notes")

    _index_uniq = models.Constraint(
        "UNIQUE (plan_id, index)", "A case index is unique in its file plan."
    )
    _years_check = models.Constraint(
        "CHECK (retention != 'years' OR retention_years > 0)",
        "A retention in years lasts at least one year.",
    )
    _dates_check = models.Constraint(
        "CHECK (date_close IS NULL OR date_close >= date_open)",
        "A case cannot close before it opens.",
    )

    # ------------------------------------------------------------------ computes
    @api.depends("index", "title", "year")
    def _compute_display_name(self):
        for case in self:
            case.display_name = f"{case.index} {case.title or ''} ({case.year})"

    @api.depends("section_id")
    def _compute_department_id(self):
        for case in self:
            if case.section_id.department_id:
                case.department_id = case.section_id.department_id

    @api.depends("article_id")
    def _compute_retention(self):
        for case in self:
            article = case.article_id
            if article:
                case.retention = article.retention
                case.retention_years = article.retention_years
                case.retention_event = article.retention_event
            elif not case.retention:
                case.retention = "years"

    @api.depends("retention", "retention_years", "date_close", "date_replaced")
    def _compute_date_expiry(self):
        for case in self:
            if case.retention == "years" and case.date_close:
                case.date_expiry = datetime.date(
                    case.date_close.year + 1 + case.retention_years, 1, 1
                )
            elif case.retention == "until_replaced" and case.date_close:
                case.date_expiry = case.date_replaced
            else:
                case.date_expiry = False

    def _compute_counts(self):
        counts = dict.fromkeys(self.ids, 0)
        pages = dict.fromkeys(self.ids, 0)
        holds = set()
        for model in FILED_MODELS:
            Model = self.env[model].sudo().with_context(active_test=False)
            aggregates = ["__count"]
            if "page_count" in Model._fields:
                aggregates.append("page_count:sum")
            for case, *values in Model._read_group(
                [("records_case_id", "in", self.ids)], ["records_case_id"], aggregates
            ):
                counts[case.id] += values[0]
                if len(values) > 1:
                    pages[case.id] += values[1] or 0
            held = Model._read_group(
                [("records_case_id", "in", self.ids), ("records_legal_hold", "=", True)],
                ["records_case_id"],
            )
            holds.update(case.id for (case,) in held)
        for case in self:
            case.record_count = counts.get(case.id, 0)
            case.page_count = pages.get(case.id, 0)
            case.has_legal_hold = case.id in holds

    def _retention_label(self):
        self.ensure_one()
        return _retention_label(
            self.env, self.retention, self.retention_years, self.retention_event
        )

    # ---------------------------------------------------------------- constrains
    @api.constrains("retention", "retention_years", "article_id")
    def _check_retention(self):
        for case in self:
            if case.retention == "years" and case.retention_years <= 0:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s: a retention in years lasts at least one year.",
                        case=case.index,
                    )
                )
            article = case.article_id
            if not article or case.retention == "permanent":
                continue
            shorter = (
                article.retention == "permanent"
                or (article.retention == "until_replaced" and case.retention == "years")
                or (article.retention == "years" and case.retention == "until_replaced")
                or (
                    article.retention == "years"
                    and case.retention == "years"
                    and case.retention_years < article.retention_years
                )
            )
            if shorter:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s keeps its records %(case_retention)s, less than article "
                        "%(article)s asks (%(article_retention)s).",
                        case=case.index,
                        case_retention=case._retention_label().lower(),
                        article=article.code,
                        article_retention=article._retention_label().lower(),
                    )
                )

    @api.constrains("section_id", "plan_id")
    def _check_section(self):
        for case in self:
            if case.section_id and case.section_id.plan_id != case.plan_id:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s: its section belongs to another file plan.",
                        case=case.index,
                    )
                )

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            plan = self.env["wo.records.plan"].browse(vals.get("plan_id"))
            if plan.state == "closed":
                raise UserError(
                    self.env._("%(plan)s is closed: it takes no new case.", plan=plan.display_name)
                )
            index = (vals.get("index") or "").strip()
            if not index:
                raise ValidationError(self.env._("A case needs its index, e.g. 02-15."))
            vals["index"] = index
            self._check_years_value(vals)
        return super().create(vals_list)

    def _check_years_value(self, vals):
        # before the database's CHECK, for a message a person understands
        retention = vals.get("retention") or (self[:1].retention if self else "years")
        if "retention_years" in vals and (vals["retention_years"] or 0) > 200:
            raise ValidationError(
                self.env._("A retention of more than 200 years is a permanent one.")
            )
        if (
            retention == "years"
            and "retention_years" in vals
            and (vals["retention_years"] or 0) <= 0
        ):
            raise ValidationError(
                self.env._(
                    "Case %(case)s: a retention in years lasts at least one year.",
                    case=vals.get("index") or self[:1].index or "",
                )
            )
        if (
            "retention_years" not in vals
            and vals.get("retention", "years") == "years"
            and not vals.get("article_id")
            and not self
        ):
            raise ValidationError(
                self.env._(
                    "Case %(case)s: give its retention (years, permanent or until replaced) "
                    "or the article it follows.",
                    case=vals.get("index") or "",
                )
            )

    def write(self, vals):
        self._check_years_value(vals)
        if not trusted(self.env, "wo_records_flow"):
            frozen = self.filtered(lambda c: c.state in ("archived", "destroyed"))
            if frozen and set(vals) - FROZEN_EXCEPT:
                raise UserError(
                    self.env._(
                        "%(case)s is %(state)s: it is read-only.",
                        case=frozen[0].display_name,
                        state=dict(CASE_STATES)[frozen[0].state].lower(),
                    )
                )
            if "index" in vals:
                vals["index"] = (vals["index"] or "").strip()
                if not vals["index"]:
                    raise ValidationError(self.env._("A case needs its index, e.g. 02-15."))
                if self.filtered("record_count"):
                    raise UserError(self.env._("A case that holds records keeps its index."))
            if {"plan_id", "company_id"} & set(vals) and self.filtered("record_count"):
                raise UserError(
                    self.env._("A case that holds records stays in its file plan and company.")
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_empty(self):
        for case in self:
            if case.record_count or case.state != "open":
                raise UserError(
                    self.env._(
                        "%(case)s holds records or is closed: it is kept, never deleted.",
                        case=case.display_name,
                    )
                )

    # ------------------------------------------------------------------- actions
    def _check_archivist(self):
        self.env["wo.records.plan"]._check_archivist()

    def _close(self, date):
        """Close the open cases of ``self`` on ``date``; they accept no record
        after it."""
        self._check_archivist()
        date = fields.Date.to_date(date)
        for case in self:
            if case.state != "open":
                raise UserError(self.env._("%(case)s is not open.", case=case.display_name))
            if date < case.date_open:
                raise UserError(
                    self.env._(
                        "%(case)s opened on %(date)s: it cannot close before.",
                        case=case.display_name,
                        date=case.date_open,
                    )
                )
        self.with_context(wo_records_flow=TRUSTED).write({"state": "closed", "date_close": date})
        plans = self.plan_id.filtered(
            lambda p: p.state == "approved" and not p.case_ids.filtered(lambda c: c.state == "open")
        )
        plans.write({"state": "closed"})

    def action_close(self):
        self._close(fields.Date.context_today(self))
        return True

    def action_reopen(self):
        self._check_archivist()
        for case in self:
            if case.state != "closed" or case.transfer_act_id or case.destruction_act_id:
                raise UserError(
                    self.env._(
                        "Only a closed case not in an act opens again: %(case)s.",
                        case=case.display_name,
                    )
                )
        self.plan_id.filtered(lambda p: p.state == "closed").write({"state": "approved"})
        self.with_context(wo_records_flow=TRUSTED).write({"state": "open", "date_close": False})
        return True

    def _records(self):
        """The records filed in the case, documents then letters, as the
        user may read them (the archivist: all but confidential ones)."""
        self.ensure_one()
        records = []
        for model in FILED_MODELS:
            Model = self.env[model].with_context(active_test=False)
            if Model.has_access("read"):
                records.extend(Model.search([("records_case_id", "=", self.id)]))
        return records

    def _inventory_rows(self):
        """The inventory (опис) of the case: each record's number, date,
        title and pages, in the order of registration."""
        self.ensure_one()
        rows = [
            {
                "number": record.name or "",
                "date": record.date_registration,
                "title": record.subject or "",
                "pages": getattr(record, "page_count", 0) or 0,
                "note": record.records_destruction_act_id.sudo().name or "",
            }
            for record in self._records()
        ]
        rows.sort(key=lambda row: (row["date"] or datetime.date.min, row["number"]))
        return rows

    def action_print_inventory(self):
        return self.env.ref("wo_records.wo_records_case_inventory_report").report_action(self)

    def action_export_inventory(self):
        self.ensure_one()
        headers = [
            self.env._("No."),
            self.env._("Number"),
            self.env._("Registered On"),
            self.env._("Title"),
            self.env._("Pages"),
            self.env._("Notes"),
        ]
        rows = [
            [position, row["number"], row["date"] or "", row["title"], row["pages"], row["note"]]
            for position, row in enumerate(self._inventory_rows(), start=1)
        ]
        title = self.env._("Inventory of case %(case)s", case=self.display_name)
        return _xlsx_download(self, title, headers, rows)

    def action_view_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("wo_documents.wo_document_action")
        action.update(
            domain=[("records_case_id", "=", self.id)],
            context={"active_test": False},
        )
        return action

    def action_view_letters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "wo_correspondence.wo_correspondence_action"
        )
        action.update(
            domain=[("records_case_id", "=", self.id)],
            context={"active_test": False},
        )
        return action

    # -------------------------------------------------------------------- crons
    @api.model
    def _cron_list_expired(self, batch_size=100):
        """The cases whose retention has ended: once, the archivist of their
        plan gets an activity listing them (the plan leaves the domain when
        its cases are marked notified)."""
        today = fields.Date.context_today(self)
        expired = [
            ("state", "in", ("closed", "archived")),
            ("retention", "!=", "permanent"),
            ("date_expiry", "<=", today),
            ("date_expiry_notified", "=", False),
        ]
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("wo.records.plan")
        Case = self.sudo()

        archivists = {}

        def archivist(plan):
            # the plan's archivist, else the company's first archivist
            if plan.user_id:
                return plan.user_id
            company = plan.company_id
            if company not in archivists:
                archivists[company] = self.env["res.users"].search(
                    [
                        ("group_ids", "in", self.env.ref(ARCHIVIST_GROUP).ids),
                        ("company_ids", "in", company.ids),
                        ("share", "=", False),
                    ],
                    order="id",
                    limit=1,
                )
            return archivists[company]

        def notify(plans):
            cases = Case.search([*expired, ("plan_id", "in", plans.ids)])
            cases.with_context(wo_records_flow=TRUSTED).write({"date_expiry_notified": today})
            by_plan = cases.grouped("plan_id")
            for plan in plans.filtered(lambda p: p in by_plan and not archivist(p)):
                # nobody to give the activity to: the plan's history says it
                plan.message_post(
                    body=self.env._(
                        "%(count)s cases may be destroyed (%(cases)s), and the company has no "
                        "archivist to tell.",
                        count=len(by_plan[plan]),
                        cases=", ".join(by_plan[plan].mapped("index"))[:200],
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": plan.id,
                        "activity_type_id": activity_type.id,
                        "summary": self.env._(
                            "%(count)s cases may be destroyed: %(cases)s",
                            count=len(by_plan[plan]),
                            cases=", ".join(by_plan[plan].mapped("index"))[:200],
                        ),
                        "user_id": archivist(plan).id,
                        "date_deadline": today,
                    }
                    for plan in plans
                    if plan in by_plan and archivist(plan)
                ]
            )

        process_in_batches(
            self.env["wo.records.plan"].sudo(), [("case_ids", "any", expired)], notify, batch_size
        )
