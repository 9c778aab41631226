import base64
import hashlib
import io
from datetime import UTC

from odoo import api, fields, models
from odoo.exceptions import UserError

try:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.validation import validate_detached_cms, validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.registry import SimpleCertificateStore
except ImportError:  # pragma: no cover - declared in requirements.txt
    signers = None


class WoSigningCertificate(models.Model):
    """A user's signing certificate: the X.509 certificate in clear, the
    private key only inside the PKCS#12 file as uploaded, encrypted with the
    user's passphrase, which is never stored."""

    _name = "wo.signing.certificate"
    _description = "Signing Certificate"
    _order = "valid_to desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        ondelete="cascade",
    )
    pkcs12 = fields.Binary(
        string="PKCS#12 File",
        attachment=False,
        required=True,
        copy=False,
        groups="base.group_system",
    )
    certificate = fields.Binary(string="Certificate (DER)", attachment=False, readonly=True)
    subject = fields.Char(readonly=True)
    issuer = fields.Char(readonly=True)
    serial = fields.Char(readonly=True)
    valid_from = fields.Datetime(readonly=True)
    valid_to = fields.Datetime(readonly=True)
    active = fields.Boolean(default=True)

    @api.depends("subject", "valid_to")
    def _compute_name(self):
        for certificate in self:
            certificate.name = f"{certificate.subject or ''} ({certificate.valid_to or ''})"

    @api.model
    def _load(self, pkcs12_bytes, passphrase):
        """Open a PKCS#12 file; a wrong passphrase is a clear error."""
        if signers is None:
            raise UserError(self.env._("Digital signatures need the pyHanko library."))
        try:
            key, cert, _others = pkcs12.load_key_and_certificates(
                pkcs12_bytes, (passphrase or "").encode()
            )
        except ValueError as error:
            raise UserError(self.env._("The passphrase does not open this certificate.")) from error
        if key is None or cert is None:
            raise UserError(self.env._("This PKCS#12 file holds no private key and certificate."))
        return key, cert

    @api.model
    def create_from_pkcs12(self, pkcs12_bytes, passphrase, user=None):
        """Check the file opens with the passphrase, keep the certificate's
        details, store the file as it came (encrypted): never the key in clear."""
        key, cert = self._load(pkcs12_bytes, passphrase)
        del key
        # the PKCS#12 column is for the system only: written after the check
        # above, for the current user's own certificate
        return self.sudo().create(
            {
                "user_id": (user or self.env.user).id,
                "pkcs12": base64.b64encode(pkcs12_bytes),
                "certificate": base64.b64encode(cert.public_bytes(serialization.Encoding.DER)),
                "subject": cert.subject.rfc4514_string(),
                "issuer": cert.issuer.rfc4514_string(),
                "serial": format(cert.serial_number, "X"),
                "valid_from": cert.not_valid_before,
                "valid_to": cert.not_valid_after,
            }
        )

    def _signer(self, passphrase):
        self.ensure_one()
        now = fields.Datetime.now()
        if not (self.valid_from <= now <= self.valid_to):
            raise UserError(
                self.env._(
                    "The certificate %(subject)s is not valid now (valid %(from)s to %(to)s).",
                    subject=self.subject,
                    **{"from": self.valid_from, "to": self.valid_to},
                )
            )
        key, cert = self._load(base64.b64decode(self.sudo().pkcs12), passphrase)
        signing_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
        signing_key = asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        return signers.SimpleSigner(
            signing_cert=signing_cert,
            signing_key=signing_key,
            cert_registry=SimpleCertificateStore.from_certs([signing_cert]),
        )


