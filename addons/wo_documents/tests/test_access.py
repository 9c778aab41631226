from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import WoDocumentsCommon


@tagged("post_install", "-at_install")
class TestAccess(WoDocumentsCommon):
    def visible(self, user, document):
        return bool(self.Document.with_user(user).search([("id", "=", document.id)]))

    def test_roles_and_companies(self):
        document = self.draft()
        for user in (self.user_employee, self.user_head, self.user_deputy, self.user_director):
            self.assertTrue(self.visible(user, document), user.login)
        for user in (self.user_outsider, self.user_accountant, self.user_company_2):
            self.assertFalse(self.visible(user, document), user.login)
        with self.assertRaises(AccessError):
            document.with_user(self.user_outsider).read(["subject"])

    def test_confidential_types(self):
        secret = self.contract_type.copy(
            {
                "name": "Board minutes",
                "code": "BRD",
                "confidential": True,
                "confidential_user_ids": [Command.set(self.user_hr.ids)],
            }
        )
        # an author not listed cannot even create one
        with self.assertRaises(AccessError):
            self.draft(type_id=secret.id)
        document = self.draft(user=self.user_hr, type_id=secret.id)
        self.assertTrue(self.visible(self.user_hr, document), "its listed author")
        self.assertFalse(self.visible(self.user_director, document), "not even a Director")
        document.message_subscribe(partner_ids=self.user_employee.partner_id.ids)
        self.assertFalse(self.visible(self.user_employee, document), "not even a follower")

    def test_levels(self):
        reader, editor, author, manager = (
            self.levels[lvl] for lvl in ("reader", "editor", "author", "manager")
        )
        document = self.draft(user=author)
        for user in (reader, editor, manager):
            document.message_subscribe(partner_ids=user.partner_id.ids)
        with self.assertRaises(AccessError):
            document.with_user(reader).write({"content": "<p>x</p>"})
        document.with_user(editor).write({"content": "<p>Edited</p>"})
        with self.assertRaises(AccessError):
            self.draft(user=editor)
        with self.assertRaises(AccessError):
            document.with_user(author).unlink()
        document.with_user(manager).unlink()
        self.assertFalse(document.exists())
        for user in (self.user_no_wo, self.user_portal):
            with self.assertRaises(AccessError):
                self.Document.with_user(user).search([])
