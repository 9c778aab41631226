import base64
from datetime import UTC

from odoo import api, fields, models
from odoo.exceptions import UserError

from .wo_trusted_certificate import decode_upload

try:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import pkcs12 as asn1_pkcs12
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign import signers
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
        """Open a PKCS#12 file: (key, certificate, other certificates); a file
        that is not PKCS#12 and a wrong passphrase are clear errors."""
        if signers is None:
            raise UserError(self.env._("Digital signatures need the pyHanko library."))
        try:
            pfx = asn1_pkcs12.Pfx.load(pkcs12_bytes, strict=True)
            is_pfx = pfx["auth_safe"]["content_type"].native in ("data", "signed_data")
        except (ValueError, TypeError, KeyError):
            is_pfx = False
        if not is_pfx:
            raise UserError(self.env._("This file is not a PKCS#12 certificate file (.p12, .pfx)."))
        try:
            key, cert, others = pkcs12.load_key_and_certificates(
                pkcs12_bytes, (passphrase or "").encode()
            )
        except ValueError as error:
            raise UserError(self.env._("The passphrase does not open this certificate.")) from error
        if key is None or cert is None:
            raise UserError(self.env._("This PKCS#12 file holds no private key and certificate."))
        return key, cert, others or []

    @api.model
    def create_from_pkcs12(self, pkcs12_data, passphrase, user=None):
        """Check the file opens with the passphrase, keep the certificate's
        details, store the file as it came (encrypted): never the key in clear.
        ``pkcs12_data`` is the file's bytes or, from any RPC client (JSON-RPC
        cannot send bytes), its base64 text. Returns the new certificate's id
        over RPC, the record in Python."""
        pkcs12_bytes = decode_upload(self.env, pkcs12_data)
        if isinstance(user, int):
            user = self.env["res.users"].browse(user)
        user = user or self.env.user
        if user != self.env.user and not self.env.is_admin():
            raise UserError(self.env._("You upload your own certificate only."))
        key, cert, __ = self._load(pkcs12_bytes, passphrase)
        del key
        # the PKCS#12 column is for the system only: written after the checks
        # above, for the current user's own certificate
        return self.sudo().create(
            {
                "user_id": user.id,
                "pkcs12": base64.b64encode(pkcs12_bytes),
                "certificate": base64.b64encode(cert.public_bytes(serialization.Encoding.DER)),
                "subject": cert.subject.rfc4514_string(),
                "issuer": cert.issuer.rfc4514_string(),
                "serial": format(cert.serial_number, "X"),
                # Odoo stores naive UTC datetimes
                "valid_from": cert.not_valid_before_utc.replace(tzinfo=None),
                "valid_to": cert.not_valid_after_utc.replace(tzinfo=None),
            }
        )

    def _signer(self, passphrase, company=None):
        """A pyHanko signer for this certificate; refused when the
        certificate is not valid now or a revocation list of the company
        revokes it."""
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
        signing_cert = asn1_x509.Certificate.load(base64.b64decode(self.certificate))
        revoked_on = self.env["wo.trusted.certificate"]._revocation(
            company or self.env.company, signing_cert
        )
        if revoked_on is not None:
            raise UserError(
                self.env._(
                    "The certificate %(subject)s is revoked (since %(date)s): it cannot sign.",
                    subject=self.subject,
                    date=f"{revoked_on.astimezone(UTC):%Y-%m-%d %H:%M} UTC",
                )
            )
        key, __, others = self._load(base64.b64decode(self.sudo().pkcs12), passphrase)
        signing_key = asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        chain = [
            asn1_x509.Certificate.load(other.public_bytes(serialization.Encoding.DER))
            for other in others
        ]
        __, intermediates, __ = self.env["wo.trusted.certificate"]._material(
            company or self.env.company
        )
        return signers.SimpleSigner(
            signing_cert=signing_cert,
            signing_key=signing_key,
            cert_registry=SimpleCertificateStore.from_certs([signing_cert, *chain, *intermediates]),
        )


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
    on_behalf_id = fields.Many2one(
        "res.users",
        string="On Behalf Of",
        domain="[('id', 'in', acting_for_ids)]",
        help="Sign as deputy or substitute of this person.",
    )
    acting_for_ids = fields.Many2many("res.users", compute="_compute_acting_for_ids")

    @api.depends_context("uid")
    def _compute_acting_for_ids(self):
        others = self.env.user.wo_acting_for_ids - self.env.user
        for wizard in self:
            wizard.acting_for_ids = others

    def action_sign(self):
        self.ensure_one()
        passphrase, self.passphrase = self.passphrase, False  # not kept past this call
        self.document_id.action_sign(
            self.certificate_id.id, passphrase, on_behalf_id=self.on_behalf_id.id or None
        )
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
