"""Every write to a penyaluran round goes through one of these functions.

Each is atomic and locks the round row (`select_for_update`; on SQLite the IMMEDIATE
transaction mode serialises writers), so the round's budget per fund holds under concurrent
hand-overs. Money and goods leave the books only here, through finance.services and
finance.natura: money out is recorded once, and each recipient row keeps the entry it made.
"""

import hashlib
import hmac
from calendar import monthrange
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from finance import natura
from finance import services as keuangan
from finance.models import Asnaf, Dana, Jurnal, Kegiatan
from finance.services import TransaksiDitolak
from registry.access import boleh_menulis
from registry.models import Ppks
from wksbm import formatting, kunci
from wksbm.models import next_number

from .models import Penerima, Penyaluran, Rujukan, TindakLanjutRujukan

__all__ = [
    "TransaksiDitolak",
    "batalkan_penyerahan",
    "hapus_penerima",
    "hash_nik",
    "nomor_baru",
    "peringatan",
    "rencanakan_ulang",
    "serahkan",
    "tambah_penerima",
    "tidak_tersalurkan",
    "ubah_rencana",
    "tindak_lanjut_rujukan",
]

Status = Penerima.Status


def hash_nik(nik: str) -> str:
    """Keyed hash of a NIK (HMAC-SHA256 with settings.NIK_HASH_KEY); empty without a NIK."""
    nik = (nik or "").strip()
    if not nik:
        return ""
    return hmac.new(settings.NIK_HASH_KEY.encode(), nik.encode(), hashlib.sha256).hexdigest()


def nomor_baru(wksbm) -> int:
    """The next round number of a WKSBM (inside the saving transaction)."""
    return next_number(f"penyaluran:{wksbm.pk}")


def _periksa_penulis(oleh, penyaluran: Penyaluran) -> None:
    if not boleh_menulis(oleh, penyaluran.wksbm):
        raise TransaksiDitolak("Hanya pengurus WKSBM ini yang mengubah penyaluran.")
    _periksa_kunci(penyaluran, penyaluran.tanggal)


def _periksa_kunci(penyaluran: Penyaluran, tanggal: date | None) -> None:
    """A round or hand-over in a period already reported (wksbm.kunci) is not changed."""
    if pesan := kunci.alasan(penyaluran.wksbm, tanggal):
        raise TransaksiDitolak(pesan)


def _kunci(penyaluran: Penyaluran) -> Penyaluran:
    """The round row, locked for the rest of the transaction."""
    return (
        Penyaluran.objects.select_for_update(of=("self",))
        .select_related("wksbm", "komoditas", "kas")
        .get(pk=penyaluran.pk)
    )


def _batas(penyaluran: Penyaluran) -> dict[int, Decimal]:
    """The round's budget per fund id (Rupiah, or kg for natura)."""
    return {d.dana_id: d.batas for d in penyaluran.dana.all()}


def _terpakai(penyaluran: Penyaluran, dana_id: int, *, status) -> Decimal:
    ukuran = "banyak" if penyaluran.natura else "jumlah"
    nilai = penyaluran.penerima.filter(dana_id=dana_id, status__in=status).values_list(
        ukuran, flat=True
    )
    return sum((v for v in nilai if v is not None), Decimal(0))


def _satuan(penyaluran: Penyaluran, nilai: Decimal) -> str:
    if penyaluran.natura:
        return f"{formatting.angka(nilai)} {penyaluran.satuan_tampil}"
    return formatting.rupiah(nilai)


