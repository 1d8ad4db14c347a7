"""Every write to the money books goes through one of these functions.

Each is atomic, checks the acting user's role, appends to the WKSBM's hash chain under a
lock (so entries of one WKSBM are posted one at a time), and keeps fund and cash balances
from going below zero with a conditional UPDATE.
"""

import secrets
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Round
from django.utils import timezone

from registry.access import boleh_menulis
from registry.models import Jabatan, Wksbm
from wksbm import formatting
from wksbm.models import next_number

from . import ledger
from .models import (
    Asnaf,
    Dana,
    Jurnal,
    Kas,
    PengaturanKeuangan,
    RantaiJurnal,
    Saldo,
    Sumber,
    TutupBuku,
)

PENULIS_KEUANGAN = frozenset({Jabatan.BENDAHARA, Jabatan.KETUA})
SUMBER_ZAKAT = (Sumber.ZAKAT_MAAL, Sumber.ZAKAT_FITRAH)
BULAN = formatting.BULAN


class TransaksiDitolak(Exception):
    """A posting the rules refuse; the message is for the user, in Indonesian."""


def pastikan_dana_bawaan(wksbm: Wksbm) -> None:
    """Dana Umum, Dana Zakat, Dana Jimpitan and a cash box exist for every WKSBM."""
    bawaan = [
        ("Dana Umum", Dana.Jenis.UMUM, False),
        ("Dana Zakat", Dana.Jenis.ZAKAT, True),
        ("Dana Jimpitan", Dana.Jenis.JIMPITAN, False),
    ]
    for nama, jenis, terbatas in bawaan:
        dana, _ = Dana.objects.get_or_create(
            wksbm=wksbm, nama=nama, defaults={"jenis": jenis, "terbatas": terbatas}
        )
        Saldo.objects.get_or_create(dana=dana)
    kas, _ = Kas.objects.get_or_create(wksbm=wksbm, nama="Kas tunai")
    Saldo.objects.get_or_create(kas=kas)
    PengaturanKeuangan.objects.get_or_create(wksbm=wksbm)


def pengaturan(wksbm: Wksbm) -> PengaturanKeuangan:
    """The WKSBM's finance settings (receipt numbering, basis for handling zakat)."""
    return PengaturanKeuangan.objects.get_or_create(wksbm=wksbm)[0]


def tolak_zakat(*, wksbm: Wksbm, sumber: str, dana: Dana | None) -> str:
    """Why a zakat receipt may not be recorded (empty when it may)."""
    if sumber not in SUMBER_ZAKAT:
        return ""
    if pengaturan(wksbm).dasar_zakat == PengaturanKeuangan.DasarZakat.TIDAK:
        return (
            "WKSBM ini tercatat tidak menangani zakat, sehingga zakat tidak dapat dicatat. "
            "Bila WKSBM menjadi UPZ BAZNAS atau sudah memberitahu pejabat berwenang (Putusan MK "
            "86/PUU-X/2012), ketua atau bendahara mengubah dasar pengelolaan di Laporan Zakat."
        )
    if dana is not None and not dana.zakat:
        return "Zakat dicatat ke Dana Zakat, terpisah dari dana lain."
    return ""


def periode_tertutup(wksbm: Wksbm, tanggal: date) -> bool:
    last = (
        TutupBuku.objects.filter(wksbm=wksbm, tahun=tanggal.year, bulan=tanggal.month)
        .order_by("-pada", "-id")
        .values_list("aksi", flat=True)
        .first()
    )
    return last == TutupBuku.Aksi.TUTUP


def _periksa_peran(oleh, wksbm: Wksbm) -> None:
    if not boleh_menulis(oleh, wksbm, PENULIS_KEUANGAN):
        raise TransaksiDitolak("Hanya bendahara atau ketua WKSBM ini yang mencatat keuangan.")


