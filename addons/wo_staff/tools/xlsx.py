"""Spreadsheets of WO's registers and inventories (XLSX, with xlsxwriter,
which Odoo itself requires)."""

import datetime
import io
import re

import xlsxwriter

from odoo import fields

# what a worksheet's name may not hold (Excel's rule, which xlsxwriter applies)
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\']")


def xlsx_table(title, headers, rows, summary=(), widths=(), sheet_name=None):
    """The bytes of a workbook of one sheet: ``title`` in bold, ``headers``
    two lines below it, then ``rows`` (a row of a single value is a group's
    heading, in bold; dates are written as dates), then the ``summary``
    pairs of label and value after a blank line. ``widths`` are triples of
    first column, last column and width."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    name = SHEET_NAME_FORBIDDEN.sub(" ", sheet_name or title)[:31].strip() or "Sheet"
    sheet = workbook.add_worksheet(name)
    bold = workbook.add_format({"bold": True})
    dates = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write(0, 0, title, bold)
    sheet.write_row(2, 0, headers, bold)
    line = 3
    for row in rows:
        if len(row) == 1:
            sheet.write(line, 0, row[0], bold)
        else:
            for column, value in enumerate(row):
                if isinstance(value, datetime.date):
                    sheet.write_datetime(line, column, fields.Datetime.to_datetime(value), dates)
                else:
                    sheet.write(line, column, value)
        line += 1
    line += 1
    for label, value in summary:
        sheet.write(line, 0, label, bold)
        sheet.write(line, 1, value)
        line += 1
    for first, last, width in widths:
        sheet.set_column(first, last, width)
    workbook.close()
    return buffer.getvalue()