@transaction.atomic
def tambah_penerima(
    *,
    penyaluran: Penyaluran,
    oleh,
    ppks: list[Ppks],
    dana: Dana | None,
    jumlah: Decimal | None = None,
    banyak: Decimal | None = None,
    asnaf: str = "",
) -> list[Penerima]:
    """Plan recipients of a round, each with the same fund and planned amount (Rupiah) or
    quantity (natura, in kg). Only aktif PPKS of the WKSBM; the plan stays within the round's
    budget for the fund; from Dana Zakat each recipient's asnaf is recorded."""
    penyaluran = _kunci(penyaluran)
    _periksa_penulis(oleh, penyaluran)
    if not ppks:
        raise TransaksiDitolak("Pilih sedikitnya satu PPKS penerima.")
    batas = _batas(penyaluran)
    if (penyaluran.natura or penyaluran.bentuk == Penyaluran.Bentuk.UANG) and dana is None:
        raise TransaksiDitolak("Pilih dana yang membiayai penerima ini.")
    if dana is not None and dana.pk not in batas:
        raise TransaksiDitolak(f"{dana} bukan dana penyaluran ini; tambahkan dulu di Ubah.")
    if dana is not None and dana.zakat and asnaf not in Asnaf.values:
        raise TransaksiDitolak("Penerima dari Dana Zakat wajib disebut asnafnya.")
    if dana is None or not dana.zakat:
        asnaf = ""
    if penyaluran.natura:
        if not banyak or banyak <= 0:
            raise TransaksiDitolak("Banyak natura per penerima harus lebih dari 0.")
        jumlah, nilai = None, banyak
    else:
        if penyaluran.bentuk == Penyaluran.Bentuk.UANG and not jumlah:
            raise TransaksiDitolak("Jumlah uang per penerima wajib diisi.")
        if jumlah is not None and jumlah <= 0:
            raise TransaksiDitolak("Jumlah per penerima harus lebih dari Rp0.")
        if jumlah and dana is None:
            raise TransaksiDitolak("Pilih dana yang membayar nilai bantuan ini.")
        nilai = jumlah
    bukan_aktif = [p.nama for p in ppks if p.status != Ppks.Status.AKTIF]
    if bukan_aktif or any(p.wksbm_id != penyaluran.wksbm_id for p in ppks):
        raise TransaksiDitolak(
            "Hanya PPKS aktif WKSBM ini yang dapat menerima: " + ", ".join(bukan_aktif) + "."
        )
    sudah = set(
        penyaluran.penerima.exclude(status=Status.DIBATALKAN)
        .filter(ppks__in=ppks)
        .values_list("ppks__nama", flat=True)
    )
    if sudah:
        raise TransaksiDitolak(f"Sudah ada di daftar penerima: {', '.join(sorted(sudah))}.")
    if nilai and dana is not None:
        rencana = _terpakai(penyaluran, dana.pk, status=[Status.RENCANA, Status.DISERAHKAN])
        tambahan = nilai * len(ppks)
        if rencana + tambahan > batas[dana.pk]:
            raise TransaksiDitolak(
                f"Rencana melebihi anggaran {dana} untuk penyaluran ini: anggaran "
                f"{_satuan(penyaluran, batas[dana.pk])}, sudah direncanakan "
                f"{_satuan(penyaluran, rencana)}, tambahan {_satuan(penyaluran, tambahan)}."
            )
    rows = []
    for p in ppks:
        row = Penerima(
            penyaluran=penyaluran,
            ppks=p,
            dana=dana,
            jumlah=jumlah,
            banyak=banyak if penyaluran.natura or penyaluran.bentuk == "barang" else None,
            asnaf=asnaf,
            nik_hash=hash_nik(p.nik),
        )
        row.save()
        rows.append(row)
    return rows


def _rencana(penerima: Penerima, penyaluran: Penyaluran) -> Penerima:
    row = (
        Penerima.objects.select_for_update(of=("self",))
        .select_related("ppks", "dana")
        .get(pk=penerima.pk)
    )
    if row.penyaluran_id != penyaluran.pk:
        raise TransaksiDitolak("Penerima bukan bagian dari penyaluran ini.")
    return row


@transaction.atomic
def ubah_rencana(
    *,
    penerima: Penerima,
    oleh,
    jumlah: Decimal | None = None,
    banyak: Decimal | None = None,
    asnaf: str = "",
) -> Penerima:
    """Change one planned recipient's amount (Rupiah) or quantity (natura, barang) and asnaf,
    within the round's budget for the fund."""
    penyaluran = _kunci(penerima.penyaluran)
    _periksa_penulis(oleh, penyaluran)
    row = _rencana(penerima, penyaluran)
    if row.status != Status.RENCANA:
        raise TransaksiDitolak("Hanya penerima yang masih direncanakan yang dapat diubah.")
    lama = row.nilai() or Decimal(0)
    if penyaluran.natura and not (banyak and banyak > 0):
        raise TransaksiDitolak("Banyak natura per penerima harus lebih dari 0.")
    if penyaluran.bentuk == Penyaluran.Bentuk.UANG and not jumlah:
        raise TransaksiDitolak("Jumlah uang per penerima wajib diisi.")
    if (jumlah is not None and jumlah <= 0) or (banyak is not None and banyak <= 0):
        raise TransaksiDitolak("Jumlah harus lebih dari 0.")
    if row.dana is not None and row.dana.zakat and asnaf not in Asnaf.values:
        raise TransaksiDitolak("Penerima dari Dana Zakat wajib disebut asnafnya.")
    row.jumlah = None if penyaluran.natura else jumlah
    if penyaluran.natura or penyaluran.bentuk == Penyaluran.Bentuk.BARANG:
        row.banyak = banyak
    row.asnaf = asnaf if row.dana is not None and row.dana.zakat else ""
    nilai = row.nilai()
    if nilai and row.dana_id:
        batas = _batas(penyaluran)[row.dana_id]
        lain = _terpakai(penyaluran, row.dana_id, status=[Status.RENCANA, Status.DISERAHKAN]) - lama
        if lain + nilai > batas:
            raise TransaksiDitolak(
                f"Rencana melebihi anggaran {row.dana} untuk penyaluran ini: anggaran "
                f"{_satuan(penyaluran, batas)}, penerima lain {_satuan(penyaluran, lain)}, "
                f"untuk {row.ppks.nama} {_satuan(penyaluran, nilai)}."
            )
    row.save(update_fields=["jumlah", "banyak", "asnaf"])
    return row


