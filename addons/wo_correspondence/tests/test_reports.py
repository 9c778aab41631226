import base64
import io
from datetime import date

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import WoCorrespondenceCommon


@tagged("post_install", "-at_install")
class TestReports(WoCorrespondenceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first = cls.registered("incoming", kind_id=cls.kind_claim.id)
        cls.second = cls.registered("incoming", subject="Price list 2027")
        cls.outgoing = cls.registered("outgoing")

    def wizard(self, **vals):
        values = {
            "direction": "incoming",
            "journal_id": self.journal_in.id,
            "date_from": date(self.year, 1, 1),
            "date_to": date.today(),
        }
        values.update(vals)
        return self.env["wo.correspondence.registry"].with_user(self.user_registrar).create(values)

    def test_registry_rows(self):
        headers, rows = self.wizard()._rows()
        self.assertEqual(headers[0], "Number")
        self.assertEqual([row[0] for row in rows], [self.first.name, self.second.name])
        self.assertEqual(rows[0][4], "Acme Supplies")
        self.assertEqual(rows[0][6], self.kind_claim.complete_name)

    def test_registry_pdf(self):
        wizard = self.wizard()
        with self.allow_pdf_render():
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf("wo_correspondence.wo_correspondence_registry_report", wizard.ids)
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        report = self.env.ref("wo_correspondence.wo_correspondence_registry_report")
        self.assertEqual(
            safe_eval(report.print_report_name, {"object": wizard}),
            f"Registry of incoming correspondence {wizard.date_from} - {wizard.date_to}",
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("wo_correspondence.wo_correspondence_registry_report", wizard.ids)[0]
            .decode()
        )
        self.assertIn(self.first.name, html)
        self.assertIn("Price list 2027", html)
        self.assertNotIn(self.outgoing.name, html)

    def test_registry_spreadsheet(self):
        wizard = self.wizard()
        action = wizard.action_export_xlsx()
        self.assertIn("xlsx_file", action["url"])
        # named in words, not in codes
        self.assertRegex(wizard.xlsx_name, r"^Registry of incoming correspondence \S+ - \S+\.xlsx$")
        self.assertNotIn(" ", action["url"])
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.xlsx_file)))
        sheet = book.active
        self.assertEqual(sheet.cell(3, 1).value, "Number")
        self.assertEqual(sheet.cell(4, 1).value, self.first.name)
        self.assertEqual(sheet.cell(5, 8).value, "Price list 2027")
        self.assertIsNone(sheet.cell(6, 1).value)

    def test_empty_period_refused(self):
        wizard = self.wizard(date_from=date(2001, 1, 1), date_to=date(2001, 12, 31))
        with self.assertRaisesRegex(UserError, "No letter"):
            wizard.action_export_xlsx()
        with self.assertRaisesRegex(UserError, "ends before it starts"):
            self.wizard(date_from=date(2001, 2, 1), date_to=date(2001, 1, 1)).action_print()

    def test_card_pdf(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("wo_correspondence.wo_correspondence_card_report", self.first.ids)[0]
            .decode()
        )
        self.assertIn(self.first.name, html)
        self.assertIn("A-17", html)
        with self.allow_pdf_render():
            pdf, _kind = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf("wo_correspondence.wo_correspondence_card_report", self.first.ids)
            )
        self.assertTrue(pdf.startswith(b"%PDF"))
