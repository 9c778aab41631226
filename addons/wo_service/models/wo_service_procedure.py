import datetime
import re

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

PERIODS = [
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("yearly", "Yearly"),
    ("days", "Every N days"),
    ("weeks", "Every N weeks"),
]
EXECUTORS = [
    ("user", "A user"),
    ("manager", "The client's manager"),
    ("head", "The head of a department"),
    ("group", "The members of a group"),
]
PLACEHOLDERS = {"client", "period", "procedure"}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def period_of(period, interval, anchor, day):
    """The period (start, end, label) of ``day``: calendar months, quarters
    and years, or runs of ``interval`` days or weeks from ``anchor``."""
    if period == "monthly":
        start = day.replace(day=1)
        end = start + relativedelta(months=1, days=-1)
        return start, end, start.strftime("%Y-%m")
    if period == "quarterly":
        start = datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        end = start + relativedelta(months=3, days=-1)
        return start, end, f"{day.year} Q{(day.month - 1) // 3 + 1}"
    if period == "yearly":
        start = datetime.date(day.year, 1, 1)
        return start, datetime.date(day.year, 12, 31), str(day.year)
    length = interval * (7 if period == "weeks" else 1)
    index = (day - anchor).days // length
    start = anchor + datetime.timedelta(days=index * length)
    end = start + datetime.timedelta(days=length - 1)
    return start, end, f"{start.isoformat()} - {end.isoformat()}"


def period_length(period, interval):
    """The longest a period lasts, in days."""
    return {"monthly": 31, "quarterly": 92, "yearly": 366}.get(
        period, interval * (7 if period == "weeks" else 1)
    )


