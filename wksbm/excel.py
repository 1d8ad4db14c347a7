"""Excel files in constant memory (openpyxl write_only), with one layout for every book.

Title row, tenant and period rows, a frozen header, typed cells (dates as dates, Rupiah as
numbers with a Rupiah format) and fitting column widths. Every export goes through `write`,
so text a user typed can never reach the reader as a formula.
"""

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

RUPIAH_FORMAT = '"Rp"#,##0.00'
FORMATS = {
    "date": "DD/MM/YYYY",
    "datetime": "DD/MM/YYYY HH:MM",
    "time": "HH:MM",
    "money": RUPIAH_FORMAT,
    "decimal": "#,##0.###",
    "int": "0",
}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SPOOL_BYTES = 8 * 1024 * 1024
# openpyxl writes a string starting with "=" as a formula; Excel and LibreOffice read one
# starting with "+", "-", "@" (or a tab/CR before them) as a formula once the cell is edited.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Sheet:
    title: str
    subtitle: Sequence[str]
    headers: Sequence[str]
    kinds: Sequence[str]
    widths: Sequence[int]
    watermark: str = ""  # who downloaded personal data, and when: a row and the page header


def _styled(ws, value, *, bold=False, fill=None, number_format=None):
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        # Exactly the typed text, as a text cell, with Excel's "'" prefix so editing it
        # in the spreadsheet keeps it text too.
        cell.data_type = "s"
        cell.quotePrefix = True
    if bold:
        cell.font = Font(bold=True)
    if fill:
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if number_format:
        cell.number_format = number_format
    return cell


def write(sheet: Sheet, rows: Iterable[Sequence], totals: Sequence | None = None, footer=()):
    """Write one sheet to a temporary file and return it, rewound (memory stays flat)."""
    return write_sheets([(sheet, rows, totals, footer)])


def write_sheets(parts: Iterable[tuple]):
    """Several sheets, each (sheet, rows[, totals[, footer]]), in one rewound temporary file;
    a sheet's tab is its title, shortened to Excel's 31 characters."""
    wb = Workbook(write_only=True)
    for part in parts:
        _add_sheet(wb, *part)
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (returned open)
    wb.save(out)
    out.seek(0)
    return out


def _add_sheet(wb, sheet: Sheet, rows: Iterable[Sequence], totals=None, footer=()) -> None:
    ws = wb.create_sheet(title=sheet.title[:31])
    if sheet.watermark:  # in the page header and footer, and in the row above the headings
        ws.oddHeader.center.text = ws.oddFooter.center.text = sheet.watermark
        ws.oddHeader.center.size = ws.oddFooter.center.size = 8
    for i, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    header_row = 2 + len(sheet.subtitle) + 1
    ws.freeze_panes = f"A{header_row + 1}"
    ws.append([_styled(ws, sheet.title, bold=True)])
    for line in sheet.subtitle:
        ws.append([_styled(ws, line)])
    ws.append([_styled(ws, sheet.watermark)] if sheet.watermark else [])
    fill = PatternFill("solid", start_color="DDEBDD")
    ws.append([_styled(ws, h, bold=True, fill=fill) for h in sheet.headers])

    # Only typed columns and formula-like text need a cell object; plain values keep the
    # writer fast.
    formats = [FORMATS.get(kind) for kind in sheet.kinds]
    typed = [i for i, f in enumerate(formats) if f]
    for row in rows:
        row = list(row)
        for i in typed:
            if row[i] is not None:
                row[i] = _styled(ws, row[i], number_format=formats[i])
        for i, value in enumerate(row):
            if isinstance(value, str) and value.startswith(FORMULA_START):
                row[i] = _styled(ws, value)
        ws.append(row)
    for extra in [totals, *footer] if totals is not None else footer:
        ws.append(
            [
                _styled(ws, v, bold=True, number_format=formats[i] if v is not None else None)
                for i, v in enumerate(extra)
            ]
        )
