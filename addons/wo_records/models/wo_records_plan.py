import base64
import datetime
from urllib.parse import quote as url_quote

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.wo_staff.tools import process_in_batches, trusted, xlsx_table

ARCHIVIST_GROUP = "wo_records.group_wo_records_archivist"

PLAN_STATES = [("draft", "Draft"), ("approved", "In force"), ("closed", "Closed")]


class WoRecordsPlan(models.Model):
    """The file plan (номенклатура справ) of one company for one year: its
    sections (by department) and cases. Records of that year are filed into
    its cases; at the year's end the cases are closed."""

    _name = "wo.records.plan"
    _description = "File Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, company_id, id"

    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
        aggregator=False,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(PLAN_STATES, default="draft", required=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Archivist",
        default=lambda self: self.env.user,
        tracking=True,
        help="Keeps the plan: reminded to close the year and of cases whose retention expired.",
    )
    section_ids = fields.One2many("wo.records.section", "plan_id", string="Sections", copy=False)
    case_ids = fields.One2many("wo.records.case", "plan_id", string="Cases", copy=False)
    note = fields.Html()
    date_close_reminded = fields.Date(readonly=True, copy=False)
    case_count = fields.Integer(string="Number of Cases", compute="_compute_summary")
    case_open_count = fields.Integer(string="Open", compute="_compute_summary")
    case_closed_count = fields.Integer(string="Closed", compute="_compute_summary")
    case_permanent_count = fields.Integer(string="Permanent", compute="_compute_summary")
    case_temporary_count = fields.Integer(string="Temporary", compute="_compute_summary")

    _year_uniq = models.Constraint(
        "UNIQUE (company_id, year)", "A company has one file plan a year."
    )
    _year_check = models.Constraint(
        "CHECK (year BETWEEN 1900 AND 2999)", "A file plan's year is a year, e.g. 2026."
    )

    @api.depends("year", "company_id")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = self.env._(
                "File plan %(year)s, %(company)s", year=plan.year, company=plan.company_id.name
            )

    def _compute_summary(self):
        Case = self.env["wo.records.case"].sudo()
        groups = Case._read_group(
            [("plan_id", "in", self.ids)], ["plan_id", "state", "retention"], ["__count"]
        )
        summary = {
            plan.id: dict.fromkeys(("all", "open", "closed", "permanent"), 0) for plan in self
        }
        for plan, state, retention, count in groups:
            row = summary[plan.id]
            row["all"] += count
            row["open" if state == "open" else "closed"] += count
            if retention == "permanent":
                row["permanent"] += count
        for plan in self:
            row = summary.get(plan.id) or dict.fromkeys(("all", "open", "closed", "permanent"), 0)
            plan.case_count = row["all"]
            plan.case_open_count = row["open"]
            plan.case_closed_count = row["closed"]
            plan.case_permanent_count = row["permanent"]
            plan.case_temporary_count = row["all"] - row["permanent"]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_year_value(vals.get("year", fields.Date.context_today(self).year))
        return super().create(vals_list)

    def write(self, vals):
        if "year" in vals:
            self._check_year_value(vals["year"])
        if (
            {"year", "company_id"} & set(vals)
            and any(plan.state != "draft" for plan in self)
            and not trusted(self.env, "wo_records_flow")
        ):
            raise UserError(
                self.env._("A file plan in force or closed keeps its year and its company.")
            )
        return super().write(vals)

    def _check_year_value(self, year):
        # before the database's CHECK, for a message a person understands
        if not 1900 <= (year or 0) <= 2999:
            raise ValidationError(self.env._("A file plan's year is a year, e.g. 2026."))

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(plan.state != "draft" for plan in self):
            raise UserError(self.env._("A file plan in force or closed is kept, never deleted."))

    # ------------------------------------------------------------------ actions
    def _check_archivist(self):
        if not self.env.user.has_group(ARCHIVIST_GROUP):
            raise UserError(self.env._("Only an archivist keeps the file plan."))

    def action_approve(self):
        self._check_archivist()
        for plan in self:
            if plan.state != "draft":
                raise UserError(self.env._("%(plan)s is not a draft.", plan=plan.display_name))
            if not plan.case_ids:
                raise UserError(self.env._("%(plan)s has no case yet.", plan=plan.display_name))
        self.write({"state": "approved"})
        return True

    def action_reset_to_draft(self):
        self._check_archivist()
        if any(plan.state != "approved" for plan in self):
            raise UserError(self.env._("Only a plan in force goes back to draft."))
        filed = self.case_ids.filtered("record_count")
        if filed:
            raise UserError(
                self.env._(
                    "%(case)s already holds records: the plan stays in force.",
                    case=filed[0].display_name,
                )
            )
        self.write({"state": "draft"})
        return True

    def action_copy_next_year(self):
        """Next year's plan from this one: the same sections and cases (index,
        title, department, retention, article, storage, who is in charge),
        open from the first of January, empty."""
        self.ensure_one()
        self._check_archivist()
        year = self.year + 1
        if self.search_count([("company_id", "=", self.company_id.id), ("year", "=", year)]):
            raise UserError(
                self.env._(
                    "%(company)s already has a file plan for %(year)s.",
                    company=self.company_id.name,
                    year=year,
                )
            )
        plan = self.create(
            {"year": year, "company_id": self.company_id.id, "user_id": self.user_id.id}
        )
        sections = {}
        for section in self.section_ids:
            sections[section] = section.copy({"plan_id": plan.id})
        self.env["wo.records.case"].create(
            [
                {
                    "plan_id": plan.id,
                    "section_id": sections.get(case.section_id, self.env["wo.records.section"]).id,
                    "index": case.index,
                    "title": case.title,
                    "department_id": case.department_id.id,
                    "article_id": case.article_id.id,
                    "retention": case.retention,
                    "retention_years": case.retention_years,
                    "retention_event": case.retention_event,
                    "storage": case.storage,
                    "user_id": case.user_id.id,
                    "date_open": datetime.date(year, 1, 1),
                    "note": case.note,
                }
                for case in self.case_ids
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": plan.id,
            "view_mode": "form",
        }

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("wo_records.wo_records_case_action")
        action.update(
            domain=[("plan_id", "=", self.id)],
            context={"default_plan_id": self.id, "search_default_group_section": 1},
        )
        return action

    def action_close_year(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Close the Year"),
            "res_model": "wo.records.case.close",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }

    # ------------------------------------------------------------------ reports
    def _rows(self):
        """The file plan's table, the same in PDF and spreadsheet: sections
        as headings, then their cases."""
        self.ensure_one()
        rows = []
        cases = self.case_ids.sorted(lambda c: (c.section_id.sequence, c.section_id.id, c.index))
        section = None
        for case in cases:
            if case.section_id != section:
                section = case.section_id
                rows.append({"section": section.display_name if section else self.env._("Other")})
            rows.append(
                {
                    "index": case.index,
                    "title": case.title,
                    "count": case.record_count,
                    "retention": case._retention_label(),
                    "article": case.article_id.code or "",
                    "note": case.note or "",
                }
            )
        return rows

    def action_print(self):
        self.ensure_one()
        return self.env.ref("wo_records.wo_records_plan_report").report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        headers = [
            self.env._("Index"),
            self.env._("Title"),
            self.env._("Records"),
            self.env._("Retention"),
            self.env._("Article"),
            self.env._("Notes"),
        ]
        rows = [
            [
                row["index"],
                row["title"],
                row["count"],
                row["retention"],
                row["article"],
                row["note"],
            ]
            if "index" in row
            else [row["section"]]
            for row in self._rows()
        ]
        summary = [
            (self.env._("Cases"), self.case_count),
            (self.env._("Permanent"), self.case_permanent_count),
            (self.env._("Temporary"), self.case_temporary_count),
            (self.env._("Closed"), self.case_closed_count),
        ]
        return _xlsx_download(self, self.display_name, headers, rows, summary)

    # -------------------------------------------------------------------- crons
    @api.model
    def _cron_remind_closing(self, batch_size=100):
        """From the first of December, the archivist of each plan in force
        of this year or before gets one activity: close its cases."""
        today = fields.Date.context_today(self)
        last_year = today.year if today.month == 12 else today.year - 1
        domain = [
            ("state", "=", "approved"),
            ("year", "<=", last_year),
            ("date_close_reminded", "=", False),
        ]
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)

        def remind(plans):
            plans.write({"date_close_reminded": today})
            self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": plan.id,
                        "activity_type_id": activity_type.id,
                        "summary": self.env._(
                            "Close the cases of %(plan)s and make their inventories",
                            plan=plan.display_name,
                        ),
                        "user_id": plan.user_id.id,
                        "date_deadline": max(today, datetime.date(plan.year, 12, 31)),
                    }
                    for plan in plans
                    if plan.user_id
                ]
            )

        process_in_batches(self.sudo(), domain, remind, batch_size)


