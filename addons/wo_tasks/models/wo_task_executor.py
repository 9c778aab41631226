from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.wo_staff.tools import trusted

LINE_STATES = [
    ("waiting", "Waiting"),
    ("active", "Active"),
    ("in_progress", "In progress"),
    ("reported", "Reported"),
    ("refused", "Refused"),
    ("overdue", "Overdue"),
    ("skipped", "Skipped"),
]
# a line in one of these states is the executor's to report on
REPORTABLE = ("active", "in_progress", "overdue")
FINAL = ("reported", "refused", "skipped")
EXECUTOR_FIELDS = {
    "progress",
    "result",
    "comment",
    "refusal_reason",
    "delay_reason_id",
    "delay_comment",
}
PLANNING_FIELDS = {"user_id", "sequence", "date_deadline"}


class WoTaskExecutor(models.Model):
    """One executor of an assignment, in order. Only the execution engine
    changes ``state`` (see ``wo_task_engine.py``)."""

    _name = "wo.task.executor"
    _description = "Assignment Executor"
    _inherit = ["wo.role.mixin"]
    _order = "task_id, sequence, id"
    _rec_name = "user_id"

    task_id = fields.Many2one("wo.task", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    user_id = fields.Many2one(
        "res.users",
        string="Executor",
        required=True,
        index=True,
        domain="[('share', '=', False)]",
        ondelete="restrict",
    )
    state = fields.Selection(LINE_STATES, required=True, default="waiting", index=True, copy=False)
    date_deadline = fields.Date(string="Own Deadline")
    date_deadline_effective = fields.Date(
        string="Deadline",
        compute="_compute_date_deadline_effective",
        store=True,
        help="The line's own deadline, or the assignment's.",
    )
    date_remind = fields.Date(compute="_compute_date_remind", store=True)
    date_reminded = fields.Date(readonly=True, copy=False)
    progress = fields.Float(string="% Done", default=0.0, aggregator="avg")
    result = fields.Text()
    comment = fields.Text()
    date_activated = fields.Datetime(readonly=True, copy=False)
    date_report = fields.Datetime(string="Reported On", readonly=True, copy=False)
    is_late = fields.Boolean(
        string="Reported Late", readonly=True, copy=False, aggregator="bool_or"
    )
    refusal_reason = fields.Text(copy=False)
    delay_reason_id = fields.Many2one(
        "wo.task.delay.reason", copy=False, ondelete="restrict", index="btree_not_null"
    )
    delay_comment = fields.Text(copy=False)
    is_responsible = fields.Boolean(compute="_compute_is_responsible", store=True)
    # indexed: an activity done (deleted) looks for the lines that refer to it
    activity_id = fields.Many2one(
        "mail.activity", readonly=True, copy=False, ondelete="set null", index="btree_not_null"
    )
    decision_activity_id = fields.Many2one(
        "mail.activity", readonly=True, copy=False, ondelete="set null", index="btree_not_null"
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        index="btree_not_null",
        help="The executor's department, for analysis and for its head.",
    )
    # for analysis and rules
    kind_id = fields.Many2one(related="task_id.kind_id", store=True, index="btree_not_null")
    controller_id = fields.Many2one(
        related="task_id.controller_id", store=True, index="btree_not_null"
    )
    company_id = fields.Many2one(related="task_id.company_id", store=True, index=True)
    task_state_code = fields.Selection(related="task_id.state_code")

    _task_user_uniq = models.Constraint(
        "UNIQUE (task_id, user_id)", "An executor appears once in an assignment."
    )
    _progress_range = models.Constraint(
        "CHECK (progress >= 0 AND progress <= 100)", "% done goes from 0 to 100."
    )
    _due_idx = models.Index(
        "(date_deadline_effective, id) WHERE state IN ('active', 'in_progress')"
    )
    _remind_idx = models.Index(
        "(date_remind, id) WHERE date_reminded IS NULL AND state IN ('active', 'in_progress')"
    )

    _wo_role_fields = {
        "executor": EXECUTOR_FIELDS,
        "controller": PLANNING_FIELDS,
        "initiator": PLANNING_FIELDS,
    }

    @api.depends("date_deadline", "task_id.date_deadline")
    def _compute_date_deadline_effective(self):
        for line in self:
            line.date_deadline_effective = line.date_deadline or line.task_id.date_deadline

    @api.depends("date_deadline_effective", "task_id.kind_id.reminder_days")
    def _compute_date_remind(self):
        for line in self:
            days = line.task_id.kind_id.reminder_days
            line.date_remind = (
                fields.Date.subtract(line.date_deadline_effective, days=days)
                if line.date_deadline_effective and days
                else False
            )

    @api.depends("task_id.execution_mode", "sequence", "task_id.executor_ids.sequence")
    def _compute_is_responsible(self):
        for task, lines in self.grouped("task_id").items():
            first = task.executor_ids.sorted(lambda line: (line.sequence, line.id))[:1]
            for line in lines:
                line.is_responsible = task.execution_mode == "responsible" and line == first

    @api.depends("user_id", "task_id.company_id")
    def _compute_department_id(self):
        Users = self.env["res.users"]
        departments = self.user_id._wo_department_map()
        for line in self:
            line.department_id = Users._wo_department(
                departments, line.user_id, line.task_id.company_id
            )

    @api.constrains("progress")
    def _check_progress(self):
        for line in self:
            if not 0 <= line.progress <= 100:
                raise ValidationError(
                    self.env._("%% done goes from 0 to 100, not %(value)s.", value=line.progress)
                )

    @api.model
    def _demo_pass_time(self, line_ids, deadline):
        """The demo data: time has passed for these lines, whose deadline is
        ``deadline`` now (as the engine, not as a person may set it)."""
        self.browse(line_ids)._engine().write({"date_deadline": deadline})

    def _check_deadline_not_past(self, deadline):
        """A person cannot give a line a deadline that has passed (as its
        assignment's); the engine may (time passing, in tests)."""
        if not deadline or trusted(self.env, "wo_task_engine"):
            return
        if fields.Date.to_date(deadline) < fields.Date.context_today(self):
            raise ValidationError(
                self.env._("The deadline %(date)s is already past.", date=deadline)
            )

    @api.model_create_multi
    def create(self, vals_list):
        seen = set()
        for vals in vals_list:
            self._check_deadline_not_past(vals.get("date_deadline"))
            progress = vals.get("progress", 0)
            if not 0 <= progress <= 100:
                raise ValidationError(
                    self.env._("%% done goes from 0 to 100, not %(value)s.", value=progress)
                )
            key = (vals.get("task_id"), vals.get("user_id"))
            if key in seen:
                raise ValidationError(self.env._("An executor appears once in an assignment."))
            seen.add(key)
        existing = self.sudo().search(
            [
                ("task_id", "in", [task_id for task_id, __ in seen if task_id]),
                ("user_id", "in", [user_id for __, user_id in seen if user_id]),
            ]
        )
        if any((line.task_id.id, line.user_id.id) in seen for line in existing):
            raise ValidationError(self.env._("An executor appears once in an assignment."))
        lines = super().create(vals_list)
        tasks = lines.task_id
        if not (self.env.su or trusted(self.env, "wo_task_engine")):
            for task in tasks:
                roles = task._wo_user_roles()
                planner = "controller" in roles or (
                    "initiator" in roles and not task._work_started()
                )
                if not (planner or task._wo_is_director()):
                    raise AccessError(
                        self.env._(
                            "Only the initiator (before work starts) or the controller of "
                            "%(task)s may add executors.",
                            task=task.display_name,
                        )
                    )
        for task in tasks:
            users = task.executor_ids.user_id
            if len(users) != len(task.executor_ids):
                raise ValidationError(
                    self.env._(
                        "An executor appears once in an assignment: %(task)s.",
                        task=task.display_name,
                    )
                )
        return lines

    def write(self, vals):
        if "state" in vals and not trusted(self.env, "wo_task_engine"):
            raise UserError(
                self.env._(
                    "An executor line changes state through its actions (report, refuse, "
                    "skip...), not directly."
                )
            )
        if "user_id" in vals and not trusted(self.env, "wo_task_engine"):
            started = self.filtered(lambda line: line.state not in ("waiting", "active"))
            if started:
                raise UserError(
                    self.env._(
                        "%(user)s has already worked on %(task)s: reassign the line instead.",
                        user=started[0].user_id.name,
                        task=started[0].task_id.display_name,
                    )
                )
        if vals.get("date_deadline") and any(
            line.date_deadline != fields.Date.to_date(vals["date_deadline"]) for line in self
        ):
            self._check_deadline_not_past(vals["date_deadline"])
        if "progress" in vals and not 0 <= (vals["progress"] or 0) <= 100:
            raise ValidationError(
                self.env._("%% done goes from 0 to 100, not %(value)s.", value=vals["progress"])
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_waiting(self):
        for line in self:
            if line.state not in ("waiting",) and line.task_id.state_code != "draft":
                raise UserError(
                    self.env._(
                        "%(user)s's line of %(task)s is under way: skip it rather than delete it.",
                        user=line.user_id.name,
                        task=line.task_id.display_name,
                    )
                )

    # ------------------------------------------------------------------ roles
    def _wo_roles_of(self, user_ids):
        roles = {}
        for line in self:
            held = roles.setdefault(line.id, set())
            if line.user_id.id in user_ids:
                held.add("executor")
            if line.task_id.controller_id.id in user_ids:
                held.add("controller")
            if line.task_id.initiator_id.id in user_ids:
                held.add("initiator")
        return roles

    def _wo_allowed_fields(self, roles):
        allowed = set(super()._wo_allowed_fields(roles))
        if "initiator" in roles and "controller" not in roles and self.task_id._work_started():
            allowed -= PLANNING_FIELDS
        return allowed

    # ------------------------------------------------------------- UI actions
    def _open_wizard(self, model, name):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_id": self.id},
        }

    def action_open_report(self):
        return self._open_wizard("wo.task.report", self.env._("Report"))

    def action_open_refuse(self):
        return self._open_wizard("wo.task.refuse", self.env._("Refuse"))

    def action_open_reassign(self):
        return self._open_wizard("wo.task.reassign", self.env._("Reassign"))
