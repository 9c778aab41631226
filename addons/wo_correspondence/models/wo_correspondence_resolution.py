from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.wo_staff.tools import TRUSTED


class WoCorrespondenceResolution(models.Model):
    """A head's resolution on a letter ("to Petrenko: prepare an answer by
    Friday"): saved, it is issued as a controlled assignment of the wo_tasks
    engine, linked to the letter. Its text and executors then stay as
    written; the assignment carries the work."""

    _name = "wo.correspondence.resolution"
    _description = "Resolution"
    _order = "correspondence_id, id"

    correspondence_id = fields.Many2one(
        "wo.correspondence", string="Letter", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="correspondence_id.company_id", store=True, index=True)
    author_id = fields.Many2one(
        "res.users",
        string="Resolution By",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        index=True,
    )
    text = fields.Text(string="Resolution", required=True)
    responsible_id = fields.Many2one(
        "res.users",
        string="Executor",
        required=True,
        index=True,
        domain="[('share', '=', False)]",
        help="Answers for the whole resolution; co-executors help.",
    )
    co_executor_ids = fields.Many2many(
        "res.users",
        "wo_correspondence_resolution_user_rel",
        "resolution_id",
        "user_id",
        string="Co-executors",
        domain="[('share', '=', False)]",
    )
    controller_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        index=True,
    )
    date_deadline = fields.Date(string="Deadline", required=True)
    task_id = fields.Many2one(
        "wo.task", string="Assignment", readonly=True, copy=False, index=True, ondelete="restrict"
    )
    task_state_id = fields.Many2one(related="task_id.state_id", string="Execution")
    is_overdue = fields.Boolean(related="task_id.is_overdue")
    progress = fields.Float(related="task_id.progress")

    _task_uniq = models.UniqueIndex(
        "(task_id) WHERE task_id IS NOT NULL", "An assignment carries one resolution."
    )

    @api.constrains("responsible_id", "co_executor_ids")
    def _check_executors(self):
        for resolution in self:
            if resolution.responsible_id in resolution.co_executor_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s is the executor: not a co-executor as well.",
                        user=resolution.responsible_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        resolutions = super().create(vals_list)
        resolutions._issue()
        return resolutions

    def write(self, vals):
        if set(vals) - {"task_id"} and any(resolution.task_id for resolution in self):
            raise UserError(
                self.env._(
                    "An issued resolution stays as written: change its assignment (deadline, "
                    "executors) or issue a new resolution."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_issued(self):
        if any(resolution.task_id for resolution in self):
            raise UserError(
                self.env._("An issued resolution is not deleted: cancel its assignment.")
            )

    def _check_may_resolve(self):
        """A resolution is a head's: a Director, a department head, the
        letter's addressee or whoever acts for them."""
        self.ensure_one()
        letter = self.correspondence_id
        letter.check_access("write")
        if not letter.name:
            raise UserError(
                self.env._(
                    "Register %(letter)s before resolving on it.", letter=letter.display_name
                )
            )
        if letter.direction == "outgoing":
            raise UserError(self.env._("Resolutions are written on incoming and internal letters."))
        user = self.env.user
        if (
            self.env.su
            or user.has_group("wo_staff.group_wo_director")
            or user.wo_headed_department_ids
            or (letter.recipient_user_id and user._wo_acts_for(letter.recipient_user_id))
        ):
            return
        raise UserError(
            self.env._(
                "Only a head, a Director or the addressee of %(letter)s writes a resolution on it.",
                letter=letter.display_name,
            )
        )

    def _issue(self):
        """The assignment: the executor first (responsible), the co-executors
        after; linked to the letter, assigned at once."""
        kind = self.env.ref("wo_correspondence.wo_task_kind_resolution")
        for resolution in self:
            resolution._check_may_resolve()
            letter = resolution.correspondence_id
            users = resolution.responsible_id | resolution.co_executor_ids
            task = (
                self.env["wo.task"]
                .sudo()
                .with_context(wo_task_engine=TRUSTED)
                .create(
                    {
                        "subject": self.env._(
                            "Resolution on %(letter)s", letter=letter.display_name
                        ),
                        "description": resolution.text,
                        "kind_id": kind.id,
                        "execution_mode": "responsible" if len(users) > 1 else "sequential",
                        "priority": letter.priority,
                        "initiator_id": resolution.author_id.id,
                        "controller_id": resolution.controller_id.id,
                        "date_deadline": resolution.date_deadline,
                        "res_model": letter._name,
                        "res_id": letter.id,
                        "partner_id": letter.partner_id.id,
                        "company_id": letter.company_id.id,
                        "executor_ids": [
                            (0, 0, {"user_id": user.id, "sequence": index})
                            for index, user in enumerate(users)
                        ],
                    }
                )
            )
            task.action_assign()
            resolution.with_context(wo_correspondence_flow=TRUSTED).task_id = task
            letter.message_post(
                body=self.env._(
                    "Resolution of %(author)s: %(text)s (executor %(executor)s, deadline "
                    "%(deadline)s, assignment %(task)s)",
                    author=resolution.author_id.name,
                    text=resolution.text,
                    executor=resolution.responsible_id.name,
                    deadline=resolution.date_deadline,
                    task=task.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def action_open_task(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "wo.task",
            "res_id": self.task_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