class WoRecordsSection(models.Model):
    """A section of the file plan: usually a department's cases."""

    _name = "wo.records.section"
    _description = "File Plan Section"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one("wo.records.plan", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    code = fields.Char(help="The first part of its cases' indexes, e.g. 02.")
    name = fields.Char(required=True)
    department_id = fields.Many2one("hr.department", index="btree_not_null")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for section in self:
            section.display_name = (
                f"{section.code} {section.name}" if section.code else section.name
            )


def _xlsx_download(record, title, headers, rows, summary=()):
    """A spreadsheet of ``rows`` under ``title`` and ``headers`` (and a
    summary below), kept as an attachment of ``record`` and downloaded."""
    content = xlsx_table(
        title,
        headers,
        rows,
        summary,
        widths=[(0, 0, 12), (1, 1, 48), (2, len(headers), 16)],
    )
    name = f"{title.replace('/', '-').replace(',', '')}.xlsx"
    export = record.env["wo.records.export"].create(
        {"name": name, "file": base64.b64encode(content)}
    )
    return {
        "type": "ir.actions.act_url",
        "url": f"/web/content/wo.records.export/{export.id}/file/{url_quote(name)}?download=true",
        "target": "self",
    }


class WoRecordsExport(models.TransientModel):
    """A spreadsheet made for its user to download (the file plan, an
    inventory)."""

    _name = "wo.records.export"
    _description = "Records Spreadsheet"

    name = fields.Char(required=True)
    file = fields.Binary(attachment=False, required=True)
