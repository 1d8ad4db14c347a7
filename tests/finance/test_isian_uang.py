"""Amounts typed the Indonesian way reach the money books exactly (150000,50 was saved as
Rp15.000.050 with a kuitansi issued)."""

from datetime import date
from decimal import Decimal

import pytest

from finance import natura
from finance.models import Jurnal, MutasiStok, SatuanKomoditas
from tests import bookcheck

pytestmark = pytest.mark.django_db


def _pemasukan(buku, **kwargs) -> dict:
    data = {
        "tanggal": "2026-10-05",
        "sumber": "donasi",
        "dana": buku.umum.pk,
        "kas": buku.kas.pk,
        "jumlah": "150000,50",
        "uraian": "Donasi Bu Warsini",
        "penerima": "Ibu Warsini",
    }
    return {**data, **kwargs}


@pytest.mark.parametrize(
    ("ketik", "nilai"),
    [
        ("150000,50", Decimal("150000.50")),
        ("1.250.000", Decimal("1250000")),
        ("1.250.000,50", Decimal("1250000.50")),
        ("1250000.50", Decimal("1250000.50")),
    ],
)
def test_pemasukan_menyimpan_jumlah_ketikan_indonesia_persis(client, buku, ketik, nilai):
    client.force_login(buku.bendahara)
    target = bookcheck.url("pemasukan", "create", buku.wksbm)
    response = client.post(target, _pemasukan(buku, jumlah=ketik))
    entri = Jurnal.objects.get()
    assert response.status_code == 302 and entri.jumlah == nilai
    assert entri.nomor_kuitansi.startswith("001/KWT/")


def test_kuitansi_memuat_sen_yang_diketik(client, buku):
    client.force_login(buku.bendahara)
    client.post(bookcheck.url("pemasukan", "create", buku.wksbm), _pemasukan(buku))
    html = client.get(Jurnal.objects.get().get_absolute_url()).content.decode()
    assert "Rp150.000,50" in html and "Rp15.000.050" not in html


@pytest.mark.parametrize(
    ("ketik", "pesan"),
    [
        ("1,250,000", "pakai titik untuk ribuan dan satu koma untuk desimal"),
        ("150000,505", "Paling banyak 2 angka di belakang koma (sen)"),
        ("150.000.50", "tidak jelas: pakai titik hanya untuk ribuan"),
    ],
)
def test_jumlah_membingungkan_ditolak_dan_ketikan_tetap(client, buku, ketik, pesan):
    client.force_login(buku.bendahara)
    target = bookcheck.url("pemasukan", "create", buku.wksbm)
    response = client.post(target, _pemasukan(buku, jumlah=ketik))
    html = response.content.decode()
    assert response.status_code == 400
    assert pesan in html
    assert f'value="{ketik}"' in html and 'inputmode="decimal"' in html
    assert not Jurnal.objects.exists()


def test_pengeluaran_menerima_ribuan_dan_sen(client, buku):
    buku.masuk("2000000")
    client.force_login(buku.bendahara)
    data = {
        "tanggal": "2026-10-06",
        "kegiatan": "jaminan_sosial",
        "dana": buku.umum.pk,
        "kas": buku.kas.pk,
        "jumlah": "1.250.000,25",
        "uraian": "Santunan lansia",
        "penerima": "Mbah Karto",
    }
    response = client.post(bookcheck.url("pengeluaran", "create", buku.wksbm), data)
    assert response.status_code == 302
    assert Jurnal.objects.get(kegiatan="jaminan_sosial").jumlah == Decimal("1250000.25")


def test_penjualan_beras_dengan_koma_desimal(client, buku):
    beras = natura.pastikan_beras(buku.wksbm)
    natura.terima_natura(
        wksbm=buku.wksbm,
        oleh=buku.bendahara,
        tanggal=date(2026, 10, 1),
        komoditas=beras,
        dana=buku.jimpitan,
        jumlah=Decimal(20),
        satuan="kg",
    )
    liter = SatuanKomoditas.objects.get(komoditas=beras, satuan="liter")
    client.force_login(buku.bendahara)
    data = {
        "tanggal": "2026-10-20",
        "jenis": "dijual",
        "satuan_komoditas": liter.pk,
        "jumlah": "2,5",
        "dana": buku.jimpitan.pk,
        "kas": buku.kas.pk,
        "harga_satuan": "5.000",
        "penerima": "Warung Bu Sri",
        "uraian": "Beras jimpitan Oktober",
    }
    response = client.post(bookcheck.url("natura", "create", buku.wksbm), data)
    mutasi = MutasiStok.objects.get(jenis="dijual")
    assert response.status_code == 302
    assert (mutasi.jumlah, mutasi.harga_satuan, mutasi.nilai) == (
        Decimal("2.5"),
        Decimal(5000),
        Decimal(12500),
    )
