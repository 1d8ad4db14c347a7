"""distribution.services: planning, hand-over posted once to the money books, reversal,
the three levels of refusal, and the double-aid warnings."""

from datetime import date
from decimal import Decimal

import pytest

from distribution import services
from distribution.models import Penerima
from finance import natura
from finance.models import Jurnal, Saldo, SaldoStok
from finance.models.natura import MutasiStok
from finance.services import TransaksiDitolak
from registry.models import Ppks
from tests import factories as f
from tests.distribution import bantu

D = Decimal
HARI = date(2026, 11, 20)


@pytest.fixture
def a(dunia):
    w = dunia.a.wksbm
    bantu.isi_dana(w, dunia.bendahara_a, "1000000")
    return w


def _rencana(a, dunia, n=2, jumlah="200000", pagu="1000000", **kwargs):
    umum = bantu.dana(a)
    obj = bantu.penyaluran(a, pagu={umum: pagu})
    rows = services.tambah_penerima(
        penyaluran=obj,
        oleh=dunia.bendahara_a,
        ppks=bantu.ppks(a, n),
        dana=umum,
        jumlah=D(jumlah),
        **kwargs,
    )
    return obj, rows


def test_serahkan_mencatat_pengeluaran_sekali_dan_menautkannya(a, dunia):
    obj, (satu, dua) = _rencana(a, dunia)
    row = services.serahkan(penerima=satu, oleh=dunia.bendahara_a, tanggal=HARI)

    assert row.status == Penerima.Status.DISERAHKAN
    entri = row.jurnal
    assert entri.arah == Jurnal.Arah.KELUAR and entri.jumlah == D("200000")
    assert entri.ppks_id == satu.ppks_id and entri.kegiatan == "jaminan_sosial"
    assert entri.penerima_penyaluran == row
    assert f"penyaluran No. {obj.nomor}" in entri.uraian
    assert Jurnal.objects.filter(wksbm=a, arah="keluar").count() == 1
    assert Saldo.objects.get(dana=bantu.dana(a)).jumlah == D("800000")
    # A second hand-over of the same row is refused: money out is recorded once.
    with pytest.raises(TransaksiDitolak, match="sudah diserahkan"):
        services.serahkan(penerima=satu, oleh=dunia.bendahara_a, tanggal=HARI)
    assert Jurnal.objects.filter(wksbm=a, arah="keluar").count() == 1


def test_batalkan_penyerahan_membalik_pengeluaran(a, dunia):
    obj, (satu, _) = _rencana(a, dunia)
    row = services.serahkan(penerima=satu, oleh=dunia.bendahara_a, tanggal=HARI)
    with pytest.raises(TransaksiDitolak, match="Alasan"):
        services.batalkan_penyerahan(penerima=row, oleh=dunia.bendahara_a, alasan=" ")
    row = services.batalkan_penyerahan(
        penerima=row, oleh=dunia.bendahara_a, alasan="Uang dikembalikan: salah orang"
    )
    assert row.status == Penerima.Status.DIBATALKAN
    balik = Jurnal.objects.get(membatalkan=row.jurnal)
    assert balik.arah == Jurnal.Arah.MASUK and balik.alasan == "Uang dikembalikan: salah orang"
    assert Saldo.objects.get(dana=bantu.dana(a)).jumlah == D("1000000")
    # The PPKS can be planned again in the same round.
    again = services.tambah_penerima(
        penyaluran=obj,
        oleh=dunia.bendahara_a,
        ppks=[row.ppks],
        dana=bantu.dana(a),
        jumlah=D("200000"),
    )
    assert again[0].status == Penerima.Status.RENCANA


def test_tidak_tersalurkan_beralasan_tanpa_posting(a, dunia):
    obj, (satu, _) = _rencana(a, dunia)
    with pytest.raises(TransaksiDitolak, match="alasan"):
        services.tidak_tersalurkan(penerima=satu, oleh=dunia.bendahara_a, alasan="")
    with pytest.raises(TransaksiDitolak, match="lainnya"):
        services.tidak_tersalurkan(penerima=satu, oleh=dunia.bendahara_a, alasan="lainnya")
    row = services.tidak_tersalurkan(penerima=satu, oleh=dunia.bendahara_a, alasan="meninggal")
    assert row.status == Penerima.Status.TIDAK and row.alasan == "meninggal"
    assert not Jurnal.objects.filter(wksbm=a, arah="keluar").exists()
    row = services.rencanakan_ulang(penerima=row, oleh=dunia.bendahara_a)
    assert row.status == Penerima.Status.RENCANA


