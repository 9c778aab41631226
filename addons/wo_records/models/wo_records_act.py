from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.wo_staff.tools import TRUSTED, trusted

from .wo_records_case import FILED_MODELS

ACT_KINDS = [("transfer", "Transfer to the archive"), ("destruction", "Destruction")]
ACT_STATES = [
    ("draft", "Draft"),
    ("on_approval", "On approval"),
    ("done", "Approved"),
    ("cancelled", "Cancelled"),
]
SEQUENCES = {"transfer": "wo.records.act.transfer", "destruction": "wo.records.act.destruction"}


class WoRecordsAct(models.Model):
    """An act on closed cases: their transfer to the archive, or their
    destruction once their retention has ended. It is approved by its
    commission through the wo_tasks engine; on approval it is carried out,
    once."""

    _name = "wo.records.act"
    _description = "Records Act"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/")
    kind = fields.Selection(ACT_KINDS, required=True, default="transfer", tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users", string="Archivist", default=lambda self: self.env.user, tracking=True
    )
    state = fields.Selection(
        ACT_STATES, default="draft", required=True, readonly=True, copy=False, tracking=True
    )
    case_ids = fields.Many2many(
        "wo.records.case",
        string="Cases",
        domain="[('company_id', '=', company_id), ('state', 'in', ('closed', 'archived'))]",
    )
    case_count = fields.Integer(compute="_compute_case_count")
    approver_ids = fields.Many2many(
        "res.users",
        "wo_records_act_approver_rel",
        "act_id",
        "user_id",
        string="Commission",
        domain="[('share', '=', False)]",
        help="Each member approves the act (all at once); one rejection sends it back.",
    )
    approval_task_id = fields.Many2one("wo.task", string="Approval", readonly=True, copy=False)
    decision_ids = fields.One2many("wo.records.act.decision", "act_id", string="Decisions")
    files_deleted = fields.Boolean(
        readonly=True, copy=False, help="The records' files went with the destruction."
    )
    date_done = fields.Datetime(string="Carried Out On", readonly=True, copy=False)
    note = fields.Html()

    _name_uniq = models.UniqueIndex(
        "(company_id, name) WHERE name != '/'", "An act's number is unique in its company."
    )

    def _compute_case_count(self):
        for act in self:
            act.case_count = len(act.case_ids)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(company)
                    .next_by_code(SEQUENCES[vals.get("kind") or "transfer"])
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        # past its draft, an act is a record of what was decided: its notes
        # and its chatter only
        changed = {name for name in vals if name != "note" and not name.startswith("message_")}
        if (
            changed
            and not trusted(self.env, "wo_records_flow")
            and self.filtered(lambda a: a.state != "draft")
        ):
            raise UserError(self.env._("Only a draft act changes; this one keeps what it says."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(act.state not in ("draft", "cancelled") for act in self):
            raise UserError(self.env._("An act sent for approval is kept, never deleted."))

    # ----------------------------------------------------------------- checks
    def _check_cases(self):
        """What the act's cases must be, from the data as it is now."""
        self.ensure_one()
        if not self.case_ids:
            raise UserError(self.env._("%(act)s lists no case.", act=self.name))
        # the verdict from the data as it is now, not from what was read before
        self.env.flush_all()
        self.case_ids.invalidate_recordset(["record_count", "page_count", "has_legal_hold"])
        today = fields.Date.context_today(self)
        for case in self.case_ids.sudo():
            if case.company_id != self.company_id:
                raise UserError(
                    self.env._("%(case)s is a case of another company.", case=case.display_name)
                )
            if self.kind == "transfer":
                if case.state != "closed":
                    raise UserError(
                        self.env._(
                            "%(case)s is not closed: only closed cases go to the archive.",
                            case=case.display_name,
                        )
                    )
                other = case.transfer_act_id
            else:
                if case.retention == "permanent":
                    raise UserError(
                        self.env._(
                            "%(case)s is kept permanently: it is never destroyed.",
                            case=case.display_name,
                        )
                    )
                if case.state not in ("closed", "archived"):
                    raise UserError(
                        self.env._(
                            "%(case)s is not closed: it cannot be destroyed.",
                            case=case.display_name,
                        )
                    )
                if not case.date_expiry or case.date_expiry > today:
                    raise UserError(
                        self.env._(
                            "The retention of %(case)s has not ended (%(date)s).",
                            case=case.display_name,
                            date=case.date_expiry or self.env._("not before the event"),
                        )
                    )
                if case.has_legal_hold:
                    raise UserError(
                        self.env._(
                            "%(case)s holds a record under a legal hold: it cannot be destroyed.",
                            case=case.display_name,
                        )
                    )
                other = case.destruction_act_id
            if other and other != self:
                raise UserError(
                    self.env._(
                        "%(case)s is already in act %(act)s.",
                        case=case.display_name,
                        act=other.name,
                    )
                )
        pending = self.search(
            [
                ("id", "!=", self.id),
                ("kind", "=", self.kind),
                ("state", "=", "on_approval"),
                ("case_ids", "in", self.case_ids.ids),
            ],
            limit=1,
        )
        if pending:
            raise UserError(
                self.env._(
                    "Act %(act)s on the same cases is already on approval.", act=pending.name
                )
            )

    # ---------------------------------------------------------------- actions
    def action_send_for_approval(self):
        """The commission approves the act: an assignment of the wo_tasks
        engine, each member an executor, all at once."""
        self.env["wo.records.plan"]._check_archivist()
        self.check_access("write")
        kind = self.env.ref("wo_records.wo_task_kind_records_act")
        for act in self:
            if act.state != "draft":
                raise UserError(self.env._("%(act)s is not a draft.", act=act.name))
            act._check_cases()
            if not act.approver_ids:
                raise UserError(
                    self.env._("Name the commission that approves %(act)s.", act=act.name)
                )
            unable = act.approver_ids.filtered(
                lambda u: not u.has_group("wo_tasks.group_wo_tasks_editor")
            )
            if unable:
                raise UserError(
                    self.env._(
                        "%(users)s cannot decide on assignments: give them the WO Tasks "
                        "Editor level, or leave them out of the commission.",
                        users=", ".join(unable.mapped("name")),
                    )
                )
            task = (
                self.env["wo.task"]
                .sudo()
                .with_context(wo_task_engine=TRUSTED)
                .create(
                    {
                        "subject": self.env._("Approve act %(act)s", act=act.name),
                        "kind_id": kind.id,
                        "initiator_id": act.user_id.id or self.env.uid,
                        "controller_id": act.user_id.id or self.env.uid,
                        "res_model": act._name,
                        "res_id": act.id,
                        "company_id": act.company_id.id,
                        "executor_ids": [
                            (0, 0, {"user_id": user.id, "sequence": index})
                            for index, user in enumerate(act.approver_ids)
                        ],
                    }
                )
            )
            task.action_assign()
            act.with_context(wo_records_flow=TRUSTED).write(
                {"approval_task_id": task.id, "state": "on_approval"}
            )
        return True

    def action_withdraw(self):
        self.env["wo.records.plan"]._check_archivist()
        for act in self:
            if act.state != "on_approval":
                raise UserError(self.env._("%(act)s is not on approval.", act=act.name))
            task = act.approval_task_id.sudo()
            if not task.is_closed:
                task.action_cancel()
            act.with_context(wo_records_flow=TRUSTED).write({"state": "draft"})
            act.message_post(body=self.env._("Withdrawn from approval."))
        return True

    def action_cancel(self):
        self.env["wo.records.plan"]._check_archivist()
        if any(act.state != "draft" for act in self):
            raise UserError(self.env._("Only a draft act is cancelled."))
        self.with_context(wo_records_flow=TRUSTED).write({"state": "cancelled"})
        return True

    def action_reset_to_draft(self):
        self.env["wo.records.plan"]._check_archivist()
        if any(act.state != "cancelled" for act in self):
            raise UserError(self.env._("Only a cancelled act goes back to draft."))
        self.with_context(wo_records_flow=TRUSTED).write({"state": "draft"})
        return True

    def action_decide(self, decision, remarks=None):
        """A member's decision: "approved" or "rejected" (with the reason)."""
        self.ensure_one()
        if self.state != "on_approval":
            raise UserError(self.env._("%(act)s is not on approval.", act=self.name))
        line = self.approval_task_id.my_line_id
        if not line:
            raise UserError(self.env._("No decision on %(act)s is yours now.", act=self.name))
        if decision == "approved":
            line.action_report(result=remarks or None)
        elif decision == "rejected":
            if not (remarks or "").strip():
                raise UserError(self.env._("Give the reason for the rejection."))
            line.action_refuse(remarks)
        else:
            raise UserError(self.env._("Approve or reject."))
        return True

    def action_approve(self):
        return self.action_decide("approved")

    def action_print(self):
        return self.env.ref("wo_records.wo_records_act_report").report_action(self)

    # ------------------------------------------------------------------ engine
    def _claim(self, state_from, state_to):
        """Move the act from ``state_from`` to ``state_to`` in the database,
        once: a second attempt (another worker, a repeated call) finds it
        moved already and is refused."""
        self.ensure_one()
        self.flush_recordset()
        rows = self.env.execute_query(
            SQL(
                "UPDATE wo_records_act SET state = %s, write_uid = %s, write_date = now() "
                "WHERE id = %s AND state = %s RETURNING id",
                state_to,
                self.env.uid,
                self.id,
                state_from,
            )
        )
        self.invalidate_recordset(["state"])
        if not rows:
            raise UserError(
                self.env._(
                    "%(act)s was already decided: it is %(state)s.",
                    act=self.name,
                    state=dict(ACT_STATES)[self.state].lower(),
                )
            )

    def _on_approved(self):
        """Every member approved: the act is carried out, once (as the
        engine, after its own checks of the member's turn)."""
        self.ensure_one()
        self = self.sudo()  # noqa: PLW0642 - the act's own flow
        self._claim("on_approval", "done")
        self._check_cases()
        cases = self.case_ids.sudo().with_context(wo_records_flow=TRUSTED)
        if self.kind == "transfer":
            cases.write({"state": "archived", "transfer_act_id": self.id})
            body = self.env._(
                "Approved: %(count)s cases are in the archive, read-only.", count=len(cases)
            )
        else:
            delete_files = not self.company_id.wo_records_keep_files
            for model in FILED_MODELS:
                records = (
                    self.env[model]
                    .sudo()
                    .with_context(active_test=False)
                    .search([("records_case_id", "in", cases.ids)])
                )
                records._wo_records_destroy(self, delete_files)
            cases.write({"state": "destroyed", "destruction_act_id": self.id})
            self.with_context(wo_records_flow=TRUSTED).files_deleted = delete_files
            body = self.env._(
                "Approved: %(count)s cases destroyed; their records keep their registration "
                "data and this act's number.",
                count=len(cases),
            )
        self.with_context(wo_records_flow=TRUSTED).date_done = fields.Datetime.now()
        for case in cases:
            case.message_post(
                body=self.env._("%(act)s approved.", act=self.name), subtype_xmlid="mail.mt_note"
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _on_rejected(self, reason):
        self.ensure_one()
        self = self.sudo()  # noqa: PLW0642 - the act's own flow
        self._claim("on_approval", "draft")
        self.message_post(
            body=self.env._("Rejected: %(reason)s", reason=reason or ""),
            partner_ids=self.user_id.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )


class WoRecordsActDecision(models.Model):
    """A commission member's decision on an act, kept as the law asks: who,
    for whom, when, what (one per line of the approval: decided once)."""

    _name = "wo.records.act.decision"
    _description = "Records Act Decision"
    _order = "date, id"
    _log_access = False

    act_id = fields.Many2one("wo.records.act", required=True, index=True, ondelete="cascade")
    line_id = fields.Many2one("wo.task.executor", string="Approval Line", ondelete="set null")
    approver_id = fields.Many2one(
        "res.users", string="Member", required=True, readonly=True, index=True
    )
    decided_by_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    decision = fields.Selection(
        [("approved", "Approved"), ("rejected", "Rejected")], required=True, readonly=True
    )
    remarks = fields.Text(readonly=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    company_id = fields.Many2one(related="act_id.company_id", store=True, index="btree_not_null")

    _line_uniq = models.Constraint(
        "UNIQUE (line_id)", "A member's decision on an act is taken once."
    )