def _ubah_saldo(*, dana: Dana, kas: Kas, jumlah: Decimal) -> None:
    """Add `jumlah` (negative to spend) to both balances, refusing to go below zero."""
    for field, obj in (("dana", dana), ("kas", kas)):
        Saldo.objects.get_or_create(**{field: obj})
        rows = Saldo.objects.filter(**{field: obj})
        if jumlah < 0:
            rows = rows.filter(jumlah__gte=-jumlah)
        # Rounded: SQLite keeps decimals as binary floats, so sums drift (1,88 + 1,01 − 1,88
        # = 1,0099999999999998) and spending exactly the balance was refused.
        if rows.update(jumlah=Round(F("jumlah") + jumlah, 2)) == 0:
            tersedia = Saldo.objects.get(**{field: obj}).jumlah
            raise TransaksiDitolak(
                f"Saldo {obj} tidak cukup: tersedia {formatting.rupiah(tersedia)}, "
                f"dibutuhkan {formatting.rupiah(-jumlah)}."
            )


def nomor_kuitansi(wksbm: Wksbm, tanggal: date) -> str:
    """The next receipt number of the year (gap-free: taken in the posting transaction)."""
    aturan = pengaturan(wksbm)
    urut = next_number(f"kuitansi:{wksbm.pk}:{tanggal.year}")
    kode = (
        aturan.kode
        or "".join(
            w[0] for w in wksbm.nama.split() if w[0].isalnum() and w.upper() != "WKSBM"
        ).upper()
    )
    return aturan.pola_kuitansi.format(
        urut=urut,
        kode=kode,
        bulan=tanggal.month,
        bulan_romawi=formatting.bulan_romawi(tanggal),
        tahun=tanggal.year,
    )


@transaction.atomic
def posting(
    *,
    wksbm: Wksbm,
    oleh,
    arah: str,
    tanggal: date,
    dana: Dana,
    kas: Kas,
    jumlah: Decimal,
    uraian: str,
    **fields,
) -> Jurnal:
    """Append one entry to the WKSBM's journal (the one place that writes Jurnal)."""
    jumlah = Decimal(jumlah)
    if jumlah <= 0:
        raise TransaksiDitolak("Jumlah harus lebih dari Rp0.")
    if dana.wksbm_id != wksbm.pk or kas.wksbm_id != wksbm.pk:
        raise TransaksiDitolak("Dana atau kas bukan milik WKSBM ini.")
    if not (dana.aktif and kas.aktif):
        raise TransaksiDitolak("Dana atau kas sudah tidak aktif.")
    if periode_tertutup(wksbm, tanggal):
        raise TransaksiDitolak(
            f"Periode {BULAN[tanggal.month - 1]} {tanggal.year} sudah ditutup; "
            "catat pada periode yang masih terbuka."
        )
    jenis = fields.get("jenis", Jurnal.Jenis.BIASA)
    zakat_keluar = arah == Jurnal.Arah.KELUAR and dana.zakat and jenis == Jurnal.Jenis.BIASA
    if zakat_keluar and fields.get("asnaf") not in Asnaf.values:
        raise TransaksiDitolak("Pengeluaran Dana Zakat wajib menyebut asnaf penerimanya.")

    RantaiJurnal.objects.get_or_create(wksbm=wksbm)
    kepala = RantaiJurnal.objects.select_for_update().get(wksbm=wksbm)
    _ubah_saldo(dana=dana, kas=kas, jumlah=jumlah if arah == Jurnal.Arah.MASUK else -jumlah)
    entri = Jurnal(
        wksbm=wksbm,
        nomor=kepala.nomor_terakhir + 1,
        tanggal=tanggal,
        arah=arah,
        dana=dana,
        kas=kas,
        jumlah=jumlah,
        uraian=uraian.strip(),
        dicatat_oleh=oleh,
        dicatat_pada=timezone.now().replace(microsecond=0),
        hash_sebelum=kepala.hash_terakhir,
        **fields,
    )
    if arah == Jurnal.Arah.MASUK and jenis == Jurnal.Jenis.BIASA:
        entri.nomor_kuitansi = nomor_kuitansi(wksbm, tanggal)
        entri.token = secrets.token_urlsafe(24)
    entri.hash = ledger.tanda(entri)
    entri.save()
    kepala.nomor_terakhir, kepala.hash_terakhir = entri.nomor, entri.hash
    kepala.save(update_fields=["nomor_terakhir", "hash_terakhir"])
    return entri