class WoServiceProcedure(models.Model):
    """A client-service procedure: the work an office does for every client
    each period (collect the documents, book them, file the return, send the
    report), as ordered steps, each a template of a WO assignment."""

    _name = "wo.service.procedure"
    _description = "Client-Service Procedure"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    period = fields.Selection(PERIODS, required=True, default="monthly", tracking=True)
    interval = fields.Integer(string="Every", default=1, help="For every N days or weeks.")
    horizon_days = fields.Integer(
        string="Generate Ahead (Days)",
        default=7,
        help="A period's assignments are made this many days before it starts.",
    )
    step_ids = fields.One2many("wo.service.step", "procedure_id", string="Steps", copy=True)
    client_ids = fields.One2many("wo.service.client", "procedure_id", string="Clients")
    tag_ids = fields.Many2many(
        "res.partner.category",
        string="Client Tags",
        help="Every counterparty with one of these tags is a client of the procedure "
        "(from the next period).",
    )
    client_count = fields.Integer(compute="_compute_client_count")
    note = fields.Html()

    _interval_check = models.Constraint(
        "CHECK (interval > 0 AND horizon_days >= 0)",
        "A procedure repeats every 1 or more days or weeks, and generates ahead 0 or more days.",
    )

    def _compute_client_count(self):
        counts = dict(
            self.env["wo.service.client"]._read_group(
                [("procedure_id", "in", self.ids)], ["procedure_id"], ["__count"]
            )
        )
        for procedure in self:
            procedure.client_count = counts.get(procedure, 0)

    @api.constrains("step_ids", "period", "interval")
    def _check_steps(self):
        for procedure in self:
            procedure.step_ids._check_step()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_numbers(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_numbers(vals)
        self._check_periods_kept(vals)
        return super().write(vals)

    def _check_periods_kept(self, vals):
        """The periods already generated are where the next one starts: a
        new length would overlap them or leave days out."""
        changed = self.filtered(
            lambda procedure: (
                ("period" in vals and vals["period"] != procedure.period)
                or ("interval" in vals and vals["interval"] != procedure.interval)
            )
        )
        if changed and self.env["wo.service.run"].sudo().search_count(
            [("procedure_id", "in", changed.ids)], limit=1
        ):
            raise UserError(
                self.env._(
                    "Periods of this procedure were already generated: its period stays. "
                    "Archive it and apply a copy with the new period from the next "
                    "period's start."
                )
            )

    def _check_numbers(self, vals):
        # before the database's CHECK, for a message a person understands
        if (vals.get("interval") or 0) > 366 or (vals.get("horizon_days") or 0) > 366:
            raise ValidationError(
                self.env._("A procedure repeats and generates ahead within a year (366 days).")
            )
        if "interval" in vals and (vals["interval"] or 0) < 1:
            raise ValidationError(self.env._("A procedure repeats every 1 or more days or weeks."))
        if "horizon_days" in vals and (vals["horizon_days"] or 0) < 0:
            raise ValidationError(
                self.env._("A procedure cannot generate a negative number of days ahead.")
            )

    def copy(self, default=None):
        # the copy's steps wait for the copy's own steps
        copies = super().copy(default)
        for procedure, copied in zip(self, copies, strict=True):
            steps = dict(zip(procedure.step_ids, copied.step_ids, strict=True))
            for step, twin in steps.items():
                if step.depends_on_id:
                    twin.depends_on_id = steps[step.depends_on_id]
        return copies

    def action_view_clients(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "wo_service.wo_service_client_action"
        )
        action.update(
            domain=[("procedure_id", "=", self.id)], context={"default_procedure_id": self.id}
        )
        return action

    def action_generate(self):
        """Generate now what the schedule would (the periods within the
        horizon) for the procedure's clients."""
        return self.client_ids.action_generate_now()


class WoServiceStep(models.Model):
    """A step of a procedure: the template of one assignment per client and
    period."""

    _name = "wo.service.step"
    _description = "Procedure Step"
    _order = "procedure_id, sequence, id"

    procedure_id = fields.Many2one(
        "wo.service.procedure", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(
        string="Subject",
        required=True,
        translate=True,
        help="The assignment's subject: {client}, {period} and {procedure} are replaced.",
    )
    description = fields.Html(string="Checklist")
    kind_id = fields.Many2one(
        "wo.task.kind",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env.ref("wo_tasks.wo_task_kind_assignment", False),
    )
    executor_type = fields.Selection(EXECUTORS, required=True, default="user")
    user_ids = fields.Many2many("res.users", string="Executors", help="In the order they report.")
    department_id = fields.Many2one("hr.department")
    group_id = fields.Many2one("res.groups")
    controller_id = fields.Many2one("res.users")
    deadline_base = fields.Selection(
        [("start", "Period start"), ("end", "Period end")], required=True, default="end"
    )
    deadline_offset = fields.Integer(
        string="Deadline Offset (Days)", help="From the base: e.g. 20 days after the start."
    )
    working_days = fields.Boolean(
        help="Count the offset in working days of the company's calendar."
    )
    depends_on_id = fields.Many2one(
        "wo.service.step",
        string="Starts After",
        copy=False,
        domain="[('procedure_id', '=', procedure_id), ('id', '!=', id)]",
        ondelete="set null",
        help="The assignment of this step starts when the one of that step is reported.",
    )
    company_id = fields.Many2one(related="procedure_id.company_id", store=True)

    def _check_step(self):
        for step in self:
            names = set(PLACEHOLDER.findall(step.name or ""))
            unknown = names - PLACEHOLDERS
            if unknown:
                raise ValidationError(
                    self.env._(
                        "Step %(step)s: %(names)s is not a placeholder; use {client}, {period} "
                        "or {procedure}.",
                        step=step.name,
                        names=", ".join(f"{{{name}}}" for name in sorted(unknown)),
                    )
                )
            missing = (
                (step.executor_type == "user" and not step.user_ids)
                or (step.executor_type == "head" and not step.department_id)
                or (step.executor_type == "group" and not step.group_id)
            )
            if missing:
                raise ValidationError(self.env._("Step %(step)s has no executor.", step=step.name))
            procedure = step.procedure_id
            longest = period_length(procedure.period, procedure.interval)
            if abs(step.deadline_offset) > longest:
                raise ValidationError(
                    self.env._(
                        "Step %(step)s: a deadline %(days)s days from the period's %(base)s "
                        "falls outside a period of %(length)s days.",
                        step=step.name,
                        days=step.deadline_offset,
                        base=dict(self._fields["deadline_base"]._description_selection(self.env))[
                            step.deadline_base
                        ].lower(),
                        length=longest,
                    )
                )
            seen = step
            before = step.depends_on_id
            while before:
                if before in seen:
                    raise ValidationError(
                        self.env._(
                            "Step %(step)s: its steps wait for each other in a circle.",
                            step=step.name,
                        )
                    )
                if before.procedure_id != procedure:
                    raise ValidationError(
                        self.env._(
                            "Step %(step)s waits for a step of another procedure.", step=step.name
                        )
                    )
                seen |= before
                before = before.depends_on_id

    @api.constrains(
        "name",
        "executor_type",
        "user_ids",
        "department_id",
        "group_id",
        "deadline_offset",
        "depends_on_id",
    )
    def _check_step_constrains(self):
        self._check_step()

    def _in_waiting_order(self):
        """The steps in their order, each after the step it waits for."""
        ordered = self.browse()
        for step in self:
            chain = self.browse()
            while step and step not in ordered and step not in chain:
                chain = step | chain
                step = step.depends_on_id
            ordered |= chain
        return ordered

    def _subject(self, client, label):
        return PLACEHOLDER.sub(
            lambda match: {
                "client": client.partner_id.name or "",
                "period": label,
                "procedure": self.procedure_id.name or "",
            }[match.group(1)],
            self.name,
        )

    def _executors(self, client):
        """The users who carry the step out for ``client``, in order; an
        exception of the client may name another."""
        self.ensure_one()
        exception = client.exception_ids.filtered(lambda e: e.step_id == self)[:1]
        if exception.user_id:
            return exception.user_id
        if self.executor_type == "user":
            return self.user_ids
        if self.executor_type == "manager":
            return client.partner_id.user_id or client.partner_id.commercial_partner_id.user_id
        if self.executor_type == "head":
            return self.department_id.manager_id.user_id
        return self.group_id.sudo().all_user_ids.filtered(lambda u: not u.share and u.active)

    def _deadline(self, start, end):
        base = start if self.deadline_base == "start" else end
        if not self.deadline_offset:
            return base
        if not self.working_days:
            return base + datetime.timedelta(days=self.deadline_offset)
        calendar = self.company_id.resource_calendar_id
        # the Nth working day after the base (plan_days counts its start day)
        step = 1 if self.deadline_offset > 0 else -1
        day = datetime.datetime.combine(base + datetime.timedelta(days=step), datetime.time(12))
        planned = calendar.plan_days(self.deadline_offset, day, compute_leaves=True)
        return planned.date() if planned else base + datetime.timedelta(days=self.deadline_offset)
