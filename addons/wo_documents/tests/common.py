from odoo.addons.wo_staff.tests.common import WoCommon


class WoDocumentsCommon(WoCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wo_grant("wo_documents.group_wo_documents_author")
        cls.levels = cls.wo_level_users("wo_documents", "documents")
        cls.contract_type = cls.env.ref("wo_documents.wo_document_type_contract")
        cls.agreement_type = cls.env.ref("wo_documents.wo_document_type_agreement")
        cls.memo_type = cls.env.ref("wo_documents.wo_document_type_memo")
        cls.acme = cls.env["res.partner"].create({"name": "Acme Supplies", "is_company": True})
        cls.Document = cls.env["wo.document"]

    @classmethod
    def draft(cls, user=None, **vals):
        values = {
            "type_id": cls.contract_type.id,
            "subject": "Supply of polymer film",
            "partner_id": cls.acme.id,
            "amount": 12000,
        }
        values.update(vals)
        return cls.Document.with_user(user or cls.user_employee).create(values)

    def decide(self, document, user, decision="approved", remarks=None):
        document.with_user(user).action_decide(decision, remarks)
        document.invalidate_recordset()
