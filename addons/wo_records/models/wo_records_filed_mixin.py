from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.wo_staff.tools import TRUSTED, trusted

from .wo_records_plan import ARCHIVIST_GROUP

DIRECTOR_GROUP = "wo_staff.group_wo_director"
# what a record in the archive or destroyed may still change: its chatter
# and activities, and what the records flow itself writes
LIVE_PREFIXES = ("message_", "activity_", "website_message")
# what an archivist or a Director changes on any record they read (filing)
RECORDS_FIELDS = {"records_case_id", "records_legal_hold"}


class WoRecordsFiledMixin(models.AbstractModel):
    """A record filed into a case of the file plan (a document, a letter):
    its case, a legal hold that keeps it from destruction, and the act that
    destroyed it, if one did (its registration data stay)."""

    _name = "wo.records.filed.mixin"
    _description = "Filed into a Case"

    records_case_id = fields.Many2one(
        "wo.records.case",
        string="Case",
        index="btree_not_null",
        tracking=True,
        ondelete="restrict",
        copy=False,
        domain="[('company_id', '=', company_id), ('state', '=', 'open')]",
    )
    records_case_state = fields.Selection(
        related="records_case_id.state", string="Case State", tracking=False
    )
    records_legal_hold = fields.Boolean(
        string="Legal Hold",
        tracking=True,
        copy=False,
        help="Kept whatever its retention says (a dispute, an audit): its case cannot be "
        "destroyed while it is on hold.",
    )
    records_destruction_act_id = fields.Many2one(
        "wo.records.act", string="Destroyed by", readonly=True, copy=False, index="btree_not_null"
    )

    # ------------------------------------------------------------------ filing
    def _wo_records_default_case(self):
        """The case the configuration names for the record (its type, kind or
        journal), of any year: ``_wo_records_case_of_year`` finds its year's."""
        return self.env["wo.records.case"]

    def _wo_records_case_required(self):
        return False

    def _wo_records_case_of_year(self, case, year):
        """The case of ``year``'s plan of the record's company with the same
        index as ``case`` (file plans repeat their indexes every year)."""
        self.ensure_one()
        if not case:
            return case
        if case.year == year and case.company_id == self.company_id and case.state == "open":
            return case
        return (
            self.env["wo.records.case"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("year", "=", year),
                    ("index", "=", case.index),
                    ("state", "=", "open"),
                    ("plan_id.state", "!=", "draft"),
                ],
                limit=1,
            )
        )

    def _wo_records_file_at_registration(self):
        """Before the number is given: file the record into its default case
        of the registration year, and refuse if the configuration requires a
        case and there is none (nothing is registered then)."""
        today = fields.Date.context_today(self)
        # read as the system (the registration checks the user's access to
        # each record next, and the write below as the user)
        for record, system in zip(self, self.sudo(), strict=True):
            if system.name:
                continue
            if not system.records_case_id:
                date = system.date_registration or today
                case = system._wo_records_case_of_year(system._wo_records_default_case(), date.year)
                if case:
                    system._wo_records_check_case(case, department=False)
                    record.with_context(wo_records_flow=TRUSTED).write({"records_case_id": case.id})
            if system._wo_records_case_required() and not system.records_case_id:
                raise UserError(
                    self.env._(
                        "%(record)s is registered into a case of the file plan: choose its "
                        "case first.",
                        record=record.display_name,
                    )
                )

    def _wo_records_departments(self):
        """The departments whose cases the user files into: their own and
        the ones they head, and those of the people they act for (with
        sub-departments)."""
        user = self.env.user
        users = self.env["res.users"].browse(user._wo_acting_for_user_ids())
        employees = self.env["hr.employee"].sudo().search([("user_id", "in", users.ids)])
        return (
            self.env["hr.department"]
            .sudo()
            .search(
                [
                    "|",
                    ("id", "child_of", employees.department_id.ids),
                    ("id", "in", user._wo_headed_department_ids()),
                ]
            )
        )

    def _wo_records_check_case(self, case, department=True):
        """May the records go into ``case``: an open case of their company
        (and, but for an archivist or a Director, of the user's department).
        The case is locked and read once for all of them."""
        if not self:
            return
        # a case closed at the same moment waits for the filing, or the
        # filing for the closing (then it sees the case closed)
        self.env.cr.execute(SQL("SELECT 1 FROM wo_records_case WHERE id = %s FOR SHARE", case.id))
        case = case.sudo()
        case.invalidate_recordset(["state"])
        if case.state != "open" or case.plan_id.state == "closed":
            raise UserError(
                self.env._(
                    "%(case)s is %(state)s: it accepts no record.",
                    case=case.display_name,
                    state=dict(case._fields["state"]._description_selection(self.env))[
                        case.state
                    ].lower(),
                )
            )
        foreign = self.filtered(lambda record: record.company_id != case.company_id)
        if foreign:
            raise UserError(
                self.env._(
                    "%(case)s is a case of %(company)s: %(record)s belongs to another company.",
                    case=case.display_name,
                    company=case.company_id.name,
                    record=foreign[0].display_name,
                )
            )
        user = self.env.user
        if (
            department
            and case.department_id
            and not user.has_group(ARCHIVIST_GROUP)
            and not user.has_group(DIRECTOR_GROUP)
            and case.department_id not in self._wo_records_departments()
        ):
            raise UserError(
                self.env._(
                    "%(case)s is a case of %(department)s: you file into the cases of your "
                    "department.",
                    case=case.display_name,
                    department=case.department_id.name,
                )
            )

    def _wo_records_check_write(self, vals):
        if trusted(self.env, "wo_records_flow"):
            return
        frozen = self.filtered(
            lambda r: (
                r.records_destruction_act_id or r.records_case_id.state in ("archived", "destroyed")
            )
        )
        changed = {
            name for name in vals if not name.startswith(LIVE_PREFIXES) and name in self._fields
        }
        if changed == {"records_legal_hold"}:
            # a hold is what keeps an archived record from destruction
            frozen = frozen.filtered("records_destruction_act_id")
        if frozen and changed:
            raise UserError(
                self.env._(
                    "%(record)s is kept in the archive (case %(case)s): it is read-only.",
                    record=frozen[0].display_name,
                    case=frozen[0].records_case_id.display_name,
                )
            )
        if "records_legal_hold" in vals:
            user = self.env.user
            if not (user.has_group(ARCHIVIST_GROUP) or user.has_group(DIRECTOR_GROUP)):
                raise UserError(self.env._("An archivist or a Director puts a legal hold."))
        if "records_case_id" in vals:
            case = self.env["wo.records.case"].browse(vals["records_case_id"])
            moved = self.filtered(lambda record: record.records_case_id != case)
            for record in moved:
                old = record.records_case_id.sudo()
                if old and old.state != "open":
                    raise UserError(
                        self.env._(
                            "%(record)s is filed in %(case)s, which is closed: it stays there.",
                            record=record.display_name,
                            case=old.display_name,
                        )
                    )
            if case:
                moved._wo_records_check_case(case)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if not trusted(self.env, "wo_records_flow"):
            filed = records.browse(
                record.id
                for record, vals in zip(records, vals_list, strict=True)
                if vals.get("records_case_id")
            )
            for case in filed.records_case_id:
                filed.filtered(
                    lambda r, case=case: r.records_case_id == case
                )._wo_records_check_case(case)
            for record, vals in zip(records, vals_list, strict=True):
                if vals.get("records_legal_hold"):
                    record._wo_records_check_write({"records_legal_hold": True})
        return records

    def write(self, vals):
        self._wo_records_check_write(vals)
        if (
            vals
            and set(vals) <= RECORDS_FIELDS
            and not self.env.su
            and not self.has_access("write")
            and (
                self.env.user.has_group(ARCHIVIST_GROUP) or self.env.user.has_group(DIRECTOR_GROUP)
            )
        ):
            # an archivist files what they read without the right to edit it
            # (checked above: the case, the record's company, the hold)
            self.check_access("read")
            return super(WoRecordsFiledMixin, self.sudo()).write(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_a_closed_case(self):
        """What a closed case holds is part of its inventory: it stays (the
        destruction act is the way out of the archive)."""
        kept = self.filtered(
            lambda record: record.records_case_id and record.sudo().records_case_id.state != "open"
        )
        if kept:
            raise UserError(
                self.env._(
                    "%(record)s is filed in %(case)s, which is closed: it cannot be deleted.",
                    record=kept[0].display_name,
                    case=kept[0].sudo().records_case_id.display_name,
                )
            )

    # -------------------------------------------------------------- destruction
    def _wo_records_content_fields(self):
        """What goes with the files when a record is destroyed (its text)."""
        return []

    def _wo_records_destroy(self, act, delete_files):
        """The record is destroyed by ``act``: its files (if the company
        chooses) and its text go; its registration data and the act's number
        stay, so the registry has no holes."""
        if delete_files and self:
            attachments = (
                self.env["ir.attachment"]
                .sudo()
                .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
            )
            attachments.unlink()
        vals = {"records_destruction_act_id": act.id}
        if delete_files:
            vals.update(dict.fromkeys(self._wo_records_content_fields(), False))
        self.sudo().with_context(wo_records_flow=TRUSTED, tracking_disable=True).write(vals)
        for record in self:
            record.sudo().message_post(
                body=self.env._("Destroyed by act %(act)s.", act=act.name),
                subtype_xmlid="mail.mt_note",
            )
