from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import WoMailingCommon


@tagged("post_install", "-at_install")
class TestAccess(WoMailingCommon):
    """The four levels of WO Mailing, the recipient limit, no group."""

    def test_reader(self):
        reader = self.levels["reader"]
        mailing = self.make_mailing()
        self.assertEqual(mailing.with_user(reader).subject, mailing.subject)
        self.assertTrue(
            self.env["mailing.mailing"].with_user(reader).search([("id", "=", mailing.id)])
        )
        with self.assertRaises(AccessError):
            self.make_mailing(user=reader, subject="Reader's")
        with self.assertRaises(AccessError):
            mailing.with_user(reader).write({"subject": "Changed"})
        with self.assertRaises(AccessError):
            mailing.with_user(reader).action_launch()
        self.assertEqual(mailing.subject, "{salutation} {name} of {company}: price list")
        self.assertEqual(mailing.state, "draft")
        self.assertFalse(self.env["mailing.mailing"].search([("subject", "=", "Reader's")]))

    def test_editor(self):
        editor = self.levels["editor"]
        mailing = self.make_mailing()
        mailing.with_user(editor).write({"subject": "Edited"})
        self.assertEqual(mailing.subject, "Edited")
        with self.assertRaises(AccessError):
            self.make_mailing(user=editor, subject="Editor's")
        with self.assertRaises(AccessError):
            mailing.with_user(editor).action_launch()
        self.assertEqual(mailing.state, "draft")
        self.assertFalse(self.env["mailing.mailing"].search([("subject", "=", "Editor's")]))

    def test_author(self):
        mailing = self.make_mailing(user=self.author)
        self.assertEqual(mailing.create_uid, self.author)
        with self.assertRaises(AccessError):
            mailing.with_user(self.author).unlink()
        self.assertTrue(mailing.exists())
        mailing.with_user(self.author).action_launch()
        self.assertEqual(mailing.state, "in_queue")

    def test_threshold(self):
        self.env["ir.config_parameter"].set_param("wo_mailing.max_recipients", "2")
        mailing = self.make_mailing(wo_partner_ids=self.carl.ids)
        self.assertEqual(mailing.total, 3)
        with self.assertRaisesRegex(AccessError, "goes to 3 recipients.*more than 2"):
            mailing.with_user(self.author).action_launch()
        self.assertEqual(mailing.state, "draft")
        with self.assertRaisesRegex(AccessError, "only a WO Mailing Manager"):
            mailing.with_user(self.author).action_send_mail()
        self.assertFalse(mailing.mailing_trace_ids)
        mailing.with_user(self.manager).action_launch()
        self.assertEqual(mailing.state, "in_queue")
        # two recipients: the author may send
        small = self.make_mailing()
        small.with_user(self.author).action_launch()
        self.assertEqual(small.state, "in_queue")

    def test_manager(self):
        mailing = self.make_mailing(user=self.manager)
        mailing.with_user(self.manager).write({"subject": "By manager"})
        mailing.with_user(self.manager).unlink()
        self.assertFalse(mailing.exists())

    def test_kinds_configured_by_managers(self):
        Kind = self.env["wo.mailing.kind"]
        self.assertTrue(Kind.with_user(self.levels["reader"]).search([]))
        with self.assertRaises(AccessError):
            Kind.with_user(self.author).create({"name": "Invitation"})
        Kind.with_user(self.manager).create({"name": "Invitation"})
        self.assertTrue(Kind.search([("name", "=", "Invitation")]))

    def test_no_group_refused(self):
        mailing = self.make_mailing()
        for user in (self.user_no_wo, self.user_portal):
            with self.assertRaises(AccessError):
                self.env["mailing.mailing"].with_user(user).search([])
            with self.assertRaises(AccessError):
                mailing.with_user(user).read(["subject"])
            with self.assertRaises(AccessError):
                self.make_mailing(user=user, subject="No group")
        self.assertFalse(self.env["mailing.mailing"].search([("subject", "=", "No group")]))

    def test_other_company(self):
        mailing = self.make_mailing()
        other = self.make_mailing(user=self.manager)
        other.sudo().company_id = self.company_2
        visible = self.env["mailing.mailing"].with_user(self.author).search([])
        self.assertIn(mailing, visible)
        self.assertNotIn(other, visible)

    def test_wizards_for_authors(self):
        mailing = self.make_mailing()
        with self.assertRaises(AccessError):
            self.env["wo.mailing.recipients.copy"].with_user(self.levels["editor"]).create(
                {"mailing_id": mailing.id, "source_id": mailing.id}
            )
        action = mailing.with_user(self.author).action_wo_import()
        self.assertEqual(action["res_model"], "wo.mailing.import")
        self.assertEqual(action["context"], {"default_mailing_id": mailing.id})

    def test_mailings_menu_shows_counterparty_mailings(self):
        """WO -> Mailings shows the mailings to counterparties and their lists,
        not another app's (leads, registrations...), whose recipients a WO
        user may not read: the kanban counts them."""
        reader = self.levels["reader"]
        ours = self.make_mailing()
        other = self.env["mailing.mailing"].create(
            {
                "subject": "To the list contacts' model",
                "mailing_type": "mail",
                "mailing_model_id": self.env["ir.model"]._get_id("mailing.contact"),
            }
        )
        action = self.env.ref("wo_mailing.wo_mailing_action")
        domain = safe_eval(action.domain)
        shown = self.env["mailing.mailing"].with_user(reader).search(domain)
        self.assertIn(ours, shown)
        self.assertNotIn(other, shown)
        # what the kanban card reads, as the reader
        shown.read(["subject", "total", "state", "user_id", "mailing_model_id"])
