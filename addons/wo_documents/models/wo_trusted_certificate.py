import base64
import binascii
import hashlib
from datetime import UTC

from odoo import api, fields, models
from odoo.exceptions import UserError

try:
    from asn1crypto import crl as asn1_crl
    from asn1crypto import pem as asn1_pem
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import ValidationContext
except ImportError:  # pragma: no cover - declared in requirements.txt
    ValidationContext = None


def decode_upload(env, data):
    """A file as an RPC client sends it: raw bytes (XML-RPC binary) or base64
    text (JSON-RPC, which cannot send bytes)."""
    if isinstance(data, str):
        try:
            return base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError) as error:
            raise UserError(env._("A file sent as text must be base64.")) from error
    return bytes(data or b"")


class WoTrustedCertificate(models.Model):
    """A company's trusted root and intermediate certificates, and the
    revocation lists (CRL) of its certification authorities: what a
    signature's certificate is checked against."""

    _name = "wo.trusted.certificate"
    _description = "Trusted Certificate or Revocation List"
    _order = "company_id, kind, subject, id"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    kind = fields.Selection(
        [
            ("root", "Trusted Root"),
            ("intermediate", "Intermediate Certificate"),
            ("crl", "Revocation List (CRL)"),
        ],
        required=True,
        readonly=True,
    )
    data = fields.Binary(string="DER", attachment=False, required=True, readonly=True)
    fingerprint = fields.Char(string="SHA-256 Fingerprint", required=True, readonly=True)
    subject = fields.Char(readonly=True, help="The certificate's subject; a CRL's issuer.")
    issuer = fields.Char(readonly=True)
    serial = fields.Char(readonly=True)
    valid_from = fields.Datetime(readonly=True, help="A CRL's date of issue.")
    valid_to = fields.Datetime(readonly=True, help="A CRL's next update.")
    revoked_count = fields.Integer(string="Revoked Certificates", readonly=True)
    active = fields.Boolean(default=True)

    _fingerprint_uniq = models.Constraint(
        "UNIQUE (company_id, fingerprint)", "This certificate or list is already uploaded."
    )

    @api.depends("kind", "subject")
    def _compute_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for record in self:
            record.name = f"{labels.get(record.kind, '')}: {record.subject or ''}"

    @api.model
    def import_bundle(self, data, company_id=None):
        """Upload certificates and CRLs: one DER file or a PEM bundle, as
        bytes or base64 text (so that any RPC client can send it). Roots are
        the self-signed certificates, the others intermediates. Returns the
        ids created; those already there are skipped."""
        self.check_access("create")
        company = self.env["res.company"].browse(company_id) if company_id else self.env.company
        raw = decode_upload(self.env, data)
        blocks = []
        if asn1_pem.detect(raw):
            for type_name, _headers, der in asn1_pem.unarmor(raw, multiple=True):
                blocks.append((type_name, der))
        else:
            blocks.append((None, raw))
        values = []
        for type_name, der in blocks:
            if type_name in (None, "CERTIFICATE", "TRUSTED CERTIFICATE"):
                vals = self._certificate_values(der)
                if vals is None and type_name is None:
                    vals = self._crl_values(der)
            elif type_name == "X509 CRL":
                vals = self._crl_values(der)
            else:
                continue
            if vals is None:
                raise UserError(
                    self.env._(
                        "This file is neither a certificate nor a revocation list (PEM or DER)."
                    )
                )
            values.append(vals)
        if not values:
            raise UserError(self.env._("This file holds no certificate or revocation list."))
        existing = set(
            self.with_context(active_test=False)
            .search([("company_id", "=", company.id)])
            .mapped("fingerprint")
        )
        to_create = []
        for vals in values:
            if vals["fingerprint"] in existing:
                continue
            existing.add(vals["fingerprint"])
            to_create.append(dict(vals, company_id=company.id))
        return self.create(to_create).ids

    @api.model
    def _certificate_values(self, der):
        try:
            cert = asn1_x509.Certificate.load(der)
            subject = cert.subject.human_friendly
            issuer = cert.issuer.human_friendly
            validity = cert["tbs_certificate"]["validity"]
            valid_from = validity["not_before"].native
            valid_to = validity["not_after"].native
        except (ValueError, TypeError, KeyError):
            return None
        self_signed = cert.self_signed in ("maybe", "yes")
        return {
            "kind": "root" if self_signed else "intermediate",
            "data": base64.b64encode(cert.dump()),
            "fingerprint": hashlib.sha256(cert.dump()).hexdigest(),
            "subject": subject,
            "issuer": issuer,
            "serial": format(cert.serial_number, "X"),
            "valid_from": valid_from.astimezone(UTC).replace(tzinfo=None),
            "valid_to": valid_to.astimezone(UTC).replace(tzinfo=None),
        }

    @api.model
    def _crl_values(self, der):
        try:
            crl = asn1_crl.CertificateList.load(der)
            tbs = crl["tbs_cert_list"]
            issuer = tbs["issuer"].human_friendly
            this_update = tbs["this_update"].native
            next_update = tbs["next_update"].native
            revoked = tbs["revoked_certificates"].native or []
        except (ValueError, TypeError, KeyError):
            return None
        return {
            "kind": "crl",
            "data": base64.b64encode(crl.dump()),
            "fingerprint": hashlib.sha256(crl.dump()).hexdigest(),
            "subject": issuer,
            "issuer": issuer,
            "valid_from": this_update.astimezone(UTC).replace(tzinfo=None),
            "valid_to": next_update and next_update.astimezone(UTC).replace(tzinfo=None),
            "revoked_count": len(revoked),
        }

    @api.model
    def _material(self, company):
        """(roots, intermediates, crls) of the company, as asn1crypto objects."""
        records = self.sudo().search([("company_id", "=", company.id)])
        roots, others, crls = [], [], []
        for record in records:
            der = base64.b64decode(record.data)
            if record.kind == "crl":
                crls.append(asn1_crl.CertificateList.load(der))
            elif record.kind == "root":
                roots.append(asn1_x509.Certificate.load(der))
            else:
                others.append(asn1_x509.Certificate.load(der))
        return roots, others, crls

    @api.model
    def _validation_context(self, company, moment, certs=(), crls=(), ocsps=()):
        """The context a signature is checked in: the company's roots only
        (never the signer's own certificate), its intermediates and CRLs with
        what the signature carries, no fetching from the network."""
        roots, others, company_crls = self._material(company)
        return ValidationContext(
            trust_roots=roots,
            other_certs=others + list(certs),
            crls=company_crls + list(crls),
            ocsps=list(ocsps),
            moment=moment,
            allow_fetching=False,
            revocation_mode="soft-fail",
            retroactive_revinfo=True,
        )

    @api.model
    def _revocation(self, company, cert, extra_crls=()):
        """The revocation date of ``cert`` (asn1crypto) in the company's CRLs
        (and ``extra_crls``) from its issuer, else None."""
        __, __, crls = self._material(company)
        issuer = cert.issuer
        for crl in [*crls, *extra_crls]:
            tbs = crl["tbs_cert_list"]
            if tbs["issuer"] != issuer:
                continue
            for entry in tbs["revoked_certificates"]:
                if entry["user_certificate"].native == cert.serial_number:
                    return entry["revocation_date"].native
        return None


class WoTrustedCertificateUpload(models.TransientModel):
    _name = "wo.trusted.certificate.upload"
    _description = "Upload Trusted Certificates"

    file = fields.Binary(string="Certificates or CRL (PEM, DER)", required=True)
    filename = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    def action_upload(self):
        self.ensure_one()
        ids = self.env["wo.trusted.certificate"].import_bundle(
            base64.b64decode(self.file), self.company_id.id
        )
        title = self.env._("Trusted Certificates")
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "wo.trusted.certificate",
            "view_mode": "list,form",
            "domain": [("id", "in", ids)],
        }
