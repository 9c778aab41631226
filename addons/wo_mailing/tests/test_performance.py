from odoo import Command
from odoo.tests import tagged

from .common import WoMailingCommon


@tagged("post_install", "-at_install")
class TestPerformance(WoMailingCommon):
    """Queueing a mailing (mail.mail and traces for each recipient) costs no
    more queries per recipient than mass_mailing's own queueing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.perf_tag = cls.env["res.partner.category"].create({"name": "WO Perf"})
        cls.perf_partners = cls.env["res.partner"].create(
            [
                {
                    "name": f"Perf {index}",
                    "email": f"perf{index}@example.com",
                    "category_id": [Command.set(cls.perf_tag.ids)],
                }
                for index in range(40)
            ]
        )

    def queue(self, partners, wo):
        if wo:
            mailing = self.make_mailing(
                wo_category_ids=[Command.set(self.perf_tag.ids)],
                wo_partner_ids=[Command.set(partners.ids)],
                wo_priority="1",
            )
            mailing.wo_category_ids = [Command.clear()]
        else:
            mailing = self.make_mailing(
                wo_category_ids=[],
                subject="Plain price list",
                body_html="<p>Dear <t t-out='object.name'/></p>",
            )
            mailing.mailing_domain = repr([("id", "in", partners.ids)])
        self.env.flush_all()
        self.env.invalidate_all()
        return mailing

    def count(self, mailing):
        self.env.flush_all()
        queries = self.env.cr.sql_log_count
        mailing.action_send_mail()
        self.env.flush_all()
        return self.env.cr.sql_log_count - queries

    def test_queue_queries(self):
        with self.mock_mail_gateway():
            # warm-up
            self.count(self.queue(self.perf_partners[:2], wo=True))
            self.count(self.queue(self.perf_partners[:2], wo=False))
            wo_10 = self.count(self.queue(self.perf_partners[:10], wo=True))
            wo_40 = self.count(self.queue(self.perf_partners, wo=True))
            plain_10 = self.count(self.queue(self.perf_partners[:10], wo=False))
            plain_40 = self.count(self.queue(self.perf_partners, wo=False))
        # per recipient, WO adds nothing to mass_mailing's own cost
        self.assertLessEqual(wo_40 - wo_10, plain_40 - plain_10)
        self.assertLessEqual(wo_40, plain_40 + 5)

    def test_queue_query_count(self):
        with self.mock_mail_gateway():
            self.count(self.queue(self.perf_partners[:2], wo=True))  # warm-up
            mailing = self.queue(self.perf_partners, wo=True)
            # 53 queries for 40 recipients (one composer batch), as for 10;
            # plain mass_mailing: 52 (WO: + the recipient count checked before
            # sending); 54 with the whole suite installed
            with self.assertQueryCount(54):
                mailing.action_send_mail()
        self.assertEqual(len(mailing.mailing_trace_ids), 40)
