"""A guest's name typed as a formula reaches the Excel file as text, and an imported
file with formulas is refused, naming the row and the column."""

import io
import zipfile
from datetime import date, time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from registry.models import Barang, Tamu
from tests import bookcheck

pytestmark = pytest.mark.django_db

RUMUS = '=HYPERLINK("http://x","klik")'


def test_nama_tamu_berupa_rumus_menjadi_teks_di_excel(client, dunia):
    Tamu.objects.create(
        wksbm=dunia.a.wksbm,
        tanggal=date(2026, 11, 3),
        jam=time(9, 30),
        nama=RUMUS,
        instansi="-1+1",
        keperluan="@SUM(A1)",
    )
    client.force_login(dunia.pengurus_a)
    response = client.get(bookcheck.url("tamu", "xlsx", dunia.a.wksbm))
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "HYPERLINK" in xml and "<f>" not in xml and "<f " not in xml
    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for teks in (RUMUS, "-1+1", "@SUM(A1)"):
        assert cells[teks].data_type == "s" and cells[teks].quotePrefix, teks


def test_impor_menolak_sel_berumus_dengan_baris_dan_kolom(client, dunia):
    client.force_login(dunia.pengurus_a)
    template = client.get(bookcheck.url("inventaris", "import-template", dunia.a.wksbm))
    wb = load_workbook(io.BytesIO(b"".join(template.streaming_content)))
    ws = wb.worksheets[0]
    baris = ["", "Tenda", "", 1, "unit", date(2026, 3, 10), "Dibeli sendiri", 150000, "Baik"]
    ws.append(baris)
    ws.append([*baris[:1], RUMUS, *baris[2:7], "=1000*2", *baris[8:]])  # openpyxl: formulas
    out = io.BytesIO()
    wb.save(out)
    berkas = SimpleUploadedFile("inventaris.xlsx", out.getvalue())
    response = client.post(bookcheck.url("inventaris", "import", dunia.a.wksbm), {"berkas": berkas})
    html = response.content.decode()
    assert "1 bermasalah" in html and "<td>7</td>" in html
    assert "Nama barang (sel B7) berisi rumus" in html and "HYPERLINK" in html
    assert "Nilai (Rp) (sel H7) berisi rumus “=1000*2”" in html
    assert "impor hanya menerima nilai" in html
    assert (
        client.post(bookcheck.url("inventaris", "import-commit", dunia.a.wksbm)).status_code == 400
    )
    assert not Barang.objects.exists()
