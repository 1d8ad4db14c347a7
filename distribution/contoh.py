"""Demo kegiatan and penyaluran for one WKSBM (used by `seed_demo`), a year 2026 of them.

`isi` records the year's kegiatan, one of every jenis, with their penanggung jawab, partners,
participants and budget. `langkah` gives the money-year of finance.contoh the rounds to run in
date order beside its own postings (before months are closed): monthly santunan to PPKS with
a disability and to children, rice from the jimpitan stock for the elderly, a zakat round
with each recipient's asnaf, a few recipients not found or refusing, and this month's round
planned and waiting on the field checklist. Every hand-over posts through
distribution.services, so the money books show each pengeluaran once; a round the fund or
stock cannot cover is left out rather than refused.
"""

from datetime import date
from decimal import Decimal
from functools import partial

from django.db import transaction
from django.utils import timezone

from finance import services as keuangan
from finance.contoh.dasar import TAHUN, Buku, Langkah, pada
from finance.models import Dana, SaldoStok
from registry.models import Mitra, Ppks
from wksbm import formatting

from . import services
from .models import AnggaranKegiatan, Kegiatan, Penerima, Penyaluran

D = Decimal
SANTUNAN = "Santunan bulanan lansia, penyandang disabilitas dan anak"
DISABILITAS_ANAK = ("PD", "ADK", "AT")
LANSIA = ("LUT",)
FAKIR_MISKIN = ("FM",)

# (month, day, last day or None, jenis, judul, tempat, peserta (anak L/P, dewasa L/P, lansia
# L/P), budget from Dana Umum in Rupiah or "")
KEGIATAN = [
    (1, 2, (12, 31), "jaminan_sosial", SANTUNAN, "Rumah penerima", (4, 3, 2, 1, 2, 3), ""),
    (1, 3, (12, 26), "penggalangan_dana", "Gerakan jimpitan beras dan uang", "Tiap RT",
     (0, 0, 60, 40, 10, 5), ""),
    (1, 24, None, "perlindungan", "Bantuan darurat korban angin kencang", "RT 05",
     (2, 3, 2, 2, 1, 1), "1500000"),
    (2, 20, (3, 19), "penggalangan_dana", "Penggalangan zakat dan infak Ramadan",
     "Masjid Al-Ikhlas", (0, 0, 45, 38, 12, 9), ""),
    (4, 12, None, "penggalangan_dana", "Proposal bantuan CSR ke BPR Bantul", "Kantor BPR",
     (0, 0, 3, 1, 0, 0), ""),
    (4, 28, None, "perlindungan", "Perbaikan atap rumah tidak layak huni", "RT 03",
     (1, 1, 6, 2, 1, 0), "4750000"),
    (6, 27, None, "rujukan", "Pendampingan rujukan ke RSUD Panembahan Senopati",
     "RSUD Panembahan Senopati", (0, 0, 1, 1, 0, 1), "150000"),
    (7, 25, None, "pemberdayaan", "Pelatihan menjahit bagi ibu rumah tangga prasejahtera",
     "Balai padukuhan", (0, 0, 0, 18, 0, 2), "2250000"),
    (8, 22, None, "pencegahan", "Penyuluhan bahaya narkoba bersama Karang Taruna",
     "Balai kalurahan", (24, 19, 6, 4, 0, 0), "1250000"),
    (9, 19, None, "pemberdayaan", "Pendampingan usaha warung keluarga miskin", "RT 02",
     (0, 0, 2, 3, 0, 0), "2000000"),
    (10, 9, None, "rehabilitasi", "Kursi roda dan latihan berjalan bagi lansia", "Rumah penerima",
     (0, 0, 0, 0, 1, 1), ""),
    (11, 7, None, "pencegahan", "Pelatihan siaga bencana gempa bumi", "Lapangan padukuhan",
     (18, 22, 30, 34, 5, 7), "800000"),
    (11, 20, None, "rujukan", "Pendampingan rujukan lansia ke LKS Ngesti Mulyo",
     "LKS Ngesti Mulyo", (0, 0, 1, 0, 1, 0), "350000"),
    (12, 2, None, "pencegahan", "Sarasehan kesehatan reproduksi remaja", "Balai kalurahan",
     (21, 26, 3, 5, 0, 0), "900000"),
]  # fmt: skip


