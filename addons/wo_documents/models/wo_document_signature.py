import asyncio
import base64
import hashlib
import io
import logging
import uuid
from datetime import UTC

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.misc import file_path

from odoo.addons.wo_staff.tools import TRUSTED

try:
    from asn1crypto import cms as asn1_cms
    from asn1crypto import crl as asn1_crl
    from asn1crypto import ocsp as asn1_ocsp
    from asn1crypto import tsp as asn1_tsp  # noqa: F401 - registers the CAdES attributes
    from pyhanko.pdf_utils.content import ImportedPdfPage
    from pyhanko.pdf_utils.font.basic import SimpleFontEngineFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields as sig_fields
    from pyhanko.sign import signers
    from pyhanko.sign.ades.report import AdESSubIndic
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
    from pyhanko.stamp import StaticStampStyle, TextStampStyle
    from pyhanko_certvalidator import CertificateValidator
    from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    # asn1crypto names the CAdES attributes (signing_certificate_v2, ...)
    # when its tsp module is imported, but builds an OID's reverse map once:
    # rebuilt here, in case something used it before (newer pyHanko imports
    # tsp late, after Odoo's own PDF signing may have used the map)
    asn1_cms.CMSAttributeType._reverse_map = None
except ImportError:  # pragma: no cover - declared in requirements.txt
    signers = None

_logger = logging.getLogger(__name__)
# pyHanko logs every untrusted or broken signature it meets as a WARNING with
# a traceback; WO turns the outcome into the signature's verdict instead
logging.getLogger("pyhanko.sign.validation.generic_cms").setLevel(logging.ERROR)

STAMP_WIDTH, STAMP_HEIGHT, STAMP_MARGIN, STAMP_GAP = 250, 92, 24, 6
EXPIRED_INDICATIONS = ("EXPIRED", "NOT_YET_VALID", "OUT_OF_BOUNDS_NO_POE")
REVOKED_INDICATIONS = ("REVOKED", "REVOKED_NO_POE", "REVOKED_CA_NO_POE")


def aware(value):
    return value.replace(tzinfo=UTC) if value and value.tzinfo is None else value


def naive(value):
    return value.astimezone(UTC).replace(tzinfo=None) if value else value


def _pdf_bytes_page(data):
    """The first page of a PDF held in memory, as stamp content (pyHanko's
    ImportedPdfPage reads a file)."""

    class PdfBytesPage(ImportedPdfPage):
        def render(self):
            writer = self._ensure_writer
            xobject = writer.import_page_as_xobject(
                PdfFileReader(io.BytesIO(data), strict=False), page_ix=0
            )
            resource_name = "/Stamp" + uuid.uuid4().hex
            self.resources.xobject[resource_name] = xobject
            x1, y1, x2, y2 = xobject.get_object()["/BBox"]
            self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
            return resource_name.encode() + b" Do"

    return PdfBytesPage(None)


