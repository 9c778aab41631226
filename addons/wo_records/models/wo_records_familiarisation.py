from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.wo_staff.tools import TRUSTED
from odoo.addons.wo_staff.tools.batches import process_in_batches

FAMILIARISATION_STATES = [("reading", "Being read"), ("done", "Read by all")]


class WoRecordsFamiliarisation(models.Model):
    """A familiarisation list (лист ознайомлення): a document or a letter
    sent to employees to read; each confirms it, with the time."""

    _name = "wo.records.familiarisation"
    _description = "Familiarisation List"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    document_id = fields.Many2one("wo.document", index="btree_not_null", ondelete="cascade")
    correspondence_id = fields.Many2one(
        "wo.correspondence", string="Letter", index="btree_not_null", ondelete="cascade"
    )
    name = fields.Char(compute="_compute_name")
    sender_id = fields.Many2one(
        "res.users", string="Sent by", required=True, default=lambda self: self.env.user
    )
    date = fields.Datetime(string="Sent On", required=True, default=fields.Datetime.now)
    date_deadline = fields.Date(string="Read By")
    message = fields.Text()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    line_ids = fields.One2many("wo.records.familiarisation.line", "familiarisation_id")
    line_count = fields.Integer(string="Readers", compute="_compute_progress", store=True)
    read_count = fields.Integer(string="Read", compute="_compute_progress", store=True)
    state = fields.Selection(
        FAMILIARISATION_STATES, compute="_compute_progress", store=True, index=True
    )

    _record_check = models.Constraint(
        "CHECK ((document_id IS NULL) != (correspondence_id IS NULL))",
        "A familiarisation list is of one document or one letter.",
    )

    @api.depends("document_id.display_name", "correspondence_id.display_name")
    def _compute_name(self):
        for familiarisation in self:
            familiarisation.name = familiarisation._record().sudo().display_name

    @api.depends("line_ids.date_read")
    def _compute_progress(self):
        for familiarisation in self:
            lines = familiarisation.line_ids
            familiarisation.line_count = len(lines)
            familiarisation.read_count = len(lines.filtered("date_read"))
            familiarisation.state = (
                "done" if lines and all(lines.mapped("date_read")) else "reading"
            )

    def _record(self):
        self.ensure_one()
        return self.document_id or self.correspondence_id

    @api.model
    def _action_open_send(self, record):
        record.ensure_one()
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send to Read"),
            "res_model": "wo.records.familiarise",
            "view_mode": "form",
            "target": "new",
            "context": {"default_res_model": record._name, "default_res_id": record.id},
        }

    @api.model
    def _send(self, record, users, date_deadline=None, message=None):
        """``record`` (a document or a letter) goes to ``users`` to read: they
        follow it, each gets an activity; all must be able to read it."""
        record.ensure_one()
        record.check_access("read")
        users = users.filtered(lambda u: not u.share)
        if not users:
            raise UserError(self.env._("Choose the employees who read it."))
        today = fields.Date.context_today(self)
        if date_deadline and fields.Date.to_date(date_deadline) < today:
            raise UserError(self.env._("The reading deadline has passed already."))
        record.sudo().message_subscribe(partner_ids=users.partner_id.ids)
        blind = users.filtered(lambda u: not record.with_user(u).has_access("read"))
        if blind:
            raise UserError(
                self.env._(
                    "%(users)s cannot read %(record)s: give them the app's level, or leave them "
                    "off the list.",
                    users=", ".join(blind.mapped("name")),
                    record=record.display_name,
                )
            )
        field = "document_id" if record._name == "wo.document" else "correspondence_id"
        familiarisation = self.sudo().create(
            {
                field: record.id,
                "date_deadline": date_deadline,
                "message": message,
                "company_id": record.company_id.id,
                "sender_id": self.env.uid,
                "line_ids": [(0, 0, {"user_id": user.id}) for user in users],
            }
        )
        activity_type = self.env.ref("wo_records.mail_activity_type_familiarise")
        for line in familiarisation.line_ids:
            activity = record.sudo().activity_schedule(
                activity_type_id=activity_type.id,
                summary=self.env._("Read and confirm: %(record)s", record=record.display_name),
                note=message or "",
                user_id=line.user_id.id,
                date_deadline=date_deadline or today,
            )
            line.activity_id = activity
        return familiarisation.with_env(self.env)

    @api.model
    def _demo_send(self, document_id, user_ids):
        """The demo data: a document sent to read."""
        document = self.env["wo.document"].browse(document_id)
        users = self.env["res.users"].browse(user_ids)
        deadline = fields.Date.add(fields.Date.context_today(self), days=3)
        return self._send(document, users, deadline, self.env._("Read before Monday's meeting."))

    def action_confirm_read(self):
        """The current user confirms they read it."""
        lines = self.line_ids.filtered(lambda l: l.user_id == self.env.user and not l.date_read)
        if not lines:
            raise UserError(self.env._("Nothing here waits for you to read it."))
        lines._confirm()
        return True

    @api.model
    def _cron_remind(self, batch_size=500):
        """Once, the day after the reading deadline, each employee who has
        not read it yet is reminded."""
        today = fields.Date.context_today(self)
        domain = [
            ("date_read", "=", False),
            ("date_reminded", "=", False),
            ("familiarisation_id.date_deadline", "<", today),
        ]

        def remind(lines):
            lines.write({"date_reminded": today})
            for line in lines:
                record = line.familiarisation_id._record()
                record.message_notify(
                    partner_ids=line.user_id.partner_id.ids,
                    subject=self.env._("Not read yet: %(record)s", record=record.display_name),
                    body=self.env._(
                        "You were asked to read %(record)s by %(date)s and confirm it.",
                        record=record.display_name,
                        date=line.familiarisation_id.date_deadline,
                    ),
                )

        process_in_batches(
            self.env["wo.records.familiarisation.line"].sudo(), domain, remind, batch_size
        )


