"""The demo year's jimpitan and goods in kind: weekly rounds of money and rice, rice sold
each month and the rest kept, rice from donors, zakat fitrah in rice handed out."""

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from registry.models import Donatur

from .. import jimpitan as ronda_jimpitan
from .. import natura as stok
from ..models.natura import SaldoStok
from .dasar import DANA_TUJUAN, FAKIR_MISKIN, TAHUN, Buku, D, Langkah, pada, ppks_aktif

# Jimpitan: each regu brings its week's takings on Saturday night: Rp500 and a spoonful of
# rice a night from each house (Rp3.500 and about 1 cangkir a week). RT 01 lists its houses.
REGU = [("RT 01", "Sukirno"), ("RT 02", "Paijo"), ("RT 03-04", "Mujiono")]
WARGA_RT01 = [
    "Sukirno", "Parjiyem", "Tukiman", "Wagiyo", "Sumarni", "Ngadiyo",
    "Painem", "Suratno", "Wakijan", "Tumiyem", "Sarjono", "Kasiyo",
]  # fmt: skip
RUMAH = {"RT 02": 36, "RT 03-04": 52}
UANG_SEMINGGU = D(3500)
HARGA_BERAS = D(12000)  # per kg, sold to the village warung
# Jimpitan money for neighbours in trouble: (month, day, uraian, Rupiah).
TILIK = [
    (2, 21, "Tali asih warga sakit rawat inap (RT 02)", "250000"),
    (5, 9, "Santunan lelayu keluarga Bp. Darmo (RT 03)", "300000"),
    (7, 18, "Tali asih warga sakit rawat inap (RT 01)", "250000"),
    (9, 26, "Santunan lelayu keluarga Ibu Sainem (RT 04)", "300000"),
    (11, 14, "Tali asih warga sakit rawat inap (RT 03)", "250000"),
]


def _sabtu() -> list[date]:
    pertama = pada(1, 3)  # the first Saturday of 2026
    return [pertama + timedelta(weeks=i) for i in range(52)]


def _ronda(buku: Buku, beras_cangkir, regu: str, petugas: str, minggu: int) -> Callable:
    """One regu's week: some houses miss a week; RT 01 lists each house."""
    harap = len(WARGA_RT01) if regu == "RT 01" else RUMAH[regu]
    absen = {(minggu * 5 + i * 7) % harap for i in range(minggu % 4)}
    setoran = []
    if regu == "RT 01":
        setoran = [
            {"nama": nama, "setor": i not in absen,
             "uang": UANG_SEMINGGU if i not in absen else None,
             "beras": D(1) if i not in absen else None}
            for i, nama in enumerate(WARGA_RT01)
        ]  # fmt: skip
    setor = harap - len(absen)
    return partial(
        ronda_jimpitan.catat_ronda,
        wksbm=buku.wksbm,
        oleh=buku.oleh,
        periode="minggu",
        regu=regu,
        petugas=petugas,
        rumah_diharapkan=harap,
        rumah_setor=setor,
        uang=UANG_SEMINGGU * setor,
        beras=D(setor),
        satuan_beras=beras_cangkir,
        dana=buku.dana["Dana Jimpitan"],
        kas=buku.kas["tunai"],
        setoran=setoran,
    )


def jimpitan(buku: Buku) -> list[Langkah]:
    """Weekly rounds of three regu; on the last Saturday of a month two thirds of the rice in
    stock (whole kg) is sold to the warung, the rest kept for penyaluran."""
    cangkir = buku.beras.satuan.get(satuan="cangkir")
    langkah = []
    sabtu = _sabtu()
    for minggu, tanggal in enumerate(sabtu):
        for regu, petugas in REGU:
            ronda = _ronda(buku, cangkir, regu, petugas, minggu)
            langkah.append((tanggal, 0, lambda t, ronda=ronda: ronda(tanggal=t)))

    def jual(tanggal: date) -> None:
        ada = SaldoStok.objects.get(komoditas=buku.beras, dana=buku.dana["Dana Jimpitan"]).jumlah
        kg = (ada * 2 / 3).to_integral_value(rounding="ROUND_FLOOR")
        if kg > 0:
            buku.stok(
                stok.jual_natura,
                tanggal,
                kg,
                dana="Dana Jimpitan",
                kas=buku.kas["tunai"],
                harga_satuan=HARGA_BERAS,
                nilai=kg * HARGA_BERAS,
                pembeli="Warung Bu Sum",
            )

    akhir_bulan = {t.month: t for t in sabtu}
    langkah += [(t, 1, jual) for t in akhir_bulan.values()]
    for bulan, hari, uraian, jumlah in TILIK:
        aksi = partial(
            buku.keluar,
            jumlah=jumlah,
            uraian=uraian,
            dana="Dana Jimpitan",
            kegiatan="perlindungan",
            penerima="Keluarga yang bersangkutan",
        )
        langkah.append((pada(bulan, hari), 1, aksi))
    susut = partial(
        buku.stok,
        stok.susutkan,
        jumlah=2,
        dana="Dana Jimpitan",
        alasan="Beras berkutu dan lembap setelah hujan deras; dibuang (berita acara rapat).",
    )
    langkah.append((pada(8, 29), 2, susut))
    return langkah


def natura(buku: Buku) -> list[Langkah]:
    """Rice from the donatur who give it monthly (into the fund of their purpose), and zakat
    fitrah in rice (2,5 kg a person), all of it handed to fakir and miskin before the Idul
    Fitri prayer."""
    langkah = []
    pemberi = Donatur.objects.filter(
        wksbm=buku.wksbm, donatur_tetap=True, satuan_komitmen=Donatur.Satuan.BERAS
    ).order_by("kode")
    for donatur in pemberi:
        mulai = donatur.sejak if donatur.sejak and donatur.sejak.year == TAHUN else pada(1, 1)
        for bulan in range(mulai.month + 1, 13):
            aksi = partial(
                buku.stok,
                stok.terima_natura,
                jumlah=donatur.komitmen,
                dana=DANA_TUJUAN.get(donatur.tujuan, "Dana Umum"),
                donatur=donatur,
                uraian=f"Beras bulanan {donatur.nama_publik}",
            )
            langkah.append((pada(bulan, 5), 0, aksi))
    fitrah = partial(
        buku.stok,
        stok.terima_natura,
        jumlah=120,
        dana="Dana Zakat",
        pemberi="Warga 48 jiwa @ 2,5 kg (dikumpulkan takmir masjid)",
        uraian="Zakat fitrah beras",
    )
    langkah.append((pada(3, 17), 0, fitrah))

    def bagikan(tanggal: date) -> None:
        sisa, bagian = D(120), []
        for ppks in ppks_aktif(buku.wksbm, FAKIR_MISKIN):
            if ppks and sisa > 0:
                bagian.append((ppks, min(D(10), sisa)))
                sisa -= bagian[-1][1]
        if sisa > 0:
            bagian.append((None, sisa))
        for i, (ppks, jumlah) in enumerate(bagian):
            buku.stok(
                stok.salurkan_natura,
                tanggal,
                jumlah,
                dana="Dana Zakat",
                penerima=ppks,
                nama_penerima="" if ppks else "Warga fakir miskin (daftar terlampir)",
                asnaf="fakir" if i % 2 == 0 else "miskin",
                uraian="Zakat fitrah beras",
            )

    langkah.append((pada(3, 19), 1, bagikan))
    return langkah
