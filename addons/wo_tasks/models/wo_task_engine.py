"""The execution engine: the one place that decides whose turn it is.

Public actions (usable over XML-RPC and from other addons) check the caller's
role, lock the rows they change (``SELECT ... FOR UPDATE``) so that two
concurrent calls cannot both decide, then change states under the
``wo_task_engine`` context, which the models' ``write()`` otherwise refuse.
"""

from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.wo_staff.tools import TRUSTED, process_in_batches

from .wo_task_cycle import CLOSED_CODES, OPEN_WORK_CODES
from .wo_task_executor import FINAL, REPORTABLE

ACTIVITY_TYPE = "wo_tasks.mail_activity_type_wo_task"


class WoTask(models.Model):
    _inherit = "wo.task"

    # ---------------------------------------------------------------- helpers
    def _engine(self):
        # the engine writes after its own checks (role, turn, state): the
        # records' role guard and access rules have had their say already
        return self.sudo().with_context(wo_task_engine=TRUSTED)

    def _lock(self):
        """Lock the assignments and their lines; re-read them afterwards."""
        if self.ids:
            self.env.cr.execute(
                SQL("SELECT id FROM wo_task WHERE id = ANY(%s) FOR UPDATE", self.ids)
            )
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM wo_task_executor WHERE task_id = ANY(%s) "
                    "ORDER BY id FOR UPDATE",
                    self.ids,
                )
            )
            self.invalidate_recordset()
            self.executor_ids.invalidate_recordset()

    def _set_state(self, code, reason=None):
        """Move to the cycle's state of ``code``; the cycle must allow it."""
        for task in self:
            target = task.cycle_id._state(code)
            if not target:
                raise UserError(
                    self.env._(
                        "The cycle %(cycle)s has no state for '%(code)s'.",
                        cycle=task.cycle_id.name,
                        code=code,
                    )
                )
            if target == task.state_id:
                continue
            if not task._transition_to(target):
                raise UserError(
                    self.env._(
                        "The cycle %(cycle)s does not allow %(task)s to go from %(from)s "
                        "to %(to)s.",
                        cycle=task.cycle_id.name,
                        task=task.display_name,
                        **{"from": task.state_id.name, "to": target.name},
                    )
                )
            task._engine().with_context(wo_task_reason=reason).write({"state_id": target.id})

    def _check_open_for_work(self):
        for task in self:
            if task.state_code not in OPEN_WORK_CODES:
                raise UserError(
                    self.env._(
                        "%(task)s is %(state)s: nobody reports on it.",
                        task=task.display_name,
                        state=task.state_id.name,
                    )
                )

    def _activity_for(self, user, summary, date_deadline=None, note=None):
        self.ensure_one()
        return (
            self.sudo()
            .with_context(mail_activity_quick_update=True)
            .activity_schedule(
                ACTIVITY_TYPE,
                date_deadline=date_deadline or fields.Date.context_today(self),
                summary=summary,
                note=note,
                user_id=user.id,
            )
        )

    # ---------------------------------------------------------------- actions
    def action_assign(self):
        """Draft -> assigned: the engine activates the first line(s)."""
        self._check_role("initiator", "controller")
        self._lock()
        for task in self:
            if task.state_code != "draft":
                raise UserError(self.env._("%(task)s is already assigned.", task=task.display_name))
            if not task.executor_ids:
                raise UserError(self.env._("An assignment needs at least one executor."))
            task._set_state("assigned")
            task._engine().write({"date_assigned": fields.Datetime.now()})
            lines = task.executor_ids.sorted(lambda line: (line.sequence, line.id))
            if task.execution_mode == "sequential":
                lines = lines[:1]
            lines._activate()
        return True

    def action_accept(self):
        """The controller accepts the reported result: done."""
        self._check_role("controller")
        self._lock()
        for task in self:
            if task.state_code != "reported":
                raise UserError(
                    self.env._(
                        "%(task)s is %(state)s: only a reported assignment is accepted.",
                        task=task.display_name,
                        state=task.state_id.name,
                    )
                )
            task._set_state("done")
            task._engine().write({"date_done": fields.Datetime.now()})
            task._close_activities(task.activity_ids)
        return True

    def action_return(self, reason, line_ids=None):
        """The controller returns the result for rework, with a reason; the
        reported lines (or the given ones) become active again."""
        self._check_role("controller")
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the assignment is returned."))
        self._lock()
        for task in self:
            if task.state_code != "reported":
                raise UserError(
                    self.env._(
                        "%(task)s is %(state)s: only a reported assignment is returned.",
                        task=task.display_name,
                        state=task.state_id.name,
                    )
                )
            lines = task.executor_ids.filtered(lambda line: line.state == "reported")
            if line_ids:
                lines = lines.filtered(lambda line: line.id in line_ids)
            if not lines:
                raise UserError(self.env._("Choose the reported lines to return."))
            task._set_state("returned", reason)
            task._engine().write({"return_reason": reason, "date_reported": False})
            task._close_activities(task.activity_ids)
            lines._engine().write({"date_report": False, "progress": 0.0})
            lines._activate()
            task.message_post(
                body=self.env._("Returned for rework: %(reason)s", reason=reason),
                partner_ids=lines.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_cancel(self):
        self._check_role("initiator", "controller")
        self._lock()
        for task in self:
            if task.state_code in CLOSED_CODES:
                raise UserError(
                    self.env._(
                        "%(task)s is already %(state)s.",
                        task=task.display_name,
                        state=task.state_id.name,
                    )
                )
            task._set_state("cancelled")
            lines = task.executor_ids.filtered(lambda line: line.state not in FINAL)
            task._close_activities(
                task.activity_ids | lines.activity_id | task.executor_ids.decision_activity_id
            )
            lines._engine().write({"state": "skipped"})
        return True

    def action_reset_to_draft(self):
        self._check_role("initiator", "controller")
        for task in self:
            if task.state_code != "cancelled":
                raise UserError(self.env._("Only a cancelled assignment goes back to draft."))
            task._set_state("draft")
            task.executor_ids._engine().write(
                {"state": "waiting", "progress": 0.0, "date_report": False, "date_activated": False}
            )
        return True

    # ------------------------------------------------------------------ engine
    def _advance(self):
        """After a line changed: activate what comes next, report the task
        when its mode says so."""
        for task in self:
            if task.state_code in CLOSED_CODES or task.state_code == "reported":
                continue
            lines = task.executor_ids.sorted(lambda line: (line.sequence, line.id))
            if task.execution_mode == "responsible":
                responsible = lines.filtered("is_responsible")
                if responsible.state == "reported":
                    others = lines.filtered(lambda line: line.state not in FINAL)
                    task._close_activities(others.activity_id)
                    others._engine().write({"state": "skipped"})
                    task._on_reported()
                continue
            if task.execution_mode == "sequential":
                if lines.filtered(lambda line: line.state in REPORTABLE):
                    continue
                if lines.filtered(
                    lambda line: line.state == "refused" and line.decision_activity_id
                ):
                    continue  # the controller decides first
                waiting = lines.filtered(lambda line: line.state == "waiting")
                if waiting:
                    waiting[:1]._activate()
                    continue
            if all(line.state in FINAL for line in lines) and any(
                line.state == "reported" for line in lines
            ):
                task._on_reported()

    def _on_reported(self):
        self.ensure_one()
        self._set_state("reported")
        self._engine().write({"date_reported": fields.Datetime.now()})
        self._activity_for(
            self.controller_id,
            self.env._("Accept or return: %(task)s", task=self.display_name),
        )

    def _close_activities(self, activities):
        activities = activities.exists()
        if activities:
            activities.sudo().action_feedback(feedback=self.env._("Done by the assignment's flow."))

    @api.model
    def _deadline_datetime(self, date):
        return datetime.combine(date, time.min) + timedelta(days=1)


class WoTaskExecutor(models.Model):
    _inherit = "wo.task.executor"

    def _engine(self):
        # the engine writes after its own checks (role, turn, state): the
        # records' role guard and access rules have had their say already
        return self.sudo().with_context(wo_task_engine=TRUSTED)

    def _activate(self):
        """The line becomes the executor's to do: an activity for them, and the
        overdue cron is woken on the day after its deadline."""
        now = fields.Datetime.now()
        cron = self.env.ref("wo_tasks.ir_cron_wo_task_overdue", raise_if_not_found=False)
        for line in self:
            line._engine().write({"state": "active", "date_activated": now})
            task = line.task_id
            activity = task._activity_for(
                line.user_id,
                self.env._("Carry out: %(task)s", task=task.display_name),
                date_deadline=line.date_deadline_effective,
            )
            line._engine().write({"activity_id": activity.id})
            if cron and line.date_deadline_effective:
                cron.sudo()._trigger(task._deadline_datetime(line.date_deadline_effective))

    def _check_may_act(self):
        """The executor, someone acting for them, or a Director; with the
        level to work on it (Editor) and the rules letting them see it."""
        self.check_access("write")
        for line in self:
            user = self.env.user
            if self.env.su or user.has_group("wo_staff.group_wo_director"):
                continue
            if not user._wo_acts_for(line.user_id):
                raise UserError(
                    self.env._(
                        "This line of %(task)s is %(user)s's: you do not act for them.",
                        task=line.task_id.display_name,
                        user=line.user_id.name,
                    )
                )

    def _check_turn(self):
        for line in self:
            if line.state in REPORTABLE:
                continue
            if line.state == "reported":
                message = self.env._(
                    "%(user)s has already reported on %(task)s.",
                    user=line.user_id.name,
                    task=line.task_id.display_name,
                )
            elif line.state == "waiting":
                message = self.env._(
                    "It is not yet %(user)s's turn on %(task)s.",
                    user=line.user_id.name,
                    task=line.task_id.display_name,
                )
            else:
                message = self.env._(
                    "%(user)s's line of %(task)s is %(state)s.",
                    user=line.user_id.name,
                    task=line.task_id.display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[line.state],
                )
            raise UserError(message)

    def action_start(self):
        """The executor marks the line in progress."""
        self.check_access("write")
        self.task_id._lock()
        self._check_may_act()
        self.task_id._check_open_for_work()
        self._check_turn()
        self._engine().write({"state": "in_progress"})
        for task in self.task_id:
            if task.state_code in ("assigned", "returned"):
                task._set_state("in_progress")
        return True

    def action_report(self, result=None, progress=100.0, delay_reason_id=None, delay_comment=None):
        """The executor reports the line: their turn ends and the engine
        decides what comes next. A late report needs a delay reason."""
        self.check_access("write")
        self.task_id._lock()
        self._check_may_act()
        self.task_id._check_open_for_work()
        self._check_turn()
        today = fields.Date.context_today(self)
        for line in self:
            late = bool(line.date_deadline_effective and line.date_deadline_effective < today)
            if late and not delay_reason_id:
                raise UserError(
                    self.env._(
                        "%(task)s was due on %(date)s: give the reason for the delay.",
                        task=line.task_id.display_name,
                        date=line.date_deadline_effective,
                    )
                )
            if progress is None or not 0 <= progress <= 100:
                raise UserError(
                    self.env._("%% done goes from 0 to 100, not %(value)s.", value=progress)
                )
            values = {
                "state": "reported",
                "date_report": fields.Datetime.now(),
                "progress": progress,
                "is_late": late,
            }
            if result is not None:
                values["result"] = result
            if late:
                values.update(delay_reason_id=delay_reason_id, delay_comment=delay_comment)
            line._engine().write(values)
            line.task_id._close_activities(line.activity_id)
            task = line.task_id
            if task.execution_mode == "responsible" and not line.is_responsible:
                responsible = task.executor_ids.filtered("is_responsible")
                task.message_post(
                    body=self.env._(
                        "%(user)s reported to %(responsible)s: %(result)s",
                        user=line.user_id.name,
                        responsible=responsible.user_id.name,
                        result=result or "",
                    ),
                    partner_ids=responsible.user_id.partner_id.ids,
                    subtype_xmlid="mail.mt_comment",
                )
            if task.state_code in ("assigned", "returned"):
                task._set_state("in_progress")
        self.task_id._advance()
        return True

    def action_refuse(self, reason):
        """The executor refuses, with a reason: the controller decides."""
        if not (reason or "").strip():
            raise UserError(self.env._("A refusal needs a reason."))
        self.check_access("write")
        self.task_id._lock()
        self._check_may_act()
        self.task_id._check_open_for_work()
        self._check_turn()
        for line in self:
            task = line.task_id
            line._engine().write({"state": "refused", "refusal_reason": reason})
            task._close_activities(line.activity_id)
            decision = task._activity_for(
                task.controller_id,
                self.env._("%(user)s refused: reassign, skip or cancel", user=line.user_id.name),
                note=reason,
            )
            line._engine().write({"decision_activity_id": decision.id})
        self.task_id._advance()
        return True

    def _check_controller(self):
        self.task_id._check_role("controller")

    def _check_not_closed(self):
        for line in self:
            if line.state in ("reported", "skipped"):
                raise UserError(
                    self.env._(
                        "%(user)s's line of %(task)s is closed.",
                        user=line.user_id.name,
                        task=line.task_id.display_name,
                    )
                )

    def action_reassign(self, user):
        """The controller gives the line to another executor (a user or,
        over XML-RPC, a user id)."""
        if isinstance(user, int):
            user = self.env["res.users"].browse(user).exists()
        if not user:
            raise UserError(self.env._("Name the new executor."))
        self._check_controller()
        self.task_id._lock()
        self._check_not_closed()
        for line in self:
            if user in (line.task_id.executor_ids - line).user_id:
                raise UserError(self.env._("An executor appears once in an assignment."))
            previous = line.user_id
            was_current = line.state in REPORTABLE or line.state == "refused"
            line.task_id._close_activities(line.activity_id | line.decision_activity_id)
            line._engine().write(
                {"user_id": user.id, "refusal_reason": False, "decision_activity_id": False}
            )
            line.task_id.message_post(
                body=self.env._(
                    "Reassigned from %(old)s to %(new)s.", old=previous.name, new=user.name
                ),
                subtype_xmlid="mail.mt_note",
            )
            if was_current:
                line._activate()
        self.task_id._advance()
        return True

    def action_skip(self):
        """The controller skips the line: the engine goes on without it."""
        self._check_controller()
        self.task_id._lock()
        self._check_not_closed()
        for line in self:
            line.task_id._close_activities(line.activity_id | line.decision_activity_id)
            line._engine().write({"state": "skipped", "decision_activity_id": False})
        self.task_id._advance()
        return True

    # ------------------------------------------------------------------- crons
    @api.model
    def _cron_mark_overdue(self, batch_size=500):
        """Lines past their deadline become overdue; executor and controller
        are told; where the kind allows it, the next executor goes on.

        Idempotent: a line leaves the selected states as it is handled, and
        each batch commits with it; a crash redoes only the uncommitted batch.
        """
        today = fields.Date.context_today(self)
        domain = [
            ("state", "in", ("active", "in_progress")),
            ("date_deadline_effective", "<", today),
            ("task_id.is_closed", "=", False),
        ]
        process_in_batches(self, domain, lambda lines: lines._mark_overdue(), batch_size)

    def _mark_overdue(self):
        self._engine().write({"state": "overdue"})
        for task, lines in self.grouped("task_id").items():
            names = ", ".join(lines.user_id.mapped("name"))
            task.message_post(
                body=self.env._(
                    "Overdue since %(date)s: %(users)s.",
                    date=lines[0].date_deadline_effective,
                    users=names,
                ),
                partner_ids=(lines.user_id | task.controller_id).partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
            task._activity_for(
                task.controller_id,
                self.env._("Overdue: %(users)s on %(task)s", users=names, task=task.display_name),
            )
            if task.execution_mode == "sequential" and task.kind_id.allow_next_when_overdue:
                waiting = task.executor_ids.sorted(lambda line: (line.sequence, line.id)).filtered(
                    lambda line: line.state == "waiting"
                )
                waiting[:1]._activate()

    @api.model
    def _cron_remind(self, batch_size=500):
        """A reminder N days (per kind) before a line's deadline, once."""
        today = fields.Date.context_today(self)
        domain = [
            ("state", "in", ("active", "in_progress")),
            ("date_reminded", "=", False),
            ("date_remind", "<=", today),
            ("date_deadline_effective", ">=", today),
        ]

        def remind(lines):
            lines._engine().write({"date_reminded": today})
            for line in lines:
                line.task_id.message_notify(
                    partner_ids=line.user_id.partner_id.ids,
                    subject=self.env._("Due on %(date)s", date=line.date_deadline_effective),
                    body=self.env._(
                        "%(task)s is due on %(date)s.",
                        task=line.task_id.display_name,
                        date=line.date_deadline_effective,
                    ),
                )

        process_in_batches(self, domain, remind, batch_size)
