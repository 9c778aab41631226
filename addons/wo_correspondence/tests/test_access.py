from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import WoCorrespondenceCommon


@tagged("post_install", "-at_install")
class TestAccess(WoCorrespondenceCommon):
    def test_levels(self):
        reader, editor, author, manager = (
            self.levels[level] for level in ("reader", "editor", "author", "manager")
        )
        letter = self.letter(notify_user_ids=[(6, 0, (reader | editor).ids)])
        # reader: reads (notified), never writes nor creates
        self.assertEqual(letter.with_user(reader).subject, "Delivery of 12 March")
        with self.assertRaises(AccessError):
            letter.with_user(reader).write({"priority": "2"})
        with self.assertRaises(AccessError):
            self.letter(user=reader)
        # editor: writes, does not create
        letter.with_user(editor).write({"priority": "2"})
        self.assertEqual(letter.priority, "2")
        with self.assertRaises(AccessError):
            self.letter(user=editor)
        # author: creates (what they prepare), does not delete
        own = self.letter("outgoing", user=author, prepared_by_id=author.id)
        with self.assertRaises(AccessError):
            own.with_user(author).unlink()
        # manager: deletes drafts
        own.with_user(manager).unlink()
        self.assertFalse(own.exists())

    def test_no_group_refused(self):
        letter = self.letter(notify_user_ids=[(6, 0, self.user_head.ids)])
        for user in (self.user_no_wo, self.user_portal):
            with self.assertRaises(AccessError):
                letter.with_user(user).read(["subject"])
            with self.assertRaises(AccessError):
                self.letter(user=user)

    def test_roles_see_their_letters(self):
        letter = self.registered("incoming", recipient_user_id=self.user_head.id)
        visible = self.Letter.with_user
        # addressee, deputy acting for the head, the head of a parent department
        for user in (self.user_head, self.user_deputy, self.user_director):
            self.assertEqual(visible(user).search([("id", "=", letter.id)]), letter, user.name)
        # an employee of the department under the head and an outsider: not theirs
        for user in (self.user_employee, self.user_outsider, self.user_accountant):
            self.assertFalse(visible(user).search([("id", "=", letter.id)]), user.name)
            with self.assertRaises(AccessError):
                letter.with_user(user).read(["subject"])

    def test_registry_office_sees_the_registry(self):
        letter = self.registered("outgoing", prepared_by_id=self.user_accountant.id)
        other_registrar = self.wo_user(
            "wo_registrar_2",
            "Roman Registrar",
            "wo_correspondence.group_wo_correspondence_registrar,wo_staff.group_wo_user",
        )
        self.assertEqual(
            self.Letter.with_user(other_registrar).search([("id", "=", letter.id)]), letter
        )

    def test_registration_fields_registry_office_vs_plain_user(self):
        letter = self.registered("incoming", notify_user_ids=[(6, 0, self.user_head.ids)])
        for field, value in (("sender_number", "B-1"), ("page_count", 9), ("kind_id", False)):
            with self.assertRaisesRegex(UserError, "only the registry office"):
                letter.with_user(self.user_head).write({field: value})
        self.assertEqual(letter.sender_number, "A-17")
        letter.with_user(self.user_registrar).write({"sender_number": "A-17/1", "page_count": 9})
        self.assertEqual((letter.sender_number, letter.page_count), ("A-17/1", 9))

    def test_confidential_kind(self):
        secret = self.env["wo.correspondence.kind"].create(
            {
                "name": "Personnel",
                "confidential": True,
                "confidential_user_ids": [(6, 0, (self.user_registrar | self.user_head).ids)],
            }
        )
        letter = self.registered("incoming", kind_id=secret.id)
        for user in (self.user_director, self.levels["manager"]):
            self.assertFalse(
                self.Letter.with_user(user).search([("id", "=", letter.id)]), user.name
            )
        self.assertEqual(
            self.Letter.with_user(self.user_head).search([("id", "=", letter.id)]), letter
        )

    def test_other_company(self):
        letter = self.registered("incoming", notify_user_ids=[(6, 0, self.user_head.ids)])
        self.assertFalse(
            self.Letter.with_user(self.user_company_2).search([("id", "=", letter.id)])
        )
        with self.assertRaises(AccessError):
            letter.with_user(self.user_company_2).read(["subject"])

    def test_resolutions_follow_the_letter(self):
        letter = self.registered("incoming")
        resolution = (
            self.env["wo.correspondence.resolution"]
            .with_user(self.user_head)
            .create(
                {
                    "correspondence_id": letter.id,
                    "text": "Answer",
                    "responsible_id": self.user_employee.id,
                    "date_deadline": "2099-01-01",
                }
            )
        )
        Resolution = self.env["wo.correspondence.resolution"]
        self.assertEqual(Resolution.with_user(self.user_employee).search([]), resolution)
        self.assertFalse(Resolution.with_user(self.user_outsider).search([]))
