"""A small certification authority and timestamp authority for the tests:
real keys, real certificates, real revocation lists, made on the spot."""

import datetime
import io
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.pdfgen import canvas


def utcnow():
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def name(common_name, organisation=None):
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    return x509.Name(attributes)


def key_usage(signer=False, ca=False):
    return x509.KeyUsage(
        digital_signature=signer,
        content_commitment=signer,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def make_certificate(
    subject,
    key,
    issuer=None,
    issuer_key=None,
    ca=False,
    days_before=1,
    days_after=30,
    tsa=False,
):
    """A certificate for ``key``, issued by (issuer, issuer_key) or self-signed."""
    now = utcnow()
    issuer_name = issuer.subject if issuer is not None else subject
    issuer_public = (issuer_key or key).public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=days_before))
        .not_valid_after(now + datetime.timedelta(days=days_after))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(key_usage(signer=not ca, ca=ca), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_public), critical=False
        )
    )
    if issuer is not None and not tsa:
        # where the issuer publishes its CRL (never fetched in the tests:
        # the CRL is uploaded)
        builder = builder.add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        [x509.UniformResourceIdentifier("http://127.0.0.1:9/wo-test.crl")],
                        None,
                        None,
                        None,
                    )
                ]
            ),
            critical=False,
        )
    if tsa:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    return builder.sign(issuer_key or key, hashes.SHA256())


def to_pkcs12(label, key, cert, passphrase, chain=()):
    return pkcs12.serialize_key_and_certificates(
        label.encode(),
        key,
        cert,
        list(chain) or None,
        serialization.BestAvailableEncryption(passphrase.encode()),
    )


def pem(*objects):
    return b"".join(obj.public_bytes(serialization.Encoding.PEM) for obj in objects)


def der(obj):
    return obj.public_bytes(serialization.Encoding.DER)


def asn1_cert(cert):
    return asn1_x509.Certificate.load(der(cert))


def asn1_key(key):
    return asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


class Pki:
    """Root -> intermediate -> signers, a timestamping certificate, CRLs."""

    def __init__(self):
        self.root_key = new_key()
        self.root = make_certificate(name("WO Test Root CA", "WO Test"), self.root_key, ca=True)
        self.intermediate_key = new_key()
        self.intermediate = make_certificate(
            name("WO Test Signing CA", "WO Test"),
            self.intermediate_key,
            issuer=self.root,
            issuer_key=self.root_key,
            ca=True,
        )
        self.tsa_key = new_key()
        self.tsa = make_certificate(
            name("WO Test TSA", "WO Test"),
            self.tsa_key,
            issuer=self.root,
            issuer_key=self.root_key,
            tsa=True,
            days_after=365,
        )

    def signer(self, common_name, passphrase, **kwargs):
        """(PKCS#12 bytes, certificate) of a signer issued by the intermediate."""
        key = new_key()
        cert = make_certificate(
            name(common_name, "WO Test Company"),
            key,
            issuer=self.intermediate,
            issuer_key=self.intermediate_key,
            **kwargs,
        )
        return to_pkcs12(common_name, key, cert, passphrase, [self.intermediate]), cert

    def crl(self, revoked=(), revoked_at=None):
        """A CRL of the intermediate revoking the given certificates."""
        now = utcnow()
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.intermediate.subject)
            .last_update(now - datetime.timedelta(minutes=5))
            .next_update(now + datetime.timedelta(days=7))
            .add_extension(x509.CRLNumber(1), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(
                    self.intermediate_key.public_key()
                ),
                critical=False,
            )
        )
        for cert in revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder()
                .serial_number(cert.serial_number)
                .revocation_date(revoked_at or now - datetime.timedelta(hours=1))
                .build()
            )
        return builder.sign(self.intermediate_key, hashes.SHA256())

    def timestamper(self):
        return DummyTimeStamper(
            tsa_cert=asn1_cert(self.tsa),
            tsa_key=asn1_key(self.tsa_key),
            certs_to_embed=SimpleCertificateStore.from_certs([asn1_cert(self.root)]),
        )


class LocalTimestampAuthority:
    """An RFC 3161 timestamp authority over HTTP on 127.0.0.1: pyHanko's
    test timestamper behind a real socket, so WO talks to it as to any TSA."""

    def __init__(self, timestamper):
        self.timestamper = timestamper
        self.requests = 0
        authority = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                response = authority.timestamper.request_tsa_response(tsp.TimeStampReq.load(body))
                authority.requests += 1
                payload = response.dump()
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/tsr"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def make_pdf(text="Supply contract", pages=1):
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pageCompression=0)
    for number in range(pages):
        page.drawString(100, 750, f"{text} - page {number + 1}")
        page.showPage()
    page.save()
    return buffer.getvalue()


def pdf_text(content):
    """The text shown by a PDF content stream's literal strings."""
    shown = re.findall(rb"\(((?:[^()\\]|\\.)*)\)\s*Tj", content)
    text = b"\n".join(shown).decode("latin-1")
    return re.sub(r"\\([0-7]{3})", lambda match: chr(int(match.group(1), 8)), text)


def first_page_stamp_text(data):
    """The text of the forms drawn on the first page of a PDF (a stamp)."""
    reader = PdfFileReader(io.BytesIO(data))
    first_page = reader.root["/Pages"]["/Kids"][0].get_object()
    xobjects = first_page["/Resources"].get("/XObject") or {}
    return "".join(
        pdf_text(xobject.get_object().data)
        for xobject in xobjects.values()
        if xobject.get_object().get("/Subtype") == "/Form"
    )
