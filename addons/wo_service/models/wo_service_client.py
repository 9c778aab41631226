import datetime
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.wo_staff.tools import TRUSTED

from .wo_service_procedure import period_of

_logger = logging.getLogger(__name__)


class WoServiceClient(models.Model):
    """A procedure applied to a counterparty, from a date (to a date), with
    its exceptions: a step skipped, another executor."""

    _name = "wo.service.client"
    _description = "Procedure Client"
    _order = "procedure_id, partner_id, date_start"
    _rec_name = "partner_id"

    procedure_id = fields.Many2one(
        "wo.service.procedure", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(related="partner_id.user_id", string="Manager", store=True)
    date_start = fields.Date(required=True, default=fields.Date.context_today)
    date_end = fields.Date()
    exception_ids = fields.One2many("wo.service.exception", "client_id", string="Exceptions")
    date_next = fields.Date(
        string="Next Period",
        readonly=True,
        copy=False,
        help="The start of the next period whose assignments are not generated yet.",
    )
    date_generate = fields.Date(
        string="Generated On",
        compute="_compute_date_generate",
        store=True,
        index="btree_not_null",
        help="When the next period's assignments are generated.",
    )
    run_ids = fields.One2many("wo.service.run", "client_id", string="Assignments")
    company_id = fields.Many2one(related="procedure_id.company_id", store=True)

    _dates_check = models.Constraint(
        "CHECK (date_end IS NULL OR date_end >= date_start)",
        "A procedure cannot end for a client before it starts.",
    )
    _no_overlap = models.Constraint(
        "EXCLUDE USING gist (procedure_id WITH =, partner_id WITH =, "
        "daterange(date_start, date_end, '[]') WITH &&)",
        "The procedure is already applied to the client in these dates.",
    )

    def _auto_init(self):
        self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        return super()._auto_init()

    @api.depends("date_next", "procedure_id.horizon_days")
    def _compute_date_generate(self):
        for client in self:
            client.date_generate = client.date_next and client.date_next - datetime.timedelta(
                days=client.procedure_id.horizon_days
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_free(vals)
        clients = super().create(vals_list)
        for client in clients.sudo():
            client.date_next = client._first_period()
        return clients

    def write(self, vals):
        if not self.env.su:
            if "date_next" in vals:
                raise UserError(self.env._("The next period is the generation's to move."))
            manager = self.env.user.has_group("wo_service.group_wo_service_manager")
            if not manager and {"procedure_id", "partner_id"} & set(vals):
                raise UserError(
                    self.env._("A WO Service Manager moves a client to another procedure.")
                )
        if "date_start" in vals:
            started = (
                self.env["wo.service.run"]
                .sudo()
                .search_count([("client_id", "in", self.ids)], limit=1)
            )
            if started:
                raise UserError(
                    self.env._(
                        "Periods were already generated from this start: end the "
                        "procedure for the client and apply it again from the new date."
                    )
                )
        for client in self:
            if {"procedure_id", "partner_id", "date_start", "date_end"} & set(vals):
                self._check_free(
                    {
                        "procedure_id": vals.get("procedure_id", client.procedure_id.id),
                        "partner_id": vals.get("partner_id", client.partner_id.id),
                        "date_start": vals.get("date_start", client.date_start),
                        "date_end": vals.get("date_end", client.date_end),
                    },
                    client,
                )
        result = super().write(vals)
        if "date_start" in vals:
            for client in self.sudo():
                client.date_next = client._first_period()
        if {"date_start", "date_end"} & set(vals):
            self._resume()
            self._stop_at_end()
        return result

    def _check_free(self, vals, client=None):
        """Before the INSERT, in words (the exclusion constraint guarantees it)."""
        start = fields.Date.to_date(vals.get("date_start")) or fields.Date.context_today(self)
        end = fields.Date.to_date(vals.get("date_end"))
        if end and end < start:
            raise ValidationError(
                self.env._("A procedure cannot end for a client before it starts.")
            )
        domain = [
            ("procedure_id", "=", vals.get("procedure_id")),
            ("partner_id", "=", vals.get("partner_id")),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", start),
        ]
        if end:
            domain.append(("date_start", "<=", end))
        if client:
            domain.append(("id", "!=", client.id))
        other = self.sudo().search(domain, limit=1)
        if other:
            raise ValidationError(
                self.env._(
                    "%(procedure)s is already applied to %(client)s from %(date)s.",
                    procedure=other.procedure_id.name,
                    client=other.partner_id.display_name,
                    date=other.date_start,
                )
            )

    def _first_period(self):
        self.ensure_one()
        procedure = self.procedure_id
        start, _end, _label = period_of(
            procedure.period, procedure.interval, self.date_start, self.date_start
        )
        return start

    def _resume(self):
        """A client whose end was moved later goes on from the period after
        the last one generated (or its first period)."""
        Run = self.env["wo.service.run"].sudo()
        for client in self.sudo().filtered(lambda c: not c.date_next):
            last = Run.search([("client_id", "=", client.id)], order="period_start desc", limit=1)
            date_next = (
                last.period_end + datetime.timedelta(days=1) if last else client._first_period()
            )
            if not client.date_end or date_next <= client.date_end:
                client.date_next = date_next

    def _stop_at_end(self):
        for client in self.sudo():
            if client.date_end and client.date_next and client.date_next > client.date_end:
                client.date_next = False

    # --------------------------------------------------------------- generation
    @api.model
    def _cron_generate(self, batch_size=100):
        """The scheduled generation: clients of the procedures' tags first,
        then every period due."""
        self._sync_tags()
        self._generate(batch_size=batch_size)

    @api.model
    def _sync_tags(self):
        """Every counterparty with a tag of a procedure is its client, from
        today (unless it is a client already)."""
        today = fields.Date.context_today(self)
        for procedure in self.env["wo.service.procedure"].sudo().search([("tag_ids", "!=", False)]):
            partners = (
                self.env["res.partner"]
                .sudo()
                .search(
                    [
                        ("category_id", "in", procedure.tag_ids.ids),
                        ("company_id", "in", [False, procedure.company_id.id]),
                        ("wo_service_client_ids", "not any", [("procedure_id", "=", procedure.id)]),
                    ]
                )
            )
            if partners:
                self.sudo().create(
                    [
                        {
                            "procedure_id": procedure.id,
                            "partner_id": partner.id,
                            "date_start": today,
                        }
                        for partner in partners
                    ]
                )

    def _generate_now(self):
        """The clients' periods due now, in the current transaction (the
        procedure's *Generate Now*; no commit in the middle of a request)."""
        today = fields.Date.context_today(self)
        due = self.sudo().filtered(
            lambda c: c.date_next and c.date_generate and c.date_generate <= today
        )
        for client in due._lock_skip_locked():
            client._generate_due(today)

    def action_generate_now(self):
        if not self.env.user.has_group("wo_service.group_wo_service_manager"):
            raise UserError(self.env._("A WO Service Manager generates out of schedule."))
        self._generate_now()
        return True

    @api.model
    def _generate(self, clients=None, batch_size=100):
        """Every client whose next period is within its procedure's horizon
        gets that period's assignments, once; then the next period, until
        the horizon. In batches, committed as it goes (``_commit_progress``):
        a crashed run resumes where it stopped. Two runs at once never make
        an assignment twice: each client is locked while it is handled (the
        other run skips it), and a unique index holds one run per client,
        step and period."""
        today = fields.Date.context_today(self)
        domain = [
            ("date_generate", "<=", today),
            ("date_next", "!=", False),
            ("procedure_id.active", "=", True),
            ("partner_id.active", "=", True),
        ]
        if clients is not None:
            domain.append(("id", "in", clients.ids))
        Client = self.sudo().with_context(mail_notify_force_send=False)
        cron = self.env["ir.cron"]
        skipped = set()
        while True:
            batch = Client.search(
                [*domain, ("id", "not in", list(skipped))], limit=batch_size, order="id"
            )
            if not batch:
                return
            locked = batch._lock_skip_locked()
            skipped.update((batch - locked).ids)
            for client in locked:
                try:
                    with self.env.cr.savepoint():
                        client._generate_due(today)
                except UserError as error:
                    # (no executor for a step, say): the others go on; this
                    # client is tried again on the next run
                    _logger.info("WO Service: %s not served: %s", client.partner_id.name, error)
                    skipped.add(client.id)
            if not cron._commit_progress(len(locked), remaining=Client.search_count(domain)):
                return

    def _lock_skip_locked(self):
        """The clients of ``self`` that no other transaction is handling
        (locked now, until the commit)."""
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM wo_service_client WHERE id = ANY(%s) FOR UPDATE SKIP LOCKED",
                self.ids,
            )
        )
        self.invalidate_recordset()
        return self.browse([row[0] for row in rows])

    def _generate_due(self, today):
        """The periods of the client due by ``today`` (within the horizon)."""
        self.ensure_one()
        procedure = self.procedure_id
        horizon = today + datetime.timedelta(days=procedure.horizon_days)
        while self.date_next and self.date_next <= horizon:
            start, end, label = period_of(
                procedure.period, procedure.interval, self.date_start, self.date_next
            )
            if self.date_end and start > self.date_end:
                self.date_next = False
                break
            self._generate_period(start, end, label, today)
            self.date_next = end + datetime.timedelta(days=1)
        self._stop_at_end()

    def _generate_period(self, start, end, label, today):
        """One assignment per step for the period, in one thread (the first
        step's assignment); a step that waits for another stays a draft
        until that one is reported."""
        self.ensure_one()
        Run = self.env["wo.service.run"].sudo()
        made = Run.search([("client_id", "=", self.id), ("period_start", "=", start)], order="id")
        runs = {run.step_id: run for run in made}
        thread = made[:1].task_id
        # (the runs are made with the assignments' stage: no need to follow it)
        Task = (
            self.env["wo.task"]
            .sudo()
            .with_context(wo_task_engine=TRUSTED, wo_service_generating=TRUSTED)
        )
        skipped = self.exception_ids.filtered("skip").step_id
        for step in self.procedure_id.step_ids._in_waiting_order():
            if step in runs or step in skipped:
                continue
            executors = step._executors(self)
            if not executors:
                raise UserError(
                    self.env._(
                        "Step %(step)s of %(procedure)s has no executor for %(client)s.",
                        step=step.name,
                        procedure=self.procedure_id.name,
                        client=self.partner_id.display_name,
                    )
                )
            controller = step.controller_id or self.partner_id.user_id or executors[0]
            task = Task.create(
                {
                    "subject": step._subject(self, label),
                    "description": step.description,
                    "kind_id": step.kind_id.id,
                    "initiator_id": controller.id,
                    "controller_id": controller.id,
                    "partner_id": self.partner_id.id,
                    "res_model": self._name,
                    "res_id": self.id,
                    "company_id": self.company_id.id,
                    # a period generated late (a client taken on mid-way)
                    # is due today at the earliest
                    "date_deadline": max(step._deadline(start, end), today),
                    "parent_id": thread.id,
                    "executor_ids": [
                        (0, 0, {"user_id": user.id, "sequence": index})
                        for index, user in enumerate(executors)
                    ],
                }
            )
            # the step it waits for: a skipped step passes the wait on to its own
            before = step.depends_on_id
            while before in skipped:
                before = before.depends_on_id
            wait = runs.get(before, Run)
            if not wait or wait.task_id.state_code in ("reported", "done"):
                task.action_assign()
            runs[step] = Run.create(
                {
                    "client_id": self.id,
                    "step_id": step.id,
                    "period_start": start,
                    "period_end": end,
                    "period_label": label,
                    "task_id": task.id,
                    "state_code": task.state_code,
                    "wait_run_id": wait.id,
                }
            )
            thread = thread or task


