from datetime import date

from odoo.addons.wo_staff.tests.common import WoCommon


class WoCorrespondenceCommon(WoCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wo_grant("wo_correspondence.group_wo_correspondence_author")
        cls.levels = cls.wo_level_users("wo_correspondence", "correspondence")
        cls.user_registrar = cls.wo_user(
            "wo_registrar",
            "Rita Registrar",
            "wo_correspondence.group_wo_correspondence_registrar,wo_staff.group_wo_user",
        )
        cls.emp_registrar = cls.wo_employee(cls.user_registrar, cls.dep_management)
        cls.Letter = cls.env["wo.correspondence"]
        cls.acme = cls.env["res.partner"].create({"name": "Acme Supplies", "is_company": True})
        cls.acme_contact = cls.env["res.partner"].create(
            {"name": "Petro Petrenko", "parent_id": cls.acme.id}
        )
        # fresh journals: their numbering starts at 1 whatever the database holds
        Journal = cls.env["wo.correspondence.journal"]
        cls.journal_in = Journal.create(
            {"name": "Test incoming", "code": "TIN", "direction": "incoming"}
        )
        cls.journal_out = Journal.create(
            {"name": "Test outgoing", "code": "TOUT", "direction": "outgoing"}
        )
        cls.journal_int = Journal.create(
            {"name": "Test internal", "code": "TINT", "direction": "internal"}
        )
        cls.journals = {
            "incoming": cls.journal_in,
            "outgoing": cls.journal_out,
            "internal": cls.journal_int,
        }
        cls.kind_claim = cls.env.ref("wo_correspondence.wo_correspondence_kind_claim")
        cls.kind_information = cls.env.ref("wo_correspondence.wo_correspondence_kind_information")
        cls.year = date.today().year

    @classmethod
    def letter(cls, direction="incoming", user=None, **vals):
        values = {
            "direction": direction,
            "journal_id": cls.journals[direction].id,
            "subject": "Delivery of 12 March",
        }
        if direction in ("incoming", "outgoing"):
            values["partner_id"] = cls.acme.id
        if direction == "incoming":
            values.update(sender_number="A-17", recipient_user_id=cls.user_head.id)
        if direction == "internal":
            values.update(sender_user_id=cls.user_employee.id, recipient_user_id=cls.user_head.id)
        values.update(vals)
        return cls.Letter.with_user(user or cls.user_registrar).create(values)

    @classmethod
    def registered(cls, direction="incoming", **vals):
        letter = cls.letter(direction, **vals)
        letter.action_register()
        return letter
