import base64
from urllib.parse import quote as url_quote

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from odoo.addons.wo_staff.tools import xlsx_table

from ..models.wo_correspondence import DIRECTIONS


class WoCorrespondenceRegistry(models.TransientModel):
    """The registry journal for a period and a direction: in PDF, or as a
    spreadsheet."""

    _name = "wo.correspondence.registry"
    _description = "Registry Journal"

    direction = fields.Selection(DIRECTIONS, required=True, default="incoming")
    journal_id = fields.Many2one(
        "wo.correspondence.journal", domain="[('direction', '=', direction)]"
    )
    date_from = fields.Date(
        required=True, default=lambda self: fields.Date.context_today(self).replace(day=1)
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    include_archived = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    xlsx_file = fields.Binary(readonly=True, attachment=False)
    xlsx_name = fields.Char(readonly=True)

    def _letters(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("The period ends before it starts."))
        domain = (
            Domain("direction", "=", self.direction)
            & Domain("company_id", "=", self.company_id.id)
            & Domain("date_registration", ">=", self.date_from)
            & Domain("date_registration", "<=", self.date_to)
        )
        if self.journal_id:
            domain &= Domain("journal_id", "=", self.journal_id.id)
        Letter = self.env["wo.correspondence"].with_context(active_test=not self.include_archived)
        return Letter.search(domain, order="date_registration, id")

    def _title(self):
        return self.env._(
            "Registry of %(direction)s correspondence, %(start)s - %(end)s",
            direction=self.env["wo.correspondence"]._direction_label(self.direction).lower(),
            start=self.date_from,
            end=self.date_to,
        )

    def _file_name(self):
        """The journal's file name, without extension: its title in words."""
        return self._title().replace(",", "").replace("/", "-")

    def _rows(self):
        """The journal's columns and rows, the same in PDF and spreadsheet."""
        headers = [
            self.env._("Number"),
            self.env._("Registered On"),
            self.env._("Sender's Number"),
            self.env._("Letter Date"),
            self.env._("From"),
            self.env._("To"),
            self.env._("Kind"),
            self.env._("Subject"),
            self.env._("Pages"),
            self.env._("Execution"),
        ]
        control = dict(
            self.env["wo.correspondence"]._fields["state"]._description_selection(self.env)
        )
        rows = [
            [
                letter.name,
                letter.date_registration,
                letter.sender_number or "",
                letter.date_document or "",
                letter.sender_display,
                letter.recipient_display,
                letter.kind_id.complete_name or "",
                letter.subject or "",
                letter.page_count,
                control.get(letter.state, ""),
            ]
            for letter in self._letters()
        ]
        return headers, rows

    def action_print(self):
        self.ensure_one()
        if not self._letters():
            raise UserError(self.env._("No letter was registered in that period."))
        return self.env.ref("wo_correspondence.wo_correspondence_registry_report").report_action(
            self
        )

    def action_export_xlsx(self):
        self.ensure_one()
        headers, rows = self._rows()
        if not rows:
            raise UserError(self.env._("No letter was registered in that period."))
        content = xlsx_table(
            self._title(),
            headers,
            rows,
            widths=[(0, 1, 16), (4, 7, 28)],
            sheet_name=self.env._("Registry"),
        )
        self.write(
            {
                "xlsx_file": base64.b64encode(content),
                "xlsx_name": f"{self._file_name()}.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/xlsx_file/"
            f"{url_quote(self.xlsx_name)}?download=true",
            "target": "self",
        }
