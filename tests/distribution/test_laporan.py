"""The periodic laporan: figures equal the books' own totals, the workflow and its roles, the
locked period, the frozen PDF/Excel, and who may see which URL."""

import hashlib
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from distribution import services as penyaluran_services
from distribution.laporan import rekap, services
from distribution.models import Kegiatan, Laporan, Penerima, RiwayatLaporan
from finance import services as keuangan
from finance.models import Dana, Jurnal
from registry.models import Tamu
from tests import factories as f
from tests.conftest import masuk
from tests.distribution import bantu
from wksbm.books.tenancy import current as tenancy

OKTOBER = rekap.Periode("bulan", date(2026, 10, 1), date(2026, 10, 31))


def _teks_pdf(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def buku(dunia):
    """October 2026 of WKSBM A in its books: money in and out (one receipt reversed), a
    kegiatan, a round of three (two handed over, one not found), a referral."""
    a, oleh = dunia.a.wksbm, f.segar(dunia.a.bendahara)
    bantu.isi_dana(a, oleh, "500000", tanggal=date(2026, 9, 15))  # before: the opening balance
    bantu.isi_dana(a, oleh, "1000000", tanggal=date(2026, 10, 2))
    bantu.isi_dana(a, oleh, "250000", tanggal=date(2026, 10, 3), sumber="usaha")
    salah = bantu.isi_dana(a, oleh, "75000", tanggal=date(2026, 10, 4))
    keuangan.batalkan(entri=salah, oleh=oleh, alasan="Tercatat dua kali", tanggal=date(2026, 10, 5))
    keuangan.catat_pengeluaran(
        wksbm=a,
        oleh=oleh,
        tanggal=date(2026, 10, 6),
        kegiatan="operasional",
        dana=bantu.dana(a),
        kas=bantu.kas(a),
        jumlah=Decimal("40000"),
        uraian="Fotokopi daftar hadir",
    )
    Kegiatan.objects.create(
        wksbm=a,
        jenis="pencegahan",
        judul="Penyuluhan narkoba",
        tanggal=date(2026, 10, 8),
        tempat="Balai",
        peserta_dewasa_l=12,
        peserta_dewasa_p=9,
        peserta_anak_p=3,
    )
    ronde = bantu.penyaluran(
        a, pagu={bantu.dana(a): "600000"}, tanggal=date(2026, 10, 10), judul="Santunan Oktober"
    )
    rows = penyaluran_services.tambah_penerima(
        penyaluran=ronde,
        oleh=oleh,
        ppks=bantu.ppks(a, 3, kode="LUT"),
        dana=bantu.dana(a),
        jumlah=Decimal("150000"),
    )
    for row in rows[:2]:
        penyaluran_services.serahkan(penerima=row, oleh=oleh, tanggal=date(2026, 10, 12))
    penyaluran_services.tidak_tersalurkan(
        penerima=rows[2], oleh=oleh, alasan=Penerima.Alasan.TIDAK_DITEMUKAN
    )
    bantu.rujukan(a, rows[2].ppks, tanggal=date(2026, 10, 14))
    return dunia


def _laporan(dunia, jenis="bulan", tahun=2026, ke=10) -> Laporan:
    return services.buat(
        wksbm=dunia.a.wksbm, oleh=dunia.pengurus_a, jenis_periode=jenis, tahun=tahun, ke=ke
    )


def _baris(tabel: list, kunci: str) -> dict:
    t = next(t for t in tabel if t.kunci == kunci)
    return {r[0]: r[1:] for r in t.baris}


# --- figures ---------------------------------------------------------------------------------


def test_angka_laporan_sama_dengan_jumlah_buku(buku):
    a = buku.a.wksbm
    r = rekap.susun(a, OKTOBER)
    # The pemasukan and pengeluaran books of October, recomputed entry by entry: a reversal
    # counts against the side of the entry it reverses.
    masuk = keluar = Decimal(0)
    per_sumber: dict[str, Decimal] = {}
    for e in Jurnal.objects.filter(wksbm=a, tanggal__gte=OKTOBER.mulai, tanggal__lte=OKTOBER.akhir):
        nilai = -e.jumlah if e.jenis == "pembatalan" else e.jumlah
        if e.sisi == "masuk":
            masuk += nilai
            per_sumber[e.sumber] = per_sumber.get(e.sumber, Decimal(0)) + nilai
        elif e.sisi == "keluar":
            keluar += nilai
    assert r.total_pemasukan == masuk == Decimal("1250000")
    assert r.total_pengeluaran == keluar == Decimal("340000")  # 40.000 + 2 × 150.000
    pemasukan = {b.nama: b.jumlah for b in r.pemasukan}
    assert pemasukan["Donasi"] == per_sumber["donasi"] == Decimal("1000000")
    assert pemasukan["Hasil usaha"] == Decimal("250000")
    pengeluaran = {b.nama: b.jumlah for b in r.pengeluaran}
    assert pengeluaran["Operasional"] == Decimal("40000")
    assert pengeluaran["Penanganan: jaminan sosial"] == Decimal("300000")
    # Funds: opening = everything before October; closing = the cached balance (nothing later).
    umum = next(b for b in r.dana if b.dana == "Dana Umum")
    assert umum.saldo_awal == Decimal("500000")
    assert umum.saldo_akhir == Dana.objects.get(wksbm=a, nama="Dana Umum").saldo.jumlah
    assert umum.saldo_akhir == Decimal("1410000")
    # Kegiatan, penyaluran, rujukan, PPKS.
    kegiatan = {b.jenis: b for b in r.kegiatan}
    assert (kegiatan["Pencegahan"].kegiatan, kegiatan["Pencegahan"].peserta) == (1, 24)
    (uang,) = [b for b in r.penyaluran["bentuk"] if b.nama == "Uang"]
    assert (uang.penerima_rencana, uang.penerima_tersalur) == (3, 2)
    assert (uang.uang_rencana, uang.uang_tersalur) == (Decimal("450000"), Decimal("300000"))
    assert uang.uang_tersalur == pengeluaran["Penanganan: jaminan sosial"]
    rujukan = {b.nama: b.banyak for b in r.rujukan}
    assert rujukan["Diajukan"] == 1 and sum(rujukan.values()) == 1
    (lut,) = [b for b in r.ppks if b.kode == "LUT"]
    assert (lut.terdaftar, lut.terlayani, lut.belum) == (3, 3, 0)


def test_pembatalan_menetralkan_aslinya_dan_periode_lain_tidak_terhitung(buku):
    r = rekap.susun(buku.a.wksbm, rekap.Periode("bulan", date(2026, 9, 1), date(2026, 9, 30)))
    assert r.total_pemasukan == Decimal("500000")
    assert r.total_pengeluaran == 0
    assert all(b.kegiatan == 0 for b in r.kegiatan)
    assert r.penyaluran["bentuk"] == []


def test_triwulan_dan_tahun_meliputi_bulannya(buku):
    tri = rekap.susun(buku.a.wksbm, rekap.Periode("triwulan", date(2026, 7, 1), date(2026, 9, 30)))
    assert [b.nama for b in tri.arus] == ["Juli 2026", "Agustus 2026", "September 2026"]
    tahun = rekap.susun(buku.a.wksbm, rekap.Periode("tahun", date(2026, 1, 1), date(2026, 12, 31)))
    assert len(tahun.arus) == 12
    assert tahun.total_pemasukan == Decimal("1750000")


# --- workflow --------------------------------------------------------------------------------


def test_alur_lengkap_tercatat(buku):
    d = buku
    laporan = _laporan(d)
    services.ubah_narasi(laporan=laporan, oleh=d.pengurus_a, kendala="Hujan", rencana="Lanjut")
    versi = services.ajukan(laporan=laporan, oleh=d.pengurus_a)
    services.ketahui(laporan=laporan, oleh=d.lurah_a)
    services.terima(laporan=laporan, oleh=d.dinsos)
    laporan.refresh_from_db()
    assert laporan.status == Laporan.Status.DITERIMA
    assert versi.nomor == 1 and versi.kendala == "Hujan"
    langkah = list(RiwayatLaporan.objects.filter(laporan=laporan).values_list("dari", "ke", "oleh"))
    assert langkah == [
        ("", "draft", d.pengurus_a.pk),
        ("draft", "diajukan", d.pengurus_a.pk),
        ("diajukan", "diketahui", d.lurah_a.pk),
        ("diketahui", "diterima", d.dinsos.pk),
    ]


def _oleh(d, nama):
    return {
        "ketua": d.pengurus_a,
        "bendahara": d.bendahara_a,
        "lurah": d.lurah_a,
        "lurah_lain": d.lurah_b,
        "dinsos": d.dinsos,
        "ketua_lain": d.pengurus_b,
    }[nama]


def _ke_status(d, laporan, status):
    if status in ("diajukan", "diketahui", "diterima"):
        services.ajukan(laporan=laporan, oleh=d.pengurus_a)
    if status in ("diketahui", "diterima"):
        services.ketahui(laporan=laporan, oleh=d.lurah_a)
    if status == "diterima":
        services.terima(laporan=laporan, oleh=d.dinsos)
    if status == "dikembalikan":
        services.ajukan(laporan=laporan, oleh=d.pengurus_a)
        services.kembalikan(laporan=laporan, oleh=d.lurah_a, alasan="Lampiran kurang")
    if status == "direvisi":
        services.ajukan(laporan=laporan, oleh=d.pengurus_a)
        services.buka_kembali(laporan=laporan, oleh=d.pengurus_a, alasan="Salah catat")
    laporan.refresh_from_db()
    return laporan


LANGKAH = {
    "ajukan": lambda lap, oleh: services.ajukan(laporan=lap, oleh=oleh),
    "ketahui": lambda lap, oleh: services.ketahui(laporan=lap, oleh=oleh),
    "terima": lambda lap, oleh: services.terima(laporan=lap, oleh=oleh),
    "kembalikan": lambda lap, oleh: services.kembalikan(laporan=lap, oleh=oleh, alasan="Kurang"),
    "buka": lambda lap, oleh: services.buka_kembali(laporan=lap, oleh=oleh, alasan="Revisi"),
}

# (from status, step, who, resulting status or None when refused)
TRANSISI = [
    ("draft", "ajukan", "ketua", "diajukan"),
    ("draft", "ajukan", "bendahara", None),
    ("draft", "ajukan", "lurah", None),
    ("draft", "ketahui", "lurah", None),
    ("draft", "buka", "ketua", None),
    ("diajukan", "ketahui", "lurah", "diketahui"),
    ("diajukan", "ketahui", "lurah_lain", None),
    ("diajukan", "ketahui", "dinsos", None),
    ("diajukan", "ketahui", "ketua", None),
    ("diajukan", "terima", "dinsos", None),
    ("diajukan", "kembalikan", "lurah", "dikembalikan"),
    ("diajukan", "kembalikan", "dinsos", None),
    ("diajukan", "kembalikan", "ketua", None),
    ("diajukan", "ajukan", "ketua", None),
    ("diajukan", "buka", "ketua", "direvisi"),
    ("diajukan", "buka", "bendahara", None),
    ("diketahui", "terima", "dinsos", "diterima"),
    ("diketahui", "terima", "lurah", None),
    ("diketahui", "kembalikan", "dinsos", "dikembalikan"),
    ("diketahui", "kembalikan", "lurah", None),
    ("diketahui", "ketahui", "lurah", None),
    ("diketahui", "buka", "ketua", "direvisi"),
    ("diterima", "terima", "dinsos", None),
    ("diterima", "kembalikan", "dinsos", None),
    ("diterima", "buka", "ketua", "direvisi"),
    ("diterima", "buka", "ketua_lain", None),
    ("dikembalikan", "ajukan", "ketua", "diajukan"),
    ("dikembalikan", "ketahui", "lurah", None),
    ("direvisi", "ajukan", "ketua", "diajukan"),
    ("direvisi", "buka", "ketua", None),
]


@pytest.mark.parametrize(("dari", "langkah", "siapa", "hasil"), TRANSISI)
def test_transisi_yang_boleh_dan_yang_ditolak(buku, dari, langkah, siapa, hasil):
    laporan = _ke_status(buku, _laporan(buku), dari)
    riwayat = laporan.riwayat.count()
    if hasil is None:
        with pytest.raises(services.TransisiTidakSah):
            LANGKAH[langkah](laporan, _oleh(buku, siapa))
        laporan.refresh_from_db()
        assert laporan.status == dari and laporan.riwayat.count() == riwayat
    else:
        LANGKAH[langkah](laporan, _oleh(buku, siapa))
        laporan.refresh_from_db()
        assert laporan.status == hasil
        last = laporan.riwayat.order_by("-pk").first()
        assert (last.dari, last.ke, last.oleh) == (dari, hasil, _oleh(buku, siapa))


def test_kembalikan_dan_buka_kembali_wajib_beralasan(buku):
    laporan = _ke_status(buku, _laporan(buku), "diajukan")
    with pytest.raises(services.TransisiTidakSah, match="Alasan wajib"):
        services.kembalikan(laporan=laporan, oleh=buku.lurah_a, alasan="  ")
    with pytest.raises(services.TransisiTidakSah, match="Alasan wajib"):
        services.buka_kembali(laporan=laporan, oleh=buku.pengurus_a, alasan="")
    services.kembalikan(laporan=laporan, oleh=buku.lurah_a, alasan="Foto kegiatan kurang")
    assert laporan.riwayat.order_by("-pk").first().alasan == "Foto kegiatan kurang"


def test_periode_belum_berakhir_tidak_dapat_diajukan_dan_periode_ganda_ditolak(buku):
    laporan = _laporan(buku, "triwulan", 2026, 4)  # October–December 2026: not over yet
    with pytest.raises(services.TransisiTidakSah, match="setelah periodenya berakhir"):
        services.ajukan(laporan=laporan, oleh=buku.pengurus_a)
    with pytest.raises(services.TransisiTidakSah, match="sudah ada"):
        _laporan(buku, "triwulan", 2026, 4)
    with pytest.raises(services.TransisiTidakSah, match="belum dimulai"):
        _laporan(buku, "bulan", 2027, 1)
    with pytest.raises(services.TransisiTidakSah, match="ketua atau sekretaris"):
        services.buat(
            wksbm=buku.a.wksbm, oleh=buku.lurah_a, jenis_periode="bulan", tahun=2026, ke=9
        )


# --- the lock --------------------------------------------------------------------------------

PESAN_KUNCI = "Periode Oktober 2026 sudah dilaporkan ke Dinas Sosial; buka kembali laporan"


def _pemasukan(client, d, tanggal: str):
    data = {
        "tanggal": tanggal,
        "sumber": "donasi",
        "dana": bantu.dana(d.a.wksbm).pk,
        "kas": bantu.kas(d.a.wksbm).pk,
        "jumlah": "20000",
        "uraian": "Donasi susulan",
    }
    return client.post(reverse("finance:pemasukan-create", args=[d.a.wksbm.pk]), data)


def _tamu(client, d, tanggal: str, nama: str):
    data = {"tanggal": tanggal, "jam": "10:00", "nama": nama, "keperluan": "Silaturahmi"}
    return client.post(reverse("registry:tamu-create", args=[d.a.wksbm.pk]), data)


def test_periode_terkunci_setelah_diajukan_sampai_dibuka_kembali(client, buku):
    d = buku
    laporan = _laporan(d)
    services.ajukan(laporan=laporan, oleh=d.pengurus_a)
    masuk(client, d.pengurus_a)  # ketua: writes money and the secretariat books

    ditolak = _pemasukan(client, d, "2026-10-20")
    assert ditolak.status_code == 400
    assert PESAN_KUNCI in ditolak.content.decode()
    tamu = _tamu(client, d, "2026-10-21", "Ibu Sumarni")
    assert tamu.status_code == 400 and PESAN_KUNCI in tamu.content.decode()
    assert not Tamu.objects.filter(nama="Ibu Sumarni").exists()
    # Outside the period: accepted.
    assert _pemasukan(client, d, "2026-11-20").status_code == 302
    assert _tamu(client, d, "2026-11-21", "Pak Darto").status_code == 302
    # An existing row cannot be moved into the period, nor a row of the period changed.
    luar = Tamu.objects.get(nama="Pak Darto")
    edit = reverse("registry:tamu-edit", args=[d.a.wksbm.pk, luar.pk])
    data = {"tanggal": "2026-10-21", "jam": "10:00", "nama": "Pak Darto", "keperluan": "X"}
    assert PESAN_KUNCI in client.post(edit, data).content.decode()
    # Hand-overs of the period: refused too.
    ronde = bantu.penyaluran(
        d.a.wksbm, pagu={bantu.dana(d.a.wksbm): "100000"}, tanggal=date(2026, 10, 25)
    )
    with pytest.raises(penyaluran_services.TransaksiDitolak, match="sudah dilaporkan"):
        penyaluran_services.tambah_penerima(
            penyaluran=ronde,
            oleh=d.bendahara_a,
            ppks=bantu.ppks(d.a.wksbm),
            dana=bantu.dana(d.a.wksbm),
            jumlah=Decimal("50000"),
        )

    services.buka_kembali(laporan=laporan, oleh=d.pengurus_a, alasan="Donasi terlambat dicatat")
    assert _pemasukan(client, d, "2026-10-20").status_code == 302
    assert _tamu(client, d, "2026-10-21", "Ibu Sumarni").status_code == 302


def test_laporan_dikembalikan_membuka_kunci(buku):
    d = buku
    laporan = _laporan(d)
    services.ajukan(laporan=laporan, oleh=d.pengurus_a)
    assert "sudah dilaporkan" in services.pesan_terkunci(d.a.wksbm, date(2026, 10, 9))
    assert services.pesan_terkunci(d.b.wksbm, date(2026, 10, 9)) == ""  # another WKSBM
    services.kembalikan(laporan=laporan, oleh=d.lurah_a, alasan="Perbaiki angka")
    assert services.pesan_terkunci(d.a.wksbm, date(2026, 10, 9)) == ""


# --- frozen versions -------------------------------------------------------------------------


def test_versi_beku_tidak_berubah_setelah_buku_diubah(buku):
    d = buku
    laporan = _laporan(d)
    services.ubah_narasi(
        laporan=laporan, oleh=d.pengurus_a, kendala="Data PPKS belum lengkap", rencana="Pendataan"
    )
    v1 = services.ajukan(laporan=laporan, oleh=d.pengurus_a)
    pdf_1, xlsx_1 = v1.pdf.read(), v1.xlsx.read()
    assert hashlib.sha256(pdf_1).hexdigest() == v1.hash_pdf

    services.buka_kembali(laporan=laporan, oleh=d.pengurus_a, alasan="Donasi terlambat")
    bantu.isi_dana(d.a.wksbm, d.bendahara_a, "90000", tanggal=date(2026, 10, 29))
    baru = rekap.susun(d.a.wksbm, OKTOBER)
    assert baru.total_pemasukan == Decimal("1340000")
    v1.refresh_from_db()
    with v1.pdf.open("rb") as fh:
        assert fh.read() == pdf_1
    with v1.xlsx.open("rb") as fh:
        assert fh.read() == xlsx_1
    assert Decimal(v1.data["pemasukan"][0]["jumlah"]) == Decimal("1000000")

    v2 = services.ajukan(laporan=laporan, oleh=d.pengurus_a)
    assert (v2.nomor, laporan.versi.count()) == (2, 2)
    assert "Rp1.340.000,00" in _teks_pdf(v2.pdf.read())
    assert "Rp1.340.000,00" not in _teks_pdf(pdf_1)


def test_pdf_dan_excel_yang_dibekukan_terbaca(buku):
    d = buku
    laporan = _laporan(d)
    services.ubah_narasi(laporan=laporan, oleh=d.pengurus_a, kendala="Hujan deras", rencana="")
    versi = services.ajukan(laporan=laporan, oleh=d.pengurus_a)
    teks = _teks_pdf(versi.pdf.read())
    for isi in (
        "LAPORAN KEGIATAN DAN PENYALURAN",
        "WKSBM NGUDI RAHAYU",
        "Oktober 2026",
        "Kegiatan menurut jenis",
        "Pemasukan menurut sumber",
        "Rp1.250.000,00",  # the pemasukan total
        "Saldo dana",
        "Mengetahui",
        "Bambang Sutrisno",  # the lurah
        "Bendahara",
        "Hujan deras",
    ):
        assert isi.lower() in teks.lower(), isi
    ttd = tenancy().print_context(d.a.wksbm, ("ketua", "bendahara"))
    assert ttd["ttd_kiri"]["nama"] and ttd["ttd_kiri"]["nama"] in teks  # the ketua signs
    # The verification URL wraps anywhere in its narrow cell (word-break: break-all).
    assert f"/verifikasi/laporan/{versi.token}/" in teks.replace("\n", "")
    wb = load_workbook(io.BytesIO(versi.xlsx.read()))
    assert wb.sheetnames[:3] == ["Narasi", "Kegiatan menurut jenis", "Penyaluran menurut bentuk"]
    assert "Saldo dana" in wb.sheetnames and "PPKS menurut kategori" in wb.sheetnames
    ws = wb["Pemasukan menurut sumber"]
    rows = {r[0]: r for r in ws.iter_rows(values_only=True) if r and r[0]}
    # entries (int: two receipts and one reversal) and Rupiah (a number, the reversal netted)
    assert rows["Donasi"][1:] == (3, 1000000)
    assert rows["JUMLAH"][2] == 1250000
    dana = {r[0]: r for r in wb["Saldo dana"].iter_rows(values_only=True) if r and r[0]}
    assert dana["Dana Umum"][1:] == (500000, 1250000, 340000, 1410000)
    assert wb["Narasi"]["B6"].value == "Hujan deras"


# --- pages -----------------------------------------------------------------------------------


def _urls(laporan, versi=None):
    w, pk = laporan.wksbm_id, laporan.pk
    names = ["detail", "ajukan", "ketahui", "terima", "kembalikan", "buka", "pdf", "xlsx"]
    return [reverse(f"distribution:laporan-{n}", args=[w, pk]) for n in names] + [
        reverse("distribution:laporan-list", args=[w]),
        reverse("distribution:laporan-create", args=[w]),
    ]


@pytest.mark.parametrize("orang", ["pengurus_b", "lurah_b", "dinsos_lain"])
def test_orang_luar_wilayah_mendapat_404_di_setiap_url_laporan(client, buku, orang):
    d = buku
    laporan = _laporan(d)
    services.ajukan(laporan=laporan, oleh=d.pengurus_a)
    if orang == "dinsos_lain":
        sleman = f.KabupatenFactory(kode="34.04", nama="Kabupaten Sleman")
        user = f.PeranDinsosFactory(kabupaten=sleman).user
    else:
        user = getattr(d, orang)
    masuk(client, user)
    for url in _urls(laporan):
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"alasan": "x"}).status_code == 404, url
    laporan.refresh_from_db()
    assert laporan.status == Laporan.Status.DIAJUKAN


