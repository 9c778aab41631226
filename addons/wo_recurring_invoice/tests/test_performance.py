from odoo.tests import tagged

from .common import WoRecurringInvoiceCommon

# put in force one invoiced document: its checks and its OCA contract
# measured with the whole suite installed (47 with wo_recurring_invoice alone)
QUERIES_IN_FORCE = 48
# the smart button and totals of 20 invoiced documents, as a reader
QUERIES_TOTALS_20 = 11


@tagged("post_install", "-at_install")
class TestPerformance(WoRecurringInvoiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tz="UTC"))
        cls.reader = cls.levels["reader"]
        cls.documents = cls.env["wo.document"]
        for _i in range(20):
            document = cls.lease(responsible_id=cls.reader.id)
            cls.documents |= document

    def test_put_in_force(self):
        warm, document = self.documents[:2].with_user(self.user_employee)
        self.put_in_force(warm)
        self.sign(document)
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_IN_FORCE):
            document.action_put_in_force()
        self.assertTrue(self.contract_of(document).active)

    def test_totals_of_20(self):
        for document in self.documents:
            self.put_in_force(document)
        self.run_cron(self.start)
        documents = self.documents.with_user(self.reader)
        spec = {"invoice_count": {}, "amount_invoiced": {}, "amount_paid": {}}
        documents.web_read(spec)
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_TOTALS_20):
            values = documents.web_read(spec)
        self.assertEqual({v["invoice_count"] for v in values}, {1})
