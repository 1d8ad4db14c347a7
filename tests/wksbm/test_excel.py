"""Excel exports cannot attack their reader: typed text that a spreadsheet would run as a
formula (=, +, -, @, a leading tab/CR) is written as a text cell, exactly as typed."""

import io
import zipfile
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from wksbm import excel

BERBAHAYA = [
    '=HYPERLINK("http://x","klik")',
    "=1+1",
    "+62 812 3456",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


def _tulis(rows, subtitle=("Nama WKSBM",)):
    sheet = excel.Sheet(
        title="Buku Uji",
        subtitle=list(subtitle),
        headers=["Tanggal", "Nama", "Jumlah"],
        kinds=["date", "text", "money"],
        widths=[12, 30, 16],
    )
    content = excel.write(sheet, rows, totals=["JUMLAH", None, Decimal("5")]).read()
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    return load_workbook(io.BytesIO(content)).worksheets[0], xml


def test_teks_mirip_rumus_ditulis_sebagai_teks_persis():
    rows = [[date(2026, 11, 3), teks, Decimal("1250000.50")] for teks in BERBAHAYA]
    ws, xml = _tulis(rows, subtitle=["=WKSBM()"])
    assert "<f>" not in xml and "<f " not in xml
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    cells["\r=1+1"] = cells.pop("\n=1+1")  # XML reads a bare CR back as LF
    for teks in [*BERBAHAYA, "=WKSBM()"]:
        assert cells[teks].data_type == "s", repr(teks)
        assert cells[teks].quotePrefix, repr(teks)  # stays text when edited in Excel


def test_teks_biasa_dan_sel_bertipe_tidak_berubah():
    ws, _ = _tulis([[date(2026, 11, 3), "Ibu Warsini", Decimal("1250000.50")]])
    row = next(r for r in ws.iter_rows() if r[1].value == "Ibu Warsini")
    assert not row[1].quotePrefix and row[1].data_type == "s"
    assert row[0].is_date and row[2].value == 1250000.5
    assert row[2].number_format == excel.RUPIAH_FORMAT
