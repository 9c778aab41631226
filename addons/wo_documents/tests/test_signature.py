import base64
import datetime
import hashlib
import io

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from reportlab.pdfgen import canvas

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WoDocumentsCommon


def make_pkcs12(name, passphrase, days_before=1, days_after=30):
    """A self-made signing certificate, as PKCS#12 (and its key, to look for)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=days_before))
        .not_valid_after(now + datetime.timedelta(days=days_after))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        name.encode(), key, cert, None, serialization.BestAvailableEncryption(passphrase.encode())
    )
    clear_key = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return data, clear_key


def make_pdf(text="Supply contract"):
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(100, 750, text)
    page.save()
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestSignature(WoDocumentsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.p12, cls.clear_key = make_pkcs12("Emil Employee", "s3cret")
        cls.certificate = (
            cls.env["wo.signing.certificate"]
            .with_user(cls.user_employee)
            .create_from_pkcs12(cls.p12, "s3cret")
        )
        reminder = cls.env.ref("wo_documents.wo_document_type_reminder")
        cls.free_type = reminder  # no approval needed

    def document_with_file(self, data, name, mimetype, **vals):
        document = self.draft(type_id=self.free_type.id, partner_id=False, **vals)
        attachment = self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": data,
                "mimetype": mimetype,
                "res_model": "wo.document",
                "res_id": document.id,
            }
        )
        document.message_main_attachment_id = attachment
        return document

    def sign(self, document, passphrase="s3cret"):
        signature_id = document.with_user(self.user_employee).action_sign(
            self.certificate.id, passphrase
        )
        return self.env["wo.document.signature"].browse(signature_id)

    def test_sign_and_verify_a_pdf(self):
        data = make_pdf()
        document = self.document_with_file(data, "contract.pdf", "application/pdf")
        signature = self.sign(document)
        self.assertEqual(signature.kind, "pades")
        self.assertEqual(signature.subject, "CN=Emil Employee")
        self.assertEqual(
            signature.sha256, hashlib.sha256(data).hexdigest(), "of the exact bytes signed"
        )
        signature.action_verify()
        self.assertEqual(signature.verify_state, "valid", signature.verify_message)
        # one byte changed in the stored file: invalid, prominently
        signed = bytearray(base64.b64decode(signature.signed_file))
        position = signed.find(b"Supply contract")
        signed[position] = ord("X")
        signature.sudo().signed_file = base64.b64encode(bytes(signed))
        signature.action_verify()
        self.assertEqual(signature.verify_state, "invalid")
        self.assertIn("changed", signature.verify_message)

    def test_sign_and_verify_another_file(self):
        data = b"Meeting minutes, 24 November"
        document = self.document_with_file(data, "minutes.txt", "text/plain")
        signature = self.sign(document)
        self.assertEqual(signature.kind, "cms")
        signature.action_verify()
        self.assertEqual(signature.verify_state, "valid", signature.verify_message)
        signature.sudo().signed_file = base64.b64encode(b"Meeting minutes, 25 November")
        signature.action_verify()
        self.assertEqual(signature.verify_state, "invalid")

    def test_refusals(self):
        document = self.document_with_file(make_pdf(), "c.pdf", "application/pdf")
        with self.assertRaisesRegex(UserError, "passphrase does not open"):
            self.sign(document, "wrong")
        expired_p12, __ = make_pkcs12("Old Cert", "pw", days_before=60, days_after=-1)
        expired = (
            self.env["wo.signing.certificate"]
            .with_user(self.user_employee)
            .create_from_pkcs12(expired_p12, "pw")
        )
        with self.assertRaisesRegex(UserError, "is not valid now"):
            document.with_user(self.user_employee).action_sign(expired.id, "pw")
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
                WHERE encode(signed_file, 'hex') LIKE %s
                   OR encode(coalesce(cms, ''), 'hex') LIKE %s""",
            (f"%{needle}%", f"%{needle}%"),
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        # and the stored PKCS#12 does not open without the passphrase
        with self.assertRaises(ValueError):
            pkcs12.load_key_and_certificates(base64.b64decode(self.certificate.sudo().pkcs12), None)
