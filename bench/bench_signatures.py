"""Digital signatures: signing and verifying in WO against pyHanko alone.

1. Sign a 1-page, a 50-page and a ~20 MB PDF with WO (the document's main
   file replaced by the signed PDF, visible stamp, the signature recorded)
   and with pyHanko alone on the same file, same certificate (opened from
   its PKCS#12 file for each signature, as WO does), same stamp, in the
   same run: ms per signature, ms per MB, ratio. (WO reserves the
   signature's size where it is known instead of pyHanko's dry run.)
2. Verify the signature of each with WO (the stored main file read back,
   SHA-256, embedded signature, trust) and with pyHanko alone.
3. Verify a document with 5 signatures (one PDF, 5 incremental updates).
"""

import datetime
import io
import os
import shutil
import tempfile
import time

from common import bench_user
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from PIL import Image
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields as sig_fields
from pyhanko.sign import signers
from pyhanko.sign.validation import validate_pdf_signature
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

REPEAT = int(os.environ.get("WO_BENCH_SIGN_REPEAT", "3"))


def make_certificate(name):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        name.encode(), key, cert, None, serialization.BestAvailableEncryption(b"bench")
    )


def make_pdf(pages=1, noise_mb=0):
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    for number in range(pages):
        page.drawString(100, 750, f"Bench contract - page {number + 1}")
        for line in range(40):
            page.drawString(60, 720 - line * 15, f"Clause {number + 1}.{line + 1}: " + "x" * 60)
        page.showPage()
    if noise_mb:
        side = int((noise_mb * 1024 * 1024 / 3) ** 0.5)
        image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
        page.drawImage(ImageReader(image), 50, 50, width=500, height=500)
        page.showPage()
    page.save()
    return buffer.getvalue()


def pyhanko_sign(pkcs12_path, data, stamp_style, box):
    """What pyHanko alone does for one signature of WO's kind: the key
    opened from the PKCS#12 file with its passphrase (as WO does for every
    signature), the same metadata, the same visible stamp in the same place."""
    signer = signers.SimpleSigner.load_pkcs12(pkcs12_path, passphrase=b"bench")
    meta = signers.PdfSignatureMetadata(
        field_name="Bench_Signature",
        md_algorithm="sha256",
        subfilter=sig_fields.SigSeedSubFilter.PADES,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        stamp_style=stamp_style,
        new_field_spec=sig_fields.SigFieldSpec("Bench_Signature", on_page=-1, box=box),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    return pdf_signer.sign_pdf(writer).getvalue()


def pyhanko_verify(data, context_factory):
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    return [validate_pdf_signature(e, context_factory()) for e in reader.embedded_signatures]


def best(func):
    """Best of REPEAT runs: (seconds, last result)."""
    times, result = [], None
    for __ in range(REPEAT):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def run(env, report):
    user = bench_user(
        env,
        "bench_signer",
        ["wo_documents.group_wo_documents_author", "wo_staff.group_wo_user"],
    )
    doc_type = env["wo.document.type"].create(
        {
            "name": "Bench signed",
            "code": "BSIG",
            "approval_required": False,
            "has_two_parties": False,
        }
    )
    pkcs12_data = make_certificate("Bench Signer")
    certificate = (
        env["wo.signing.certificate"].with_user(user).create_from_pkcs12(pkcs12_data, "bench")
    )
    folder = tempfile.mkdtemp(prefix="wo-bench-")
    pkcs12_path = os.path.join(folder, "signer.p12")
    with open(pkcs12_path, "wb") as out:
        out.write(pkcs12_data)
    Document = env["wo.document"].with_user(user)
    Trusted = env["wo.trusted.certificate"]
    Signature = env["wo.document.signature"]

    def new_document(data):
        document = Document.create({"type_id": doc_type.id, "subject": "Bench"})
        document.message_main_attachment_id = env["ir.attachment"].create(
            {
                "name": "bench.pdf",
                "raw": data,
                "mimetype": "application/pdf",
                "res_model": "wo.document",
                "res_id": document.id,
            }
        )
        env.flush_all()
        return document

    files = [
        ("1 page", make_pdf(1)),
        ("50 pages", make_pdf(50)),
        ("20 MB", make_pdf(1, noise_mb=20)),
    ]
    for label, data in files:
        megabytes = len(data) / 1024 / 1024
        documents = [new_document(data) for __ in range(REPEAT)]

        def wo_sign(documents=documents):
            document = documents.pop()
            document.action_sign(certificate.id, "bench")
            env.flush_all()
            return document

        wo_t, document = best(wo_sign)
        signature = document.signature_ids
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        box = Signature._stamp_box(document, reader, 0)
        style = Signature.with_user(user)._stamp_style(document, certificate, signature.date, box)
        ph_t, signed = best(
            lambda data=data, style=style, box=box: pyhanko_sign(pkcs12_path, data, style, box)
        )
        report.row(
            measure=f"sign {label}",
            mb=megabytes,
            wo_ms=wo_t * 1000,
            pyhanko_ms=ph_t * 1000,
            wo_ms_mb=wo_t * 1000 / megabytes,
            pyhanko_ms_mb=ph_t * 1000 / megabytes,
            t_ratio=wo_t / ph_t,
        )
        wo_t, __ = best(lambda document=document: document.action_verify_signatures())
        assert signature.verify_state == "untrusted", signature.verify_message

        def context():
            return Trusted._validation_context(env.company, None)

        ph_t, __ = best(lambda signed=signed: pyhanko_verify(signed, context))
        report.row(
            measure=f"verify {label}",
            mb=megabytes,
            wo_ms=wo_t * 1000,
            pyhanko_ms=ph_t * 1000,
            wo_ms_mb=wo_t * 1000 / megabytes,
            pyhanko_ms_mb=ph_t * 1000 / megabytes,
            t_ratio=wo_t / ph_t,
        )

    data = make_pdf(1)
    document = new_document(data)
    for __ in range(5):
        document.action_sign(certificate.id, "bench")
    env.flush_all()
    signed = document.message_main_attachment_id.raw
    megabytes = len(signed) / 1024 / 1024
    wo_t, __ = best(lambda: document.action_verify_signatures())
    assert set(document.signature_ids.mapped("verify_state")) == {"untrusted"}
    ph_t, __ = best(
        lambda: pyhanko_verify(signed, lambda: Trusted._validation_context(env.company, None))
    )
    report.row(
        measure="verify 5 signatures",
        mb=megabytes,
        wo_ms=wo_t * 1000,
        pyhanko_ms=ph_t * 1000,
        wo_ms_mb=wo_t * 1000 / megabytes,
        pyhanko_ms_mb=ph_t * 1000 / megabytes,
        t_ratio=wo_t / ph_t,
    )
    shutil.rmtree(folder)