def test_peran_baca_saja_403_untuk_post(client, buku):
    d = buku
    laporan = _laporan(d)
    w, pk = d.a.wksbm.pk, laporan.pk
    u = lambda n: reverse(f"distribution:laporan-{n}", args=[w, pk])  # noqa: E731
    # A returned laporan: a draft again, which the lurah and the Dinas Sosial may read.
    services.ajukan(laporan=laporan, oleh=d.pengurus_a)
    services.kembalikan(laporan=laporan, oleh=d.lurah_a, alasan="Lengkapi")
    masuk(client, d.lurah_a)
    assert client.post(u("detail"), {"kendala": "x"}).status_code == 403
    assert client.post(u("ajukan")).status_code == 403
    assert client.post(u("buka"), {"alasan": "x"}).status_code == 403
    assert client.post(reverse("distribution:laporan-create", args=[w]), {}).status_code == 403
    masuk(client, d.dinsos)
    assert client.post(u("ajukan")).status_code == 403
    assert client.post(u("buka"), {"alasan": "x"}).status_code == 403
    assert client.post(u("terima")).status_code == 403  # not yet acknowledged
    masuk(client, d.bendahara_a)
    assert client.post(u("ajukan")).status_code == 403  # only the ketua submits
    laporan.refresh_from_db()
    assert laporan.status == Laporan.Status.DIKEMBALIKAN and laporan.kendala == ""