@transaction.atomic
def hapus_penerima(*, penerima: Penerima, oleh) -> None:
    """Take a planned recipient off the list (nothing was handed over yet)."""
    penyaluran = _kunci(penerima.penyaluran)
    _periksa_penulis(oleh, penyaluran)
    row = _rencana(penerima, penyaluran)
    if row.status != Status.RENCANA:
        raise TransaksiDitolak("Hanya penerima yang masih direncanakan yang dapat dihapus.")
    row.delete()


def _jenis_pengeluaran(penyaluran: Penyaluran) -> str:
    jenis = penyaluran.jenis
    return jenis if jenis in Kegiatan.values else Kegiatan.OPERASIONAL


def _tanggal_sah(tanggal: date) -> None:
    if tanggal > timezone.localdate():
        raise TransaksiDitolak("Tanggal penyerahan tidak boleh di masa depan.")


@transaction.atomic
def serahkan(
    *,
    penerima: Penerima,
    oleh,
    tanggal: date,
    diterima_oleh: str = Penerima.DiterimaOleh.SENDIRI,
    nama_wakil: str = "",
    hubungan_wakil: str = "",
    bukti=None,
    keterangan: str = "",
) -> Penerima:
    """Record one hand-over and post it: the pengeluaran (finance.services.catat_pengeluaran)
    or the stock movement (finance.natura.salurkan_natura), once. Refused when it would take
    the round past its budget for the fund, the fund or cash below zero, or the stock below
    zero; then nothing is saved."""
    penyaluran = _kunci(penerima.penyaluran)
    _periksa_penulis(oleh, penyaluran)
    row = _rencana(penerima, penyaluran)
    if row.status != Status.RENCANA:
        raise TransaksiDitolak(f"{row.ppks.nama}: sudah {row.get_status_display().lower()}.")
    _tanggal_sah(tanggal)
    _periksa_kunci(penyaluran, tanggal)
    if diterima_oleh == Penerima.DiterimaOleh.WAKIL and not (
        nama_wakil.strip() and hubungan_wakil.strip()
    ):
        raise TransaksiDitolak("Bila diterima wakil/wali, isi nama dan hubungannya.")
    nilai = row.nilai()
    if nilai and row.dana_id:
        batas = _batas(penyaluran).get(row.dana_id)
        tersalur = _terpakai(penyaluran, row.dana_id, status=[Status.DISERAHKAN])
        if batas is None or tersalur + nilai > batas:
            raise TransaksiDitolak(
                f"Penyerahan kepada {row.ppks.nama} melebihi anggaran {row.dana} penyaluran "
                f"ini: anggaran {_satuan(penyaluran, batas or 0)}, sudah disalurkan "
                f"{_satuan(penyaluran, tersalur)}, dibutuhkan {_satuan(penyaluran, nilai)}."
            )
    uraian = f"{penyaluran.judul} (penyaluran No. {penyaluran.nomor})"[:255]
    if penyaluran.natura:
        row.mutasi = natura.salurkan_natura(
            wksbm=penyaluran.wksbm,
            oleh=oleh,
            komoditas=penyaluran.komoditas,
            dana=row.dana,
            tanggal=tanggal,
            jumlah=row.banyak,
            penerima=row.ppks,
            asnaf=row.asnaf,
            uraian=uraian,
        )
    elif row.jumlah:
        if penyaluran.kas_id is None:
            raise TransaksiDitolak("Pilih kas pembayar penyaluran ini (Ubah penyaluran).")
        row.jurnal = keuangan.catat_pengeluaran(
            wksbm=penyaluran.wksbm,
            oleh=oleh,
            tanggal=tanggal,
            kegiatan=_jenis_pengeluaran(penyaluran),
            dana=row.dana,
            kas=penyaluran.kas,
            jumlah=row.jumlah,
            uraian=uraian,
            ppks=row.ppks,
            asnaf=row.asnaf,
            nomor_bukti=f"PYL-{penyaluran.nomor}/{row.pk}",
        )
    row.status = Status.DISERAHKAN
    row.tanggal_serah = tanggal
    row.diterima_oleh = diterima_oleh
    wakil = diterima_oleh == Penerima.DiterimaOleh.WAKIL
    row.nama_wakil = nama_wakil.strip() if wakil else ""
    row.hubungan_wakil = hubungan_wakil.strip() if wakil else ""
    if bukti:
        row.bukti = bukti
    row.keterangan = keterangan.strip()
    row.dicatat_oleh = oleh
    row.dicatat_pada = timezone.now()
    row.save()
    return row


