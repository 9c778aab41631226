from contextlib import contextmanager
from unittest.mock import patch

from odoo import Command

from odoo.addons.mail.tests.common import MockEmail
from odoo.addons.wo_staff.tests.common import WoCommon


class WoMailingCommon(WoCommon, MockEmail):
    """WO's shared base with WO Mailing levels, counterparties in two groups
    (tags), one counterparty in both, one in none, one without e-mail, and a
    mailbox (outgoing mail server)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.levels = cls.wo_level_users("wo_mailing", "mailing")
        cls.author = cls.levels["author"]
        cls.manager = cls.levels["manager"]
        Category = cls.env["res.partner.category"]
        cls.dealers = Category.create({"name": "WO Dealers"})
        cls.vip = Category.create({"name": "WO VIP"})
        Partner = cls.env["res.partner"]
        cls.acme = Partner.create(
            {"name": "Acme Supplies", "is_company": True, "email": "office@acme.example.com"}
        )
        cls.ann = Partner.create(
            {
                "name": "Ann Smith",
                "wo_salutation": "Ms.",
                "parent_id": cls.acme.id,
                "email": "ann@acme.example.com",
                "category_id": [Command.set(cls.dealers.ids)],
            }
        )
        cls.bob = Partner.create(
            {
                "name": "Bob Brown",
                "wo_salutation": "Mr.",
                "email": "bob@globex.example.com",
                "category_id": [Command.set((cls.dealers | cls.vip).ids)],
            }
        )
        cls.carl = Partner.create({"name": "Carl Clark", "email": "carl@initech.example.com"})
        cls.dora = Partner.create(
            {
                "name": "Dora Dale",
                "email": "dora@umbrella.example.com",
                "category_id": [Command.set(cls.vip.ids)],
            }
        )
        cls.no_email = Partner.create(
            {"name": "Nobody Mail", "category_id": [Command.set(cls.dealers.ids)]}
        )
        cls.mailbox = cls.env["ir.mail_server"].create(
            {"name": "WO Mailbox", "smtp_host": "smtp.wo.example.com", "sequence": 50}
        )
        # mass_mailing sends at once up to 100 recipients: use the queue
        cls.env["ir.config_parameter"].set_param("mail.mail.force.send.limit", "0")
        # the queue holds only what the tests send (demo data may have left mail in it)
        cls.env["mail.mail"].search([("state", "=", "outgoing")]).write({"state": "cancel"})
        cls.partner_model = cls.env["ir.model"]._get_id("res.partner")

    @classmethod
    def make_mailing(cls, user=None, **vals):
        values = {
            "subject": "{salutation} {name} of {company}: price list",
            "body_html": "<p>Dear {salutation} {name} of {company}, prices inside.</p>",
            "mailing_model_id": cls.partner_model,
            "wo_category_ids": [Command.set(cls.dealers.ids)],
        }
        values.update(vals)
        return cls.env["mailing.mailing"].with_user(user or cls.author).create(values)

    def send(self, mailing, user=None):
        """Queue ``mailing`` as ``user`` (the mailing cron's job: mail.mail
        records), then run the mail queue."""
        mailing.with_user(user or self.author).action_launch()
        self.run_queue_cron()
        self.env["mail.mail"].process_email_queue()

    @contextmanager
    def no_cron_commit(self):
        """The crons commit their progress: not in a test."""
        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", lambda *args, **kwargs: float("inf")
        ):
            yield

    def run_queue_cron(self):
        with self.no_cron_commit():
            self.env["mailing.mailing"].sudo()._process_mass_mailing_queue()

    def sent_to(self, partner):
        """The messages sent to ``partner`` (captured by mock_mail_gateway)."""
        return [
            mail
            for mail in self._mails
            if any(partner.email in address for address in mail["email_to"])
        ]