def test_draf_hanya_untuk_pengurus_lurah_dan_dinsos_membaca_versi_yang_diajukan(client, buku):
    d = buku
    laporan = _laporan(d)
    services.ubah_narasi(laporan=laporan, oleh=d.pengurus_a, kendala="Hujan deras", rencana="")
    w, pk = d.a.wksbm.pk, laporan.pk
    daftar = reverse("distribution:laporan-list", args=[w])
    for orang in (d.lurah_a, d.dinsos):
        masuk(client, orang)
        assert client.get(laporan.get_absolute_url()).status_code == 404
        assert client.post(reverse("distribution:laporan-ajukan", args=[w, pk])).status_code == 404
        assert "Oktober 2026" not in client.get(daftar).content.decode()
        assert (
            "Oktober 2026"
            not in client.get(reverse("registry:wksbm-detail", args=[w])).content.decode()
        )
    masuk(client, d.bendahara_a)
    assert "Hujan deras" in client.get(laporan.get_absolute_url()).content.decode()
    assert "Oktober 2026" in client.get(daftar).content.decode()

    services.ajukan(laporan=laporan, oleh=d.pengurus_a)
    services.buka_kembali(laporan=laporan, oleh=d.pengurus_a, alasan="Salah ketik")
    services.ubah_narasi(laporan=laporan, oleh=d.pengurus_a, kendala="Draf baru", rencana="")
    masuk(client, d.dinsos)
    page = client.get(laporan.get_absolute_url()).content.decode()
    assert "sedang diperbaiki pengurus" in page and "versi 1" in page
    assert "Hujan deras" in page and "Draf baru" not in page
    assert "Oktober 2026" in client.get(daftar).content.decode()
    masuk(client, d.pengurus_a)
    page = client.get(laporan.get_absolute_url()).content.decode()
    assert "Draf baru" in page and "sedang diperbaiki pengurus" not in page


