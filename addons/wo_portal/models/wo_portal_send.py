import hashlib
import io
import logging
import re
import uuid
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, consteq

from odoo.addons.wo_staff.tools import TRUSTED

try:
    from asn1crypto import crl as asn1_crl
    from asn1crypto import ocsp as asn1_ocsp
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.dss import DocumentSecurityStore
except ImportError:  # pragma: no cover - declared in requirements.txt
    PdfFileReader = None

_logger = logging.getLogger(__name__)

OPEN_STATES = ("sent", "approved")
STATES = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("approved", "Approved by them"),
    ("rejected", "Rejected by them"),
    ("signed", "Signed by them"),
    ("withdrawn", "Withdrawn"),
]
# a signature of the counterparty that WO accepts: intact, whoever trusts it
ACCEPTED_VERDICTS = ("valid", "untrusted")
DEFAULT_LINK_DAYS = 30
DEFAULT_MAX_UPLOAD_MB = 20


class WoPortalSend(models.Model):
    """A document sent to a counterparty: the contacts of theirs who may act
    on it, the file as it was sent (its SHA-256 and size), a link that
    expires, and what they did with it (approved, rejected, signed, by whom,
    when, from which address). One open send per document, a decision taken
    once: both enforced by the database."""

    _name = "wo.portal.send"
    _description = "Document Sent to a Counterparty"
    _inherit = ["portal.mixin"]
    _order = "date_sent desc, id desc"
    _rec_name = "document_id"

    document_id = fields.Many2one(
        "wo.document", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Counterparty",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        index=True,
        help="The company the document goes to: every portal user of theirs sees it.",
    )
    contact_ids = fields.Many2many(
        "res.partner",
        string="Contacts Who May Act",
        domain="[('id', 'child_of', partner_id)]",
        help="Their contacts (portal users) who may approve, reject or sign.",
    )
    message = fields.Text(help="Shown to them on the portal and in the e-mail.")
    date_due = fields.Date(string="Answer Due")
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, index=True)
    date_sent = fields.Datetime(string="Sent On", readonly=True)
    sent_by_id = fields.Many2one("res.users", readonly=True, index="btree_not_null")
    date_expiry = fields.Datetime(
        string="Link Valid Until",
        readonly=True,
        help="The link of the e-mail works until then; their portal users can always log in.",
    )
    # indexed: an attachment deleted looks for the sends that refer to it
    file_id = fields.Many2one(
        "ir.attachment", string="File Sent", readonly=True, index="btree_not_null"
    )
    file_sha256 = fields.Char(string="SHA-256 of the File Sent", readonly=True)
    file_size = fields.Integer(string="Size of the File Sent", readonly=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, index="btree_not_null")
    date_decision = fields.Datetime(string="Decided On", readonly=True)
    decision_comment = fields.Text(string="Their Comment", readonly=True)
    sign_kind = fields.Selection(
        [("simple", "Simple electronic signature"), ("qualified", "Qualified signature (PDF)")],
        string="Signed With",
        readonly=True,
    )
    signed_name = fields.Char(string="Name Typed", readonly=True)
    sign_ip = fields.Char(string="Signed From (IP)", readonly=True)
    date_signed = fields.Datetime(string="Signed On", readonly=True)
    signed_sha256 = fields.Char(
        string="SHA-256 of the File Signed",
        readonly=True,
        help="For a simple signature: of the exact file they signed.",
    )
    can_sign_simple = fields.Boolean(related="document_id.type_id.wo_portal_simple_signature")

    _open_uniq = models.UniqueIndex(
        "(document_id) WHERE state IN ('sent', 'approved')",
        "A document is with its counterparty once at a time: withdraw the open send first.",
    )

    @api.depends("document_id.partner_id")
    def _compute_partner_id(self):
        for send in self:
            if send.state == "draft" or not send.partner_id:
                send.partner_id = send.document_id.partner_id.commercial_partner_id

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for send in self:
            send.access_url = f"/my/wo/documents/{send.id}"
        return res

    def _compute_display_name(self):
        for send in self:
            document = send.document_id.sudo()
            send.display_name = f"{document.name or ''} {document.subject or ''}".strip()

    # ------------------------------------------------------------ employee
    def action_send(self):
        """Send the document: its file as it is now, a new link that expires,
        an e-mail to the contacts who may act."""
        for send in self:
            send.document_id.check_access("write")
            send._check_sendable()
            attachment = send.document_id.sudo().message_main_attachment_id
            data = attachment.raw or b""
            days = send.company_id.wo_portal_link_days or DEFAULT_LINK_DAYS
            now = fields.Datetime.now()
            send.sudo().write(
                {
                    "state": "sent",
                    "date_sent": now,
                    "sent_by_id": self.env.uid,
                    "date_expiry": now + timedelta(days=days),
                    "file_id": attachment.id,
                    "file_sha256": hashlib.sha256(data).hexdigest(),
                    "file_size": len(data),
                    "access_token": self._new_token(),
                }
            )
            document = send.document_id
            if not document.date_handed:
                document.sudo().with_context(
                    wo_document_flow=TRUSTED
                ).date_handed = fields.Date.context_today(send)
            document.message_post(
                body=self.env._(
                    "Sent to %(partner)s on the portal (%(contacts)s may act).",
                    partner=send.partner_id.name,
                    contacts=", ".join(send.contact_ids.mapped("name")),
                )
                + (f" {send.message}" if send.message else ""),
                subtype_xmlid="mail.mt_comment",
            )
            send._notify_contacts("wo_portal.wo_portal_mail_template_sent")
        return True

    @api.model
    def _new_token(self):
        return str(uuid.uuid4())

    def _check_sendable(self):
        self.ensure_one()
        document = self.document_id
        if self.state != "draft":
            raise UserError(self.env._("This send has already gone."))
        if not document.partner_id:
            raise UserError(
                self.env._(
                    "%(document)s names no second party: there is no one to send it to.",
                    document=document.display_name,
                )
            )
        if document.state in ("cancelled", "completed", "terminated"):
            raise UserError(
                self.env._(
                    "%(document)s is closed: it is not sent any more.",
                    document=document.display_name,
                )
            )
        if not document.sudo().message_main_attachment_id:
            raise UserError(
                self.env._(
                    "%(document)s has no file: attach the file they are to read and sign.",
                    document=document.display_name,
                )
            )
        if self.sudo().search_count(
            [("document_id", "=", document.id), ("state", "in", OPEN_STATES)], limit=1
        ):
            raise UserError(
                self.env._(
                    "%(document)s is already with its counterparty: withdraw that send first.",
                    document=document.display_name,
                )
            )
        if not self.contact_ids:
            raise UserError(self.env._("Choose the contacts of theirs who may act on it."))
        strangers = self.contact_ids.filtered(lambda c: c.commercial_partner_id != self.partner_id)
        if strangers:
            raise UserError(
                self.env._(
                    "%(contacts)s do not work for %(partner)s.",
                    contacts=", ".join(strangers.mapped("name")),
                    partner=self.partner_id.name,
                )
            )
        without = self.contact_ids.filtered(
            lambda c: not c.sudo().user_ids.filtered(lambda u: u.active and u._is_portal())
        )
        if without:
            raise UserError(
                self.env._(
                    "%(contacts)s cannot log in to the portal: give them portal access "
                    "first (Contacts, action Grant portal access).",
                    contacts=", ".join(without.mapped("name")),
                )
            )
        if self.date_due and self.date_due < fields.Date.context_today(self):
            raise UserError(self.env._("The answer cannot be due in the past."))

    def action_withdraw(self):
        """Take the document back: its link and their pages stop working."""
        for send in self:
            send.document_id.check_access("write")
            if not send._wo_transition(OPEN_STATES, {"state": "withdrawn", "access_token": None}):
                raise UserError(self.env._("Only a send waiting for them can be withdrawn."))
            send.document_id.message_post(
                body=self.env._(
                    "Withdrawn from %(partner)s: the portal no longer shows it.",
                    partner=send.partner_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _notify_contacts(self, template_xmlid):
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return
        for send in self:
            template.sudo().send_mail(
                send.id,
                email_values={"recipient_ids": [(6, 0, send.contact_ids.ids)]},
                email_layout_xmlid="mail.mail_notification_light",
            )

    def _wo_transition(self, from_states, values):
        """Move ``self`` from one of ``from_states`` with ``values``, in one
        conditional UPDATE: of two requests at once, only one finds the send
        in ``from_states`` (the other waits for the row, then finds it moved).
        True when this request moved it."""
        self.ensure_one()
        self.flush_recordset()
        columns = SQL(", ").join(
            SQL("%s = %s", SQL.identifier(name), value) for name, value in values.items()
        )
        self.env.cr.execute(
            SQL(
                """UPDATE wo_portal_send
                      SET %s, write_uid = %s, write_date = now() AT TIME ZONE 'UTC'
                    WHERE id = %s AND state IN %s
                RETURNING id""",
                columns,
                self.env.uid,
                self.id,
                tuple(from_states),
            )
        )
        moved = bool(self.env.cr.fetchone())
        self.invalidate_recordset()
        return moved

    # ------------------------------------------------------------- portal
    @api.model
    def _wo_portal_find(self, send_id, access_token=None, user=None):
        """The send ``send_id`` if ``user`` (a portal user of its
        counterparty) or ``access_token`` (unexpired) may see it, as sudo;
        an empty recordset otherwise: the caller answers "not found" the
        same way whether it does not exist or may not be seen."""
        send = self.sudo().browse(send_id).exists()
        if not send or send.state in ("draft", "withdrawn"):
            return self.sudo().browse()
        user = user or self.env.user
        # their portal users; employees work on the document in WO itself
        if user._is_portal() and user.partner_id.commercial_partner_id == send.partner_id:
            return send
        if (
            access_token
            and send.access_token
            and consteq(send.access_token, str(access_token))
            and send.date_expiry
            and send.date_expiry > fields.Datetime.now()
        ):
            return send
        return self.sudo().browse()

    @api.model
    def _wo_portal_domain(self, partner):
        return [
            ("partner_id", "=", partner.commercial_partner_id.id),
            ("state", "not in", ("draft", "withdrawn")),
        ]

    def _wo_portal_check_actor(self, user):
        self.ensure_one()
        if user._is_public() or user.partner_id not in self.contact_ids:
            raise UserError(
                self.env._(
                    "Only the contacts %(partner)s named may act on this document: log in "
                    "as one of them.",
                    partner=self.partner_id.name,
                )
            )
        if self.state not in OPEN_STATES:
            raise UserError(self.env._("This document is no longer waiting for you."))

    def _wo_portal_files(self):
        """What they may download: the file sent, the document's main file,
        the files of its public messages."""
        self.ensure_one()
        document = self.document_id.sudo()
        files = self.file_id | document.message_main_attachment_id
        for message in self._wo_portal_messages():
            files |= message.attachment_ids
        return files.exists()

    def _wo_portal_messages(self):
        """The document's public messages (never internal notes)."""
        self.ensure_one()
        return (
            self.document_id.sudo()
            .message_ids.filtered(
                lambda m: (
                    m.message_type in ("comment", "email")
                    and m.subtype_id
                    and not m.subtype_id.internal
                )
            )
            .sorted("date")
        )

    def _wo_portal_decide(self, user, decision, comment=None):
        """Their approval or rejection, once."""
        self.ensure_one()
        self._wo_portal_check_actor(user)
        comment = (comment or "").strip()
        if decision not in ("approved", "rejected"):
            raise UserError(self.env._("Approve or reject."))
        if decision == "rejected" and not comment:
            raise UserError(self.env._("Say why you reject it."))
        if self.state != "sent" or not self._wo_transition(
            ("sent",),
            {
                "state": decision,
                "decided_by_id": user.id,
                "date_decision": fields.Datetime.now(),
                "decision_comment": comment or None,
            },
        ):
            raise UserError(self.env._("A decision on this document was already taken."))
        document = self.document_id.sudo()
        self.env["wo.document.approval"].sudo().create(
            {
                "document_id": document.id,
                "approver_id": user.id,
                "decided_by_id": user.id,
                "decision": decision,
                "remarks": comment or False,
                "wo_portal_send_id": self.id,
                "wo_counterparty_id": self.partner_id.id,
            }
        )
        label = dict(self._fields["state"]._description_selection(self.env))[decision]
        document.with_user(user).sudo().message_post(
            body=self.env._(
                "%(decision)s by %(user)s for %(partner)s.",
                decision=label,
                user=user.name,
                partner=self.partner_id.name,
            )
            + (f" {comment}" if comment else ""),
            author_id=user.partner_id.id,
            subtype_xmlid="mail.mt_comment",
            partner_ids=document.responsible_id.partner_id.ids,
        )
        if decision == "rejected" and document.responsible_id:
            document.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("%(partner)s rejected it", partner=self.partner_id.name),
                note=comment,
                user_id=document.responsible_id.id,
            )
        self._notify_contacts("wo_portal.wo_portal_mail_template_decided")
        return True

    def _wo_portal_sign_simple(self, user, full_name, confirmed, ip_address):
        """A simple electronic signature: the full name typed and confirmed,
        with the time, the address and the SHA-256 of the exact file."""
        self.ensure_one()
        self._wo_portal_check_actor(user)
        if not self.document_id.type_id.wo_portal_simple_signature:
            raise UserError(
                self.env._(
                    "This kind of document is signed with a qualified signature only: "
                    "upload the PDF you signed."
                )
            )
        typed = re.sub(r"\s+", " ", (full_name or "")).strip()
        if not typed or typed.casefold() != re.sub(r"\s+", " ", user.name).strip().casefold():
            raise UserError(
                self.env._(
                    "Type your full name exactly as your account has it: %(name)s.",
                    name=user.name,
                )
            )
        if not confirmed:
            raise UserError(self.env._("Confirm that you sign the document."))
        data = self._wo_current_file()
        self._wo_signed(
            user,
            {
                "sign_kind": "simple",
                "signed_name": typed,
                "sign_ip": ip_address or None,
                "signed_sha256": hashlib.sha256(data).hexdigest(),
            },
        )
        return True

    def _wo_current_file(self):
        """The document's main file, which must still be the file sent."""
        attachment = self.document_id.sudo().message_main_attachment_id
        attachment.invalidate_recordset(["raw", "datas", "db_datas"])
        data = attachment.raw or b""
        if hashlib.sha256(data).hexdigest() != self.file_sha256:
            raise UserError(
                self.env._(
                    "The document changed after it was sent to you: wait for the new version."
                )
            )
        return data

    def _wo_signed(self, user, values):
        """Theirs is the second signature: the document is signed by the
        second party and returned to us, the date today."""
        now = fields.Datetime.now()
        values = dict(values, state="signed", date_signed=now)
        if self.state == "sent":
            values.update(decided_by_id=user.id, date_decision=now)
        if not self._wo_transition(OPEN_STATES, values):
            raise UserError(self.env._("A decision on this document was already taken."))
        document = self.document_id.sudo().with_context(wo_document_flow=TRUSTED)
        today = fields.Date.context_today(self)
        document.write(
            {
                "date_signed_second": document.date_signed_second or today,
                "date_handed": document.date_handed or today,
                "date_returned": today,
            }
        )
        if document.is_signed and document.state in ("approved", "on_signing"):
            document._move("signed")
        document.with_user(user).sudo().message_post(
            body=self.env._(
                "Signed by %(user)s for %(partner)s (%(kind)s); returned.",
                user=user.name,
                partner=self.partner_id.name,
                kind=dict(self._fields["sign_kind"]._description_selection(self.env))[
                    values["sign_kind"]
                ],
            ),
            author_id=user.partner_id.id,
            subtype_xmlid="mail.mt_comment",
            partner_ids=document.responsible_id.partner_id.ids,
        )
        self._notify_contacts("wo_portal.wo_portal_mail_template_decided")

    def _wo_portal_sign_upload(self, user, data, filename, ip_address):
        """The PDF they signed with their own qualified certificate: it must
        be the file sent with their signatures added (an incremental update:
        its first bytes are the file sent), every signature in it intact,
        WO's earlier ones included. Then it becomes the document's main file
        and the document is signed by them."""
        self.ensure_one()
        self._wo_portal_check_actor(user)
        limit = (self.company_id.wo_portal_max_upload_mb or DEFAULT_MAX_UPLOAD_MB) * 1024 * 1024
        if not data:
            raise UserError(self.env._("Choose the signed PDF to upload."))
        if len(data) > limit:
            raise UserError(
                self.env._(
                    "The file is too large: at most %(size)s MB.",
                    size=limit // (1024 * 1024),
                )
            )
        if not data.startswith(b"%PDF-"):
            raise UserError(self.env._("The file is not a PDF: upload the signed PDF."))
        self._wo_current_file()
        sent = self.file_size
        if len(data) <= sent or hashlib.sha256(data[:sent]).hexdigest() != self.file_sha256:
            raise UserError(
                self.env._(
                    "The file is not the document sent to you with your signature added: "
                    "sign the PDF you downloaded here, without changing it."
                )
            )
        try:
            reader = PdfFileReader(io.BytesIO(data), strict=False)
            embedded = list(reader.embedded_signatures)
            dss = DocumentSecurityStore.read_dss(reader) if "/DSS" in reader.root else None
        except Exception as error:
            raise UserError(
                self.env._("The file cannot be read as a PDF: %(error)s", error=str(error)[:200])
            ) from error
        ends = {e.field_name: self._revision_end(e) for e in embedded}
        new = [e for e in embedded if ends[e.field_name] > sent]
        if not new:
            raise UserError(self.env._("The file holds no signature added to the document sent."))
        if max(ends.values()) != len(data):
            raise UserError(
                self.env._("The file was changed after its last signature: upload it as signed.")
            )
        document = self.document_id.sudo()
        Signature = self.env["wo.document.signature"].sudo()
        company = document.company_id
        certs, crls, ocsps = [], [], []
        if dss is not None:
            certs = list(dss.load_certs())
            crls = [asn1_crl.CertificateList.load(ref.get_object().data) for ref in dss.crls]
            ocsps = [asn1_ocsp.OCSPResponse.load(ref.get_object().data) for ref in dss.ocsps]
        by_name = {e.field_name: e for e in embedded}
        for ours in document.signature_ids.filtered(lambda s: s.kind == "pades"):
            state, _message, _timestamp = ours._verify_pades(data, by_name, dss, company, False)
            if state == "invalid":
                raise UserError(
                    self.env._(
                        "The signature of %(signer)s in the file is no longer intact: "
                        "sign the PDF you downloaded here, without changing it.",
                        signer=ours.subject or ours.signer_id.name,
                    )
                )
        sequence = max(document.signature_ids.mapped("sequence") or [0])
        signatures = Signature.browse()
        for index, signed in enumerate(sorted(new, key=lambda e: ends[e.field_name]), 1):
            cert = signed.signer_cert
            end = ends[signed.field_name]
            signatures |= Signature.create(
                {
                    "document_id": document.id,
                    "sequence": sequence + index,
                    "signer_id": user.id,
                    "subject": cert.subject.human_friendly,
                    "issuer": cert.issuer.human_friendly,
                    "serial": format(cert.serial_number, "x"),
                    "valid_from": cert["tbs_certificate"]["validity"]["not_before"].native.replace(
                        tzinfo=None
                    ),
                    "valid_to": cert["tbs_certificate"]["validity"]["not_after"].native.replace(
                        tzinfo=None
                    ),
                    "date": (signed.self_reported_timestamp or fields.Datetime.now()).replace(
                        tzinfo=None
                    ),
                    "kind": "pades",
                    "field_name": signed.field_name,
                    "filename": filename,
                    "sha256": hashlib.sha256(data[:end]).hexdigest(),
                    "signed_size": end,
                    "certificate": cert.dump(),
                }
            )
        now = fields.Datetime.now()
        for signature in signatures:
            signed = by_name[signature.field_name]
            extra = certs + list(signed.other_embedded_certs)
            context = signature._context(company, extra, crls, ocsps)
            status = validate_pdf_signature(signed, context, context)
            state, message, timestamp = signature._verdict(status, company, crls)
            if state not in ACCEPTED_VERDICTS:
                raise UserError(
                    self.env._(
                        "The signature of %(subject)s is not accepted: %(message)s",
                        subject=signature.subject,
                        message=message,
                    )
                )
            signature.write(
                {
                    "verify_state": state,
                    "verify_message": message,
                    "verify_date": now,
                    "timestamp_date": timestamp.replace(tzinfo=None) if timestamp else False,
                }
            )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": filename or f"{document.name or 'document'}-signed.pdf",
                    "raw": data,
                    "res_model": "wo.document",
                    "res_id": document.id,
                    "mimetype": "application/pdf",
                }
            )
        )
        document.with_context(wo_document_flow=TRUSTED).message_main_attachment_id = attachment
        self._wo_signed(
            user,
            {
                "sign_kind": "qualified",
                "sign_ip": ip_address or None,
                "signed_sha256": hashlib.sha256(data).hexdigest(),
            },
        )
        return signatures

    @staticmethod
    def _revision_end(embedded):
        byte_range = embedded.sig_object["/ByteRange"]
        return int(byte_range[2]) + int(byte_range[3])

    def _wo_portal_refused(self, user, reason):
        """A refused upload: noted on the document for its people, logged."""
        self.ensure_one()
        _logger.info(
            "wo_portal: signed file of send %s from user %s refused: %s", self.id, user.id, reason
        )
        self.document_id.sudo().message_post(
            body=self.env._(
                "A signed file uploaded by %(user)s for %(partner)s was refused: %(reason)s",
                user=user.name,
                partner=self.partner_id.name,
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
