"""A book row's history reads like the book: field labels, readable values, a dash for nothing."""

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from registry.models import Barang, Tamu
from tests import bookcheck
from wksbm.books.audit import perubahan

pytestmark = pytest.mark.django_db


def test_riwayat_tamu_berlabel_dan_tanpa_none(client, dunia):
    client.force_login(dunia.pengurus_a)
    data = {"tanggal": "2026-11-24", "jam": "10:15", "nama": "Ibu Warsini", "keperluan": "Usul"}
    client.post(bookcheck.url("tamu", "create", dunia.a.wksbm), data)
    obj = Tamu.objects.get(nama="Ibu Warsini")
    client.post(
        bookcheck.url("tamu", "edit", dunia.a.wksbm, obj),
        {**data, "nama": "Ibu Warsini Lestari", "instansi": "PKK Poncosari"},
    )
    for action in ("history", "detail"):
        html = client.get(bookcheck.url("tamu", action, dunia.a.wksbm, obj)).content.decode()
        assert "Hari/tanggal: — → 24 November 2026" in html
        assert "Jam: — → 10.15" in html
        assert "Nama: — → Ibu Warsini</li>" in html
        assert "Nama: Ibu Warsini → Ibu Warsini Lestari" in html
        assert "Instansi/jabatan: — → PKK Poncosari" in html
        assert "None" not in html
        assert "wksbm:" not in html.lower() and "ID:" not in html
        assert "Alamat:" not in html  # empty before and after: nothing changed


def test_riwayat_pilihan_uang_ya_tidak_dan_tanggal(dunia):
    barang = Barang.objects.create(
        wksbm=dunia.a.wksbm,
        nama="Tenda 4x6",
        jumlah=2,
        tanggal_perolehan=date(2026, 2, 3),
        asal=Barang.Asal.SUMBANGAN,
        nilai=Decimal("1250000.50"),
    )
    barang.asal = Barang.Asal.DIBELI
    barang.disewakan = True
    barang.save()
    dibuat, diubah = LogEntry.objects.get_for_object(barang).order_by("pk")
    assert ("Nilai perolehan (Rp)", "—", "Rp1.250.000,50") in perubahan(dibuat)
    assert ("Tanggal perolehan", "—", "3 Februari 2026") in perubahan(dibuat)
    assert ("Asal barang", "—", "Sumbangan") in perubahan(dibuat)
    assert perubahan(diubah) == [
        ("Asal barang", "Sumbangan", "Dibeli sendiri"),
        ("Disewakan", "Tidak", "Ya"),
    ]