@transaction.atomic
def tidak_tersalurkan(*, penerima: Penerima, oleh, alasan: str, keterangan: str = "") -> Penerima:
    """A planned recipient who did not receive the aid, with the reason; nothing is posted."""
    penyaluran = _kunci(penerima.penyaluran)
    _periksa_penulis(oleh, penyaluran)
    row = _rencana(penerima, penyaluran)
    if row.status != Status.RENCANA:
        raise TransaksiDitolak(f"{row.ppks.nama}: sudah {row.get_status_display().lower()}.")
    if alasan not in Penerima.Alasan.values:
        raise TransaksiDitolak("Pilih alasan bantuan tidak tersalurkan.")
    if alasan == Penerima.Alasan.LAINNYA and not keterangan.strip():
        raise TransaksiDitolak("Untuk alasan “lainnya”, tulis keterangannya.")
    row.status = Status.TIDAK
    row.alasan = alasan
    row.keterangan = keterangan.strip()
    row.dicatat_oleh = oleh
    row.dicatat_pada = timezone.now()
    row.save(update_fields=["status", "alasan", "keterangan", "dicatat_oleh", "dicatat_pada"])
    return row


@transaction.atomic
def rencanakan_ulang(*, penerima: Penerima, oleh) -> Penerima:
    """Undo a "tidak tersalurkan" tick (nothing was posted): the row is planned again."""
    penyaluran = _kunci(penerima.penyaluran)
    _periksa_penulis(oleh, penyaluran)
    row = _rencana(penerima, penyaluran)
    if row.status != Status.TIDAK:
        raise TransaksiDitolak(
            "Hanya penerima yang tidak tersalurkan yang dapat direncanakan ulang."
        )
    row.status, row.alasan = Status.RENCANA, ""
    row.save(update_fields=["status", "alasan"])
    return row


@transaction.atomic
def batalkan_penyerahan(*, penerima: Penerima, oleh, alasan: str) -> Penerima:
    """Cancel a posted hand-over: its pengeluaran (or stock movement) is reversed in the books
    (finance.services.batalkan / finance.natura.batalkan_mutasi); the row shows dibatalkan
    and the PPKS can be planned again."""
    penyaluran = _kunci(penerima.penyaluran)
    _periksa_penulis(oleh, penyaluran)
    row = _rencana(penerima, penyaluran)
    if row.status != Status.DISERAHKAN:
        raise TransaksiDitolak("Hanya penyerahan yang sudah dicatat yang dapat dibatalkan.")
    _periksa_kunci(penyaluran, row.tanggal_serah)
    if not alasan.strip():
        raise TransaksiDitolak("Alasan pembatalan wajib diisi.")
    if row.jurnal_id:
        keuangan.batalkan(entri=row.jurnal, oleh=oleh, alasan=alasan)
    if row.mutasi_id:
        natura.batalkan_mutasi(mutasi=row.mutasi, oleh=oleh, alasan=alasan)
    row.status = Status.DIBATALKAN
    row.keterangan = f"Dibatalkan: {alasan.strip()}"
    row.dicatat_oleh = oleh
    row.dicatat_pada = timezone.now()
    row.save(update_fields=["status", "keterangan", "dicatat_oleh", "dicatat_pada"])
    return row


# --- warnings ------------------------------------------------------------------------------


def _bulan(tanggal: date) -> tuple[date, date]:
    return tanggal.replace(day=1), tanggal.replace(day=monthrange(tanggal.year, tanggal.month)[1])


def _dalam_bulan(awal: date, akhir: date) -> Q:
    """A recipient row that falls in the month: its hand-over date, else its round's date."""
    return Q(tanggal_serah__range=(awal, akhir)) | Q(
        tanggal_serah__isnull=True, penyaluran__tanggal__range=(awal, akhir)
    )


