"""The 19.0.1.2.0 migration on signatures made the 19.0.1.0.0 way: each kept
its own copy of the signed PDF (column ``signed_file``, base64) and the
SHA-256 of the file before signing; the document's main file stayed the
unsigned original."""

import base64
import hashlib
import importlib.util
import io
from pathlib import Path

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

from odoo.tests import tagged

from .pki import make_pdf
from .test_signature import SignatureCommon

SCRIPT = Path(__file__).parent.parent / "migrations" / "19.0.1.2.0" / "post-migrate.py"


def migrate(cr, version):
    spec = importlib.util.spec_from_file_location("wo_documents_post_migrate_1_2", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.migrate(cr, version)


@tagged("post_install", "-at_install")
class TestSignatureMigration(SignatureCommon):
    def old_signature(self, original):
        """A document signed the 19.0.1.0.0 way: pyHanko signs the original
        (field ``Signature1``); the signature keeps that copy in its own column
        with the SHA-256 of the original; the main file stays the original."""
        p12, __ = self.pki.signer("Olga Old", "old")
        certificate = (
            self.env["wo.signing.certificate"]
            .with_user(self.user_employee)
            .create_from_pkcs12(p12, "old")
        )
        document = self.document_with_file(original, "contract.pdf", "application/pdf")
        original_attachment = document.message_main_attachment_id
        signature = self.sign(document, certificate, "old")  # the record and its metadata
        signer = certificate._signer("old")
        output = signers.sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(original)),
            signers.PdfSignatureMetadata(field_name="Signature1"),
            signer=signer,
        )
        signed_copy = output.getvalue()
        new_main = document.message_main_attachment_id
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("ALTER TABLE wo_document_signature ADD COLUMN signed_file bytea")
        cr.execute(
            """UPDATE wo_document_signature
                  SET signed_file = %s, sha256 = %s, sequence = 0, field_name = NULL,
                      signed_size = NULL, verify_state = 'valid'
                WHERE id = %s""",
            (base64.b64encode(signed_copy), hashlib.sha256(original).hexdigest(), signature.id),
        )
        cr.execute(
            "UPDATE wo_document SET message_main_attachment_id = %s WHERE id = %s",
            (original_attachment.id, document.id),
        )
        self.env.invalidate_all()
        new_main.unlink()
        return document, signature, signed_copy

    def test_old_signed_copy_becomes_the_main_file(self):
        self.trust_test_ca()
        original = make_pdf(pages=2)
        document, signature, signed_copy = self.old_signature(original)
        self.assertEqual(document.message_main_attachment_id.raw, original)

        migrate(self.env.cr, "19.0.1.0.0")
        self.env.invalidate_all()

        self.env.cr.execute(
            """SELECT 1 FROM information_schema.columns
                WHERE table_name = 'wo_document_signature' AND column_name = 'signed_file'"""
        )
        self.assertFalse(self.env.cr.fetchone(), "the column of copies is gone")
        self.assertEqual(document.message_main_attachment_id.raw, signed_copy)
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "wo.document"), ("res_id", "=", document.id)]
        )
        self.assertIn(original, attachments.mapped("raw"), "the original kept")
        self.assertEqual(signature.sha256, hashlib.sha256(signed_copy).hexdigest())
        self.assertEqual(signature.signed_size, len(signed_copy))
        self.assertEqual(signature.field_name, "Signature1")
        self.assertEqual(signature.sequence, 1)
        self.assertFalse(signature.verify_state, "the old verdict is cleared")
        (signature,) = self.verify(document)
        self.assertEqual(signature.verify_state, "valid", signature.verify_message)

    def test_without_old_copies_only_renumbered(self):
        """A database already without the column (19.0.1.1.0 after the rework)."""
        document = self.document_with_file(make_pdf(), "c.pdf", "application/pdf")
        first = self.sign(document)
        second = self.sign(document, self.director_certificate, "pw2")
        main = document.message_main_attachment_id
        self.env.cr.execute("UPDATE wo_document_signature SET sequence = 0")
        self.env.invalidate_all()
        migrate(self.env.cr, "19.0.1.1.0")
        self.env.invalidate_all()
        self.assertEqual((first.sequence, second.sequence), (1, 2))
        self.assertEqual(document.message_main_attachment_id, main)
        self.assertEqual(self.verify(document).mapped("verify_state"), ["untrusted"] * 2)