class WoServiceException(models.Model):
    """For one client: a step skipped, or carried out by someone else."""

    _name = "wo.service.exception"
    _description = "Procedure Exception"

    client_id = fields.Many2one("wo.service.client", required=True, index=True, ondelete="cascade")
    step_id = fields.Many2one(
        "wo.service.step",
        required=True,
        ondelete="cascade",
        domain="[('procedure_id', '=', procedure_id)]",
    )
    procedure_id = fields.Many2one(related="client_id.procedure_id")
    skip = fields.Boolean(string="Skip the Step")
    user_id = fields.Many2one(
        "res.users", string="Other Executor", domain="[('share', '=', False)]"
    )
    company_id = fields.Many2one(related="client_id.company_id", store=True)

    _step_uniq = models.Constraint(
        "UNIQUE (client_id, step_id)", "A step has one exception per client."
    )

    @api.constrains("skip", "user_id", "step_id")
    def _check_exception(self):
        for exception in self:
            if exception.step_id.procedure_id != exception.client_id.procedure_id:
                raise ValidationError(
                    self.env._("An exception is of a step of the client's procedure.")
                )
            if exception.user_id.share:
                raise ValidationError(
                    self.env._("%(user)s is not an employee.", user=exception.user_id.name)
                )
            if not exception.skip and not exception.user_id:
                raise ValidationError(
                    self.env._(
                        "The exception for %(step)s skips it or names another executor.",
                        step=exception.step_id.name,
                    )
                )
