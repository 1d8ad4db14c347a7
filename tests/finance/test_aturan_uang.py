"""Money rules every caller obeys (issue 8): only zakat goes into Dana Zakat, no entry dated
after today, an opening balance that is not income, reversals netted against their original."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from finance import kasumum, natura, services
from finance.buku import BukuPemasukan, BukuPengeluaran
from finance.kasumum import KasUmum, Saring
from finance.models import Jurnal, Saldo, menunggu_kuitansi
from finance.services import TransaksiDitolak

pytestmark = pytest.mark.django_db


def u(name: str, wksbm, *args) -> str:
    return reverse(f"finance:{name}", args=[wksbm.pk, *args])


# --- only zakat into Dana Zakat -------------------------------------------------------------


@pytest.mark.parametrize("sumber", ["donasi", "usaha", "barang_bekas", "jimpitan", "infak"])
def test_dana_zakat_menolak_pemasukan_selain_zakat(buku, sumber):
    with pytest.raises(TransaksiDitolak, match="Dana Zakat hanya menerima zakat") as exc:
        buku.masuk("100000", dana=buku.zakat, sumber=sumber)
    assert exc.value.field == "sumber"
    assert not Jurnal.objects.filter(wksbm=buku.wksbm).exists()
    assert buku.masuk("100000", dana=buku.zakat, sumber="zakat_maal").dana == buku.zakat


def test_form_pemasukan_donasi_ke_dana_zakat_ditolak_di_kolom_sumber(client, buku):
    client.force_login(buku.bendahara)
    data = {
        "tanggal": date(2026, 10, 5).isoformat(),
        "sumber": "donasi",
        "dana": buku.zakat.pk,
        "kas": buku.kas.pk,
        "jumlah": "150000",
        "uraian": "Donasi warga",
    }
    response = client.post(u("pemasukan-create", buku.wksbm), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert "Dana Zakat hanya menerima zakat" in " ".join(form.errors["sumber"])
    assert 'value="Donasi warga"' in response.content.decode()
    assert not Jurnal.objects.filter(wksbm=buku.wksbm).exists()


def test_penjualan_beras_zakat_tetap_zakat_di_dana_zakat(buku):
    beras = natura.pastikan_beras(buku.wksbm)
    umum = {"wksbm": buku.wksbm, "oleh": buku.bendahara, "komoditas": beras, "dana": buku.zakat}
    natura.terima_natura(**umum, tanggal=date(2026, 3, 18), jumlah=Decimal(25))
    mutasi = natura.jual_natura(
        **umum, kas=buku.kas, tanggal=date(2026, 3, 19), jumlah=Decimal(10), nilai=Decimal(140000)
    )
    assert mutasi.jurnal.dana == buku.zakat and mutasi.jurnal.sumber == "zakat_fitrah"


def test_reklasifikasi_ke_dana_zakat_ditolak(buku):
    buku.masuk("500000")
    with pytest.raises(TransaksiDitolak, match="Dana Zakat hanya menerima zakat"):
        services.reklasifikasi(
            wksbm=buku.wksbm,
            oleh=buku.bendahara,
            dari=buku.umum,
            ke=buku.zakat,
            kas=buku.kas,
            jumlah=Decimal(100000),
            alasan="Tambahan",
            tanggal=date(2026, 10, 7),
        )


# --- no entry dated after today (Asia/Jakarta) ----------------------------------------------


def test_entri_bertanggal_setelah_hari_ini_ditolak(buku):
    besok = timezone.localdate() + timedelta(days=1)
    with pytest.raises(TransaksiDitolak, match="belum tiba") as exc:
        buku.masuk("100000", tanggal=besok)
    assert exc.value.field == "tanggal"
    buku.masuk("100000", tanggal=timezone.localdate())
    with pytest.raises(TransaksiDitolak, match="belum tiba"):
        buku.keluar("1000", tanggal=besok)
    beras = natura.pastikan_beras(buku.wksbm)
    with pytest.raises(TransaksiDitolak, match="belum tiba"):
        natura.terima_natura(
            wksbm=buku.wksbm,
            oleh=buku.bendahara,
            komoditas=beras,
            dana=buku.jimpitan,
            tanggal=besok,
            jumlah=Decimal(5),
        )
    assert Jurnal.objects.filter(wksbm=buku.wksbm).count() == 1


def test_form_pemasukan_tanggal_depan_ditolak_di_kolom_tanggal_isian_tetap(client, buku):
    client.force_login(buku.bendahara)
    depan = date(timezone.localdate().year + 1, 1, 5)
    data = {
        "tanggal": depan.isoformat(),
        "sumber": "donasi",
        "dana": buku.umum.pk,
        "kas": buku.kas.pk,
        "jumlah": "150000",
        "uraian": "Donasi tahun depan",
    }
    response = client.post(u("pemasukan-create", buku.wksbm), data)
    assert response.status_code == 400
    pesan = " ".join(response.context["form"].errors["tanggal"])
    assert "belum tiba" in pesan and "paling lambat" in pesan
    html = response.content.decode()
    assert f'value="{depan.isoformat()}"' in html and 'value="Donasi tahun depan"' in html
    assert not Jurnal.objects.filter(wksbm=buku.wksbm).exists()


# --- saldo awal: the money a new board takes over is not income ------------------------------


def saldo_awal(buku, jumlah="2750000", tanggal=date(2026, 1, 1), **kwargs):
    return services.catat_saldo_awal(
        wksbm=buku.wksbm,
        oleh=kwargs.pop("oleh", buku.bendahara),
        tanggal=tanggal,
        dana=kwargs.pop("dana", buku.umum),
        kas=buku.kas,
        jumlah=Decimal(jumlah),
        penerima="Bendahara periode 2021-2025",
        **kwargs,
    )


def test_saldo_awal_bukan_pemasukan_tetapi_membuka_kas_umum(buku, capsys):
    awal = saldo_awal(buku)
    buku.masuk("100000", tanggal=date(2026, 1, 10))
    assert awal.jenis == "saldo_awal" and awal.nomor_kuitansi == "" and awal.token is None
    assert not menunggu_kuitansi(buku.wksbm).filter(pk=awal.pk).exists()
    # Not in the Buku Catatan Pemasukan Dana nor its JUMLAH.
    qs = BukuPemasukan.queryset(buku.wksbm)
    assert not qs.filter(pk=awal.pk).exists()
    assert BukuPemasukan.totals(qs)["nilai"] == Decimal(100000)
    # The kas umum opens with it; the period's receipts leave it out.
    januari = KasUmum(buku.wksbm, Saring(dari=date(2026, 1, 1), sampai=date(2026, 1, 31)))
    total = januari.ringkasan()
    assert total.saldo_awal == Decimal(2750000) and total.penerimaan == Decimal(100000)
    assert total.saldo_akhir == Decimal(2850000)
    assert total.uraian_awal.startswith("Saldo awal (serah terima")
    assert awal.pk not in [b.entri.pk for b in januari.semua(total)]
    assert [b.saldo for b in januari.semua(total)] == [Decimal(2850000)]
    # In the balances, and whole in the hash chain.
    assert Saldo.objects.get(dana=buku.umum).jumlah == Decimal(2850000)
    assert kasumum.arus_bulan(buku.wksbm, 2026, 1)["masuk"] == Decimal(100000)
    call_command("verify_ledger", wksbm=buku.wksbm.pk)
    assert "Semua jurnal utuh" in capsys.readouterr().out


def test_saldo_awal_hanya_sebelum_entri_lain_dan_oleh_bendahara_atau_ketua(buku, dunia):
    buku.masuk("100000", tanggal=date(2026, 3, 2))
    with pytest.raises(TransaksiDitolak, match="paling lambat tanggal entri pertama") as exc:
        saldo_awal(buku, tanggal=date(2026, 3, 3))
    assert exc.value.field == "tanggal"
    with pytest.raises(TransaksiDitolak, match="Hanya bendahara atau ketua"):
        saldo_awal(buku, tanggal=date(2026, 3, 1), oleh=dunia.lurah_a)
    assert saldo_awal(buku, tanggal=date(2026, 3, 2), oleh=buku.ketua).jenis == "saldo_awal"


def test_saldo_awal_dibatalkan_tetap_di_luar_pemasukan_dan_pengeluaran(buku):
    awal = saldo_awal(buku, jumlah="500000")
    balik = services.batalkan(entri=awal, oleh=buku.bendahara, alasan="Salah hitung")
    assert balik.jenis == "saldo_awal" and balik.membatalkan == awal
    assert Saldo.objects.get(dana=buku.umum).jumlah == 0
    assert not BukuPengeluaran.queryset(buku.wksbm).exists()
    assert not BukuPemasukan.queryset(buku.wksbm).exists()
    with pytest.raises(TransaksiDitolak, match="tidak dapat dibatalkan lagi"):
        services.batalkan(entri=balik, oleh=buku.bendahara, alasan="Lagi")


def test_halaman_saldo_awal(client, buku, dunia):
    halaman = u("saldo-awal", buku.wksbm)
    client.force_login(buku.bendahara)
    assert halaman in client.get(u("keuangan-home", buku.wksbm)).content.decode()
    data = {
        "tanggal": "2026-01-01",
        "dana": buku.umum.pk,
        "kas": buku.kas.pk,
        "jumlah": "2750000",
        "penerima": "Bendahara periode 2021-2025",
        "uraian": "Saldo kas tunai akhir 2025",
    }
    besok = timezone.localdate() + timedelta(days=1)
    response = client.post(halaman, {**data, "tanggal": besok.isoformat()})
    assert response.status_code == 400
    assert "belum tiba" in " ".join(response.context["form"].errors["tanggal"])
    response = client.post(halaman, data)
    entri = Jurnal.objects.get(wksbm=buku.wksbm, jenis="saldo_awal")
    assert response["Location"] == entri.get_absolute_url()
    html = client.get(halaman).content.decode()
    assert "Saldo kas tunai akhir 2025" in html and "Rp2.750.000,00" in html
    # Readers see the list without the form; they may not record; another WKSBM gets 404.
    client.force_login(dunia.lurah_a)
    html = client.get(halaman).content.decode()
    assert "Rp2.750.000,00" in html and "Catat saldo awal" not in html
    assert client.post(halaman, data).status_code == 403
    batal = u("saldo-awal-batalkan", buku.wksbm, entri.pk)
    assert client.post(batal, {"alasan": "x"}).status_code == 403
    client.force_login(dunia.pengurus_b)
    assert client.get(halaman).status_code == 404
    assert client.post(batal, {"alasan": "x"}).status_code == 404
    client.force_login(buku.bendahara)
    client.post(batal, {"alasan": "Salah hitung"})
    assert Saldo.objects.get(dana=buku.umum).jumlah == 0


def test_halaman_saldo_awal_jumlah_kueri_tetap(client, buku, django_assert_max_num_queries):
    client.force_login(buku.bendahara)
    for i in range(5):
        saldo_awal(buku, jumlah=str(1000 + i), uraian=f"Saldo {i}")
    # session, user, roles and WKSBM (scoping), the book menu, the entries, their total,
    # the form's choices (funds, cash accounts)
    with django_assert_max_num_queries(14):
        response = client.get(u("saldo-awal", buku.wksbm))
    assert response.content.decode().count('id="entri-') == 5


# --- a reversal nets against its original ---------------------------------------------------


def test_pembatalan_dihitung_bersih_di_semua_jumlah(client, buku):
    hari = timezone.localdate()
    buku.masuk("1000000", tanggal=hari)
    salah = buku.masuk("300000", tanggal=hari, uraian="Donasi salah dana")
    buku.keluar("100000", tanggal=hari)
    keliru = buku.keluar("40000", tanggal=hari, uraian="Salah catat")
    services.batalkan(entri=salah, oleh=buku.bendahara, alasan="Salah dana", tanggal=hari)
    services.batalkan(entri=keliru, oleh=buku.bendahara, alasan="Salah catat", tanggal=hari)
    w = buku.wksbm

    # The pemasukan and pengeluaran books: the reversal beside its original, negative.
    masuk, keluar = BukuPemasukan.queryset(w), BukuPengeluaran.queryset(w)
    assert sorted(e.nilai for e in masuk) == [Decimal(-300000), Decimal(300000), Decimal(1000000)]
    assert BukuPemasukan.totals(masuk)["nilai"] == Decimal(1000000)
    assert BukuPengeluaran.totals(keluar)["nilai"] == Decimal(100000)
    # The kas umum: receipts and spending netted, the balance unchanged.
    bulan = KasUmum(w, Saring(dari=hari.replace(day=1), sampai=hari))
    total = bulan.ringkasan()
    assert (total.penerimaan, total.pengeluaran) == (Decimal(1000000), Decimal(100000))
    rows = list(bulan.semua(total))
    assert [(b.penerimaan, b.pengeluaran) for b in rows[-2:]] == [
        (Decimal(-300000), None),
        (None, Decimal(-40000)),
    ]
    assert rows[-1].saldo == total.saldo_akhir == Decimal(900000)
    assert rows[-1].kumulatif == Decimal(100000)
    # The finance home's month, the fund page's chart, the months of tutup buku.
    client.force_login(buku.bendahara)
    bulan_ini = client.get(u("keuangan-home", w)).context["bulan_ini"]
    assert (bulan_ini["masuk"], bulan_ini["keluar"]) == (Decimal(1000000), Decimal(100000))
    arus = client.get(u("dana-detail", w, buku.umum.pk)).context["arus"][-1]
    assert (arus.masuk, arus.keluar) == (Decimal(1000000), Decimal(100000))
    status = kasumum.status_bulan(w, hari)[0]
    assert (status.penerimaan, status.pengeluaran) == (Decimal(1000000), Decimal(100000))
    (umum,) = [b for b in kasumum.laporan_bulan(w, hari.year, hari.month, 99) if b.jumlah_entri]
    assert (umum.penerimaan, umum.pengeluaran, umum.saldo_akhir) == (
        Decimal(1000000),
        Decimal(100000),
        Decimal(900000),
    )
