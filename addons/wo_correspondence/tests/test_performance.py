from odoo.tests import tagged

from .common import WoCorrespondenceCommon


@tagged("post_install", "-at_install")
class TestPerformance(WoCorrespondenceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reader = cls.levels["reader"]
        letters = cls.Letter.create(
            [
                {
                    "direction": "incoming",
                    "journal_id": cls.journal_in.id,
                    "subject": f"Letter {i}",
                    "partner_id": cls.acme.id,
                    "kind_id": cls.kind_information.id,
                    "notify_user_ids": [(6, 0, cls.reader.ids)],
                }
                for i in range(80)
            ]
        )
        letters.with_user(cls.user_registrar).action_register()
        cls.notify = cls.user_head | cls.user_accountant | cls.user_employee
        cls.env = cls.env(context={"lang": "en_US", "tz": "UTC"})

    def test_register_with_three_to_notify(self):
        Letter = self.env["wo.correspondence"].with_user(self.user_registrar)
        values = {
            "direction": "incoming",
            "journal_id": self.journal_in.id,
            "subject": "Claim",
            "partner_id": self.acme.id,
            "notify_user_ids": [(6, 0, self.notify.ids)],
        }
        Letter.create(values).action_register()
        letter = Letter.create(values)
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_REGISTER):
            letter.action_register()
        self.assertEqual(letter.activity_ids.user_id, self.notify)

    def test_list_80_as_reader(self):
        Letter = self.env["wo.correspondence"].with_user(self.reader)
        spec = {
            "priority": {},
            "name": {},
            "date_registration": {},
            "direction": {},
            "sender_display": {},
            "recipient_display": {},
            "subject": {},
            "state": {},
            "kind_id": {"fields": {"display_name": {}}},
        }
        Letter.web_search_read([], spec, limit=80)
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_LIST):
            self.assertEqual(len(Letter.web_search_read([], spec, limit=80)["records"]), 80)


QUERIES_REGISTER = 64
QUERIES_LIST = 12
