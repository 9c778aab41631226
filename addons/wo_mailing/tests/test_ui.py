from odoo.tests import HttpCase, tagged

from .common import WoMailingCommon


@tagged("post_install", "-at_install")
class TestUi(HttpCase, WoMailingCommon):
    def test_preview_a_mailing(self):
        mailing = self.make_mailing()
        self.start_tour(
            f"/odoo/action-wo_mailing.wo_mailing_action/{mailing.id}",
            "wo_mailing_preview_tour",
            login=self.author.login,
        )
        self.assertEqual(mailing.wo_preview_partner_id, self.ann)