def catat_pemasukan(
    *,
    wksbm: Wksbm,
    oleh,
    tanggal: date,
    sumber: str,
    dana: Dana,
    kas: Kas,
    jumlah: Decimal,
    uraian: str,
    **fields,
) -> Jurnal:
    """Record a receipt (donasi, zakat, usaha, jimpitan, …); it gets a numbered kuitansi.
    Zakat follows the WKSBM's basis for handling it, into Dana Zakat only."""
    _periksa_peran(oleh, wksbm)
    if pesan := tolak_zakat(wksbm=wksbm, sumber=sumber, dana=dana):
        raise TransaksiDitolak(pesan)
    return posting(
        wksbm=wksbm,
        oleh=oleh,
        arah=Jurnal.Arah.MASUK,
        tanggal=tanggal,
        dana=dana,
        kas=kas,
        jumlah=jumlah,
        uraian=uraian,
        sumber=sumber,
        **fields,
    )


def catat_pengeluaran(
    *,
    wksbm: Wksbm,
    oleh,
    tanggal: date,
    kegiatan: str,
    dana: Dana,
    kas: Kas,
    jumlah: Decimal,
    uraian: str,
    **fields,
) -> Jurnal:
    """Record spending. The distribution app calls this for each penyaluran, so money out
    is recorded once."""
    _periksa_peran(oleh, wksbm)
    return posting(
        wksbm=wksbm,
        oleh=oleh,
        arah=Jurnal.Arah.KELUAR,
        tanggal=tanggal,
        dana=dana,
        kas=kas,
        jumlah=jumlah,
        uraian=uraian,
        kegiatan=kegiatan,
        **fields,
    )


@transaction.atomic
def batalkan(*, entri: Jurnal, oleh, alasan: str, tanggal: date | None = None) -> Jurnal:
    """Correct a posted entry by a reversal entry; the original shows as dibatalkan."""
    _periksa_peran(oleh, entri.wksbm)
    alasan = alasan.strip()
    if not alasan:
        raise TransaksiDitolak("Alasan pembatalan wajib diisi.")
    entri = Jurnal.objects.select_related("dana", "kas", "wksbm").get(pk=entri.pk)
    if entri.jenis == Jurnal.Jenis.PEMBATALAN:
        raise TransaksiDitolak("Entri pembatalan tidak dapat dibatalkan lagi.")
    if entri.jenis == Jurnal.Jenis.REKLASIFIKASI:
        raise TransaksiDitolak("Reklasifikasi dikoreksi dengan reklasifikasi baliknya.")
    if Jurnal.objects.filter(membatalkan=entri).exists():
        raise TransaksiDitolak(f"Entri #{entri.nomor} sudah dibatalkan.")
    berlawanan = Jurnal.Arah.KELUAR if entri.arah == Jurnal.Arah.MASUK else Jurnal.Arah.MASUK
    return posting(
        wksbm=entri.wksbm,
        oleh=oleh,
        arah=berlawanan,
        tanggal=tanggal or timezone.localdate(),
        dana=entri.dana,
        kas=entri.kas,
        jumlah=entri.jumlah,
        uraian=f"Pembatalan #{entri.nomor}: {entri.uraian}"[:255],
        jenis=Jurnal.Jenis.PEMBATALAN,
        sumber=entri.sumber,
        kegiatan=entri.kegiatan,
        asnaf=entri.asnaf,
        membatalkan=entri,
        alasan=alasan,
    )


