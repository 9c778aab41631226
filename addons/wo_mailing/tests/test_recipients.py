import base64
import io

import openpyxl

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WoMailingCommon


@tagged("post_install", "-at_install")
class TestRecipients(WoMailingCommon):
    """Counterparty groups plus single counterparties, imported addresses,
    recipients copied from another mailing."""

    def import_file(self, mailing, content, filename="addresses.csv", **vals):
        wizard = (
            self.env["wo.mailing.import"]
            .with_user(self.author)
            .create(
                {
                    "mailing_id": mailing.id,
                    "file": base64.b64encode(content),
                    "filename": filename,
                    **vals,
                }
            )
        )
        wizard.action_import()
        return wizard

    def test_groups_and_single_counterparties_no_duplicates(self):
        mailing = self.make_mailing(
            wo_category_ids=[Command.set((self.dealers | self.vip).ids)],
            wo_partner_ids=[Command.set((self.bob | self.carl).ids)],
        )
        recipients = mailing._get_recipients()
        self.assertEqual(len(recipients), len(set(recipients)))
        self.assertEqual(
            sorted(recipients), sorted((self.ann | self.bob | self.carl | self.dora).ids)
        )
        self.assertEqual(mailing.total, 4, "the count shown before sending")
        with self.mock_mail_gateway():
            self.send(mailing)
        addresses = [address for mail in self._mails for address in mail["email_to"]]
        self.assertEqual(len(addresses), 4)
        self.assertEqual(len(set(addresses)), 4)

    def test_domain_follows_groups(self):
        mailing = self.make_mailing()
        self.assertEqual(mailing.total, 2)
        self.env["res.partner"].create(
            {"name": "Eve", "email": "eve@example.com", "category_id": self.dealers.ids}
        )
        mailing.invalidate_recordset(["total"])
        self.assertEqual(mailing.total, 3, "a new dealer is a recipient")
        mailing.wo_category_ids = [Command.clear()]
        mailing.wo_partner_ids = [Command.set(self.carl.ids)]
        self.assertEqual(mailing._get_recipients(), self.carl.ids)

    def test_import_csv(self):
        mailing = self.make_mailing(wo_category_ids=[], wo_partner_ids=self.carl.ids)
        imported_tag = self.env["res.partner.category"].create({"name": "WO Imported"})
        content = (
            b"email;name\n"
            b"ann@acme.example.com;Ann again\n"
            b"new.one@example.com;New One\n"
            b"NEW.ONE@example.com;New One twice\n"
            b"not-an-address;Broken\n"
            b"bad@;Bad\n"
            b"Zed Zulu <zed@example.com>;\n"
            b";\n"
        )
        wizard = self.import_file(mailing, content, category_id=imported_tag.id)
        self.assertEqual(wizard.imported_count, 3)
        self.assertEqual(wizard.created_count, 2)
        self.assertEqual(wizard.duplicate_count, 1)
        self.assertEqual(wizard.invalid_count, 2)
        self.assertIn("line 5: not-an-address", wizard.invalid_lines)
        self.assertIn("line 6: bad@", wizard.invalid_lines)
        Partner = self.env["res.partner"]
        new_one = Partner.search([("email_normalized", "=", "new.one@example.com")])
        zed = Partner.search([("email_normalized", "=", "zed@example.com")])
        self.assertEqual(new_one.name, "New One")
        self.assertEqual(zed.name, "Zed Zulu")
        self.assertEqual(mailing.wo_partner_ids, self.carl | self.ann | new_one | zed)
        self.assertEqual(self.ann.name, "Ann Smith", "a known counterparty is kept as it is")
        self.assertIn(imported_tag, (self.ann | new_one | zed).category_id)
        self.assertFalse(Partner.search([("email", "in", ["not-an-address", "bad@"])]))
        self.assertEqual(mailing.total, 4, mailing.mailing_domain)

    def test_import_xlsx(self):
        book = openpyxl.Workbook()
        sheet = book.active
        for row in (["Name", "E-mail"], ["Xena", "xena@example.com"], ["Wrong", "wrong"]):
            sheet.append(row)
        stream = io.BytesIO()
        book.save(stream)
        mailing = self.make_mailing(wo_category_ids=[])
        wizard = self.import_file(mailing, stream.getvalue(), filename="list.xlsx")
        self.assertEqual((wizard.imported_count, wizard.invalid_count), (1, 1))
        self.assertEqual(mailing.wo_partner_ids.name, "Xena")

    def test_import_nothing_valid(self):
        mailing = self.make_mailing(wo_category_ids=[])
        partners_before = self.env["res.partner"].search_count([])
        with self.assertRaisesRegex(UserError, r"no valid e-mail address(.|\n)*line 1: x@"):
            self.import_file(mailing, b"x@\nalso wrong\n")
        self.assertFalse(mailing.wo_partner_ids)
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)

    def copy_recipients(self, source, target, mode):
        self.env["wo.mailing.recipients.copy"].with_user(self.author).create(
            {"mailing_id": target.id, "source_id": source.id, "mode": mode}
        ).action_copy()

    def test_copy_definition(self):
        source = self.make_mailing(
            wo_category_ids=[Command.set(self.vip.ids)], wo_partner_ids=self.carl.ids
        )
        target = self.make_mailing(wo_category_ids=[], subject="Copy")
        self.copy_recipients(source, target, "definition")
        self.assertEqual(target.wo_category_ids, self.vip)
        self.assertEqual(target.wo_partner_ids, self.carl)
        self.assertEqual(target.mailing_domain, source.mailing_domain)
        self.assertEqual(sorted(target._get_recipients()), sorted(source._get_recipients()))

    def test_copy_exact_recipients_of_a_sent_mailing(self):
        source = self.make_mailing(wo_partner_ids=self.carl.ids)
        with self.mock_mail_gateway():
            self.send(source)
        # a new dealer after the sending does not belong to the copy
        self.env["res.partner"].create(
            {"name": "Late", "email": "late@example.com", "category_id": self.dealers.ids}
        )
        target = self.make_mailing(subject="Copy")
        self.copy_recipients(source, target, "recipients")
        self.assertFalse(target.wo_category_ids)
        self.assertEqual(target.wo_partner_ids, self.ann | self.bob | self.carl)
        self.assertEqual(
            sorted(target._get_recipients()), sorted(source.mailing_trace_ids.mapped("res_id"))
        )

    def test_copy_exact_refused_for_lists(self):
        source = self.make_mailing(
            wo_category_ids=[], mailing_model_id=self.env["ir.model"]._get_id("mailing.list")
        )
        target = self.make_mailing(subject="Copy")
        with self.assertRaisesRegex(UserError, "not to counterparties"):
            self.copy_recipients(source, target, "recipients")
        self.assertEqual(target.wo_category_ids, self.dealers)
