from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import WoCommon


@tagged("post_install", "-at_install")
class TestTranslations(WoCommon):
    """Errors reach people in their language (uk, ru, pl ship with the addon)."""

    def test_errors_in_the_users_language(self):
        today = fields.Date.context_today(self.env["res.users"])
        expected = {
            "uk_UA": "не може заміщувати сам себе",
            "ru_RU": "не может замещать сам себя",
            "pl_PL": "nie może zastępować samego siebie",
        }
        for lang, message in expected.items():
            self.env["res.lang"]._activate_lang(lang)
            self.env["ir.module.module"]._load_module_terms(["wo_staff"], [lang])
            Substitution = self.env["wo.substitution"].with_user(self.user_employee)
            with self.subTest(lang=lang), self.assertRaisesRegex(ValidationError, message):
                Substitution.with_context(lang=lang).create(
                    {
                        "substitute_id": self.user_employee.id,
                        "date_from": today,
                        "date_to": today + timedelta(days=1),
                    }
                )
        self.assertFalse(
            self.env["wo.substitution"].search([("user_id", "=", self.user_employee.id)])
        )
        # a menu and a selection value, for the screens
        self.assertEqual(
            self.env.ref("wo_staff.wo_substitution_my_menu").with_context(lang="pl_PL").name,
            "Moje zastępstwa",
        )