@transaction.atomic
def reklasifikasi(
    *,
    wksbm: Wksbm,
    oleh,
    dari: Dana,
    ke: Dana,
    kas: Kas,
    jumlah: Decimal,
    alasan: str,
    tanggal: date,
    tujuan_terpenuhi: bool = False,
) -> tuple[Jurnal, Jurnal]:
    """Move money between funds: a pair of entries with a reason."""
    _periksa_peran(oleh, wksbm)
    if dari.pk == ke.pk:
        raise TransaksiDitolak("Dana asal dan tujuan harus berbeda.")
    if not alasan.strip():
        raise TransaksiDitolak("Alasan reklasifikasi wajib diisi.")
    if dari.zakat:
        raise TransaksiDitolak("Dana Zakat hanya untuk 8 asnaf dan tidak dapat dipindahkan.")
    if dari.terbatas and not tujuan_terpenuhi:
        raise TransaksiDitolak(
            f"{dari} adalah dana terikat: pindahkan hanya bila tujuannya sudah terpenuhi."
        )
    common = {
        "wksbm": wksbm,
        "oleh": oleh,
        "tanggal": tanggal,
        "kas": kas,
        "jumlah": jumlah,
        "jenis": Jurnal.Jenis.REKLASIFIKASI,
        "alasan": alasan.strip(),
    }
    keluar = posting(arah=Jurnal.Arah.KELUAR, dana=dari, uraian=f"Reklasifikasi ke {ke}", **common)
    masuk = posting(
        arah=Jurnal.Arah.MASUK,
        dana=ke,
        uraian=f"Reklasifikasi dari {dari}",
        pasangan=keluar,
        **common,
    )
    return keluar, masuk


@transaction.atomic
def tutup_buku(*, wksbm: Wksbm, oleh, tahun: int, bulan: int) -> TutupBuku:
    """Freeze a finished month; its chain head is printed on the closing report."""
    _periksa_peran(oleh, wksbm)
    hari_ini = timezone.localdate()
    if (tahun, bulan) >= (hari_ini.year, hari_ini.month):
        raise TransaksiDitolak("Hanya bulan yang sudah berakhir yang dapat ditutup.")
    RantaiJurnal.objects.get_or_create(wksbm=wksbm)
    kepala = RantaiJurnal.objects.select_for_update().get(wksbm=wksbm)
    if periode_tertutup(wksbm, date(tahun, bulan, 1)):
        raise TransaksiDitolak(f"{BULAN[bulan - 1]} {tahun} sudah ditutup.")
    return TutupBuku.objects.create(
        wksbm=wksbm,
        tahun=tahun,
        bulan=bulan,
        aksi=TutupBuku.Aksi.TUTUP,
        oleh=oleh,
        nomor_terakhir=kepala.nomor_terakhir,
        hash_kepala=kepala.hash_terakhir,
    )


@transaction.atomic
def buka_kembali(*, wksbm: Wksbm, oleh, tahun: int, bulan: int, alasan: str) -> TutupBuku:
    """Reopen a closed month: the ketua only, with a reason, and recorded."""
    if not boleh_menulis(oleh, wksbm, {Jabatan.KETUA}):
        raise TransaksiDitolak("Hanya ketua yang dapat membuka kembali buku yang sudah ditutup.")
    if not alasan.strip():
        raise TransaksiDitolak("Alasan membuka kembali wajib diisi.")
    RantaiJurnal.objects.get_or_create(wksbm=wksbm)
    kepala = RantaiJurnal.objects.select_for_update().get(wksbm=wksbm)
    if not periode_tertutup(wksbm, date(tahun, bulan, 1)):
        raise TransaksiDitolak(f"{BULAN[bulan - 1]} {tahun} tidak dalam keadaan tertutup.")
    return TutupBuku.objects.create(
        wksbm=wksbm,
        tahun=tahun,
        bulan=bulan,
        aksi=TutupBuku.Aksi.BUKA,
        oleh=oleh,
        alasan=alasan.strip(),
        nomor_terakhir=kepala.nomor_terakhir,
        hash_kepala=kepala.hash_terakhir,
    )
