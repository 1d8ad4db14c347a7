"""Text typed into a money book (uraian, penerima) reaches its Excel file as text, never as
a formula."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from tests import bookcheck

pytestmark = pytest.mark.django_db


def test_uraian_berupa_rumus_tetap_teks_di_excel(client, buku):
    rumus = '=HYPERLINK("http://x","klik")'
    buku.masuk("100000", uraian=rumus, penerima="@SUM(1+1)")
    client.force_login(buku.bendahara)
    response = client.get(bookcheck.url("pemasukan", "xlsx", buku.wksbm))
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml and "HYPERLINK" in xml
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    assert cells[rumus].data_type == "s" and cells[rumus].quotePrefix
    assert cells["@SUM(1+1)"].data_type == "s" and cells["@SUM(1+1)"].quotePrefix