def test_rencana_melebihi_anggaran_ditolak(a, dunia):
    umum = bantu.dana(a)
    obj = bantu.penyaluran(a, pagu={umum: "500000"})
    with pytest.raises(TransaksiDitolak, match="Rencana melebihi anggaran Dana Umum"):
        services.tambah_penerima(
            penyaluran=obj,
            oleh=dunia.bendahara_a,
            ppks=bantu.ppks(a, 3),
            dana=umum,
            jumlah=D(200000),
        )
    assert not obj.penerima.exists()


def test_penyerahan_melebihi_anggaran_ditolak_di_bawah_kunci(a, dunia):
    """The round's budget is checked again on posting: here the budget fits the plan, but
    a row's amount was raised after planning (e.g. by an import or an admin)."""
    obj, (satu, dua) = _rencana(a, dunia, pagu="400000")
    dua.jumlah = D("300000")
    dua.save()
    services.serahkan(penerima=satu, oleh=dunia.bendahara_a, tanggal=HARI)
    with pytest.raises(TransaksiDitolak, match="melebihi anggaran Dana Umum penyaluran ini"):
        services.serahkan(penerima=dua, oleh=dunia.bendahara_a, tanggal=HARI)
    dua.refresh_from_db()
    assert dua.status == Penerima.Status.RENCANA and dua.jurnal_id is None


def test_saldo_dana_tidak_cukup_ditolak_dengan_pesan_jelas(a, dunia):
    obj, (satu, dua) = _rencana(a, dunia, jumlah="600000", pagu="2000000")
    services.serahkan(penerima=satu, oleh=dunia.bendahara_a, tanggal=HARI)
    with pytest.raises(TransaksiDitolak, match="Saldo Dana Umum tidak cukup"):
        services.serahkan(penerima=dua, oleh=dunia.bendahara_a, tanggal=HARI)
    dua.refresh_from_db()
    assert dua.status == Penerima.Status.RENCANA


def test_hanya_ppks_aktif_wksbm_ini(a, dunia):
    umum = bantu.dana(a)
    obj = bantu.penyaluran(a, pagu={umum: "500000"})
    pindah = bantu.ppks(a, status=Ppks.Status.PINDAH)
    with pytest.raises(TransaksiDitolak, match="Hanya PPKS aktif"):
        services.tambah_penerima(
            penyaluran=obj, oleh=dunia.bendahara_a, ppks=pindah, dana=umum, jumlah=D(1000)
        )
    lain = bantu.ppks(dunia.b.wksbm)
    with pytest.raises(TransaksiDitolak, match="Hanya PPKS aktif"):
        services.tambah_penerima(
            penyaluran=obj, oleh=dunia.bendahara_a, ppks=lain, dana=umum, jumlah=D(1000)
        )


def test_zakat_mencatat_asnaf_tiap_penerima(a, dunia):
    from finance.models import PengaturanKeuangan

    PengaturanKeuangan.objects.filter(wksbm=a).update(dasar_zakat="upz")
    bantu.isi_dana(a, dunia.bendahara_a, "300000", nama="Dana Zakat", sumber="zakat_maal")
    zakat = bantu.dana(a, "Dana Zakat")
    obj = bantu.penyaluran(a, pagu={zakat: "300000"})
    orang = bantu.ppks(a, 1, kode="FM")
    with pytest.raises(TransaksiDitolak, match="asnaf"):
        services.tambah_penerima(
            penyaluran=obj, oleh=dunia.bendahara_a, ppks=orang, dana=zakat, jumlah=D(100000)
        )
    (row,) = services.tambah_penerima(
        penyaluran=obj,
        oleh=dunia.bendahara_a,
        ppks=orang,
        dana=zakat,
        jumlah=D(100000),
        asnaf="fakir",
    )
    row = services.serahkan(penerima=row, oleh=dunia.bendahara_a, tanggal=HARI)
    assert row.jurnal.asnaf == "fakir" and row.jurnal.dana == zakat