def peringatan(penyaluran: Penyaluran, rows: list[Penerima]) -> dict[int, list[str]]:
    """Double-aid warnings per recipient row id, in three queries whatever the size: the PPKS
    was already helped by this WKSBM in the round's month (another round, or a pengeluaran
    naming them), or the same NIK (compared as keyed hashes) by another WKSBM of the same
    kabupaten — of which only the month is told, never its name or amounts."""
    awal, akhir = _bulan(penyaluran.tanggal)
    nama_bulan = f"{formatting.BULAN[awal.month - 1]} {awal.year}"
    ppks = {r.ppks_id: r.pk for r in rows if r.status in (Status.RENCANA, Status.DISERAHKAN)}
    hasil: dict[int, list[str]] = {}
    lain = (
        Penerima.objects.berlaku()
        .filter(_dalam_bulan(awal, akhir), ppks__in=list(ppks), penyaluran__wksbm=penyaluran.wksbm)
        .exclude(penyaluran=penyaluran)
        .values_list("ppks_id", "penyaluran__nomor")
        .order_by("penyaluran__nomor")
    )
    for ppks_id, nomor in lain:
        hasil.setdefault(ppks[ppks_id], []).append(
            f"Sudah dibantu WKSBM ini pada bulan {nama_bulan} (penyaluran No. {nomor})."
        )
    langsung = (
        Jurnal.objects.filter(
            wksbm=penyaluran.wksbm,
            arah=Jurnal.Arah.KELUAR,
            jenis=Jurnal.Jenis.BIASA,
            ppks__in=list(ppks),
            tanggal__range=(awal, akhir),
            pembatalan__isnull=True,
            penerima_penyaluran__isnull=True,
        )
        .values_list("ppks_id", flat=True)
        .distinct()
    )
    for ppks_id in langsung:
        hasil.setdefault(ppks[ppks_id], []).append(
            f"Sudah menerima pengeluaran WKSBM ini pada bulan {nama_bulan}."
        )
    hashes = {r.nik_hash: r.pk for r in rows if r.nik_hash and r.ppks_id in ppks}
    kabupaten = penyaluran.wksbm.desa.kecamatan.kabupaten_id
    luar = (
        Penerima.objects.berlaku()
        .filter(
            _dalam_bulan(awal, akhir),
            nik_hash__in=list(hashes),
            penyaluran__wksbm__desa__kecamatan__kabupaten_id=kabupaten,
        )
        .exclude(penyaluran__wksbm=penyaluran.wksbm)
        .values_list("nik_hash", flat=True)
        .distinct()
    )
    for h in luar:
        hasil.setdefault(hashes[h], []).append(
            f"Sudah menerima bantuan dari WKSBM lain pada bulan {nama_bulan}."
        )
    return hasil


@transaction.atomic
def tindak_lanjut_rujukan(
    *, rujukan: Rujukan, oleh, ke: str, tanggal: date, catatan: str, berikutnya: date | None
) -> Rujukan:
    """Record one follow-up step of a referral (diajukan → diterima → ditangani → selesai, or
    ditolak), with its date and notes; `berikutnya` is when the next follow-up is due."""
    rujukan = Rujukan.objects.select_for_update().get(pk=rujukan.pk)
    if not boleh_menulis(oleh, rujukan.wksbm):
        raise TransaksiDitolak("Peran Anda tidak berwenang mencatat tindak lanjut rujukan.")
    if ke not in rujukan.lanjutan():
        raise TransaksiDitolak(
            f"Rujukan berstatus “{rujukan.get_status_display()}” tidak dapat menjadi "
            f"“{Rujukan.Status(ke).label}”."
        )
    if tanggal < rujukan.tanggal_status:
        raise TransaksiDitolak(
            "Tanggal tindak lanjut tidak boleh sebelum status terakhir "
            f"({formatting.tanggal(rujukan.tanggal_status)})."
        )
    if tanggal > timezone.localdate():
        raise TransaksiDitolak("Tanggal tindak lanjut tidak boleh di masa depan.")
    if pesan := kunci.alasan(rujukan.wksbm, tanggal):
        raise TransaksiDitolak(pesan)
    if not catatan.strip():
        raise TransaksiDitolak("Tulis catatan tindak lanjut.")
    TindakLanjutRujukan.objects.create(
        rujukan=rujukan,
        tanggal=tanggal,
        dari=rujukan.status,
        ke=ke,
        catatan=catatan.strip(),
        oleh=oleh,
    )
    rujukan.status = ke
    rujukan.tanggal_status = tanggal
    rujukan.tindak_lanjut_sebelum = None if ke in Rujukan.TUNTAS else berikutnya
    rujukan.save(update_fields=["status", "tanggal_status", "tindak_lanjut_sebelum"])
    return rujukan
