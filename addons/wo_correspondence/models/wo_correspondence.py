from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.wo_staff.tools import TRUSTED, process_in_batches, trusted
from odoo.addons.wo_tasks.models.wo_task_cycle import CLOSED_CODES

DIRECTIONS = [("incoming", "Incoming"), ("outgoing", "Outgoing"), ("internal", "Internal")]
PRIORITIES = [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Urgent")]
DELIVERIES = [
    ("post", "Post"),
    ("email", "E-mail"),
    ("courier", "Courier"),
    ("fax", "Fax"),
    ("hand", "By hand"),
    ("edi", "Electronic exchange"),
]
STATES = [
    ("draft", "Draft"),
    ("registered", "Registered"),
    ("on_control", "On control"),
    ("done", "Done"),
]
CONTROL_STATES = [("none", "Not on control"), ("on_control", "On control"), ("done", "Done")]
ANSWER_STATES = [("none", "No answer required"), ("due", "Answer due"), ("answered", "Answered")]
# what registration fixes: after it, only the registry office corrects these
REGISTRATION_FIELDS = {
    "date_registration",
    "date_document",
    "sender_number",
    "partner_id",
    "contact_id",
    "sender_user_id",
    "recipient_user_id",
    "prepared_by_id",
    "kind_id",
    "subject",
    "delivery",
    "page_count",
    "enclosure_count",
}
# what never changes once a number is given, not even by the registry office
NUMBERING_FIELDS = {"name", "journal_id", "direction", "company_id"}
REGISTRAR_GROUP = "wo_correspondence.group_wo_correspondence_registrar"


class WoCorrespondence(models.Model):
    """A letter in the registry: incoming, outgoing or internal, registered
    under a number of its journal, with resolutions (assignments of the
    wo_tasks engine), replies and an archive."""

    _name = "wo.correspondence"
    _description = "Correspondence"
    _inherit = [
        "mail.thread.main.attachment",
        "mail.activity.mixin",
        "wo.task.mixin",
        "wo.registration.stamp.mixin",
    ]
    _order = "priority desc, date_registration desc, id desc"
    _rec_name = "subject"  # a number only comes from registration (and mail in)
    _rec_names_search = ["name", "subject", "sender_number"]
    _mail_post_access = "read"

    name = fields.Char(string="Number", readonly=True, copy=False, index="trigram")
    direction = fields.Selection(
        DIRECTIONS, required=True, default="incoming", tracking=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    journal_id = fields.Many2one(
        "wo.correspondence.journal",
        compute="_compute_journal_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        domain="[('direction', '=', direction), ('company_id', '=', company_id)]",
        ondelete="restrict",
        tracking=True,
    )
    date_registration = fields.Date(
        string="Registered On",
        copy=False,
        index=True,
        tracking=True,
        help="Set on registration (today unless given: a letter of yesterday registered now).",
    )
    registrar_id = fields.Many2one(
        "res.users", string="Registered By", readonly=True, copy=False, index="btree_not_null"
    )
    date_document = fields.Date(string="Letter Date", tracking=True)
    sender_number = fields.Char(
        string="Sender's Number", tracking=True, index="trigram", copy=False
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Counterparty",
        index="btree_not_null",
        tracking=True,
        help="The sender of an incoming letter, the recipient of an outgoing one.",
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Addressee (Their Contact)",
        tracking=True,
        domain="[('parent_id', '=', partner_id)]",
        help="The counterparty's contact person: who signed an incoming letter, to whose "
        "attention an outgoing one goes.",
        index="btree_not_null",
    )
    sender_user_id = fields.Many2one(
        "res.users",
        string="From (Employee)",
        index="btree_not_null",
        tracking=True,
        domain="[('share', '=', False)]",
    )
    recipient_user_id = fields.Many2one(
        "res.users",
        string="Addressed To",
        index="btree_not_null",
        tracking=True,
        domain="[('share', '=', False)]",
        help="The employee an incoming or internal letter is addressed to.",
    )
    prepared_by_id = fields.Many2one(
        "res.users",
        index="btree_not_null",
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="The employee who prepared an outgoing or internal letter.",
    )
    sender_display = fields.Char(string="From", compute="_compute_parties")
    recipient_display = fields.Char(string="To", compute="_compute_parties")
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        index="btree_not_null",
        help="The department of the addressee (incoming) or of the preparer: its head sees "
        "the letter.",
    )
    kind_id = fields.Many2one(
        "wo.correspondence.kind", tracking=True, index="btree_not_null", ondelete="restrict"
    )
    confidential = fields.Boolean(related="kind_id.confidential", store=True)
    priority = fields.Selection(PRIORITIES, default="1", required=True, tracking=True)
    subject = fields.Char(tracking=True, index="trigram")
    summary = fields.Html()
    delivery = fields.Selection(DELIVERIES, tracking=True)
    page_count = fields.Integer(string="Pages", tracking=True)
    enclosure_count = fields.Integer(string="Enclosures", tracking=True)
    notify_user_ids = fields.Many2many(
        "res.users",
        "wo_correspondence_notify_user_rel",
        "correspondence_id",
        "user_id",
        string="Notify",
        domain="[('share', '=', False)]",
        help="Told at registration: each gets a message and an activity.",
    )
    active = fields.Boolean(default=True, tracking=True)
    state = fields.Selection(
        STATES,
        compute="_compute_control",
        store=True,
        index=True,
        group_expand="_read_group_expand_state",
    )
    # execution control: the resolutions' assignments
    resolution_ids = fields.One2many(
        "wo.correspondence.resolution", "correspondence_id", string="Resolutions"
    )
    control_state = fields.Selection(
        CONTROL_STATES,
        string="Execution",
        compute="_compute_control",
        store=True,
        index=True,
    )
    date_control = fields.Date(
        string="Execution Due",
        compute="_compute_control",
        store=True,
        index="btree_not_null",
        help="The earliest deadline of the open resolutions.",
    )
    is_control_overdue = fields.Boolean(
        string="Execution Overdue",
        compute="_compute_is_overdue",
        search="_search_is_control_overdue",
    )
    # answer control: replies are outgoing letters
    answer_required = fields.Boolean(tracking=True)
    date_answer_due = fields.Date(string="Answer Due", tracking=True, index="btree_not_null")
    date_answer_reminded = fields.Date(readonly=True, copy=False)
    answer_state = fields.Selection(
        ANSWER_STATES, string="Answer", compute="_compute_control", store=True, index=True
    )
    is_answer_overdue = fields.Boolean(
        string="Answer Overdue",
        compute="_compute_is_overdue",
        search="_search_is_answer_overdue",
    )
    reply_to_ids = fields.Many2many(
        "wo.correspondence",
        "wo_correspondence_reply_rel",
        "reply_id",
        "letter_id",
        string="Answers To",
        domain="[('direction', '=', 'incoming'), ('partner_id', 'child_of', partner_id)]",
        help="The incoming letters this outgoing letter answers.",
    )
    reply_ids = fields.Many2many(
        "wo.correspondence",
        "wo_correspondence_reply_rel",
        "letter_id",
        "reply_id",
        string="Replies",
        readonly=True,
    )
    reply_count = fields.Integer(compute="_compute_reply_count")

    _number_uniq = models.UniqueIndex(
        "(journal_id, name) WHERE name IS NOT NULL",
        "A registration number is unique in its journal.",
    )
    _pages_check = models.Constraint(
        "CHECK (page_count >= 0 AND enclosure_count >= 0)",
        "Pages and enclosures cannot be negative.",
    )
    # the registry's order, and its filters at scale (the trigram indexes of
    # number, sender's number and subject serve "contains" searches)
    _number_idx = models.Index("(name) WHERE name IS NOT NULL")
    _registry_order_idx = models.Index("(priority DESC, date_registration DESC, id DESC)")
    _partner_date_idx = models.Index(
        "(partner_id, date_registration DESC) WHERE partner_id IS NOT NULL"
    )

    # ------------------------------------------------------------------ computes
    @api.depends("direction", "company_id")
    def _compute_journal_id(self):
        Journal = self.env["wo.correspondence.journal"]
        for letter in self:
            if letter.name:
                continue  # a registered letter keeps its journal
            journal = letter.journal_id
            if journal.direction != letter.direction or journal.company_id != letter.company_id:
                letter.journal_id = Journal._default_for(letter.direction, letter.company_id)

    @api.depends(
        "direction",
        "partner_id",
        "contact_id",
        "sender_user_id",
        "recipient_user_id",
        "prepared_by_id",
        "company_id",
    )
    def _compute_parties(self):
        for letter in self:
            partner = letter.partner_id.display_name or ""
            if letter.contact_id:
                partner = (
                    f"{partner}, {letter.contact_id.name}" if partner else letter.contact_id.name
                )
            if letter.direction == "incoming":
                letter.sender_display = partner
                letter.recipient_display = (
                    letter.recipient_user_id.name or letter.company_id.name or ""
                )
            elif letter.direction == "outgoing":
                letter.sender_display = letter.prepared_by_id.name or letter.company_id.name or ""
                letter.recipient_display = partner
            else:
                letter.sender_display = letter.sender_user_id.name or ""
                letter.recipient_display = letter.recipient_user_id.name or ""

    @api.depends("direction", "recipient_user_id", "prepared_by_id", "sender_user_id", "company_id")
    def _compute_department_id(self):
        Users = self.env["res.users"]
        owners = {letter: letter._wo_department_owner() for letter in self}
        users = Users.union(*owners.values()) if owners else Users
        departments = users._wo_department_map()
        for letter in self:
            letter.department_id = Users._wo_department(
                departments, owners[letter], letter.company_id
            )

    @api.model
    def _read_group_expand_state(self, states, domain):
        """The kanban's columns in the order of the work (not the alphabet of
        the codes); Draft only when there are drafts, so that a phone does not
        open on an empty column."""
        return [code for code, __ in STATES if code in states or code != "draft"]

    @api.model
    def _direction_label(self, direction):
        """The direction's label in the user's language."""
        return dict(self._fields["direction"]._description_selection(self.env))[direction]

    def _wo_department_owner(self):
        """Whose department the letter belongs to: the addressee's for an
        incoming letter, the preparer's (or sender's) otherwise."""
        self.ensure_one()
        if self.direction == "incoming":
            return self.recipient_user_id
        return self.prepared_by_id or self.sender_user_id

    # the assignments' states and deadlines also count: wo.task.write() marks
    # the letters of the assignments that moved (see models/wo_task.py)
    @api.depends(
        "name",
        "resolution_ids.task_id",
        "answer_required",
        "reply_ids.date_registration",
    )
    def _compute_control(self):
        for letter in self:
            tasks = letter.resolution_ids.task_id
            open_tasks = tasks.filtered(lambda t: t.state_code not in CLOSED_CODES)
            if not tasks:
                letter.control_state = "none"
            else:
                letter.control_state = "on_control" if open_tasks else "done"
            deadlines = [d for d in open_tasks.mapped("date_deadline") if d]
            letter.date_control = min(deadlines) if deadlines else False
            if not letter.answer_required:
                letter.answer_state = "none"
            elif any(reply.date_registration for reply in letter.reply_ids):
                letter.answer_state = "answered"
            else:
                letter.answer_state = "due"
            if not letter.name:
                letter.state = "draft"
            elif letter.control_state == "on_control" or letter.answer_state == "due":
                letter.state = "on_control"
            elif letter.control_state == "done" or letter.answer_state == "answered":
                letter.state = "done"
            else:
                letter.state = "registered"

    @api.depends("control_state", "date_control", "answer_state", "date_answer_due")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for letter in self:
            letter.is_control_overdue = (
                letter.control_state == "on_control"
                and bool(letter.date_control)
                and letter.date_control < today
            )
            letter.is_answer_overdue = (
                letter.answer_state == "due"
                and bool(letter.date_answer_due)
                and letter.date_answer_due < today
            )

    def _overdue_domain(self, state_field, state, date_field, operator, value):
        today = fields.Date.context_today(self)
        domain = Domain(state_field, "=", state) & Domain(date_field, "<", today)
        positive = (operator == "=") == bool(value)
        if operator not in ("=", "!="):
            raise UserError(self.env._("Search on overdue with = or != only."))
        return domain if positive else ~domain

    def _search_is_control_overdue(self, operator, value):
        return self._overdue_domain("control_state", "on_control", "date_control", operator, value)

    def _search_is_answer_overdue(self, operator, value):
        return self._overdue_domain("answer_state", "due", "date_answer_due", operator, value)

    def _compute_reply_count(self):
        for letter in self:
            letter.reply_count = len(letter.reply_ids) + len(letter.reply_to_ids)

    @api.depends("name", "subject")
    def _compute_display_name(self):
        for letter in self:
            subject = letter.subject or self.env._("(no subject)")
            letter.display_name = f"{letter.name} {subject}" if letter.name else subject

    # --------------------------------------------------------------- constrains
    @api.constrains("date_registration", "date_document", "journal_id")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for letter in self:
            registered = letter.date_registration
            if not registered:
                continue
            if registered > today:
                raise ValidationError(
                    self.env._(
                        "%(letter)s: the registration date %(date)s is in the future.",
                        letter=letter.display_name,
                        date=registered,
                    )
                )
            tolerance = letter.journal_id.date_tolerance_days
            if letter.date_document and (letter.date_document - registered).days > tolerance:
                raise ValidationError(
                    self.env._(
                        "%(letter)s: registered on %(registered)s, before its own date "
                        "%(dated)s by more than the journal allows (%(days)s days).",
                        letter=letter.display_name,
                        registered=registered,
                        dated=letter.date_document,
                        days=tolerance,
                    )
                )

    @api.constrains("page_count", "enclosure_count")
    def _check_counts(self):
        for letter in self:
            if letter.page_count < 0 or letter.enclosure_count < 0:
                raise ValidationError(
                    self.env._(
                        "%(letter)s: pages and enclosures cannot be negative.",
                        letter=letter.display_name,
                    )
                )

    @api.constrains("reply_to_ids", "direction")
    def _check_replies(self):
        for letter in self:
            if letter.reply_to_ids and letter.direction != "outgoing":
                raise ValidationError(self.env._("Only an outgoing letter answers other letters."))
            wrong = letter.reply_to_ids.filtered(lambda r: r.direction != "incoming")
            if wrong:
                raise ValidationError(
                    self.env._(
                        "A reply answers incoming letters: %(letter)s is not one.",
                        letter=wrong[0].display_name,
                    )
                )
            if letter.direction == "incoming" and letter.reply_ids.filtered(
                lambda r: r.direction != "outgoing"
            ):
                raise ValidationError(self.env._("Only outgoing letters answer this letter."))

    @api.constrains("journal_id", "direction", "company_id")
    def _check_journal(self):
        for letter in self.filtered("journal_id"):
            journal = letter.journal_id
            if journal.direction != letter.direction or journal.company_id != letter.company_id:
                raise ValidationError(
                    self.env._(
                        "The journal %(journal)s registers %(direction)s letters of %(company)s.",
                        journal=journal.name,
                        direction=self._direction_label(journal.direction),
                        company=journal.company_id.name,
                    )
                )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.contact_id and self.contact_id.parent_id != self.partner_id:
            self.contact_id = False

    @api.onchange("kind_id", "direction")
    def _onchange_kind_id(self):
        if self.direction == "incoming" and self.kind_id.answer_days and not self.answer_required:
            self.answer_required = True

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name") and not trusted(self.env, "wo_correspondence_flow"):
                raise UserError(self.env._("A number is given by registration, never typed in."))
            self._check_counts_in(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not trusted(self.env, "wo_correspondence_flow"):
            self._check_may_write(vals)
        self._check_counts_in(vals)
        return super().write(vals)

    def _check_counts_in(self, vals):
        # before the database's CHECK, for a message a person understands
        if (vals.get("page_count") or 0) < 0 or (vals.get("enclosure_count") or 0) < 0:
            raise ValidationError(self.env._("Pages and enclosures cannot be negative."))

    def _check_may_write(self, vals):
        if "name" in vals:
            raise UserError(self.env._("A number is given by registration, never typed in."))
        registered = self.filtered("name")
        if not registered:
            return
        fixed = NUMBERING_FIELDS & set(vals)
        if fixed:
            labels = ", ".join(self._fields[f].get_description(self.env)["string"] for f in fixed)
            raise UserError(
                self.env._(
                    "%(letter)s is registered: its %(fields)s never change.",
                    letter=registered[0].display_name,
                    fields=labels,
                )
            )
        if REGISTRATION_FIELDS & set(vals) and not self.env.user.has_group(REGISTRAR_GROUP):
            raise UserError(
                self.env._(
                    "%(letter)s is registered: only the registry office corrects its "
                    "registration data.",
                    letter=registered[0].display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(letter.name for letter in self):
            raise UserError(
                self.env._(
                    "A registered letter is never deleted: archive it (its number stays in "
                    "the registry)."
                )
            )

    # -------------------------------------------------------------- registration
    def _lock(self):
        if self.ids:
            self.env.cr.execute(
                SQL("SELECT id FROM wo_correspondence WHERE id = ANY(%s) FOR UPDATE", self.ids)
            )
            self.invalidate_recordset()

    def _registration_missing(self):
        """What the letter still lacks to be registered, for a person to read."""
        self.ensure_one()
        missing = []
        if not (self.subject or "").strip():
            missing.append(self.env._("a subject"))
        if self.direction == "incoming" and not self.partner_id:
            missing.append(self.env._("the sender"))
        if self.direction == "outgoing":
            if not self.partner_id:
                missing.append(self.env._("the recipient"))
            if not self.prepared_by_id:
                missing.append(self.env._("who prepared it"))
        if self.direction == "internal":
            if not self.sender_user_id:
                missing.append(self.env._("the sender"))
            if not self.recipient_user_id:
                missing.append(self.env._("the recipient"))
        return missing

    def _check_registrable(self):
        self.ensure_one()
        missing = self._registration_missing()
        if missing:
            raise UserError(
                self.env._(
                    "%(letter)s cannot be registered without %(missing)s.",
                    letter=self.display_name,
                    missing=", ".join(missing),
                )
            )
        if not self.journal_id:
            raise UserError(
                self.env._(
                    "There is no journal for %(direction)s letters of %(company)s.",
                    direction=self._direction_label(self.direction),
                    company=self.company_id.name,
                )
            )
        readers = self.notify_user_ids.filtered(
            lambda u: not u.has_group("wo_correspondence.group_wo_correspondence_reader")
        )
        if readers:
            raise UserError(
                self.env._(
                    "%(users)s cannot read correspondence: give them a WO Correspondence "
                    "level or take them off the list to notify.",
                    users=", ".join(readers.mapped("name")),
                )
            )

    def action_register(self):
        """The registry office registers: the journal's next number of the
        registration year, the date, then the listed employees are told."""
        self._check_registrar()
        self.check_access("write")
        self._lock()
        today = fields.Date.context_today(self)
        for letter in self:
            if letter.name:
                raise UserError(
                    self.env._("%(letter)s is already registered.", letter=letter.display_name)
                )
            letter._check_registrable()
            date = letter.date_registration or today
            numbering = letter.journal_id.sudo().sequence_id
            numbering._wo_prepare_numbering(date)
            vals = {
                "name": numbering.next_by_id(sequence_date=date),
                "date_registration": date,
                "registrar_id": self.env.uid,
            }
            days = letter.kind_id.answer_days
            if letter.direction == "incoming" and days and not letter.date_answer_due:
                vals.update(answer_required=True, date_answer_due=fields.Date.add(date, days=days))
            if (
                letter.answer_required
                and not letter.date_answer_due
                and "date_answer_due" not in vals
            ):
                vals["date_answer_due"] = fields.Date.add(date, days=days or 30)
            letter.with_context(wo_correspondence_flow=TRUSTED).write(vals)
            if letter.journal_id.stamp_registration:
                letter._wo_stamp_registration()
        self._notify_registered()
        return True

    def _wo_set_main_file(self, attachment):
        self.with_context(wo_correspondence_flow=TRUSTED).message_main_attachment_id = attachment

    def _check_registrar(self):
        if not self.env.user.has_group(REGISTRAR_GROUP):
            raise UserError(self.env._("Only the registry office registers letters."))

    def _notify_registered(self):
        """Each listed employee follows the letter, gets one message and one
        activity to read it."""
        activity_type = self.env.ref("wo_correspondence.mail_activity_type_read_letter")
        today = fields.Date.context_today(self)
        activities = []
        for letter in self:
            users = letter.notify_user_ids
            if not users:
                continue
            letter.message_subscribe(partner_ids=users.partner_id.ids)
            letter.message_post(
                body=self.env._(
                    "Registered as %(number)s on %(date)s: %(subject)s",
                    number=letter.name,
                    date=letter.date_registration,
                    subject=letter.subject,
                ),
                partner_ids=users.partner_id.ids,
                message_type="notification",
                subtype_xmlid="mail.mt_comment",
            )
            model_id = self.env["ir.model"]._get_id(letter._name)
            activities += [
                {
                    "res_model_id": model_id,
                    "res_id": letter.id,
                    "activity_type_id": activity_type.id,
                    "summary": self.env._("Read %(letter)s", letter=letter.display_name),
                    "user_id": user.id,
                    "date_deadline": today,
                }
                for user in users
            ]
        if activities:
            self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
                activities
            )

    # ------------------------------------------------------------------ actions
    def action_issue_resolution(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Resolution"),
            "res_model": "wo.correspondence.resolution",
            "view_mode": "form",
            "target": "new",
            "context": {"default_correspondence_id": self.id},
        }

    def action_reply(self):
        """A draft outgoing letter answering this one."""
        self.ensure_one()
        if self.direction != "incoming":
            raise UserError(self.env._("Only an incoming letter is answered with a reply."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reply"),
            "res_model": "wo.correspondence",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {
                "default_direction": "outgoing",
                "default_partner_id": self.partner_id.id,
                "default_contact_id": self.contact_id.id,
                "default_kind_id": self.kind_id.id,
                "default_subject": self.env._("Re: %(subject)s", subject=self.subject or ""),
                "default_reply_to_ids": [self.id],
                "default_delivery": self.delivery,
            },
        }

    def action_view_replies(self):
        self.ensure_one()
        letters = self.reply_ids | self.reply_to_ids
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "wo_correspondence.wo_correspondence_action"
        )
        action.update(domain=[("id", "in", letters.ids)], context={"active_test": False})
        return action

    def action_archive(self):
        self.check_access("write")
        return super().action_archive()

    # -------------------------------------------------------------------- crons
    @api.model
    def _cron_remind_answers(self, days_before=2, batch_size=500):
        """An activity for the addressee (or the registrar) of each letter
        whose answer falls due within ``days_before`` days, once."""
        today = fields.Date.context_today(self)
        domain = [
            ("answer_state", "=", "due"),
            ("date_answer_reminded", "=", False),
            ("date_answer_due", "<=", fields.Date.add(today, days=days_before)),
        ]
        activity_type = self.env.ref("mail.mail_activity_data_todo")

        def remind(letters):
            letters.with_context(wo_correspondence_flow=TRUSTED).write(
                {"date_answer_reminded": today}
            )
            model_id = self.env["ir.model"]._get_id(self._name)
            self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": letter.id,
                        "activity_type_id": activity_type.id,
                        "summary": self.env._(
                            "Answer %(letter)s by %(date)s",
                            letter=letter.display_name,
                            date=letter.date_answer_due,
                        ),
                        "user_id": (letter.recipient_user_id or letter.registrar_id).id,
                        "date_deadline": letter.date_answer_due,
                    }
                    for letter in letters
                    if letter.recipient_user_id or letter.registrar_id
                ]
            )

        process_in_batches(self.sudo(), domain, remind, batch_size)

    # ---------------------------------------------------------------- mail in
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to a journal's alias: a draft incoming letter for the
        registry office, its sender as the counterparty, the mail's own
        attachments on it (the gateway attaches them to the thread)."""
        values = dict(custom_values or {})
        values.setdefault("direction", "incoming")
        values.setdefault("delivery", "email")
        values.setdefault("subject", msg_dict.get("subject") or self.env._("(no subject)"))
        values.setdefault("date_document", fields.Date.context_today(self))
        email_from = msg_dict.get("email_from")
        if email_from and not values.get("partner_id"):
            partner = self.env["res.partner"]._find_or_create_from_emails(
                [email_from], additional_values={}
            )
            if partner:
                contact = partner[0]
                values["partner_id"] = (contact.parent_id or contact).id
                if contact.parent_id:
                    values["contact_id"] = contact.id
        values.setdefault("prepared_by_id", False)
        return super(
            WoCorrespondence, self.with_context(wo_correspondence_flow=TRUSTED)
        ).message_new(msg_dict, custom_values=values)
