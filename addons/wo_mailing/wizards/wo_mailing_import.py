import base64
import csv
import io

import openpyxl
import xlrd

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.mail import email_normalize, email_split_tuples

EMAIL_HEADERS = {"email", "e-mail", "mail", "email address", "e-mail address", "адреса", "почта"}
NAME_HEADERS = {"name", "full name", "contact", "ім'я", "имя", "nazwa", "imię i nazwisko"}
MAX_REPORTED = 50


class WoMailingImport(models.TransientModel):
    _name = "wo.mailing.import"
    _description = "Import Mailing Addresses"

    mailing_id = fields.Many2one("mailing.mailing", required=True, ondelete="cascade")
    file = fields.Binary(required=True, attachment=False)
    filename = fields.Char()
    category_id = fields.Many2one(
        "res.partner.category",
        string="Tag Them With",
        help="Also put this tag on the imported counterparties, to mail them again as a group.",
    )
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    imported_count = fields.Integer(readonly=True)
    created_count = fields.Integer(readonly=True)
    duplicate_count = fields.Integer(readonly=True)
    invalid_count = fields.Integer(readonly=True)
    invalid_lines = fields.Text(readonly=True)

    @api.model
    def _read_rows(self, data, filename):
        """The rows of a CSV, XLSX or XLS file, as lists of strings."""
        name = (filename or "").lower()
        try:
            if name.endswith(".xlsx"):
                book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
                rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
            elif name.endswith(".xls"):
                sheet = xlrd.open_workbook(file_contents=data).sheet_by_index(0)
                rows = [sheet.row_values(index) for index in range(sheet.nrows)]
            else:
                try:
                    text = data.decode("utf-8-sig")
                except UnicodeDecodeError:
                    text = data.decode("cp1251")
                try:
                    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
                except csv.Error:
                    dialect = csv.excel
                rows = list(csv.reader(io.StringIO(text), dialect))
        except UserError:
            raise
        except Exception as error:
            raise UserError(
                self.env._(
                    "The file %(name)s cannot be read as CSV or spreadsheet: %(error)s",
                    name=filename or "",
                    error=error,
                )
            ) from error
        return [["" if cell is None else str(cell).strip() for cell in row] for row in rows]

    @api.model
    def _parse_rows(self, rows):
        """``(addresses, invalid, duplicates)``: ``addresses`` maps each
        normalized e-mail to a name (or ""), ``invalid`` lists the lines that
        hold no valid address, ``duplicates`` counts merged repeats."""
        email_col = name_col = None
        first = 0
        if rows:
            header = [cell.lower() for cell in rows[0]]
            if not any("@" in cell for cell in header):
                first = 1
                email_col = next((i for i, h in enumerate(header) if h in EMAIL_HEADERS), None)
                name_col = next((i for i, h in enumerate(header) if h in NAME_HEADERS), None)
        addresses, invalid, duplicates = {}, [], 0
        for number, row in enumerate(rows[first:], start=first + 1):
            if not any(row):
                continue
            if email_col is not None:
                cell = row[email_col] if email_col < len(row) else ""
            else:
                cell = next((c for c in row if "@" in c), "")
            pairs = email_split_tuples(cell) if cell else []
            email = email_normalize(pairs[0][1], strict=True) if len(pairs) == 1 else False
            if not email:
                invalid.append(
                    self.env._(
                        "line %(number)s: %(value)s", number=number, value=cell or ";".join(row)
                    )
                )
                continue
            name = pairs[0][0]
            if not name and name_col is not None and name_col < len(row):
                name = row[name_col]
            if not name and email_col is None:
                name = next((c for c in row if c and c != cell), "")
            if email in addresses:
                duplicates += 1
                addresses[email] = addresses[email] or name
            else:
                addresses[email] = name
        return addresses, invalid, duplicates

    def action_import(self):
        """Add the valid addresses of the file to the mailing as single
        counterparties: an address already known is its counterparty, a new
        one becomes a counterparty. Invalid lines are reported, not imported;
        an address given twice is imported once."""
        self.ensure_one()
        mailing = self.mailing_id
        mailing.check_access("write")
        rows = self._read_rows(base64.b64decode(self.file), self.filename)
        addresses, invalid, duplicates = self._parse_rows(rows)
        if not addresses:
            raise UserError(
                self.env._(
                    "The file holds no valid e-mail address; nothing was imported.\n%(lines)s",
                    lines="\n".join(invalid[:MAX_REPORTED]),
                )
            )
        # checked above: the user may change the mailing; its recipients
        # become counterparties even without the right to create contacts
        Partner = self.env["res.partner"].sudo()
        found = Partner.search([("email_normalized", "in", list(addresses))], order="id").grouped(
            "email_normalized"
        )
        new_vals = [
            {"name": name or email, "email": email}
            for email, name in addresses.items()
            if email not in found
        ]
        created = Partner.create(new_vals)
        partners = created
        for email in addresses:
            if email in found:
                partners |= found[email][:1]
        if self.category_id:
            partners.write({"category_id": [Command.link(self.category_id.id)]})
        mailing.write({"wo_partner_ids": [Command.link(pid) for pid in partners.ids]})
        self.write(
            {
                "state": "done",
                "imported_count": len(partners),
                "created_count": len(created),
                "duplicate_count": duplicates,
                "invalid_count": len(invalid),
                "invalid_lines": "\n".join(invalid[:MAX_REPORTED]),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