class WoRecordsFamiliarisationLine(models.Model):
    _name = "wo.records.familiarisation.line"
    _description = "Familiarisation"
    _order = "familiarisation_id, id"
    _rec_name = "user_id"

    familiarisation_id = fields.Many2one(
        "wo.records.familiarisation", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one("res.users", string="Employee", required=True, index=True)
    date_read = fields.Datetime(string="Read On", readonly=True)
    date_reminded = fields.Date(readonly=True)
    # indexed: an activity done (deleted) looks for the lines that refer to it
    activity_id = fields.Many2one(
        "mail.activity", readonly=True, ondelete="set null", index="btree_not_null"
    )
    date_deadline = fields.Date(related="familiarisation_id.date_deadline", string="Read By")
    record_name = fields.Char(related="familiarisation_id.name", string="To Read")
    company_id = fields.Many2one(
        related="familiarisation_id.company_id", store=True, index="btree_not_null"
    )

    _user_uniq = models.Constraint(
        "UNIQUE (familiarisation_id, user_id)", "An employee is once on a familiarisation list."
    )
    _unread_idx = models.Index("(user_id) WHERE date_read IS NULL")

    def _confirm(self):
        """Read now; the activity is done (sudo after the check of whose
        line it is)."""
        for line in self:
            if line.user_id != self.env.user:
                raise UserError(self.env._("Each employee confirms their own reading."))
        pending = self.filtered(lambda l: not l.date_read)
        pending.sudo().write({"date_read": fields.Datetime.now()})
        activities = pending.sudo().activity_id.exists()
        if activities:
            activities.with_context(wo_records_reading=TRUSTED).action_feedback(
                feedback=self.env._("Read.")
            )

    def action_confirm_read(self):
        self._confirm()
        # the list of what is left to read shows it is gone
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_open_record(self):
        self.ensure_one()
        record = self.familiarisation_id._record()
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
        }