def test_tombol_sesuai_peran_dan_alur_lewat_halaman(client, buku):
    d = buku
    laporan = _laporan(d)
    url = laporan.get_absolute_url()
    masuk(client, d.pengurus_a)
    page = client.get(url).content.decode()
    assert "Ajukan ke lurah dan Dinas Sosial" in page and "Mengetahui laporan" not in page
    assert "Penyuluhan" not in page  # aggregates only: no titles or names on the laporan
    client.post(url, {"kendala": "Hujan", "rencana": "Pendataan ulang"})
    r = client.post(reverse("distribution:laporan-ajukan", args=[d.a.wksbm.pk, laporan.pk]))
    assert r.status_code == 302
    page = client.get(url).content.decode()
    assert "terkunci" in page and "Buka kembali untuk revisi" in page
    masuk(client, d.lurah_a)
    home = client.get(reverse("home")).content.decode()
    assert "Laporan WKSBM menunggu diketahui" in home and "Oktober 2026" in home
    page = client.get(url).content.decode()
    assert "Mengetahui laporan" in page and "Ajukan ke lurah" not in page
    client.post(reverse("distribution:laporan-ketahui", args=[d.a.wksbm.pk, laporan.pk]))
    masuk(client, d.dinsos)
    assert "Terima laporan" in client.get(url).content.decode()
    client.post(reverse("distribution:laporan-terima", args=[d.a.wksbm.pk, laporan.pk]))
    laporan.refresh_from_db()
    assert laporan.status == Laporan.Status.DITERIMA and laporan.kendala == "Hujan"
    pdf = client.get(reverse("distribution:laporan-pdf", args=[d.a.wksbm.pk, laporan.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content)[:4] == b"%PDF"


def test_buat_laporan_lewat_formulir(client, buku):
    masuk(client, buku.pengurus_a)
    url = reverse("distribution:laporan-create", args=[buku.a.wksbm.pk])
    assert client.get(url).status_code == 200
    salah = client.post(url, {"jenis_periode": "triwulan", "tahun": "2026", "ke": "5"})
    assert salah.status_code == 400 and "isi 1–4" in salah.content.decode()
    r = client.post(url, {"jenis_periode": "triwulan", "tahun": "2026", "ke": "3"})
    laporan = Laporan.objects.get(wksbm=buku.a.wksbm)
    assert r["Location"] == laporan.get_absolute_url()
    assert (laporan.mulai, laporan.akhir) == (date(2026, 7, 1), date(2026, 9, 30))
    assert laporan.nama_periode == "Triwulan III 2026"


def test_daftar_laporan_kueri_tetap_dan_saringan(client, buku, django_assert_max_num_queries):
    d = buku
    _laporan(d, "bulan", 2026, 1)
    masuk(client, d.pengurus_a)
    url = reverse("distribution:laporan-list", args=[d.a.wksbm.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as satu:
        client.get(url)
    for ke in range(2, 11):
        _laporan(d, "bulan", 2026, ke)
    _laporan(d, "semester", 2026, 1)
    with CaptureQueriesContext(connection) as sebelas:
        client.get(url)
    assert len(satu) == len(sebelas)
    # session, user, roles, WKSBM, count, the page of rows, the session saved, and the
    # layout's own (one more on PostgreSQL): the same for 11 rows as for 1
    with django_assert_max_num_queries(10):
        page = client.get(url).content.decode()
    assert "Oktober 2026" in page and "Semester I 2026" in page
    saring = client.get(url, {"jenis": "semester"}).content.decode()
    assert "Semester I 2026" in saring and "Oktober 2026" not in saring


def test_halaman_laporan_kueri_terbatas(client, buku, django_assert_max_num_queries):
    laporan = _laporan(buku)
    masuk(client, buku.pengurus_a)
    # session, user, roles, WKSBM, laporan, versions, history, and the compile (~12)
    with django_assert_max_num_queries(25):
        assert client.get(laporan.get_absolute_url()).status_code == 200
    services.ajukan(laporan=laporan, oleh=buku.pengurus_a)
    # frozen: the stored figures, no compile
    with django_assert_max_num_queries(10):
        page = client.get(laporan.get_absolute_url()).content.decode()
    assert "Rp1.250.000,00" in page


def test_halaman_verifikasi_publik_tanpa_data_pribadi(client, buku):
    laporan = _laporan(buku)
    versi = services.ajukan(laporan=laporan, oleh=buku.pengurus_a)
    page = client.get(reverse("distribution:laporan-verifikasi", args=[versi.token]))
    assert page.status_code == 200
    teks = page.content.decode()
    for isi in ("WKSBM Ngudi Rahayu", "Oktober 2026", versi.hash_pdf, "Diajukan"):
        assert isi in teks
    nama = [r.ppks.nama for r in Penerima.objects.select_related("ppks")]
    assert nama
    for pribadi in ("Suparno", "Bambang", *nama):
        assert pribadi not in teks
    assert client.get(reverse("distribution:laporan-verifikasi", args=["palsu"])).status_code == 404


def test_impor_excel_ke_periode_terkunci_ditolak_per_baris(client, buku):
    from registry.models import Barang
    from tests.registry.test_buku_inventaris import BAIK, _template, _upload, _with_rows

    services.ajukan(laporan=_laporan(buku), oleh=buku.pengurus_a)
    masuk(client, buku.pengurus_a)
    a = buku.a.wksbm
    oktober = [*BAIK[:5], date(2026, 10, 12), *BAIK[6:]]
    html = _upload(client, a, _with_rows(_template(client, a), [BAIK, oktober])).content.decode()
    assert "1 bermasalah" in html and PESAN_KUNCI in html
    assert not Barang.objects.exists()