class WoDocumentSignature(models.Model):
    """A digital signature of a document's main file: PAdES inside the PDF
    (one file, each later signature an incremental update of the signed one),
    a detached CMS signature for any other file. What a signature covers is
    recorded (SHA-256 and size of the signed revision); the verdict is always
    computed from the document's stored main file as it is now."""

    _name = "wo.document.signature"
    _description = "Document Signature"
    _order = "document_id, sequence, id"

    document_id = fields.Many2one("wo.document", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(string="Order", readonly=True)
    signer_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    on_behalf_id = fields.Many2one(
        "res.users",
        string="On Behalf Of",
        readonly=True,
        help="The person the signer stood in for (deputy or substitute).",
        index="btree_not_null",
    )
    certificate_id = fields.Many2one(
        "wo.signing.certificate", readonly=True, ondelete="set null", index="btree_not_null"
    )
    subject = fields.Char(readonly=True)
    issuer = fields.Char(readonly=True)
    serial = fields.Char(readonly=True)
    valid_from = fields.Datetime(readonly=True)
    valid_to = fields.Datetime(readonly=True)
    date = fields.Datetime(
        string="Signed On", required=True, default=fields.Datetime.now, readonly=True
    )
    timestamp_date = fields.Datetime(
        string="Timestamp", readonly=True, help="The time a timestamp authority vouches for."
    )
    kind = fields.Selection(
        [("pades", "PAdES (in the PDF)"), ("cms", "Detached CMS")], readonly=True
    )
    field_name = fields.Char(string="PDF Signature Field", readonly=True)
    filename = fields.Char(readonly=True)
    sha256 = fields.Char(
        string="SHA-256 of the Signed File",
        readonly=True,
        help="For a PDF: of the file as this signature left it (its first bytes, the "
        "size below, stay the same under later signatures); otherwise of the file signed.",
    )
    signed_size = fields.Integer(string="Signed Size (bytes)", readonly=True)
    cms = fields.Binary(string="CMS Signature", attachment=False, readonly=True)
    certificate = fields.Binary(string="Certificate (DER)", attachment=False, readonly=True)
    verify_state = fields.Selection(
        [
            ("valid", "Valid and trusted"),
            ("untrusted", "Intact, signer not trusted"),
            ("invalid", "Changed after signing"),
            ("expired", "Certificate not valid at signing time"),
            ("revoked", "Certificate revoked"),
        ],
        string="Verification",
        readonly=True,
    )
    verify_date = fields.Datetime(readonly=True)
    verify_message = fields.Char(readonly=True)
    company_id = fields.Many2one(
        related="document_id.company_id", store=True, index="btree_not_null"
    )

    # ------------------------------------------------------------- signing
    @api.model
    def _sign(self, document, certificate, passphrase, on_behalf=None):
        """Sign the document's main file with the certificate and make the
        signed PDF the document's main file (the earlier one stays among its
        attachments). Everything is checked before anything is written: a
        main file, the approval the type needs, the signer's own certificate,
        valid now and not revoked, the passphrase."""
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
        if on_behalf and on_behalf != self.env.user and not self.env.user._wo_acts_for(on_behalf):
            raise UserError(
                self.env._(
                    "You do not stand in for %(user)s: you cannot sign on their behalf.",
                    user=on_behalf.name,
                )
            )
        company = document.company_id or self.env.company
        signer = certificate._signer(passphrase, company)
        # one signer at a time per document: a second one waits, and Odoo
        # retries its request on the file the first one signed
        self.env.cr.execute(SQL("SELECT id FROM wo_document WHERE id = %s FOR UPDATE", document.id))
        document.invalidate_recordset(["message_main_attachment_id"])
        attachment = document.message_main_attachment_id
        attachment.invalidate_recordset(["raw", "datas"])
        data = attachment.raw
        previous = document.signature_ids.sorted("sequence")
        sequence = (previous[-1:].sequence or 0) + 1
        timestamper = company._wo_timestamper()
        values = {
            "document_id": document.id,
            "sequence": sequence,
            "signer_id": self.env.uid,
            "on_behalf_id": on_behalf.id if on_behalf and on_behalf != self.env.user else False,
            "certificate_id": certificate.id,
            "subject": certificate.subject,
            "issuer": certificate.issuer,
            "serial": certificate.serial,
            "valid_from": certificate.valid_from,
            "valid_to": certificate.valid_to,
            "certificate": certificate.certificate,
            "filename": attachment.name,
            "date": fields.Datetime.now(),
        }
        if data[:5] == b"%PDF-":
            signed, field_name = self._sign_pdf(
                document, certificate, signer, data, sequence, values["date"], timestamper
            )
            values.update(
                kind="pades",
                field_name=field_name,
                sha256=hashlib.sha256(signed).hexdigest(),
                signed_size=len(signed),
            )
            timestamp = timestamper and self._pdf_timestamp(signed, field_name)
        else:
            try:
                content_info = asyncio.run(
                    signer.async_sign_general_data(
                        data, "sha256", detached=True, timestamper=timestamper
                    )
                )
            except Exception as error:  # a TSA or key failure: nothing written
                raise UserError(
                    self.env._("The file could not be signed: %(error)s", error=str(error)[:300])
                ) from error
            signed = None
            values.update(
                kind="cms",
                cms=base64.b64encode(content_info.dump()),
                sha256=hashlib.sha256(data).hexdigest(),
                signed_size=len(data),
            )
            timestamp = self._cms_timestamp(content_info["content"])
        values["timestamp_date"] = naive(timestamp)
        if signed is not None:
            new_attachment = self.env["ir.attachment"].create(
                {
                    "name": attachment.name,
                    "raw": signed,
                    "mimetype": "application/pdf",
                    "res_model": "wo.document",
                    "res_id": document.id,
                    "description": self.env._(
                        "Signed by %(signer)s (signature %(sequence)s).",
                        signer=self.env.user.name,
                        sequence=sequence,
                    ),
                }
            )
            document.with_context(
                wo_document_flow=TRUSTED
            ).message_main_attachment_id = new_attachment
            values["filename"] = new_attachment.name
        return self.sudo().create(values), signed is not None and new_attachment

    def _sign_pdf(self, document, certificate, signer, data, sequence, date, timestamper):
        # one parse of the file: the writer's reader serves the field names
        # and the page size
        first_writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        reader = first_writer.prev
        existing = {name for name, *__ in sig_fields.enumerate_sig_fields(reader)}
        field_name = f"WO_Signature_{sequence}"
        while field_name in existing:
            field_name += "_"
        field_spec = sig_fields.SigFieldSpec(field_name, on_page=-1)
        stamp_style = None
        box = self._stamp_box(document, reader, len(existing))
        if box:
            field_spec = sig_fields.SigFieldSpec(field_name, on_page=-1, box=box)
            stamp_style = self._stamp_style(document, certificate, date, box)
        company = document.company_id or self.env.company
        common = {
            "field_name": field_name,
            "md_algorithm": "sha256",
            "subfilter": sig_fields.SigSeedSubFilter.PADES,
            "name": certificate.subject,
            "reason": self.env._("Signed in WO: %(document)s", document=document.display_name),
        }
        attempts = []
        context = self.env["wo.trusted.certificate"]._validation_context(
            company, aware(date), certs=list(signer.cert_registry)
        )
        roots = self.env["wo.trusted.certificate"]._material(company)[0]
        if roots and self._validates(signer.signing_cert, context):
            # PAdES B-LT: the chain and revocation data embedded, where the
            # company's trust material validates the signer
            attempts.append({"embed_validation_info": True, "validation_context": context})
        attempts.append({})
        for index, extra in enumerate(attempts):
            meta = signers.PdfSignatureMetadata(**common, **extra)
            pdf_signer = signers.PdfSigner(
                meta,
                signer=signer,
                timestamper=timestamper,
                stamp_style=stamp_style,
                new_field_spec=field_spec,
            )
            writer = first_writer if index == 0 else None
            writer = writer or IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
            # without a timestamp or validation data the signature's size is
            # known: reserved, instead of pyHanko's dry run to estimate it
            reserved = None
            if not timestamper and not extra:
                # (tight: the reserved zeros are parsed at every verification;
                # in hexadecimal digits, twice the bytes)
                certs = sum(len(cert.dump()) for cert in signer.cert_registry)
                key = signer.signing_cert.public_key.bit_size // 8
                reserved = 2 * (certs + 2 * key + 2048)
            try:
                output = pdf_signer.sign_pdf(writer, bytes_reserved=reserved)
            except Exception as error:  # nothing written yet
                if index + 1 < len(attempts):
                    _logger.info("Signing without validation data: %s", error)
                    continue
                raise UserError(
                    self.env._("The file could not be signed: %(error)s", error=str(error)[:300])
                ) from error
            return output.getvalue(), field_name
        raise UserError(self.env._("The file could not be signed."))  # pragma: no cover

    @api.model
    def _validates(self, cert, context):
        """Whether the company's trust material validates ``cert`` now."""
        try:
            validator = CertificateValidator(cert, validation_context=context)
            asyncio.run(validator.async_validate_usage(set()))
        except (PathBuildingError, PathValidationError, ValueError):
            return False
        return True

    @api.model
    def _stamp_box(self, document, reader, existing_count):
        """Where the visible signature goes on the last page, or None: a
        corner chosen per document type, later signatures stacked above (or
        below) the earlier ones."""
        position = document.type_id.stamp_position or "bottom_right"
        if position == "none":
            return None
        page = reader.find_page_for_modification(-1)[0].get_object()
        media_box = None
        while page is not None and media_box is None:
            media_box = page.get("/MediaBox")
            page = page.get("/Parent") and page["/Parent"].get_object()
        x_min, y_min, x_max, y_max = (float(x) for x in media_box or (0, 0, 595, 842))
        if position.endswith("left"):
            x1 = x_min + STAMP_MARGIN
        else:
            x1 = x_max - STAMP_MARGIN - STAMP_WIDTH
        shift = existing_count * (STAMP_HEIGHT + STAMP_GAP)
        if position.startswith("bottom"):
            y1 = y_min + STAMP_MARGIN + shift
        else:
            y1 = y_max - STAMP_MARGIN - STAMP_HEIGHT - shift
        return (int(x1), int(y1), int(x1 + STAMP_WIDTH), int(y1 + STAMP_HEIGHT))

    @api.model
    def _stamp_lines(self, document, certificate, date):
        return [
            self.env._("Signed digitally by %(signer)s", signer=self.env.user.name),
            (document.company_id or self.env.company).name,
            self.env._("Certificate %(serial)s", serial=certificate.serial),
            self.env._("Issuer %(issuer)s", issuer=certificate.issuer),
            self.env._(
                "Valid %(start)s - %(end)s",
                start=f"{certificate.valid_from:%Y-%m-%d}",
                end=f"{certificate.valid_to:%Y-%m-%d}",
            ),
            self.env._("Signed on %(time)s UTC", time=f"{date:%Y-%m-%d %H:%M:%S}"),
            self.env._("Reg. No. %(number)s", number=document.name or "-"),
        ]

    @api.model
    def _stamp_style(self, document, certificate, date, box):
        """The visible stamp: PDF text in a standard font where the text is
        Latin-1 (readable from the file as is), else drawn with a Unicode
        TrueType font (Odoo's Noto Sans, embedded) for any other script."""
        lines = self._stamp_lines(document, certificate, date)
        text = "\n".join(lines)
        try:
            text.encode("latin-1")
        except UnicodeEncodeError:
            return StaticStampStyle(
                background=_pdf_bytes_page(self._stamp_pdf(lines, box)),
                background_opacity=1.0,
                border_width=0,
            )
        return TextStampStyle(
            stamp_text=text.replace("%", "%%"),
            text_box_style=TextBoxStyle(font=SimpleFontEngineFactory("Helvetica", 0.5)),
            border_width=1,
        )

    @api.model
    def _stamp_pdf(self, lines, box):
        width, height = box[2] - box[0], box[3] - box[1]
        if "WoNotoSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(
                TTFont("WoNotoSans", file_path("web/static/fonts/sign/NotoSans-Reg.ttf"))
            )
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer, pagesize=(width, height))
        page.rect(0.5, 0.5, width - 1, height - 1)
        page.setFont("WoNotoSans", 7)
        line_height = (height - 8) / len(lines)
        for index, line in enumerate(lines):
            page.drawString(4, height - 4 - line_height * (index + 1) + 2, line[:80])
        page.showPage()
        page.save()
        return buffer.getvalue()

    @api.model
    def _stamp_first_page(self, data, text):
        """``text`` in a box at the top right of the first page of the PDF
        ``data``: an incremental update (the original bytes stay as they are)."""
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        page = writer.find_page_for_modification(0)[0].get_object()
        media_box = None
        while page is not None and media_box is None:
            media_box = page.get("/MediaBox")
            page = page.get("/Parent") and page["/Parent"].get_object()
        __, __, x_max, y_max = (float(x) for x in media_box or (0, 0, 595, 842))
        box = BoxConstraints(width=200, height=24)
        try:
            text.encode("latin-1")
            style = TextStampStyle(
                stamp_text=text.replace("%", "%%"),
                text_box_style=TextBoxStyle(font=SimpleFontEngineFactory("Helvetica", 0.5)),
                border_width=1,
            )
        except UnicodeEncodeError:
            style = StaticStampStyle(
                background=_pdf_bytes_page(self._stamp_pdf([text], (0, 0, 200, 24))),
                background_opacity=1.0,
                border_width=0,
            )
        stamp = style.create_stamp(writer, box, {})
        stamp.apply(0, int(x_max - 200 - STAMP_MARGIN), int(y_max - 24 - STAMP_MARGIN / 2))
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()

    @api.model
    def _pdf_timestamp(self, data, field_name):
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        for embedded in reader.embedded_signatures:
            if embedded.field_name == field_name:
                return self._cms_timestamp(embedded.signed_data)
        return None

    @api.model
    def _cms_timestamp(self, signed_data):
        """The time in the signature's timestamp token, if any."""
        for signer_info in signed_data["signer_infos"]:
            for attribute in signer_info["unsigned_attrs"] or []:
                if attribute["type"].native != "signature_time_stamp_token":
                    continue
                token = attribute["values"][0]
                content = token["content"]["encap_content_info"]["content"].parsed
                return content["gen_time"].native
        return None

    # --------------------------------------------------------- verification
    def action_verify(self):
        """Check every signature against its document's stored main file as
        it is now: the recorded SHA-256, the embedded signatures, the
        certificate at signing time against the company's trusted roots and
        revocation lists."""
        self.document_id.check_access("read")
        for document in self.document_id:
            signatures = self.filtered(lambda s, d=document: s.document_id == d)
            results = signatures._verify_document(document)
            now = fields.Datetime.now()
            for signature in signatures:
                state, message, timestamp = results[signature.id]
                signature.sudo().write(
                    {
                        "verify_state": state,
                        "verify_date": now,
                        "verify_message": message,
                        "timestamp_date": naive(timestamp) or signature.timestamp_date,
                    }
                )
        return True

    def _verify_document(self, document):
        """{signature id: (state, message, timestamp)} for ``self``, all of
        ``document``, from its main file read from storage now."""
        results = {}
        attachment = document.sudo().message_main_attachment_id
        if not attachment:
            message = self.env._("The document has no main file: there is nothing to check.")
            return {signature.id: ("invalid", message, None) for signature in self}
        attachment.invalidate_recordset(["raw", "datas", "db_datas"])
        data = attachment.raw or b""
        company = document.company_id or self.env.company
        all_signatures = document.sudo().signature_ids.sorted("sequence")
        reader = embedded = dss = None
        last_pades = all_signatures.filtered(lambda s: s.kind == "pades")[-1:]
        for signature in self:
            try:
                if signature.kind == "pades":
                    if reader is None:
                        reader = PdfFileReader(io.BytesIO(data), strict=False)
                        embedded = {e.field_name: e for e in reader.embedded_signatures}
                        if "/DSS" in reader.root:
                            dss = DocumentSecurityStore.read_dss(reader)
                    results[signature.id] = signature._verify_pades(
                        data, embedded, dss, company, signature == last_pades
                    )
                else:
                    results[signature.id] = signature._verify_cms(data, company)
            except Exception as error:  # noqa: BLE001 - a file that cannot be read is not valid
                results[signature.id] = (
                    "invalid",
                    self.env._(
                        "The document's file differs from what was signed and cannot be "
                        "checked: %(error)s",
                        error=str(error)[:200],
                    ),
                    None,
                )
        return results

    def _differs(self):
        return self.env._(
            "Invalid: the document's stored file differs from what was signed "
            "(SHA-256 of the signed file %(sha)s).",
            sha=self.sha256,
        )

    def _verify_pades(self, data, embedded, dss, company, is_last):
        self.ensure_one()
        size = self.signed_size or 0
        if len(data) < size or hashlib.sha256(memoryview(data)[:size]).hexdigest() != self.sha256:
            return "invalid", self._differs(), None
        if is_last and len(data) != size:
            return (
                "invalid",
                self.env._(
                    "Invalid: the document's stored file differs from what was signed "
                    "(%(count)s bytes added after the last signature).",
                    count=len(data) - size,
                ),
                None,
            )
        signature_object = embedded.get(self.field_name)
        if signature_object is None:
            return "invalid", self.env._("Invalid: the file holds no such signature."), None
        certs, crls, ocsps = [], [], []
        if dss is not None:
            certs = list(dss.load_certs())
            crls = [asn1_crl.CertificateList.load(ref.get_object().data) for ref in dss.crls]
            ocsps = [asn1_ocsp.OCSPResponse.load(ref.get_object().data) for ref in dss.ocsps]
        certs += list(signature_object.other_embedded_certs)
        context = self._context(company, certs, crls, ocsps)
        status = validate_pdf_signature(signature_object, context, context)
        return self._verdict(status, company, crls)

    def _verify_cms(self, data, company):
        self.ensure_one()
        if hashlib.sha256(data).hexdigest() != self.sha256:
            return "invalid", self._differs(), None
        signed_data = asn1_cms.ContentInfo.load(base64.b64decode(self.cms))["content"]
        certs = [c.chosen for c in signed_data["certificates"] if c.name == "certificate"]
        crls = [c.chosen for c in signed_data["crls"] or [] if c.name == "crl"]
        context = self._context(company, certs, crls)
        status = asyncio.run(async_validate_detached_cms(data, signed_data, context, context))
        return self._verdict(status, company, crls)

    def _context(self, company, certs=(), crls=(), ocsps=()):
        moment = aware(self.timestamp_date or self.date)
        return self.env["wo.trusted.certificate"]._validation_context(
            company, moment, certs=certs, crls=crls, ocsps=ocsps
        )

    def _verdict(self, status, company, crls=()):
        """(state, message, timestamp) in the user's language."""
        timestamp_status = getattr(status, "timestamp_validity", None)
        timestamp = timestamp_status.timestamp if timestamp_status else None
        if not (status.intact and status.valid):
            return (
                "invalid",
                self.env._(
                    "Invalid: the signature does not match the file, which was changed "
                    "after signing."
                ),
                timestamp,
            )
        if timestamp_status and not (timestamp_status.intact and timestamp_status.valid):
            return (
                "invalid",
                self.env._("Invalid: the timestamp does not match the signature."),
                None,
            )
        coverage_ok = getattr(status, "docmdp_ok", True)
        if coverage_ok is False:
            return (
                "invalid",
                self.env._("Invalid: the file was changed after signing beyond what is allowed."),
                timestamp,
            )
        subject = self.subject
        moment = aware(timestamp or self.timestamp_date or self.date)
        indication = status.trust_problem_indic
        indication_name = indication.name if isinstance(indication, AdESSubIndic) else ""
        cert = status.signing_cert
        details = status.revocation_details
        revoked_on = details.revocation_date if details else None
        if revoked_on is None:
            # a CRL of the company's (or in the file) that names the
            # certificate, even when the certificate declares no CRL of its own
            revoked_on = self.env["wo.trusted.certificate"]._revocation(company, cert, crls)
            if revoked_on is not None and revoked_on > moment:
                revoked_on = None  # revoked after signing
        if status.revoked or indication_name in REVOKED_INDICATIONS or revoked_on:
            return (
                "revoked",
                self.env._(
                    "Revoked: the certificate of %(subject)s was revoked%(when)s.",
                    subject=subject,
                    when=f" ({naive(revoked_on):%Y-%m-%d %H:%M} UTC)" if revoked_on else "",
                ),
                timestamp,
            )
        validity = cert["tbs_certificate"]["validity"]
        if (
            indication_name in EXPIRED_INDICATIONS
            or not validity["not_before"].native <= moment <= validity["not_after"].native
        ):
            return (
                "expired",
                self.env._(
                    "Not valid: the certificate of %(subject)s was expired or not yet valid "
                    "when the file was signed (%(moment)s).",
                    subject=subject,
                    moment=f"{moment:%Y-%m-%d %H:%M}",
                ),
                timestamp,
            )
        when = ""
        if timestamp:
            when = self.env._(
                " Timestamp: %(time)s UTC.",
                time=f"{naive(timestamp):%Y-%m-%d %H:%M:%S}",
            )
        if status.trusted:
            return (
                "valid",
                self.env._("Valid and trusted: intact, signed by %(subject)s.", subject=subject)
                + when,
                timestamp,
            )
        return (
            "untrusted",
            self.env._(
                "Intact, but the signer %(subject)s is not trusted: no trusted root of the "
                "company vouches for the certificate.",
                subject=subject,
            )
            + when,
            timestamp,
        )
