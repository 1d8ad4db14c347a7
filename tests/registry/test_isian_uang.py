"""Registry books take amounts typed the Indonesian way (Inventaris saved 150000,50 as
Rp150.000.050) and Excel imports read such text cells the same way."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from registry.models import Barang
from tests import bookcheck

pytestmark = pytest.mark.django_db


def _barang(**kwargs) -> dict:
    data = {
        "nama": "Tenda dom",
        "jumlah": "4",
        "satuan": "unit",
        "tanggal_perolehan": "2026-03-10",
        "asal": "dibeli",
        "nilai": "150000,50",
        "kondisi": "baik",
    }
    return {**data, **kwargs}


def test_nilai_inventaris_dengan_koma_disimpan_persis(client, dunia):
    client.force_login(dunia.pengurus_a)
    response = client.post(bookcheck.url("inventaris", "create", dunia.a.wksbm), _barang())
    tenda = Barang.objects.get()
    assert response.status_code == 302 and tenda.nilai == Decimal("150000.50")
    edit = client.get(bookcheck.url("inventaris", "edit", dunia.a.wksbm, tenda)).content.decode()
    assert 'value="150.000,50"' in edit and 'inputmode="decimal"' in edit


def test_nilai_inventaris_membingungkan_ditolak_dan_ketikan_tetap(client, dunia):
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("inventaris", "create", dunia.a.wksbm)
    response = client.post(target, _barang(nilai="150,000,50"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "pakai titik untuk ribuan dan satu koma untuk desimal" in html
    assert 'value="150,000,50"' in html
    assert not Barang.objects.exists()


def _impor(client, wksbm, rows: list[list]):
    template = client.get(bookcheck.url("inventaris", "import-template", wksbm))
    wb = load_workbook(io.BytesIO(b"".join(template.streaming_content)))
    for row in rows:
        wb.worksheets[0].append(row)
    out = io.BytesIO()
    wb.save(out)
    berkas = SimpleUploadedFile("inventaris.xlsx", out.getvalue())
    return client.post(bookcheck.url("inventaris", "import", wksbm), {"berkas": berkas})


def _baris(nama, nilai) -> list:
    return ["", nama, "", 1, "unit", date(2026, 3, 10), "Dibeli sendiri", nilai, "Baik", "", "", ""]


def test_impor_membaca_nilai_teks_cara_indonesia_dan_angka_persis(client, dunia):
    client.force_login(dunia.pengurus_a)
    rows = [
        _baris("Tenda", "150000,50"),
        _baris("Kursi", "1.250.000"),
        _baris("Sound", "Rp2.500.000,75"),
        _baris("Terpal", 175000.5),
    ]
    html = _impor(client, dunia.a.wksbm, rows).content.decode()
    assert "4 baru" in html and "0 bermasalah" in html
    assert (
        client.post(bookcheck.url("inventaris", "import-commit", dunia.a.wksbm)).status_code == 302
    )
    assert dict(Barang.objects.values_list("nama", "nilai")) == {
        "Tenda": Decimal("150000.50"),
        "Kursi": Decimal("1250000"),
        "Sound": Decimal("2500000.75"),
        "Terpal": Decimal("175000.50"),
    }


def test_impor_menolak_nilai_teks_yang_membingungkan(client, dunia):
    client.force_login(dunia.pengurus_a)
    html = _impor(client, dunia.a.wksbm, [_baris("Tenda", "1,250,000")]).content.decode()
    assert "1 bermasalah" in html and "<td>6</td>" in html
    assert "Nilai perolehan (Rp): Penulisan ini membingungkan" in html
    assert (
        client.post(bookcheck.url("inventaris", "import-commit", dunia.a.wksbm)).status_code == 400
    )
    assert not Barang.objects.exists()