class WoDocumentSignature(models.Model):
    """A digital signature of a document's main file: PAdES inside a PDF,
    a detached CMS signature for any other file."""

    _name = "wo.document.signature"
    _description = "Document Signature"
    _order = "date desc, id desc"

    document_id = fields.Many2one("wo.document", required=True, index=True, ondelete="cascade")
    signer_id = fields.Many2one("res.users", required=True, readonly=True)
    certificate_id = fields.Many2one("wo.signing.certificate", readonly=True, ondelete="set null")
    subject = fields.Char(readonly=True)
    serial = fields.Char(readonly=True)
    valid_from = fields.Datetime(readonly=True)
    valid_to = fields.Datetime(readonly=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    kind = fields.Selection(
        [("pades", "PAdES (in the PDF)"), ("cms", "Detached CMS")], readonly=True
    )
    filename = fields.Char(readonly=True)
    sha256 = fields.Char(string="SHA-256 of the Signed Bytes", readonly=True)
    signed_file = fields.Binary(attachment=False, readonly=True)
    cms = fields.Binary(string="CMS Signature", attachment=False, readonly=True)
    certificate = fields.Binary(string="Certificate (DER)", attachment=False, readonly=True)
    verify_state = fields.Selection(
        [("valid", "Valid"), ("invalid", "Invalid")], string="Verification", readonly=True
    )
    verify_date = fields.Datetime(readonly=True)
    verify_message = fields.Char(readonly=True)
    company_id = fields.Many2one(related="document_id.company_id", store=True)

    @api.model
    def _sign(self, document, certificate, passphrase):
        """Sign the document's main file with the certificate; checked first:
        a main file, the approval the type needs, a valid certificate, the
        passphrase."""
        attachment = document.message_main_attachment_id
        if not attachment:
            raise UserError(
                self.env._("%(document)s has no main file to sign.", document=document.display_name)
            )
        if document.type_id.approval_required and document.state not in ("approved", "on_signing"):
            raise UserError(
                self.env._(
                    "%(document)s needs an approval it does not have: it cannot be signed.",
                    document=document.display_name,
                )
            )
        if certificate.user_id != self.env.user:
            raise UserError(self.env._("You sign with your own certificate only."))
        signer = certificate._signer(passphrase)
        data = attachment.raw
        is_pdf = attachment.mimetype == "application/pdf" or data[:5] == b"%PDF-"
        values = {
            "document_id": document.id,
            "signer_id": self.env.uid,
            "certificate_id": certificate.id,
            "subject": certificate.subject,
            "serial": certificate.serial,
            "valid_from": certificate.valid_from,
            "valid_to": certificate.valid_to,
            "certificate": certificate.certificate,
            "filename": attachment.name,
        }
        if is_pdf:
            writer = IncrementalPdfFileWriter(io.BytesIO(data))
            output = signers.sign_pdf(
                writer,
                signers.PdfSignatureMetadata(
                    field_name=f"Signature{len(document.signature_ids) + 1}"
                ),
                signer=signer,
            )
            signed = output.getvalue()
            values.update(
                kind="pades",
                signed_file=base64.b64encode(signed),
                sha256=hashlib.sha256(data).hexdigest(),
            )
        else:
            content_info = signer.sign_general_data(data, "sha256", detached=True)
            values.update(
                kind="cms",
                signed_file=base64.b64encode(data),
                cms=base64.b64encode(content_info.dump()),
                sha256=hashlib.sha256(data).hexdigest(),
            )
        return self.sudo().create(values)

    def action_verify(self):
        """Check the signature cryptographically, the certificate at signing
        time, and that the signed file is unchanged."""
        for signature in self:
            ok, message = signature._verify()
            signature.sudo().write(
                {
                    "verify_state": "valid" if ok else "invalid",
                    "verify_date": fields.Datetime.now(),
                    "verify_message": message,
                }
            )
        return True

    def _verify(self):
        self.ensure_one()
        cert = asn1_x509.Certificate.load(base64.b64decode(self.certificate))
        context = ValidationContext(trust_roots=[cert], moment=self.date.replace(tzinfo=UTC))
        data = base64.b64decode(self.signed_file or b"")
        try:
            if self.kind == "pades":
                reader = PdfFileReader(io.BytesIO(data))
                if not reader.embedded_signatures:
                    return False, self.env._("The file holds no signature.")
                status = validate_pdf_signature(reader.embedded_signatures[-1], context)
            else:
                status = validate_detached_cms(
                    data,
                    asn1_cms_content(base64.b64decode(self.cms)),
                    signer_validation_context=context,
                )
        except Exception as error:  # noqa: BLE001 - any failure means "not valid"
            return False, self.env._(
                "The signature cannot be checked: %(error)s", error=str(error)[:200]
            )
        if not status.intact:
            return False, self.env._("The signed file was changed after signing.")
        if not status.valid:
            return False, self.env._("The signature does not match the certificate.")
        signed_at = self.date
        if not (self.valid_from <= signed_at <= self.valid_to):
            return False, self.env._("The certificate was not valid when the file was signed.")
        return True, self.env._("Valid: intact, signed by %(subject)s.", subject=self.subject)


def asn1_cms_content(raw):
    from asn1crypto import cms

    return cms.ContentInfo.load(raw)["content"]


class WoDocumentSign(models.TransientModel):
    _name = "wo.document.sign"
    _description = "Sign a Document"

    document_id = fields.Many2one("wo.document", required=True, ondelete="cascade")
    certificate_id = fields.Many2one(
        "wo.signing.certificate",
        required=True,
        domain="[('user_id', '=', uid)]",
        default=lambda self: self.env["wo.signing.certificate"].search(
            [("user_id", "=", self.env.uid)], limit=1
        ),
    )
    passphrase = fields.Char()

    def action_sign(self):
        self.ensure_one()
        passphrase, self.passphrase = self.passphrase, False  # not kept past this call
        self.document_id.action_sign(self.certificate_id.id, passphrase)
        return {"type": "ir.actions.act_window_close"}


class WoSigningCertificateUpload(models.TransientModel):
    _name = "wo.signing.certificate.upload"
    _description = "Upload a Signing Certificate"

    pkcs12 = fields.Binary(string="PKCS#12 File (.p12, .pfx)", required=True)
    passphrase = fields.Char()

    def action_upload(self):
        self.ensure_one()
        passphrase, self.passphrase = self.passphrase, False
        data = base64.b64decode(self.pkcs12)
        self.pkcs12 = False
        self.env["wo.signing.certificate"].create_from_pkcs12(data, passphrase)
        return {"type": "ir.actions.act_window_close"}
