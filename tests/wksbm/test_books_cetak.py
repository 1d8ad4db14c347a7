"""The printed book (the Book machinery's PDF): the order and the columns of a paper book."""

import re
from datetime import date, time

import pytest

from registry.models import Tamu
from tests import bookcheck

pytestmark = pytest.mark.django_db


def _tamu(wksbm, hari: int, nama: str) -> Tamu:
    return Tamu.objects.create(
        wksbm=wksbm, tanggal=date(2026, 11, hari), jam=time(9), nama=nama, keperluan="Silaturahmi"
    )


def test_buku_tercetak_dari_yang_terlama_dan_bernomor_urut(client, dunia):
    w = dunia.a.wksbm
    for hari, nama in [(24, "Tamu Kedua"), (30, "Tamu Ketiga"), (2, "Tamu Pertama")]:
        _tamu(w, hari, nama)
    client.force_login(dunia.pengurus_a)

    layar = client.get(bookcheck.url("tamu", "list", w)).content.decode()
    assert layar.index("Tamu Ketiga") < layar.index("Tamu Kedua") < layar.index("Tamu Pertama")

    text = bookcheck.pdf_text(client.get(bookcheck.url("tamu", "pdf", w)))
    assert text.index("Tamu Pertama") < text.index("Tamu Kedua") < text.index("Tamu Ketiga")
    # "No" counts 1..n down the printed page, whatever the screen's order.
    assert re.search(r"^1 Senin, 2 November 2026", text, re.M), text
    assert re.search(r"^2 Selasa, 24 November 2026", text, re.M), text
    assert re.search(r"^3 Senin, 30 November 2026", text, re.M), text


def test_hari_tanggal_buku_tamu_menyebut_nama_hari(client, dunia):
    obj = _tamu(dunia.a.wksbm, 24, "Ibu Warsini")
    client.force_login(dunia.pengurus_a)
    detail = client.get(bookcheck.url("tamu", "detail", dunia.a.wksbm, obj)).content.decode()
    assert "Selasa, 24 November 2026" in detail
    layar = client.get(bookcheck.url("tamu", "list", dunia.a.wksbm)).content.decode()
    assert "Selasa, 24 November 2026" in layar
    sheet = bookcheck.xlsx_sheet(client.get(bookcheck.url("tamu", "xlsx", dunia.a.wksbm)))
    assert sheet.cell(row=6, column=1).is_date  # Excel keeps a real date