@transaction.atomic
def isi(wksbm, *, user) -> None:
    """The year's kegiatan up to today (nothing when the WKSBM has kegiatan)."""
    if Kegiatan.objects.filter(wksbm=wksbm).exists():
        return
    hari_ini = timezone.localdate()
    kepengurusan = wksbm.kepengurusan_berlaku()
    pengurus = list(kepengurusan.anggota.order_by("id")) if kepengurusan else []
    mitra = list(Mitra.objects.filter(wksbm=wksbm).order_by("nama", "id"))
    keuangan.pastikan_dana_bawaan(wksbm)
    umum = Dana.objects.get(wksbm=wksbm, nama="Dana Umum")
    for i, (bulan, hari, sampai, jenis, judul, tempat, peserta, anggaran) in enumerate(KEGIATAN):
        mulai = pada(bulan, hari)
        if mulai > hari_ini:
            continue
        selesai = min(date(TAHUN, *sampai), hari_ini) if sampai else None
        k = Kegiatan.objects.create(
            wksbm=wksbm,
            jenis=jenis,
            judul=judul,
            tanggal=mulai,
            tanggal_selesai=selesai,
            tempat=tempat,
            uraian=f"{judul} ({tempat}), dilaporkan dalam rapat pengurus bulan berikutnya.",
            penanggung_jawab=pengurus[i % len(pengurus)] if pengurus else None,
            **dict(zip(_PESERTA, peserta, strict=True)),
        )
        if mitra:
            k.mitra.add(mitra[i % len(mitra)])
        if anggaran:
            AnggaranKegiatan.objects.create(kegiatan=k, dana=umum, jumlah=D(anggaran))


_PESERTA = [
    "peserta_anak_l",
    "peserta_anak_p",
    "peserta_dewasa_l",
    "peserta_dewasa_p",
    "peserta_lansia_l",
    "peserta_lansia_p",
]


def _aktif(wksbm, kode: tuple[str, ...]) -> list[Ppks]:
    found = Ppks.objects.filter(wksbm=wksbm, status=Ppks.Status.AKTIF, kategori__kode__in=kode)
    return list(found.distinct().order_by("nama", "id"))


def _ronde(buku: Buku, tanggal: date, judul: str, *, bentuk="uang", dana: str, pagu) -> Penyaluran:
    kegiatan = Kegiatan.objects.filter(wksbm=buku.wksbm, judul=SANTUNAN).first()
    obj = Penyaluran.objects.create(
        wksbm=buku.wksbm,
        nomor=services.nomor_baru(buku.wksbm),
        judul=judul,
        tanggal=tanggal,
        kegiatan=kegiatan,
        jenis=kegiatan.jenis if kegiatan else "jaminan_sosial",
        bentuk=bentuk,
        kas=buku.kas["tunai"] if bentuk != "natura" else None,
        komoditas=buku.beras if bentuk == "natura" else None,
        dibuat_oleh=buku.oleh,
    )
    field = "pagu_banyak" if bentuk == "natura" else "pagu"
    obj.dana.create(dana=buku.dana[dana], **{field: D(pagu)})
    return obj


KETERANGAN = {
    "tidak_ditemukan": "Rumah kosong; menurut tetangga keluarga sedang merantau.",
    "menolak": "Merasa sudah cukup dibantu anaknya; disarankan untuk tetangga yang lebih perlu.",
}


def _serahkan_semua(buku: Buku, rows: list[Penerima], tanggal: date, tidak=None) -> None:
    """Hand over every row but those in `tidak` ({index: alasan}), not delivered."""
    tidak = tidak or {}
    for i, row in enumerate(rows):
        if i in tidak:
            services.tidak_tersalurkan(
                penerima=row, oleh=buku.oleh, alasan=tidak[i], keterangan=KETERANGAN[tidak[i]]
            )
        else:
            services.serahkan(penerima=row, oleh=buku.oleh, tanggal=tanggal)


