import base64
import datetime
import hashlib
import io
import os
import subprocess
import tempfile
import zipfile

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import WoDocumentsCommon
from .pki import (
    LocalTimestampAuthority,
    Pki,
    asn1_cert,
    first_page_stamp_text,
    make_certificate,
    make_pdf,
    name,
    new_key,
    pdf_text,
    pem,
    to_pkcs12,
)


def make_pkcs12(common_name, passphrase, days_before=1, days_after=30):
    """A self-made (self-signed) signing certificate, as PKCS#12, and its key
    in clear (to look for in the database)."""
    key = new_key()
    cert = make_certificate(name(common_name), key, days_before=days_before, days_after=days_after)
    clear_key = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return to_pkcs12(common_name, key, cert, passphrase), clear_key


def make_docx(text="Meeting minutes"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document><w:t>{text}</w:t></w:document>")
    return buffer.getvalue()


class SignatureCommon(WoDocumentsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pki = Pki()
        cls.p12, cls.clear_key = make_pkcs12("Emil Employee", "s3cret")
        Certificate = cls.env["wo.signing.certificate"]
        cls.certificate = Certificate.with_user(cls.user_employee).create_from_pkcs12(
            cls.p12, "s3cret"
        )
        ca_p12, cls.ca_signer_cert = cls.pki.signer("Emil Employee", "pw1")
        cls.ca_certificate = Certificate.with_user(cls.user_employee).create_from_pkcs12(
            ca_p12, "pw1"
        )
        director_p12, cls.director_cert = cls.pki.signer("Dmytro Director", "pw2")
        cls.director_certificate = Certificate.with_user(cls.user_director).create_from_pkcs12(
            director_p12, "pw2"
        )
        cls.free_type = cls.env.ref("wo_documents.wo_document_type_reminder")  # no approval

    def document_with_file(self, data, filename, mimetype, **vals):
        document = self.draft(type_id=self.free_type.id, partner_id=False, **vals)
        attachment = self.env["ir.attachment"].create(
            {
                "name": filename,
                "raw": data,
                "mimetype": mimetype,
                "res_model": "wo.document",
                "res_id": document.id,
            }
        )
        document.message_main_attachment_id = attachment
        return document

    def sign(self, document, certificate=None, passphrase="s3cret", user=None, **kwargs):
        certificate = certificate or self.certificate
        signature_id = document.with_user(user or certificate.user_id).action_sign(
            certificate.id, passphrase, **kwargs
        )
        return self.env["wo.document.signature"].browse(signature_id)

    def trust_test_ca(self, *extra):
        return self.env["wo.trusted.certificate"].import_bundle(
            pem(self.pki.root, self.pki.intermediate, *extra)
        )

    def verify(self, document):
        document.action_verify_signatures()
        return document.signature_ids.sorted("sequence")

    def stored_path(self, attachment):
        return attachment._full_path(attachment.store_fname)


@tagged("post_install", "-at_install")
class TestSignature(SignatureCommon):
    def test_sign_a_pdf_in_place_and_tamper_with_the_stored_file(self):
        """The stored main file is what is verified: one byte changed in the
        filestore -> invalid, restored -> valid."""
        self.trust_test_ca()
        data = make_pdf()
        document = self.document_with_file(data, "contract.pdf", "application/pdf")
        original = document.message_main_attachment_id
        signature = self.sign(document, self.ca_certificate, "pw1")
        main = document.message_main_attachment_id
        self.assertNotEqual(main, original, "the signed PDF is the new main file")
        self.assertTrue(original.exists(), "the earlier version is kept")
        self.assertEqual(original.res_id, document.id)
        self.assertEqual(signature.kind, "pades")
        self.assertEqual(signature.sequence, 1)
        signed = main.raw
        self.assertTrue(signed.startswith(data), "an incremental update of the original")
        self.assertEqual(signature.sha256, hashlib.sha256(signed).hexdigest())
        self.assertEqual(signature.signed_size, len(signed))
        self.assertIn(main, document.message_ids.attachment_ids, "the chatter shows it")
        (signature,) = self.verify(document)
        self.assertEqual(signature.verify_state, "valid", signature.verify_message)
        self.assertIn("Valid and trusted", signature.verify_message)

        # an attacker changes one byte of the stored file, in the filestore
        path = self.stored_path(main)
        position = signed.find(b"Supply contract")
        self.assertGreater(position, 0)
        tampered = bytearray(signed)
        tampered[position] = ord("X")
        try:
            with open(path, "wb") as stored:
                stored.write(bytes(tampered))
            (signature,) = self.verify(document)
            self.assertEqual(signature.verify_state, "invalid")
            self.assertIn("differs from what was signed", signature.verify_message)
        finally:
            with open(path, "wb") as stored:
                stored.write(signed)
        (signature,) = self.verify(document)
        self.assertEqual(signature.verify_state, "valid", signature.verify_message)

    def test_bytes_appended_after_the_last_signature(self):
        document = self.document_with_file(make_pdf(), "c.pdf", "application/pdf")
        self.sign(document)
        main = document.message_main_attachment_id
        path = self.stored_path(main)
        signed = main.raw
        try:
            with open(path, "ab") as stored:
                stored.write(b"\n% appended\n")
            (signature,) = self.verify(document)
            self.assertEqual(signature.verify_state, "invalid")
            self.assertIn("differs from what was signed", signature.verify_message)
        finally:
            with open(path, "wb") as stored:
                stored.write(signed)

    def test_two_signers_one_file(self):
        """First party, then the director: one PDF, two signatures, the
        first still valid after the second; pyHanko alone agrees."""
        self.trust_test_ca()
        document = self.document_with_file(make_pdf(), "contract.pdf", "application/pdf")
        first = self.sign(document, self.ca_certificate, "pw1")
        after_first = document.message_main_attachment_id.raw
        second = self.sign(document, self.director_certificate, "pw2")
        final = document.message_main_attachment_id.raw
        self.assertTrue(final.startswith(after_first), "the second signs the signed file")
        self.assertEqual((first.sequence, second.sequence), (1, 2))
        self.assertEqual(first.signed_size, len(after_first))
        self.assertEqual(second.signed_size, len(final))
        signatures = self.verify(document)
        self.assertEqual(signatures.mapped("verify_state"), ["valid", "valid"])
        self.assertEqual(signatures.signer_id, self.user_employee | self.user_director)

        # a third party: the downloaded file, pyHanko alone, the CA as root
        reader = PdfFileReader(io.BytesIO(final))
        self.assertEqual(len(reader.embedded_signatures), 2)
        context = ValidationContext(
            trust_roots=[asn1_cert(self.pki.root)],
            other_certs=[asn1_cert(self.pki.intermediate)],
            allow_fetching=False,
        )
        statuses = [validate_pdf_signature(e, context) for e in reader.embedded_signatures]
        for status in statuses:
            self.assertTrue(status.intact and status.valid and status.trusted, status.summary())
        self.assertLessEqual(statuses[0].modification_level, ModificationLevel.FORM_FILLING)
        subjects = [s.signing_cert.subject.native["common_name"] for s in statuses]
        self.assertEqual(subjects, ["Emil Employee", "Dmytro Director"])

        # a byte changed in the part only the second signature covers
        path = self.stored_path(document.message_main_attachment_id)
        tampered = bytearray(final)
        tampered[len(after_first) + 5] ^= 0x01
        try:
            with open(path, "wb") as stored:
                stored.write(bytes(tampered))
            signatures = self.verify(document)
            self.assertEqual(signatures.mapped("verify_state"), ["valid", "invalid"])
        finally:
            with open(path, "wb") as stored:
                stored.write(final)

    def test_on_behalf_of(self):
        """A deputy signs for the head of the department; nobody else may."""
        deputy_p12, __ = self.pki.signer("Denys Deputy", "pw3")
        deputy_certificate = (
            self.env["wo.signing.certificate"]
            .with_user(self.user_deputy)
            .create_from_pkcs12(deputy_p12, "pw3")
        )
        document = self.document_with_file(make_pdf(), "c.pdf", "application/pdf")
        signature = self.sign(document, deputy_certificate, "pw3", on_behalf_id=self.user_head.id)
        self.assertEqual(signature.on_behalf_id, self.user_head)
        self.assertIn("On behalf of Hanna Head", document.message_ids[0].body)
        main = document.message_main_attachment_id
        with self.assertRaisesRegex(UserError, "do not stand in for"):
            self.sign(document, on_behalf_id=self.user_director.id)
        self.assertEqual(document.message_main_attachment_id, main)
        self.assertEqual(len(document.signature_ids), 1)

    def test_trust(self):
        """Self-signed: intact, not trusted; the CA uploaded: valid and
        trusted; the signer revoked by the CA's CRL: revoked, and refused."""
        document = self.document_with_file(make_pdf(), "c.pdf", "application/pdf")
        self.sign(document)
        (signature,) = self.verify(document)
        self.assertEqual(signature.verify_state, "untrusted", signature.verify_message)
        self.assertIn("not trusted", signature.verify_message)

        other = self.document_with_file(make_pdf("Lease"), "l.pdf", "application/pdf")
        self.sign(other, self.ca_certificate, "pw1")
        (signature,) = self.verify(other)
        self.assertEqual(signature.verify_state, "untrusted", "no roots yet")
        ids = self.trust_test_ca()
        trusted = self.env["wo.trusted.certificate"].browse(ids)
        self.assertEqual(sorted(trusted.mapped("kind")), ["intermediate", "root"])
        (signature,) = self.verify(other)
        self.assertEqual(signature.verify_state, "valid", signature.verify_message)
        # the self-signed one is still not trusted: its own certificate is no root
        (signature,) = self.verify(document)
        self.assertEqual(signature.verify_state, "untrusted")

        crl = self.pki.crl(revoked=[self.ca_signer_cert])
        (crl_record_id,) = self.env["wo.trusted.certificate"].import_bundle(
            base64.b64encode(crl.public_bytes(serialization.Encoding.DER)).decode()
        )
        self.assertEqual(self.env["wo.trusted.certificate"].browse(crl_record_id).kind, "crl")
        (signature,) = self.verify(other)
        self.assertEqual(signature.verify_state, "revoked", signature.verify_message)
        self.assertIn("revoked", signature.verify_message)
        main = other.message_main_attachment_id
        with self.assertRaisesRegex(UserError, "is revoked"):
            self.sign(other, self.ca_certificate, "pw1")
        self.assertEqual(other.message_main_attachment_id, main)
        self.assertEqual(len(other.signature_ids), 1)

    def test_visible_stamp(self):
        document = self.document_with_file(make_pdf(pages=3), "c.pdf", "application/pdf")
        document.with_user(self.user_employee).action_register()
        self.assertTrue(document.name)
        self.sign(document)
        self.sign(document, self.director_certificate, "pw2")
        reader = PdfFileReader(io.BytesIO(document.message_main_attachment_id.raw))
        last_page = reader.root["/Pages"]["/Kids"][-1].get_object()
        widgets = [a.get_object() for a in last_page.get("/Annots", [])]
        stamps = [w for w in widgets if w.get("/FT") == "/Sig"]
        self.assertEqual(len(stamps), 2, "both stamps on the last page")
        first_box = [float(x) for x in stamps[0]["/Rect"]]
        second_box = [float(x) for x in stamps[1]["/Rect"]]
        self.assertGreater(first_box[2] - first_box[0], 100, "visible, not a 0x0 field")
        self.assertGreaterEqual(second_box[1], first_box[3], "stacked, not overlapping")
        appearance = pdf_text(stamps[0]["/AP"]["/N"].get_object().data)
        self.assertIn("Emil Employee", appearance)
        self.assertIn(f"Reg. No. {document.name}", appearance)
        self.assertIn(self.certificate.serial, appearance)
        self.assertIn(self.env.company.name, appearance)
        self.assertIn(self.user_director.name, pdf_text(stamps[1]["/AP"]["/N"].get_object().data))

        self.free_type.stamp_position = "none"
        hidden = self.document_with_file(make_pdf(), "h.pdf", "application/pdf")
        self.sign(hidden)
        reader = PdfFileReader(io.BytesIO(hidden.message_main_attachment_id.raw))
        (embedded,) = reader.embedded_signatures
        rect = [float(x) for x in embedded.sig_field["/Rect"]]
        self.assertEqual(rect[2] - rect[0], 0, "no visible stamp when the type says so")

    def test_stamp_in_another_script(self):
        """A Cyrillic name: the stamp is drawn with an embedded Unicode font."""
        self.user_employee.name = "Еміль Працівник"
        document = self.document_with_file(make_pdf(), "c.pdf", "application/pdf")
        self.sign(document)
        reader = PdfFileReader(io.BytesIO(document.message_main_attachment_id.raw))
        (embedded,) = reader.embedded_signatures
        appearance = embedded.sig_field["/AP"]["/N"].get_object()
        self.assertTrue(appearance["/Resources"]["/XObject"], "the drawn stamp")
        self.assertEqual(self.verify(document).verify_state, "untrusted")

    def test_registration_stamp(self):
        """A type whose journal stamps: number and date on the first page at
        registration, the earlier file kept; then signed as usual."""
        self.free_type.stamp_registration = True
        data = make_pdf(pages=2)
        document = self.document_with_file(data, "c.pdf", "application/pdf")
        original = document.message_main_attachment_id
        document.with_user(self.user_employee).action_register()
        stamped = document.message_main_attachment_id
        self.assertNotEqual(stamped, original)
        self.assertTrue(stamped.raw.startswith(data), "an incremental update")
        text = first_page_stamp_text(stamped.raw)
        self.assertIn(f"Reg. No. {document.name} of {document.date_registration}", text)
        self.sign(document)
        self.assertEqual(self.verify(document).verify_state, "untrusted")

    def test_signatures_in_the_card_and_approval_sheet(self):
        self.trust_test_ca()
        document = self.document_with_file(make_pdf(), "c.pdf", "application/pdf")
        self.sign(document, self.ca_certificate, "pw1")
        self.sign(document, self.director_certificate, "pw2")
        self.verify(document)
        Report = self.env["ir.actions.report"]
        for report in ("report_wo_document_card", "report_wo_document_approval_sheet"):
            html = Report._render_qweb_html(f"wo_documents.{report}", document.ids)[0].decode()
            self.assertIn("o_wo_document_signatures", html)
            self.assertIn(self.user_director.name, html)
            self.assertEqual(html.count("Valid and trusted"), 4, "verdict and message, twice")

    def test_timestamp_from_a_local_authority(self):
        self.trust_test_ca()
        authority = LocalTimestampAuthority(self.pki.timestamper()).start()
        self.addCleanup(authority.stop)
        self.env.company.wo_tsa_url = authority.url
        document = self.document_with_file(make_pdf(), "c.pdf", "application/pdf")
        signature = self.sign(document, self.ca_certificate, "pw1")
        # (pyHanko asks once more to size the signature before the real token)
        self.assertGreaterEqual(authority.requests, 1)
        requests = authority.requests
        self.assertTrue(signature.timestamp_date)
        self.assertLess(abs((signature.timestamp_date - signature.date).total_seconds()), 60)
        (signature,) = self.verify(document)
        self.assertEqual(signature.verify_state, "valid", signature.verify_message)
        self.assertIn("Timestamp:", signature.verify_message)
        # PAdES B-LT: the chain is embedded in the file (document security store)
        reader = PdfFileReader(io.BytesIO(document.message_main_attachment_id.raw))
        self.assertIn("/DSS", reader.root)
        # a detached signature is timestamped too
        other = self.document_with_file(make_docx(), "m.docx", "application/octet-stream")
        cms_signature = self.sign(other, self.ca_certificate, "pw1")
        self.assertGreater(authority.requests, requests)
        self.assertTrue(cms_signature.timestamp_date)
        (cms_signature,) = self.verify(other)
        self.assertEqual(cms_signature.verify_state, "valid", cms_signature.verify_message)
        self.assertIn("Timestamp:", cms_signature.verify_message)

    def test_expired_when_the_timestamp_says_it_was_signed(self):
        """The signing time a timestamp proves lies after the signer's
        certificate expired: expired, though it was valid on the signer's clock."""
        self.trust_test_ca()
        p12, __ = self.pki.signer("Emil Employee", "pw3", days_after=10)
        short_lived = (
            self.env["wo.signing.certificate"]
            .with_user(self.user_employee)
            .create_from_pkcs12(p12, "pw3")
        )
        timestamper = self.pki.timestamper()
        # five days after the certificate's end, while the CA and the authority are valid
        timestamper.fixed_dt = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=15)
        authority = LocalTimestampAuthority(timestamper).start()
        self.addCleanup(authority.stop)
        self.env.company.wo_tsa_url = authority.url
        for data, filename, mimetype in (
            (make_pdf(), "c.pdf", "application/pdf"),
            (make_docx(), "m.docx", "application/octet-stream"),
        ):
            document = self.document_with_file(data, filename, mimetype)
            signature = self.sign(document, short_lived, "pw3")
            self.assertEqual(signature.timestamp_date, timestamper.fixed_dt.replace(tzinfo=None))
            (signature,) = self.verify(document)
            self.assertEqual(signature.verify_state, "expired", signature.verify_message)
            self.assertIn("expired or not yet valid", signature.verify_message)

    def test_detached_cms_for_a_docx(self):
        """Another file gets a detached CMS per signer; the file stays as it
        is; OpenSSL verifies the signature against the stored file."""
        self.trust_test_ca()
        data = make_docx()
        document = self.document_with_file(data, "minutes.docx", "application/octet-stream")
        main = document.message_main_attachment_id
        first = self.sign(document, self.ca_certificate, "pw1")
        second = self.sign(document, self.director_certificate, "pw2")
        self.assertEqual(document.message_main_attachment_id, main, "not replaced")
        self.assertEqual((first.kind, second.kind), ("cms", "cms"))
        signatures = self.verify(document)
        self.assertEqual(signatures.mapped("verify_state"), ["valid", "valid"])
        with tempfile.TemporaryDirectory() as folder:
            paths = {
                "sig": os.path.join(folder, "minutes.p7s"),
                "ca": os.path.join(folder, "ca.pem"),
            }
            with open(paths["sig"], "wb") as out:
                out.write(base64.b64decode(first.cms))
            with open(paths["ca"], "wb") as out:
                out.write(pem(self.pki.root, self.pki.intermediate))
            result = subprocess.run(
                [
                    "openssl",
                    "cms",
                    "-verify",
                    "-binary",
                    "-inform",
                    "DER",
                    "-in",
                    paths["sig"],
                    "-content",
                    self.stored_path(main),
                    "-CAfile",
                    paths["ca"],
                    "-purpose",
                    "any",
                    "-out",
                    os.devnull,
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("Verification successful", result.stderr)
        # the stored file changed: invalid
        path = self.stored_path(main)
        try:
            with open(path, "wb") as stored:
                stored.write(data[:-1] + bytes([data[-1] ^ 1]))
            signatures = self.verify(document)
            self.assertEqual(signatures.mapped("verify_state"), ["invalid", "invalid"])
            self.assertIn("differs from what was signed", signatures[0].verify_message)
        finally:
            with open(path, "wb") as stored:
                stored.write(data)
        self.assertEqual(self.verify(document).mapped("verify_state"), ["valid", "valid"])

    def test_refusals_write_nothing(self):
        document = self.document_with_file(make_pdf(), "c.pdf", "application/pdf")
        main = document.message_main_attachment_id
        attachments = self.env["ir.attachment"].search_count([])
        with self.assertRaisesRegex(UserError, "passphrase does not open"):
            self.sign(document, passphrase="wrong")
        expired_p12, __ = make_pkcs12("Old Cert", "pw", days_before=60, days_after=-1)
        expired = (
            self.env["wo.signing.certificate"]
            .with_user(self.user_employee)
            .create_from_pkcs12(expired_p12, "pw")
        )
        with self.assertRaisesRegex(UserError, "is not valid now"):
            document.with_user(self.user_employee).action_sign(expired.id, "pw")
        with self.assertRaisesRegex(UserError, "your own certificate only"):
            self.sign(document, self.director_certificate, "pw2", user=self.user_employee)
        with self.assertRaisesRegex(UserError, "not a PKCS#12"):
            self.env["wo.signing.certificate"].with_user(self.user_employee).create_from_pkcs12(
                b"-----BEGIN CERTIFICATE-----\nnot really\n", "pw"
            )
        with self.assertRaisesRegex(UserError, "passphrase does not open"):
            self.env["wo.signing.certificate"].with_user(self.user_employee).create_from_pkcs12(
                self.p12, "wrong"
            )
        unapproved = self.draft()
        unapproved.message_main_attachment_id = self.env["ir.attachment"].create(
            {
                "name": "u.pdf",
                "raw": make_pdf(),
                "res_model": "wo.document",
                "res_id": unapproved.id,
            }
        )
        with self.assertRaisesRegex(UserError, "needs an approval it does not have"):
            self.sign(unapproved)
        no_file = self.draft(type_id=self.free_type.id, partner_id=False)
        with self.assertRaisesRegex(UserError, "has no main file"):
            self.sign(no_file)
        self.assertFalse(self.env["wo.document.signature"].search([]))
        self.assertEqual(document.message_main_attachment_id, main)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments + 1)
        self.assertEqual(
            self.env["wo.signing.certificate"].search_count([("subject", "=", "CN=Old Cert")]), 1
        )

    def test_over_rpc_base64(self):
        """What JSON-RPC can send: base64 text; what it reads: the verdicts."""
        p12, __ = self.pki.signer("Emil Employee", "pw9")
        certificate_id = (
            self.env["wo.signing.certificate"]
            .with_user(self.user_employee)
            .create_from_pkcs12(base64.b64encode(p12).decode(), "pw9")
            .id
        )
        with self.assertRaisesRegex(UserError, "must be base64"):
            self.env["wo.signing.certificate"].with_user(self.user_employee).create_from_pkcs12(
                "not base64!", "pw9"
            )
        self.env["wo.trusted.certificate"].with_user(self.user_wo_admin).import_bundle(
            base64.b64encode(pem(self.pki.root, self.pki.intermediate)).decode()
        )
        document = self.document_with_file(make_pdf(), "c.pdf", "application/pdf")
        document.with_user(self.user_employee).action_sign(certificate_id, "pw9")
        verdicts = document.with_user(self.user_employee).verify_signatures()
        self.assertEqual(len(verdicts), 1)
        self.assertEqual(verdicts[0]["verify_state"], "valid", verdicts[0]["verify_message"])
        self.assertEqual(verdicts[0]["signer_id"][0], self.user_employee.id)

    def test_private_key_never_in_clear_in_the_database(self):
        document = self.document_with_file(make_pdf(), "c.pdf", "application/pdf")
        self.sign(document)
        self.env.flush_all()
        needle = self.clear_key.hex()
        self.env.cr.execute(
            """SELECT count(*) FROM wo_signing_certificate
                WHERE encode(pkcs12, 'hex') LIKE %s OR encode(certificate, 'hex') LIKE %s""",
            (f"%{needle}%", f"%{needle}%"),
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.env.cr.execute(
            """SELECT count(*) FROM wo_document_signature
                WHERE encode(coalesce(cms, ''), 'hex') LIKE %s""",
            (f"%{needle}%",),
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.assertNotIn(self.clear_key, document.message_main_attachment_id.raw)
        # and the stored PKCS#12 does not open without the passphrase
        with self.assertRaises(ValueError):
            pkcs12.load_key_and_certificates(base64.b64decode(self.certificate.sudo().pkcs12), None)

    def test_verify_needs_the_document(self):
        document = self.document_with_file(make_pdf(), "c.pdf", "application/pdf")
        signature = self.sign(document)
        with self.assertRaises(AccessError):
            signature.with_user(self.user_outsider).action_verify()
        with self.assertRaises(AccessError):
            document.with_user(self.user_outsider).verify_signatures()
        self.assertFalse(signature.verify_state)

    def test_trusted_certificates_admin_only(self):
        with self.assertRaises(AccessError):
            self.env["wo.trusted.certificate"].with_user(self.user_employee).import_bundle(
                pem(self.pki.root)
            )
        with self.assertRaisesRegex(UserError, "neither a certificate nor"):
            self.env["wo.trusted.certificate"].import_bundle(b"\x30\x03\x02\x01\x01")
        self.assertFalse(self.env["wo.trusted.certificate"].search([]))