def test_natura_dari_stok_dan_stok_kurang_ditolak(a, dunia):
    jimpitan = bantu.dana(a, "Dana Jimpitan")
    beras = natura.pastikan_beras(a)
    natura.terima_natura(
        wksbm=a,
        oleh=dunia.bendahara_a,
        komoditas=beras,
        dana=jimpitan,
        tanggal=date(2026, 11, 2),
        jumlah=D("7.5"),
    )
    obj = bantu.penyaluran(a, bentuk="natura", pagu={jimpitan: "20"})
    satu, dua = services.tambah_penerima(
        penyaluran=obj, oleh=dunia.bendahara_a, ppks=bantu.ppks(a, 2), dana=jimpitan, banyak=D(5)
    )
    row = services.serahkan(penerima=satu, oleh=dunia.bendahara_a, tanggal=HARI)
    assert row.mutasi.jenis == MutasiStok.Jenis.DISALURKAN
    assert row.mutasi.jumlah_dasar == D("5.000") and row.mutasi.ppks_id == satu.ppks_id
    assert row.jurnal_id is None
    with pytest.raises(TransaksiDitolak, match="Stok Beras pada Dana Jimpitan tidak cukup"):
        services.serahkan(penerima=dua, oleh=dunia.bendahara_a, tanggal=HARI)
    assert SaldoStok.objects.get(dana=jimpitan).jumlah == D("2.5")
    services.batalkan_penyerahan(penerima=row, oleh=dunia.bendahara_a, alasan="Beras basah")
    assert SaldoStok.objects.get(dana=jimpitan).jumlah == D("7.5")


def test_penyerahan_tanggal_depan_dan_wakil_tanpa_nama_ditolak(a, dunia):
    obj, (satu, _) = _rencana(a, dunia)
    with pytest.raises(TransaksiDitolak, match="masa depan"):
        services.serahkan(penerima=satu, oleh=dunia.bendahara_a, tanggal=date(2099, 1, 1))
    with pytest.raises(TransaksiDitolak, match="wakil"):
        services.serahkan(
            penerima=satu, oleh=dunia.bendahara_a, tanggal=HARI, diterima_oleh="wakil"
        )
    row = services.serahkan(
        penerima=satu,
        oleh=dunia.bendahara_a,
        tanggal=HARI,
        diterima_oleh="wakil",
        nama_wakil="Suminah",
        hubungan_wakil="anak",
    )
    assert row.penerima_tampil() == f"Suminah (anak) a.n. {row.ppks.nama}"


def test_peran_pembaca_dan_seksi_tidak_memosting_uang(a, dunia):
    obj, (satu, _) = _rencana(a, dunia)
    with pytest.raises(TransaksiDitolak, match="pengurus WKSBM ini"):
        services.serahkan(penerima=satu, oleh=dunia.lurah_a, tanggal=HARI)
    seksi = f.UserFactory()
    f.PeranPengurusFactory(user=seksi, wksbm=a, jabatan="seksi")
    with pytest.raises(TransaksiDitolak, match="bendahara atau ketua"):
        services.serahkan(penerima=satu, oleh=seksi, tanggal=HARI)
    satu.refresh_from_db()
    assert satu.status == Penerima.Status.RENCANA


# --- warnings ------------------------------------------------------------------------------


def test_hash_nik_berkunci_bukan_nik():
    h = services.hash_nik("3402010101600001")
    assert len(h) == 64 and "3402010101600001" not in h
    assert h == services.hash_nik("3402010101600001") != services.hash_nik("3402010101600002")
    assert services.hash_nik("") == ""