def _santunan(buku: Buku, bulan: int, tanggal: date) -> None:
    """Rp150.000 to each PPKS with a disability and each child, from Dana Umum; this month's
    round is planned only (the pengurus hand it over with the field checklist)."""
    orang = _aktif(buku.wksbm, DISABILITAS_ANAK)
    jumlah = D(150000)
    if not orang or buku.saldo("Dana Umum", "tunai") < jumlah * len(orang):
        return
    nama = formatting.BULAN[bulan - 1]
    obj = _ronde(
        buku, tanggal, f"Santunan disabilitas dan anak {nama}", dana="Dana Umum",
        pagu=jumlah * len(orang),
    )  # fmt: skip
    rows = services.tambah_penerima(
        penyaluran=obj, oleh=buku.oleh, ppks=orang, dana=buku.dana["Dana Umum"], jumlah=jumlah
    )
    if tanggal.month == timezone.localdate().month:
        return
    tidak = {0: "tidak_ditemukan"} if bulan % 4 == 0 else {}
    if bulan == 6:
        tidak = {len(rows) - 1: "menolak"}
    _serahkan_semua(buku, rows, tanggal, tidak)


def _beras(buku: Buku, bulan: int, tanggal: date) -> None:
    """5 kg of jimpitan rice to each elderly PPKS (Bantul lumbung beras: ≥ 5 kg a person),
    when the stock holds it with 10 kg to spare."""
    orang = _aktif(buku.wksbm, LANSIA)
    per = D(5)
    stok = SaldoStok.objects.filter(komoditas=buku.beras, dana=buku.dana["Dana Jimpitan"])
    ada = stok.values_list("jumlah", flat=True).first() or D(0)
    if not orang or ada < per * len(orang) + 10:
        return
    nama = formatting.BULAN[bulan - 1]
    obj = _ronde(
        buku, tanggal, f"Beras jimpitan untuk lansia {nama}", bentuk="natura",
        dana="Dana Jimpitan", pagu=per * len(orang),
    )  # fmt: skip
    rows = services.tambah_penerima(
        penyaluran=obj, oleh=buku.oleh, ppks=orang, dana=buku.dana["Dana Jimpitan"], banyak=per
    )
    _serahkan_semua(buku, rows, tanggal)


def _zakat(buku: Buku, tanggal: date) -> None:
    """Zakat fitrah money for fakir and miskin PPKS before Idul Fitri, each with an asnaf."""
    orang = _aktif(buku.wksbm, FAKIR_MISKIN)
    jumlah = D(200000)
    if not orang or buku.saldo("Dana Zakat", "tunai") < jumlah * len(orang):
        return
    obj = _ronde(
        buku, tanggal, "Zakat fitrah uang untuk fakir miskin", dana="Dana Zakat",
        pagu=jumlah * len(orang),
    )  # fmt: skip
    rows = []
    for i, asnaf in enumerate(("fakir", "miskin")):
        rows += services.tambah_penerima(
            penyaluran=obj,
            oleh=buku.oleh,
            ppks=orang[i::2],
            dana=buku.dana["Dana Zakat"],
            jumlah=jumlah,
            asnaf=asnaf,
        ) if orang[i::2] else []  # fmt: skip
    _serahkan_semua(buku, rows, tanggal)


def langkah(buku: Buku) -> list[Langkah]:
    """The year's rounds, as steps of finance.contoh's money year (nothing twice)."""
    if Penyaluran.objects.filter(wksbm=buku.wksbm).exists():
        return []
    hari_ini = timezone.localdate()
    steps: list[Langkah] = []
    for bulan in range(1, 13):
        santunan = pada(bulan, 20)
        if bulan == hari_ini.month and hari_ini.year == TAHUN:
            santunan = hari_ini  # this month's round: planned today, handed over later
        steps.append((santunan, 1, partial(_santunan, buku, bulan)))
        steps.append((pada(bulan, 12), 1, partial(_beras, buku, bulan)))
    steps.append((pada(3, 18), 1, partial(_zakat, buku)))
    return steps
