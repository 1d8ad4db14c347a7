"""Every write to the money books goes through one of these functions.

Each is atomic, checks the acting user's role, appends to the WKSBM's hash chain under a
lock (so entries of one WKSBM are posted one at a time), and keeps fund and cash balances
from going below zero with a conditional UPDATE.
"""

import secrets
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Round
from django.utils import timezone

from registry.access import boleh_menulis
from registry.models import Jabatan, Wksbm
from wksbm import formatting, kunci
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
    """A posting the rules refuse; the message is for the user, in Indonesian, and belongs
    to the form field `field` when one is named."""

    def __init__(self, pesan: str, *, field: str = ""):
        super().__init__(pesan)
        self.field = field

    def galat_form(self, form) -> ValidationError:
        """The refusal as a form error: at its field when the form has it, else the form's."""
        if self.field in form.fields:
            return ValidationError({self.field: str(self)})
        return ValidationError(str(self))


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
    """Why this receipt may not be recorded in `dana` as far as zakat goes (empty when it
    may): only zakat goes into Dana Zakat, and zakat only there, by the WKSBM's basis."""
    if sumber not in SUMBER_ZAKAT:
        if dana is not None and dana.zakat:
            jenis = Sumber(sumber).label if sumber in Sumber.values else "Penerimaan ini"
            return (
                f"Dana Zakat hanya menerima zakat (zakat maal atau zakat fitrah). {jenis} "
                "dicatat ke Dana Umum atau dana lain sesuai peruntukannya."
            )
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


def periksa_tanggal(wksbm: Wksbm, tanggal: date) -> None:
    """An entry is dated today at the latest (Asia/Jakarta) and in a month still open."""
    hari_ini = timezone.localdate()
    if tanggal > hari_ini:
        raise TransaksiDitolak(
            f"Tanggal {formatting.tanggal(tanggal)} belum tiba: catat entri paling lambat "
            f"dengan tanggal hari ini ({formatting.tanggal(hari_ini)}).",
            field="tanggal",
        )
    if periode_tertutup(wksbm, tanggal):
        raise TransaksiDitolak(
            f"Periode {BULAN[tanggal.month - 1]} {tanggal.year} sudah ditutup; "
            "catat pada periode yang masih terbuka.",
            field="tanggal",
        )
    if pesan := kunci.alasan(wksbm, tanggal):  # e.g. a laporan submitted for the period
        raise TransaksiDitolak(pesan, field="tanggal")


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


def _nomor(wksbm: Wksbm, tanggal: date, *, dokumen: str, pola: str) -> str:
    """The next number of the year of a document (gap-free: taken in the posting
    transaction), written by the WKSBM's pattern."""
    urut = next_number(f"{dokumen}:{wksbm.pk}:{tanggal.year}")
    kode = (
        pengaturan(wksbm).kode
        or "".join(
            w[0] for w in wksbm.nama.split() if w[0].isalnum() and w.upper() != "WKSBM"
        ).upper()
    )
    return pola.format(
        urut=urut,
        kode=kode,
        bulan=tanggal.month,
        bulan_romawi=formatting.bulan_romawi(tanggal),
        tahun=tanggal.year,
    )


def nomor_kuitansi(wksbm: Wksbm, tanggal: date) -> str:
    """The next kuitansi number of the year (for a receipt)."""
    return _nomor(wksbm, tanggal, dokumen="kuitansi", pola=pengaturan(wksbm).pola_kuitansi)


def nomor_tanda_terima(wksbm: Wksbm, tanggal: date) -> str:
    """The next tanda terima number of the year (money or goods handed out: one sequence)."""
    pola = pengaturan(wksbm).pola_tanda_terima
    return _nomor(wksbm, tanggal, dokumen="tanda-terima", pola=pola)


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
    periksa_tanggal(wksbm, tanggal)
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
    elif jenis == Jurnal.Jenis.BIASA:
        entri.nomor_tanda_terima = nomor_tanda_terima(wksbm, tanggal)
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
        raise TransaksiDitolak(pesan, field="sumber")
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
def catat_saldo_awal(
    *,
    wksbm: Wksbm,
    oleh,
    tanggal: date,
    dana: Dana,
    kas: Kas,
    jumlah: Decimal,
    uraian: str = "",
    penerima: str = "",
) -> Jurnal:
    """Record the money a new board takes over (serah terima) when its books start here.

    It is not income: no kuitansi, not in the pemasukan book; it opens the kas umum and is in
    the balances and the hash chain. Dated on or before the first other entry, as money held
    before the books began (a board that follows one keeping its books here carries the
    balance on instead)."""
    _periksa_peran(oleh, wksbm)
    RantaiJurnal.objects.get_or_create(wksbm=wksbm)
    RantaiJurnal.objects.select_for_update().get(wksbm=wksbm)  # no entry slips in meanwhile
    pertama = (
        Jurnal.objects.filter(wksbm=wksbm)
        .exclude(jenis=Jurnal.Jenis.SALDO_AWAL)
        .order_by("tanggal")
        .values_list("tanggal", flat=True)
        .first()
    )
    if pertama is not None and tanggal > pertama:
        raise TransaksiDitolak(
            f"Saldo awal adalah uang sebelum buku dimulai: tanggalnya paling lambat tanggal "
            f"entri pertama ({formatting.tanggal(pertama)}). Uang yang masuk sesudahnya "
            "dicatat sebagai pemasukan.",
            field="tanggal",
        )
    if dana.zakat and (pesan := tolak_zakat(wksbm=wksbm, sumber=Sumber.ZAKAT_MAAL, dana=dana)):
        raise TransaksiDitolak(pesan, field="dana")
    return posting(
        wksbm=wksbm,
        oleh=oleh,
        arah=Jurnal.Arah.MASUK,
        tanggal=tanggal,
        dana=dana,
        kas=kas,
        jumlah=jumlah,
        uraian=uraian.strip() or f"Saldo awal {dana} di {kas} (serah terima)",
        jenis=Jurnal.Jenis.SALDO_AWAL,
        penerima=penerima.strip(),
    )


@transaction.atomic
def batalkan(*, entri: Jurnal, oleh, alasan: str, tanggal: date | None = None) -> Jurnal:
    """Correct a posted entry by a reversal entry; the original shows as dibatalkan. The
    reversal shows where its original does, with a negative amount (models.jurnal.NILAI); a
    saldo awal's reversal is a saldo awal entry too, so it stays out of income and spending."""
    _periksa_peran(oleh, entri.wksbm)
    alasan = alasan.strip()
    if not alasan:
        raise TransaksiDitolak("Alasan pembatalan wajib diisi.")
    entri = Jurnal.objects.select_related("dana", "kas", "wksbm").get(pk=entri.pk)
    if entri.membatalkan_id:
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
        jenis=Jurnal.Jenis.SALDO_AWAL
        if entri.jenis == Jurnal.Jenis.SALDO_AWAL
        else Jurnal.Jenis.PEMBATALAN,
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
    if ke.zakat:
        raise TransaksiDitolak(
            "Dana Zakat hanya menerima zakat: uang dana lain tidak dapat dipindahkan ke sana."
        )
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