def test_peringatan_sudah_dibantu_wksbm_ini_pada_bulan_yang_sama(a, dunia):
    orang = bantu.ppks(a, 1)
    umum = bantu.dana(a)
    pertama = bantu.penyaluran(a, pagu={umum: "500000"}, tanggal=date(2026, 11, 3))
    services.tambah_penerima(
        penyaluran=pertama, oleh=dunia.bendahara_a, ppks=orang, dana=umum, jumlah=D(100000)
    )
    kedua = bantu.penyaluran(a, pagu={umum: "500000"}, tanggal=date(2026, 11, 25))
    rows = services.tambah_penerima(
        penyaluran=kedua, oleh=dunia.bendahara_a, ppks=orang, dana=umum, jumlah=D(100000)
    )
    pesan = services.peringatan(kedua, rows)[rows[0].pk]
    assert pesan == [
        f"Sudah dibantu WKSBM ini pada bulan November 2026 (penyaluran No. {pertama.nomor})."
    ]
    desember = bantu.penyaluran(a, pagu={umum: "500000"}, tanggal=date(2026, 12, 1))
    rows = services.tambah_penerima(
        penyaluran=desember, oleh=dunia.bendahara_a, ppks=orang, dana=umum, jumlah=D(100000)
    )
    assert services.peringatan(desember, rows) == {}


def test_peringatan_wksbm_lain_sekabupaten_tanpa_membuka_datanya(a, dunia):
    nik = f.nik_sah(777)
    b = dunia.b.wksbm
    bantu.isi_dana(b, f.segar(dunia.b.bendahara), "900000")
    di_b = bantu.penyaluran(b, pagu={bantu.dana(b): "900000"}, judul="Santunan Sido Rukun")
    services.tambah_penerima(
        penyaluran=di_b,
        oleh=f.segar(dunia.b.bendahara),
        ppks=bantu.ppks(b, 1, nik=nik),
        dana=bantu.dana(b),
        jumlah=D("750000"),
    )
    di_a = bantu.penyaluran(a, pagu={bantu.dana(a): "500000"})
    rows = services.tambah_penerima(
        penyaluran=di_a,
        oleh=dunia.bendahara_a,
        ppks=bantu.ppks(a, 1, nik=nik),
        dana=bantu.dana(a),
        jumlah=D(100000),
    )
    pesan = services.peringatan(di_a, rows)[rows[0].pk]
    assert pesan == ["Sudah menerima bantuan dari WKSBM lain pada bulan November 2026."]
    teks = " ".join(pesan)
    assert "Sido Rukun" not in teks and "750" not in teks
    assert rows[0].nik_hash == services.hash_nik(nik) and nik not in rows[0].nik_hash


def test_peringatan_tidak_untuk_kabupaten_lain(a, dunia):
    nik = f.nik_sah(778)
    sleman = f.wksbm_aktif(desa=dunia.wilayah.balecatur, nama="WKSBM Sleman")
    bantu.isi_dana(sleman.wksbm, f.segar(sleman.bendahara), "500000")
    di_sleman = bantu.penyaluran(sleman.wksbm, pagu={bantu.dana(sleman.wksbm): "500000"})
    services.tambah_penerima(
        penyaluran=di_sleman,
        oleh=f.segar(sleman.bendahara),
        ppks=bantu.ppks(sleman.wksbm, 1, nik=nik),
        dana=bantu.dana(sleman.wksbm),
        jumlah=D(100000),
    )
    di_a = bantu.penyaluran(a, pagu={bantu.dana(a): "500000"})
    rows = services.tambah_penerima(
        penyaluran=di_a,
        oleh=dunia.bendahara_a,
        ppks=bantu.ppks(a, 1, nik=nik),
        dana=bantu.dana(a),
        jumlah=D(100000),
    )
    assert services.peringatan(di_a, rows) == {}


def test_ubah_rencana_dalam_anggaran(a, dunia):
    obj, (satu, dua) = _rencana(a, dunia, pagu="500000")
    row = services.ubah_rencana(penerima=satu, oleh=dunia.bendahara_a, jumlah=D("300000"))
    assert row.jumlah == D("300000")
    with pytest.raises(TransaksiDitolak, match="Rencana melebihi anggaran Dana Umum"):
        services.ubah_rencana(penerima=dua, oleh=dunia.bendahara_a, jumlah=D("250000"))
    services.serahkan(penerima=row, oleh=dunia.bendahara_a, tanggal=HARI)
    with pytest.raises(TransaksiDitolak, match="masih direncanakan"):
        services.ubah_rencana(penerima=row, oleh=dunia.bendahara_a, jumlah=D("1000"))
    assert Jurnal.objects.get(penerima_penyaluran=row).jumlah == D("300000")
