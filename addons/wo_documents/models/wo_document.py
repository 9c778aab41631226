from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.wo_staff.tools import TRUSTED, trusted

STATES = [
    ("draft", "Draft"),
    ("on_approval", "On approval"),
    ("approved", "Approved"),
    ("on_signing", "On signing"),
    ("signed", "Signed"),
    ("in_force", "In force"),
    ("completed", "Completed"),
    ("terminated", "Terminated"),
    ("cancelled", "Cancelled"),
]
# the lifecycle: from each state, where a document may go next
MOVES = {
    "draft": {"on_approval", "approved", "cancelled"},
    "on_approval": {"draft", "approved", "cancelled"},
    "approved": {"on_signing", "signed", "draft", "cancelled"},
    "on_signing": {"signed", "approved", "cancelled"},
    "signed": {"in_force", "terminated"},
    "in_force": {"completed", "terminated"},
    "completed": set(),
    "terminated": set(),
    "cancelled": {"draft"},
}
# what cannot change while the document is on approval
CONTENT = {
    "subject",
    "content",
    "type_id",
    "amount",
    "currency_id",
    "partner_id",
    "date_start",
    "date_end",
}


class WoDocument(models.Model):
    """A contract or another document: registered, approved along its type's
    route (run by the wo_tasks engine), signed, returned, kept."""

    _name = "wo.document"
    _description = "Document"
    _inherit = [
        "mail.thread.main.attachment",
        "mail.activity.mixin",
        "wo.task.mixin",
        "wo.registration.stamp.mixin",
    ]
    _order = "date_registration desc, id desc"
    _rec_names_search = ["name", "subject", "partner_id"]

    name = fields.Char(string="Number", readonly=True, copy=False, index="trigram")
    date_registration = fields.Date(string="Registered On", readonly=True, copy=False, index=True)
    date_document = fields.Date(string="Document Date", default=fields.Date.context_today)
    type_id = fields.Many2one(
        "wo.document.type", required=True, tracking=True, ondelete="restrict", index=True
    )
    journal_id = fields.Many2one(related="type_id.journal_id", store=True, index=True)
    subject = fields.Char(required=True, tracking=True)
    content = fields.Html()
    author_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, index=True, tracking=True
    )
    responsible_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, index=True, tracking=True
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    first_party_id = fields.Many2one(
        "res.partner", default=lambda self: self.env.company.partner_id, index="btree_not_null"
    )
    first_signatory_id = fields.Many2one(
        "res.partner", string="Our Signatory", index="btree_not_null"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Second Party", index="btree_not_null", tracking=True
    )
    second_signatory_id = fields.Many2one(
        "res.partner", string="Their Signatory", index="btree_not_null"
    )
    amount = fields.Monetary(currency_field="currency_id", tracking=True)
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.company.currency_id)
    date_start = fields.Date(string="Valid From", tracking=True)
    date_end = fields.Date(string="Valid Until", tracking=True, index="btree_not_null")
    date_control = fields.Date(string="Control Date", tracking=True, index="btree_not_null")
    parent_id = fields.Many2one(
        "wo.document", string="Main Contract", index="btree_not_null", ondelete="restrict"
    )
    agreement_ids = fields.One2many("wo.document", "parent_id", string="Supplementary Agreements")
    agreement_count = fields.Integer(compute="_compute_agreement_count")
    state = fields.Selection(
        STATES, default="draft", required=True, tracking=True, index=True, copy=False
    )
    is_signed = fields.Boolean(string="Signed", compute="_compute_is_signed", store=True)
    date_signed_first = fields.Date(string="We Signed On", tracking=True, copy=False)
    date_signed_second = fields.Date(string="They Signed On", tracking=True, copy=False)
    is_returned = fields.Boolean(string="Returned", compute="_compute_is_returned", store=True)
    date_handed = fields.Date(string="Handed to the Other Party", tracking=True, copy=False)
    date_returned = fields.Date(string="Came Back On", tracking=True, copy=False)
    approval_task_id = fields.Many2one(
        "wo.task", string="Approval", readonly=True, copy=False, index="btree_not_null"
    )
    approval_ids = fields.One2many("wo.document.approval", "document_id", string="Decisions")
    custody_ids = fields.One2many("wo.document.custody", "document_id", string="Paper Originals")
    signature_ids = fields.One2many(
        "wo.document.signature", "document_id", string="Digital Signatures"
    )
    original_holder_id = fields.Many2one(
        "res.users",
        string="Original Held By",
        compute="_compute_original",
        store=True,
        index="btree_not_null",
    )
    original_location = fields.Char(compute="_compute_original", store=True)
    is_original_out = fields.Boolean(string="Original Out", compute="_compute_original", store=True)
    # what the type asks for, for the views
    has_two_parties = fields.Boolean(
        related="type_id.has_two_parties", string="Type Has Two Parties"
    )
    has_amount = fields.Boolean(related="type_id.has_amount", string="Type Has Amount")
    has_validity = fields.Boolean(related="type_id.has_validity", string="Type Has Validity")
    is_agreement = fields.Boolean(related="type_id.is_agreement", string="Type Is Agreement")
    allows_agreements = fields.Boolean(
        related="type_id.allows_agreements", string="Type Allows Agreements"
    )
    paper_tracked = fields.Boolean(related="type_id.paper_tracked", string="Type Tracks Originals")
    confidential = fields.Boolean(related="type_id.confidential", store=True, string="Confidential")

    _number_uniq = models.UniqueIndex(
        "(company_id, journal_id, name) WHERE name IS NOT NULL",
        "A registration number is unique in its journal.",
    )
    _validity_check = models.Constraint(
        "CHECK (date_end IS NULL OR date_start IS NULL OR date_end >= date_start)",
        "A document's validity cannot end before it starts.",
    )
    _partner_date_idx = models.Index(
        "(partner_id, date_registration DESC) WHERE partner_id IS NOT NULL"
    )

    # ------------------------------------------------------------------ computes
    @api.depends("author_id", "company_id")
    def _compute_department_id(self):
        Users = self.env["res.users"]
        departments = self.author_id._wo_department_map()
        for document in self:
            if not document.department_id:
                document.department_id = Users._wo_department(
                    departments, document.author_id, document.company_id
                )

    def _compute_agreement_count(self):
        counts = dict(self._read_group([("parent_id", "in", self.ids)], ["parent_id"], ["__count"]))
        for document in self:
            document.agreement_count = counts.get(document, 0)

    @api.depends("date_signed_first", "date_signed_second", "has_two_parties")
    def _compute_is_signed(self):
        for document in self:
            document.is_signed = bool(document.date_signed_first) and (
                bool(document.date_signed_second) or not document.type_id.has_two_parties
            )

    @api.depends("date_handed", "date_returned")
    def _compute_is_returned(self):
        for document in self:
            document.is_returned = bool(document.date_handed and document.date_returned)

    @api.depends("custody_ids.date_given", "custody_ids.date_returned", "custody_ids.holder_id")
    def _compute_original(self):
        for document in self:
            out = document.custody_ids.filtered(lambda c: c.date_given and not c.date_returned)
            last = out.sorted(lambda c: (c.date_given, c.id))[-1:] if out else out
            document.original_holder_id = last.holder_id
            document.original_location = last.location or False
            document.is_original_out = bool(out)

    # --------------------------------------------------------------- constrains
    @api.constrains("type_id", "partner_id", "amount", "parent_id")
    def _check_type_rules(self):
        for document in self:
            doc_type = document.type_id
            if doc_type.has_two_parties and not document.partner_id:
                raise ValidationError(
                    self.env._(
                        "A %(type)s has two parties: name the second party.", type=doc_type.name
                    )
                )
            if doc_type.has_amount and document.amount < 0 and not doc_type.allow_negative_amount:
                raise ValidationError(
                    self.env._(
                        "A %(type)s cannot have a negative amount (%(amount)s).",
                        type=doc_type.name,
                        amount=document.amount,
                    )
                )
            if document.parent_id and not document.parent_id.type_id.allows_agreements:
                raise ValidationError(
                    self.env._(
                        "%(main)s is a %(type)s: it takes no supplementary agreements.",
                        main=document.parent_id.display_name,
                        type=document.parent_id.type_id.name,
                    )
                )
            if doc_type.is_agreement and not document.parent_id:
                raise ValidationError(
                    self.env._("A supplementary agreement names its main contract.")
                )

    @api.constrains("date_start", "date_end")
    def _check_validity(self):
        for document in self:
            if (
                document.date_start
                and document.date_end
                and document.date_end < document.date_start
            ):
                raise ValidationError(
                    self.env._("A document's validity cannot end before it starts.")
                )

    @api.depends("name", "subject")
    def _compute_display_name(self):
        for document in self:
            document.display_name = (
                f"{document.name} {document.subject}" if document.name else document.subject
            )

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            start, end = vals.get("date_start"), vals.get("date_end")
            if start and end and fields.Date.to_date(end) < fields.Date.to_date(start):
                raise ValidationError(
                    self.env._("A document's validity cannot end before it starts.")
                )
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals and not trusted(self.env, "wo_document_flow"):
            for document in self:
                document._check_move(vals["state"])
        locked = CONTENT & set(vals)
        if "message_main_attachment_id" in vals:
            # the main file approvers look at: replacing it counts as content
            # (a first file, set by a message, does not)
            locked |= {
                "message_main_attachment_id"
                for document in self
                if document.message_main_attachment_id
                and document.message_main_attachment_id.id != vals["message_main_attachment_id"]
            }
        if locked and not trusted(self.env, "wo_document_flow"):
            on_approval = self.filtered(lambda d: d.state == "on_approval")
            if on_approval:
                raise UserError(
                    self.env._(
                        "%(document)s is on approval: its content cannot change. Withdraw it "
                        "from approval first (the route then starts again).",
                        document=on_approval[0].display_name,
                    )
                )
        if "date_start" in vals or "date_end" in vals:
            for document in self:
                start = fields.Date.to_date(vals.get("date_start", document.date_start))
                end = fields.Date.to_date(vals.get("date_end", document.date_end))
                if start and end and end < start:
                    raise ValidationError(
                        self.env._("A document's validity cannot end before it starts.")
                    )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_unregistered(self):
        if any(document.name for document in self):
            raise UserError(
                self.env._("A registered document is cancelled, never deleted: its number stays.")
            )

    # ----------------------------------------------------------------- lifecycle
    def _check_move(self, target):
        self.ensure_one()
        if target != self.state and target not in MOVES[self.state]:
            labels = dict(STATES)
            raise UserError(
                self.env._(
                    "%(document)s cannot go from %(from)s to %(to)s.",
                    document=self.display_name,
                    **{"from": labels[self.state], "to": labels[target]},
                )
            )

    def _move(self, target, message=None):
        for document in self:
            document._check_move(target)
        self.with_context(wo_document_flow=TRUSTED).write({"state": target})
        if message:
            for document in self:
                document.message_post(body=message, subtype_xmlid="mail.mt_note")

    def action_register(self):
        """Give the registration number and date, from the type's journal."""
        self.check_access("write")
        for document in self:
            if document.name:
                raise UserError(
                    self.env._(
                        "%(document)s is already registered.", document=document.display_name
                    )
                )
            document.type_id._check_may_register()
            date = fields.Date.context_today(document)
            journal = document.type_id.journal_id.sudo()
            journal._wo_prepare_numbering(date)
            number = journal.next_by_id(sequence_date=date)
            document.with_context(wo_document_flow=TRUSTED).write(
                {"name": number, "date_registration": date}
            )
            if document.type_id.stamp_registration:
                document._wo_stamp_registration()
        return True

    def _wo_may_stamp(self):
        """Never on a signed file: that would break its signatures."""
        return not self.signature_ids

    def _wo_set_main_file(self, attachment):
        self.with_context(wo_document_flow=TRUSTED).message_main_attachment_id = attachment

    def action_send_for_approval(self):
        """Start the type's approval route: an assignment of the wo_tasks
        engine, its approvers as executors, resolved now (heads and their
        deputies or substitutes act through the engine)."""
        self.check_access("write")
        for document in self:
            if document.state != "draft":
                raise UserError(
                    self.env._("%(document)s is not a draft.", document=document.display_name)
                )
            steps = document.type_id.route_step_ids
            if not steps:
                raise UserError(
                    self.env._("%(type)s has no approval route.", type=document.type_id.name)
                )
            if not document.name:
                document.action_register()
            executors = []
            seen = set()
            for step in steps:
                for user in step._resolve(document):
                    if user.id in seen:
                        continue
                    seen.add(user.id)
                    executors.append((step, user))
            if not executors:
                raise UserError(
                    self.env._(
                        "Nobody can approve %(document)s: the route's steps resolve to no user.",
                        document=document.display_name,
                    )
                )
            kind = self.env.ref("wo_documents.wo_task_kind_approval")
            today = fields.Date.context_today(document)
            task = (
                self.env["wo.task"]
                .sudo()
                .with_context(wo_task_engine=TRUSTED)
                .create(
                    {
                        "subject": self.env._(
                            "Approve %(document)s", document=document.display_name
                        ),
                        "kind_id": kind.id,
                        "execution_mode": document.type_id.route_mode,
                        "initiator_id": document.author_id.id,
                        "controller_id": (document.responsible_id or document.author_id).id,
                        "res_model": document._name,
                        "res_id": document.id,
                        "partner_id": document.partner_id.id,
                        "company_id": document.company_id.id,
                        "executor_ids": [
                            (
                                0,
                                0,
                                {
                                    "user_id": user.id,
                                    "sequence": index,
                                    "date_deadline": fields.Date.add(
                                        today, days=step.deadline_days * (index + 1)
                                    )
                                    if step.deadline_days
                                    else False,
                                },
                            )
                            for index, (step, user) in enumerate(executors)
                        ],
                    }
                )
            )
            task.action_assign()
            document.with_context(wo_document_flow=TRUSTED).write({"approval_task_id": task.id})
            document._move("on_approval")
        return True

    def action_withdraw(self):
        """Back to draft from approval; the route starts again next time."""
        self.check_access("write")
        for document in self:
            if document.state != "on_approval":
                raise UserError(
                    self.env._("%(document)s is not on approval.", document=document.display_name)
                )
            document.approval_task_id.sudo().action_cancel()
            document._move("draft", self.env._("Withdrawn from approval."))
        return True

    def _on_approval_decided(self, approved, reason=None):
        """Called by the approval assignment: all approved, or one rejected."""
        for document in self.filtered(lambda d: d.state == "on_approval"):
            if approved:
                document._move("approved", self.env._("Approved by every step of the route."))
            else:
                document._move("draft", self.env._("Rejected: %(reason)s", reason=reason or ""))

    def action_decide(self, decision, remarks=None, delay_reason_id=None, delay_comment=None):
        """The current user's decision on their step of the route (or on the
        step of someone they act for): "approved", "remarks" or "rejected".
        A late approval gives the reason for the delay."""
        self.ensure_one()
        if self.state != "on_approval":
            raise UserError(
                self.env._("%(document)s is not on approval.", document=self.display_name)
            )
        line = self.approval_task_id.my_line_id
        if not line:
            raise UserError(
                self.env._(
                    "No step of %(document)s is yours to decide now.", document=self.display_name
                )
            )
        if decision not in ("approved", "remarks", "rejected"):
            raise UserError(self.env._("Approve, approve with remarks, or reject."))
        if decision != "approved" and not (remarks or "").strip():
            raise UserError(self.env._("Write your remarks or the reason for the rejection."))
        if decision == "rejected":
            line.action_refuse(remarks)
        else:
            line.action_report(
                result=remarks if decision == "remarks" else None,
                delay_reason_id=delay_reason_id,
                delay_comment=delay_comment,
            )
        return True

    def action_open_decide(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decide"),
            "res_model": "wo.document.decide",
            "view_mode": "form",
            "target": "new",
            "context": {"default_document_id": self.id},
        }

    def action_sign(self, certificate_id, passphrase, on_behalf_id=None):
        """Sign the main file with the current user's certificate (over
        XML-RPC too: nothing of the passphrase is stored), optionally on
        behalf of someone the user stands in for. A PDF is signed in place:
        the signed PDF becomes the main file, the earlier one stays among the
        attachments. Returns the signature's id."""
        self.ensure_one()
        self.check_access("write")
        # someone else's certificate is not even readable: say so plainly
        certificate = self.env["wo.signing.certificate"].sudo().browse(certificate_id).exists()
        if not certificate:
            raise UserError(self.env._("Choose your signing certificate."))
        if certificate.user_id != self.env.user:
            raise UserError(self.env._("You sign with your own certificate only."))
        certificate = certificate.with_env(self.env)
        on_behalf = self.env["res.users"].browse(on_behalf_id).exists() if on_behalf_id else None
        signature, signed_attachment = self.env["wo.document.signature"]._sign(
            self, certificate, passphrase, on_behalf=on_behalf
        )
        body = self.env._(
            "Signed digitally by %(user)s (%(subject)s), SHA-256 of the signed file %(sha)s.",
            user=self.env.user.name,
            subject=signature.subject,
            sha=signature.sha256,
        )
        if signature.on_behalf_id:
            body += " " + self.env._("On behalf of %(user)s.", user=signature.on_behalf_id.name)
        if signed_attachment:
            body += " " + self.env._(
                "The signed PDF is now the main file; the earlier version stays among the "
                "attachments."
            )
        self.message_post(
            body=body,
            subtype_xmlid="mail.mt_note",
            attachment_ids=signed_attachment.ids if signed_attachment else [],
        )
        if not self.date_signed_first:
            self.with_context(wo_document_flow=TRUSTED).write(
                {"date_signed_first": fields.Date.context_today(self)}
            )
        return signature.id

    def action_open_sign(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sign"),
            "res_model": "wo.document.sign",
            "view_mode": "form",
            "target": "new",
            "context": {"default_document_id": self.id},
        }

    def action_verify_signatures(self):
        """Verify every signature against the stored main file as it is now."""
        self.ensure_one()
        self.check_access("read")
        self.signature_ids.action_verify()
        return True

    def verify_signatures(self):
        """For RPC clients: verify (as the button does) and return the
        verdicts, one dict per signature, in signing order."""
        self.action_verify_signatures()
        return self.signature_ids.read(
            [
                "sequence",
                "signer_id",
                "on_behalf_id",
                "subject",
                "serial",
                "date",
                "timestamp_date",
                "kind",
                "verify_state",
                "verify_message",
            ]
        )

    def action_approve_without_route(self):
        self.check_access("write")
        for document in self:
            if document.type_id.approval_required:
                raise UserError(
                    self.env._(
                        "%(type)s needs approval: send it along its route.",
                        type=document.type_id.name,
                    )
                )
            document._move("approved")
        return True

    def action_to_signing(self):
        self.check_access("write")
        self._move("on_signing")
        return True

    def action_mark_signed(self):
        """Both parties signed (on paper or digitally): signed."""
        self.check_access("write")
        for document in self:
            if document.type_id.approval_required and document.state not in (
                "approved",
                "on_signing",
            ):
                raise UserError(
                    self.env._(
                        "%(document)s is not approved: it cannot be signed.",
                        document=document.display_name,
                    )
                )
            today = fields.Date.context_today(document)
            document.with_context(wo_document_flow=TRUSTED).write(
                {
                    "date_signed_first": document.date_signed_first or today,
                    "date_signed_second": document.date_signed_second
                    or (today if document.type_id.has_two_parties else False),
                }
            )
        self._move("signed")
        return True

    def action_put_in_force(self):
        self.check_access("write")
        self._move("in_force")
        return True

    def action_complete(self):
        self.check_access("write")
        self._warn_originals_out()
        self._move("completed")
        return True

    def action_terminate(self):
        self.check_access("write")
        self._warn_originals_out()
        self._move("terminated")
        return True

    def action_cancel(self):
        self.check_access("write")
        for document in self:
            if document.state == "on_approval":
                document.approval_task_id.sudo().action_cancel()
        self._move("cancelled")
        return True

    def action_reset_to_draft(self):
        self.check_access("write")
        self._move("draft")
        return True

    def _warn_originals_out(self):
        for document in self.filtered("is_original_out"):
            document.message_post(
                body=self.env._(
                    "Closed while the paper original is still out, with %(holder)s.",
                    holder=document.original_holder_id.name,
                ),
                partner_ids=document.responsible_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )

    @api.model
    def _cron_remind_dates(self):
        """Remind the responsible N days (per type) before the control date
        and before the end of validity; once per document and date."""
        today = fields.Date.context_today(self)
        documents = self.search(
            [
                ("state", "not in", ("completed", "terminated", "cancelled")),
                "|",
                ("date_control", ">=", today),
                ("date_end", ">=", today),
            ]
        )
        control_label = self.env._("Control date")
        end_label = self.env._("End of validity")
        for document in documents:
            reminders = [
                (document.date_control, document.type_id.remind_control_days, control_label),
                (document.date_end, document.type_id.remind_end_days, end_label),
            ]
            for date, days, label in reminders:
                if not date or not days or fields.Date.add(date, days=-days) > today:
                    continue
                summary = self.env._(
                    "%(what)s of %(document)s: %(date)s",
                    what=label,
                    document=document.display_name,
                    date=date,
                )
                whom = (
                    document.responsible_id or document.author_id
                ) | document.type_id.remind_user_ids
                for user in whom:
                    if document.activity_ids.filtered(
                        lambda a, s=summary, u=user: a.summary == s and a.user_id == u
                    ):
                        continue
                    document.activity_schedule(
                        "mail.mail_activity_data_todo",
                        date_deadline=date,
                        summary=summary,
                        user_id=user.id,
                    )
        self.env["ir.cron"]._commit_progress(len(documents))

    def action_view_agreements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("wo_documents.wo_document_action")
        action.update(
            domain=[("parent_id", "=", self.id)],
            context={"default_parent_id": self.id, "default_partner_id": self.partner_id.id},
        )
        return action
