from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.wo_staff.tools import trusted

from .wo_task_kind import EXECUTION_MODES

PRIORITIES = [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Urgent")]
# what the initiator may edit until work has started
INITIATOR_CONTENT = {
    "subject",
    "description",
    "kind_id",
    "execution_mode",
    "executor_ids",
    "partner_id",
    "res_model",
    "res_id",
    "parent_id",
}


class WoTask(models.Model):
    """An assignment (доручення): an initiator gives it, a controller follows
    it, an ordered list of executors carries it out (``wo.task.executor``).

    Whose turn it is is decided by the execution engine only
    (``wo_task_engine.py``); the states come from the kind's business cycle.
    """

    _name = "wo.task"
    _description = "Assignment"
    _inherit = [
        "mail.tracking.duration.mixin",
        "mail.activity.mixin",
        "wo.role.mixin",
    ]
    _order = "priority desc, date_deadline, id desc"
    _rec_names_search = ["name", "subject"]
    _track_duration_field = "state_id"
    _mail_post_access = "read"

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    subject = fields.Char(required=True, tracking=True)
    description = fields.Html()
    kind_id = fields.Many2one(
        "wo.task.kind",
        required=True,
        tracking=True,
        default=lambda self: self.env["wo.task.kind"].search([], limit=1),
        ondelete="restrict",
        index=True,
    )
    priority = fields.Selection(PRIORITIES, default="1", tracking=True)
    initiator_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    controller_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    date_deadline = fields.Date(string="Deadline", index=True, tracking=True)
    execution_mode = fields.Selection(
        EXECUTION_MODES,
        required=True,
        compute="_compute_execution_mode",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    cycle_id = fields.Many2one(related="kind_id.cycle_id")
    state_id = fields.Many2one(
        "wo.task.state",
        compute="_compute_state_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        group_expand="_read_group_state_id",
        domain="[('cycle_id', '=', cycle_id)]",
        ondelete="restrict",
    )
    state_code = fields.Selection(related="state_id.code", store=True, index=True)
    is_closed = fields.Boolean(related="state_id.is_closed", store=True)
    executor_ids = fields.One2many("wo.task.executor", "task_id", string="Executors", copy=True)
    executor_user_ids = fields.Many2many(
        "res.users", compute="_compute_executor_user_ids", string="Executor Users"
    )
    res_model = fields.Char(string="Linked Model", index=True)
    res_id = fields.Many2oneReference(string="Linked Record", model_field="res_model", index=True)
    res_name = fields.Char(string="Linked To", compute="_compute_res_name")
    partner_id = fields.Many2one("res.partner", string="Counterparty", index="btree_not_null")
    parent_id = fields.Many2one(
        "wo.task", string="Parent Assignment", index="btree_not_null", ondelete="restrict"
    )
    child_ids = fields.One2many("wo.task", "parent_id", string="Sub-assignments")
    child_count = fields.Integer(compute="_compute_child_count")
    progress = fields.Float(
        string="% Done",
        compute="_compute_progress",
        store=True,
        recursive=True,
        aggregator="avg",
    )
    result = fields.Text(tracking=True)
    date_assigned = fields.Datetime(readonly=True, copy=False)
    date_reported = fields.Datetime(readonly=True, copy=False)
    date_done = fields.Datetime(readonly=True, copy=False)
    return_reason = fields.Text(readonly=True, copy=False)
    is_in_progress = fields.Boolean(
        string="In Progress", compute="_compute_is_in_progress", store=True
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing"), ("personal", "Personal")],
        compute="_compute_direction",
        search="_search_direction",
        help="Relative to you: incoming (you execute it), outgoing (you gave or "
        "control it), personal (you gave it to yourself alone).",
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        index="btree_not_null",
        help="The initiator's department: its head sees the assignment.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    resource_ids = fields.One2many("wo.task.resource", "task_id", string="Resources")
    planned_hours = fields.Float(compute="_compute_hours", store=True)
    actual_hours = fields.Float(compute="_compute_hours", store=True)
    history_ids = fields.One2many("wo.task.history", "task_id", readonly=True)
    my_line_id = fields.Many2one(
        "wo.task.executor",
        compute="_compute_my_line_id",
        help="Your line (or the line of someone you act for) that is yours to report now.",
    )

    _number_uniq = models.UniqueIndex(
        "(company_id, name) WHERE name != '/'", "An assignment number is unique per company."
    )
    _open_deadline_idx = models.Index("(date_deadline, id) WHERE NOT is_closed")

    # roles on an assignment, and what each may write (see wo.role.mixin)
    _wo_role_fields = {
        "initiator": INITIATOR_CONTENT | {"priority", "controller_id", "resource_ids"},
        "controller": {
            "date_deadline",
            "priority",
            "controller_id",
            "executor_ids",
            "resource_ids",
        },
        "executor": {"result", "resource_ids"},
    }

    # ------------------------------------------------------------------ computes
    @api.depends("kind_id")
    def _compute_execution_mode(self):
        for task in self:
            task.execution_mode = task.kind_id.execution_mode or "sequential"

    @api.depends("kind_id")
    def _compute_state_id(self):
        for task in self:
            if not task.state_id or task.state_id.cycle_id != task.kind_id.cycle_id:
                task.state_id = task.kind_id.cycle_id._state("draft")

    @api.model
    def _read_group_state_id(self, states, domain):
        # every state of the cycles shown, but an empty Draft column: on a
        # phone the first column fills the screen, and nothing is to be done
        # in a draft by anyone but its initiator
        cycles = states.cycle_id or self.env.ref("wo_tasks.wo_task_cycle_default")
        return self.env["wo.task.state"].search(
            Domain("id", "in", states.ids)
            | (Domain("cycle_id", "in", cycles.ids) & Domain("code", "!=", "draft"))
        )

    @api.depends("executor_ids.user_id")
    def _compute_executor_user_ids(self):
        for task in self:
            task.executor_user_ids = task.executor_ids.user_id

    @api.depends_context("uid")
    @api.depends("executor_ids.state", "executor_ids.user_id")
    def _compute_my_line_id(self):
        me = set(self.env.user._wo_acting_for_user_ids())
        for task in self:
            mine = task.executor_ids.filtered(
                lambda line: (
                    line.user_id.id in me and line.state in ("active", "in_progress", "overdue")
                )
            )
            own = mine.filtered(lambda line: line.user_id == self.env.user)
            task.my_line_id = (own or mine)[:1]

    @api.depends_context("uid")
    @api.depends("res_model", "res_id")
    def _compute_res_name(self):
        for task in self:
            record = (
                self.env[task.res_model].browse(task.res_id).exists()
                if task.res_model in self.env and task.res_id
                else False
            )
            # the name of what the user may read (a head reads the
            # assignments of their people, not always what they are about)
            record = record and record._filtered_access("read")
            task.res_name = record.display_name if record else False

    def _compute_child_count(self):
        counts = dict(
            self.env["wo.task"]._read_group(
                [("parent_id", "in", self.ids)], ["parent_id"], ["__count"]
            )
        )
        for task in self:
            task.child_count = counts.get(task, 0)

    @api.depends(
        "execution_mode",
        "executor_ids.progress",
        "executor_ids.state",
        "executor_ids.is_responsible",
        "child_ids.progress",
    )
    def _compute_progress(self):
        for task in self:
            lines = task.executor_ids.filtered(
                lambda line: line.state not in ("refused", "skipped")
            )
            responsible = lines.filtered("is_responsible")
            if task.execution_mode == "responsible" and responsible:
                values = [responsible.progress]
            else:
                values = lines.mapped("progress")
            values += task.child_ids.mapped("progress")
            task.progress = sum(values) / len(values) if values else 0.0

    @api.depends("executor_ids.state")
    def _compute_is_in_progress(self):
        for task in self:
            task.is_in_progress = any(line.state == "in_progress" for line in task.executor_ids)

    @api.depends("date_deadline", "is_closed")
    @api.depends_context("tz")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for task in self:
            task.is_overdue = bool(
                task.date_deadline and task.date_deadline < today and not task.is_closed
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            return NotImplemented
        overdue = Domain("date_deadline", "<", fields.Date.context_today(self)) & Domain(
            "is_closed", "=", False
        )
        positive = (operator == "=" and value) or (operator == "!=" and not value)
        if operator in ("in", "not in"):
            positive = (True in value) == (operator == "in")
        return overdue if positive else ~overdue

    @api.depends_context("uid")
    @api.depends("initiator_id", "controller_id", "executor_ids.user_id")
    def _compute_direction(self):
        me = set(self.env.user._wo_acting_for_user_ids())
        for task in self:
            executors = set(task.executor_ids.user_id.ids)
            if task.initiator_id.id in me and executors and executors <= me:
                task.direction = "personal"
            elif executors & me and task.state_code != "draft":
                task.direction = "incoming"
            elif {task.initiator_id.id, task.controller_id.id} & me:
                task.direction = "outgoing"
            else:
                task.direction = False

    def _search_direction(self, operator, value):
        if operator not in ("=", "in"):
            return NotImplemented
        values = {value} if isinstance(value, str) else set(value)
        me = self.env.user._wo_acting_for_user_ids()
        uid = self.env.uid
        # the lines are matched without their record rules ("any!"): the
        # assignments found still pass wo.task's own, and the lines' rules
        # would join every assignment a second time (seconds at 100k)
        domains = {
            # a draft is nobody's to do until it is assigned
            "incoming": Domain("executor_ids", "any!", Domain("user_id", "in", me))
            & Domain("state_code", "!=", "draft"),
            "outgoing": Domain("initiator_id", "in", me) | Domain("controller_id", "in", me),
            "personal": Domain("initiator_id", "=", uid)
            & Domain("executor_ids", "any!", Domain("user_id", "=", uid))
            & Domain("executor_ids", "not any!", Domain("user_id", "!=", uid)),
        }
        return Domain.OR(domains[v] for v in values if v in domains)

    @api.depends("initiator_id", "company_id")
    def _compute_department_id(self):
        Users = self.env["res.users"]
        departments = self.initiator_id._wo_department_map()
        for task in self:
            task.department_id = Users._wo_department(
                departments, task.initiator_id, task.company_id
            )

    @api.depends("resource_ids.hours", "resource_ids.plan_type", "resource_ids.resource_type")
    def _compute_hours(self):
        for task in self:
            labour = task.resource_ids.filtered(lambda r: r.resource_type == "labour")
            task.planned_hours = sum(
                labour.filtered(lambda r: r.plan_type == "planned").mapped("hours")
            )
            task.actual_hours = sum(
                labour.filtered(lambda r: r.plan_type == "actual").mapped("hours")
            )

    # --------------------------------------------------------------- constrains
    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(self.env._("An assignment cannot be its own sub-assignment."))

    @api.constrains("state_id", "kind_id")
    def _check_state_in_cycle(self):
        for task in self:
            if task.state_id.cycle_id != task.kind_id.cycle_id:
                raise ValidationError(
                    self.env._(
                        "The state %(state)s is not in the cycle of %(kind)s.",
                        state=task.state_id.name,
                        kind=task.kind_id.name,
                    )
                )

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if not vals.get("executor_ids"):
                raise ValidationError(self.env._("An assignment needs at least one executor."))
            deadline = vals.get("date_deadline")
            if deadline and fields.Date.to_date(deadline) < today:
                raise ValidationError(
                    self.env._("The deadline %(date)s is already past.", date=deadline)
                )
        tasks = super(WoTask, self.with_context(mail_create_nolog=True)).create(vals_list)
        tasks._assign_numbers()
        return tasks

    def _assign_numbers(self):
        """Numbers from one sequence per company, reset every year."""
        for company, tasks in self.filtered(lambda t: t.name == "/").grouped("company_id").items():
            sequence = self._task_sequence(company)
            for task in tasks:
                task.name = sequence.next_by_id(sequence_date=fields.Date.context_today(task))

    @api.model
    def _task_sequence(self, company):
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [("code", "=", "wo.task"), ("company_id", "=", company.id)], limit=1
        )
        if not sequence:
            template = self.env.ref("wo_tasks.seq_wo_task")
            sequence = template.sudo().copy({"company_id": company.id, "name": template.name})
        return sequence

    def write(self, vals):
        if "state_id" in vals and not trusted(self.env, "wo_task_engine"):
            target = self.env["wo.task.state"].browse(vals["state_id"])
            for task in self:
                task._check_manual_move(target)
        if vals.get("date_deadline"):
            deadline = fields.Date.to_date(vals["date_deadline"])
            if deadline < fields.Date.context_today(self) and any(
                task.date_deadline != deadline for task in self
            ):
                raise ValidationError(
                    self.env._("The deadline %(date)s is already past.", date=deadline)
                )
        old_states = {task.id: task.state_id for task in self} if "state_id" in vals else {}
        result = super().write(vals)
        if old_states:
            self._log_transitions(old_states, self.env.context.get("wo_task_reason"))
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts_or_cancelled(self):
        for task in self:
            if task.state_code not in ("draft", "cancelled"):
                raise UserError(
                    self.env._(
                        "%(task)s is under way: cancel it rather than delete it.",
                        task=task.display_name,
                    )
                )

    @api.depends("name", "subject")
    def _compute_display_name(self):
        for task in self:
            task.display_name = (
                f"{task.name} {task.subject}" if task.name and task.name != "/" else task.subject
            )

    # --------------------------------------------------------------------- roles
    def _wo_roles_of(self, user_ids):
        roles = {}
        for task in self:
            held = roles.setdefault(task.id, set())
            if task.initiator_id.id in user_ids:
                held.add("initiator")
            if task.controller_id.id in user_ids:
                held.add("controller")
            if set(task.executor_ids.user_id.ids) & user_ids:
                held.add("executor")
        return roles

    def _wo_allowed_fields(self, roles):
        allowed = super()._wo_allowed_fields(roles)
        if self._work_started():
            # the initiator's hold on the content ends when work starts; what
            # the controller may change stays theirs
            controller = self._wo_role_fields["controller"] if "controller" in roles else set()
            allowed -= INITIATOR_CONTENT - controller
        return allowed

    def _work_started(self):
        self.ensure_one()
        return self.state_code not in ("draft", "assigned") or any(
            line.state not in ("waiting", "active") for line in self.executor_ids
        )

    def _wo_user_roles(self, user=None):
        """Roles the user (default: current) holds on ``self``, acting for others."""
        self.ensure_one()
        user = user or self.env.user
        return self._wo_roles_of(set(user._wo_acting_for_user_ids()))[self.id]

    def _wo_is_director(self):
        return self.env.su or self.env.user.has_group("wo_staff.group_wo_director")

    def _check_role(self, *roles):
        """Raise unless the current user may write the assignments (their
        level and the rules) and holds one of ``roles`` (or is Director)."""
        self.check_access("write")
        for task in self:
            if task._wo_is_director() or task._wo_user_roles() & set(roles):
                continue
            names = {
                "initiator": self.env._("initiator"),
                "controller": self.env._("controller"),
                "executor": self.env._("executor"),
            }
            raise UserError(
                self.env._(
                    "Only the %(roles)s of %(task)s (or who acts for them) may do this.",
                    roles=" / ".join(names[role] for role in roles),
                    task=task.display_name,
                )
            )

    # ---------------------------------------------------------------- the cycle
    def _check_manual_move(self, target):
        """A move by hand (the status bar, a write over XML-RPC): only into or
        out of the cycle's own states; the engine's moves have their actions."""
        self.ensure_one()
        if target == self.state_id:
            return
        if target.code != "other" and self.state_id.code != "other":
            raise UserError(
                self.env._(
                    "%(task)s moves to %(state)s through its actions (assign, report, "
                    "accept, return, cancel), not by hand.",
                    task=self.display_name,
                    state=target.name,
                )
            )
        self._check_transition(target)

    def _check_transition(self, target):
        """A manual move: the cycle must allow it, to one of the user's roles."""
        self.ensure_one()
        if target == self.state_id:
            return
        transition = self._transition_to(target)
        if not transition:
            raise UserError(
                self.env._(
                    "The cycle %(cycle)s does not allow %(task)s to go from %(from)s to %(to)s.",
                    cycle=self.cycle_id.name,
                    task=self.display_name,
                    **{"from": self.state_id.name, "to": target.name},
                )
            )
        if self._wo_is_director():
            return
        if not transition._allowed_roles() & self._wo_user_roles():
            raise UserError(
                self.env._(
                    "Your role on %(task)s does not allow moving it from %(from)s to %(to)s.",
                    task=self.display_name,
                    **{"from": self.state_id.name, "to": target.name},
                )
            )

    def _transition_to(self, target):
        self.ensure_one()
        return self.cycle_id.transition_ids.filtered(
            lambda t: t.state_from_id == self.state_id and t.state_to_id == target
        )[:1]

    def _log_transitions(self, old_states, reason=None):
        History = self.env["wo.task.history"].sudo()
        History.create(
            [
                {
                    "task_id": task.id,
                    "state_from_id": old_states[task.id].id,
                    "state_to_id": task.state_id.id,
                    "user_id": self.env.uid,
                    "reason": reason,
                }
                for task in self
                if old_states.get(task.id) != task.state_id
            ]
        )

    # ------------------------------------------------------------ tasks on records
    @api.model
    def _for_record_domain(self, record):
        return [("res_model", "=", record._name), ("res_id", "=", record.id)]

    def action_open_record(self):
        self.ensure_one()
        if not (self.res_model and self.res_id):
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    def _my_line(self):
        self.ensure_one()
        if not self.my_line_id:
            raise UserError(
                self.env._("Nothing of %(task)s is yours to do now.", task=self.display_name)
            )
        return self.my_line_id

    def action_open_report(self):
        return self._my_line().action_open_report()

    def action_report_mine(
        self, result=None, progress=100.0, delay_reason_id=None, delay_comment=None
    ):
        """Report the current user's line (or the line of someone they act
        for): the call an XML-RPC client or the mobile app makes."""
        return self._my_line().action_report(result, progress, delay_reason_id, delay_comment)

    def action_refuse_mine(self, reason):
        return self._my_line().action_refuse(reason)

    def action_open_refuse(self):
        return self._my_line().action_open_refuse()

    def action_start(self):
        return self._my_line().action_start()

    def action_open_return(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return for Rework"),
            "res_model": "wo.task.return",
            "view_mode": "form",
            "target": "new",
            "context": {"default_task_id": self.id},
        }

    def action_view_children(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("wo_tasks.wo_task_action_all")
        action.update(
            domain=[("parent_id", "=", self.id)],
            context={
                "default_parent_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_controller_id": self.controller_id.id,
            },
        )
        return action
