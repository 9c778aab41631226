"""19.0.1.2.0: a signature no longer keeps its own copy of the signed file;
it is verified against the document's main file.

- each old PAdES signature's copy (column ``signed_file``) is attached to its
  document, and becomes the document's main file where the document has one
  PAdES signature only (several old signatures each signed the original file:
  their copies stay as attachments, and the main file is left as it was);
- ``sha256`` now means the SHA-256 of the signed file (it was that of the file
  before signing): recomputed from the copy, with the size and the field name;
- the signing order is numbered; the old verdicts, made against the copies,
  are cleared: the next verification gives one from the stored main file.

Databases at 19.0.1.0.0 and at the unreleased 19.0.1.1.0 that still had the
copies both come here; a database without the column is only renumbered.
"""

import base64
import hashlib
import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(
        """UPDATE wo_document_signature s
              SET sequence = numbered.rank
             FROM (SELECT id, row_number() OVER (PARTITION BY document_id ORDER BY date, id) AS rank
                     FROM wo_document_signature) numbered
            WHERE numbered.id = s.id"""
    )
    cr.execute("UPDATE wo_document_signature SET verify_state = NULL, verify_message = NULL")
    cr.execute(
        """SELECT 1 FROM information_schema.columns
            WHERE table_name = 'wo_document_signature' AND column_name = 'signed_file'"""
    )
    if not cr.fetchone():
        return
    cr.execute(
        """SELECT id, document_id, signed_file, filename, sequence
             FROM wo_document_signature
            WHERE kind = 'pades' AND signed_file IS NOT NULL
            ORDER BY document_id, sequence"""
    )
    rows = cr.fetchall()
    per_document = {}
    for row in rows:
        per_document.setdefault(row[1], []).append(row)
    for document_id, signatures in per_document.items():
        document = env["wo.document"].browse(document_id)
        for signature_id, __, signed_file, filename, sequence in signatures:
            raw = signed_file if isinstance(signed_file, bytes) else bytes(signed_file)
            data = base64.b64decode(raw)
            attachment = env["ir.attachment"].create(
                {
                    "name": filename or f"signed-{sequence}.pdf",
                    "raw": data,
                    "mimetype": "application/pdf",
                    "res_model": "wo.document",
                    "res_id": document_id,
                    "description": f"Signed copy kept by signature {sequence}",
                }
            )
            cr.execute(
                """UPDATE wo_document_signature
                      SET sha256 = %s, signed_size = %s, field_name = %s
                    WHERE id = %s""",
                (hashlib.sha256(data).hexdigest(), len(data), f"Signature{sequence}", signature_id),
            )
            if len(signatures) == 1:
                cr.execute(
                    "UPDATE wo_document SET message_main_attachment_id = %s WHERE id = %s",
                    (attachment.id, document.id),
                )
        _logger.info(
            "wo_documents: %s signed copies attached to document %s", len(signatures), document_id
        )
    cr.execute("ALTER TABLE wo_document_signature DROP COLUMN signed_file")
