import io

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from odoo import Command

from odoo.addons.wo_documents.tests.pki import (
    asn1_cert,
    asn1_key,
    make_certificate,
    make_pdf,
    name,
    new_key,
)
from odoo.addons.wo_documents.tests.test_signature import SignatureCommon


def counterparty_sign(data, pki, common_name="Anna Acme", field_name="Counterparty"):
    """``data`` signed by the counterparty with a certificate of the test
    CA, as their own tool would: an incremental update of the file."""
    key = new_key()
    cert = make_certificate(
        name(common_name, "Acme Supplies"),
        key,
        issuer=pki.intermediate,
        issuer_key=pki.intermediate_key,
    )
    signer = signers.SimpleSigner(
        signing_cert=asn1_cert(cert),
        signing_key=asn1_key(key),
        cert_registry=SimpleCertificateStore.from_certs([asn1_cert(pki.intermediate)]),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    output = signers.sign_pdf(
        writer, signers.PdfSignatureMetadata(field_name=field_name), signer=signer
    )
    return output.getvalue()


class WoPortalCommon(SignatureCommon):
    """Two counterparties, Acme and Globex, each with a portal user who may
    act (Anna, Greg) and Acme with a second portal user who may only look
    (Boris); a contract of Acme's with its file, ready to send."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.globex = Partner.create({"name": "Globex Trading", "is_company": True})
        cls.anna = cls.portal_user("wo_anna", "Anna Acme", cls.acme)
        cls.boris = cls.portal_user("wo_boris", "Boris Acme", cls.acme)
        cls.greg = cls.portal_user("wo_greg", "Greg Globex", cls.globex)
        cls.portal_type = cls.env["wo.document.type"].create(
            {
                "name": "Service contract",
                "code": "SRV",
                "approval_required": False,
                "has_two_parties": True,
                "wo_portal_simple_signature": True,
            }
        )
        cls.pdf = make_pdf("Service contract")
        cls.document = cls.contract(cls.acme, cls.pdf)
        cls.globex_document = cls.contract(cls.globex, make_pdf("Globex contract"))

    @classmethod
    def portal_user(cls, login, user_name, company):
        contact = cls.env["res.partner"].create(
            {"name": user_name, "parent_id": company.id, "email": f"{login}@example.com"}
        )
        return (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": login,
                    "password": login,  # as Odoo's tours log in
                    "partner_id": contact.id,
                    "group_ids": [Command.set([cls.env.ref("base.group_portal").id])],
                    "tz": "UTC",
                }
            )
        )

    @classmethod
    def contract(cls, partner, data, **vals):
        document = (
            cls.env["wo.document"]
            .with_user(cls.user_deputy_2)
            .create(
                {
                    "type_id": cls.portal_type.id,
                    "subject": f"Services for {partner.name}",
                    "partner_id": partner.id,
                    "amount": 5000,
                    **vals,
                }
            )
        )
        attachment = cls.env["ir.attachment"].create(
            {
                "name": "contract.pdf",
                "raw": data,
                "mimetype": "application/pdf",
                "res_model": "wo.document",
                "res_id": document.id,
            }
        )
        document.message_main_attachment_id = attachment
        return document

    @classmethod
    def send(cls, document=None, contacts=None, user=None, **vals):
        document = document or cls.document
        if contacts is None:
            contacts = cls.anna.partner_id if document == cls.document else cls.greg.partner_id
        send = (
            cls.env["wo.portal.send"]
            .with_user(user or cls.user_deputy_2)
            .create(
                {
                    "document_id": document.id,
                    "contact_ids": [Command.set(contacts.ids)],
                    "message": "Please sign.",
                    **vals,
                }
            )
        )
        send.action_send()
        return send.sudo()
