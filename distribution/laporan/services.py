"""Every step of a laporan's workflow, one function each.

draft → diajukan (ketua) → diketahui (lurah of the desa) → diterima (Dinas Sosial of the
kabupaten or province); or dikembalikan with a reason (lurah while diajukan, Dinas Sosial
while diketahui), which the ketua corrects and submits again. A submitted laporan locks its
period's books (wksbm.kunci, checker `pesan_terkunci`); the ketua may reopen it with a reason
(direvisi): the submitted version stays stored, the next submission is a new version.

Each step is atomic, locks the laporan row, checks the acting user's role and records who,
when, from → to and why in RiwayatLaporan.
"""

import hashlib
import secrets
from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from registry.access import adalah_lurah, akses, boleh_menulis
from registry.models import Jabatan, Wksbm

from ..models import Laporan, RiwayatLaporan, VersiLaporan
from ..models.laporan import batas_periode
from . import exports
from .rekap import periode_laporan, susun

Status = Laporan.Status
PENYUSUN = frozenset({Jabatan.KETUA, Jabatan.SEKRETARIS})
KETUA = frozenset({Jabatan.KETUA})


class TransisiTidakSah(Exception):
    """A step the workflow refuses; the message is for the user, in Indonesian."""


def adalah_dinsos(user, wksbm: Wksbm) -> bool:
    """Is `user` the Dinas Sosial of the WKSBM's kabupaten/kota or province?"""
    a = akses(user)
    kabupaten = wksbm.desa.kecamatan.kabupaten
    return kabupaten.pk in a.kabupaten or kabupaten.provinsi_id in a.provinsi


def boleh_menyusun(user, wksbm: Wksbm) -> bool:
    return boleh_menulis(user, wksbm, PENYUSUN)


def adalah_ketua(user, wksbm: Wksbm) -> bool:
    return boleh_menulis(user, wksbm, KETUA)


def langkah_untuk(user, laporan: Laporan) -> set[str]:
    """The steps `user` may take on `laporan` now (for the page's buttons)."""
    w, s = laporan.wksbm, laporan.status
    hasil = set()
    if s in Laporan.DRAF and boleh_menyusun(user, w):
        hasil.add("ubah")
    if s in Laporan.DRAF and adalah_ketua(user, w):
        hasil.add("ajukan")
    if s in Laporan.TERKUNCI and adalah_ketua(user, w):
        hasil.add("buka")
    if s == Status.DIAJUKAN and adalah_lurah(user, w):
        hasil |= {"ketahui", "kembalikan"}
    if s == Status.DIKETAHUI and adalah_dinsos(user, w):
        hasil |= {"terima", "kembalikan"}
    return hasil


def _kunci(laporan: Laporan) -> Laporan:
    return (
        Laporan.objects.select_for_update(of=("self",))
        .select_related("wksbm__desa__kecamatan__kabupaten")
        .get(pk=laporan.pk)
    )


def _catat(laporan: Laporan, *, dari: str, oleh, alasan: str = "", versi=None) -> None:
    RiwayatLaporan.objects.create(
        laporan=laporan,
        dari=dari,
        ke=laporan.status,
        oleh=oleh,
        pada=timezone.now(),
        alasan=alasan,
        versi=versi,
    )


def _boleh(laporan: Laporan, oleh, langkah: str, pesan: str) -> None:
    if langkah not in langkah_untuk(oleh, laporan):
        raise TransisiTidakSah(pesan)


def _alasan(alasan: str) -> str:
    alasan = (alasan or "").strip()
    if not alasan:
        raise TransisiTidakSah("Alasan wajib diisi.")
    return alasan


@transaction.atomic
def buat(*, wksbm: Wksbm, oleh, jenis_periode: str, tahun: int, ke: int) -> Laporan:
    """A new draft laporan for one period that has begun."""
    if not boleh_menyusun(oleh, wksbm):
        raise TransisiTidakSah("Hanya ketua atau sekretaris WKSBM ini yang menyusun laporan.")
    try:
        mulai, akhir = batas_periode(jenis_periode, tahun, ke)
    except (KeyError, ValueError) as exc:
        raise TransisiTidakSah("Periode laporan tidak sah.") from exc
    if mulai > timezone.localdate():
        raise TransisiTidakSah("Periode itu belum dimulai.")
    if Laporan.objects.filter(wksbm=wksbm, jenis_periode=jenis_periode, mulai=mulai).exists():
        raise TransisiTidakSah("Laporan untuk periode ini sudah ada.")
    try:
        with transaction.atomic():
            laporan = Laporan.objects.create(
                wksbm=wksbm, jenis_periode=jenis_periode, mulai=mulai, akhir=akhir, dibuat_oleh=oleh
            )
    except IntegrityError as exc:  # the same period created at the same moment
        raise TransisiTidakSah("Laporan untuk periode ini sudah ada.") from exc
    _catat(laporan, dari="", oleh=oleh, alasan="Laporan dibuat")
    return laporan


@transaction.atomic
def ubah_narasi(*, laporan: Laporan, oleh, kendala: str, rencana: str) -> Laporan:
    laporan = _kunci(laporan)
    _boleh(laporan, oleh, "ubah", "Narasi hanya dapat diubah pada laporan draf oleh penyusunnya.")
    laporan.kendala, laporan.rencana = kendala.strip(), rencana.strip()
    laporan.save(update_fields=["kendala", "rencana"])
    return laporan


@transaction.atomic
def ajukan(*, laporan: Laporan, oleh, hari_ini: date | None = None) -> VersiLaporan:
    """Submit the laporan: freeze this version (PDF, Excel, figures) and lock the period."""
    laporan = _kunci(laporan)
    _boleh(laporan, oleh, "ajukan", "Hanya ketua yang dapat mengajukan laporan draf.")
    hari_ini = hari_ini or timezone.localdate()
    if laporan.akhir >= hari_ini:
        raise TransisiTidakSah(
            f"Laporan {laporan.nama_periode} baru dapat diajukan setelah periodenya berakhir."
        )
    dari, sekarang = laporan.status, timezone.now()
    nomor = laporan.versi.count() + 1
    versi = VersiLaporan(
        laporan=laporan,
        nomor=nomor,
        kendala=laporan.kendala,
        rencana=laporan.rencana,
        token=secrets.token_urlsafe(24),
        diajukan_oleh=oleh,
        diajukan_pada=sekarang,
    )
    rekap = susun(laporan.wksbm, periode_laporan(laporan))
    pdf = exports.pdf(laporan, rekap, versi=versi)
    versi.hash_pdf = hashlib.sha256(pdf).hexdigest()
    versi.data = rekap.data()
    nama = f"laporan-{laporan.pk}-v{nomor}"
    versi.pdf.save(f"{nama}.pdf", ContentFile(pdf), save=False)
    versi.xlsx.save(f"{nama}.xlsx", ContentFile(exports.xlsx(laporan, rekap).read()), save=False)
    versi.save()
    laporan.status, laporan.diajukan_pada = Status.DIAJUKAN, sekarang
    laporan.save(update_fields=["status", "diajukan_pada"])
    _catat(laporan, dari=dari, oleh=oleh, versi=nomor)
    return versi


@transaction.atomic
def ketahui(*, laporan: Laporan, oleh, catatan: str = "") -> Laporan:
    laporan = _kunci(laporan)
    _boleh(laporan, oleh, "ketahui", "Hanya lurah dari desa WKSBM ini yang mengetahui laporan.")
    laporan.status = Status.DIKETAHUI
    laporan.save(update_fields=["status"])
    _catat(laporan, dari=Status.DIAJUKAN, oleh=oleh, alasan=catatan.strip())
    return laporan


@transaction.atomic
def terima(*, laporan: Laporan, oleh, catatan: str = "") -> Laporan:
    laporan = _kunci(laporan)
    _boleh(
        laporan,
        oleh,
        "terima",
        "Hanya Dinas Sosial wilayah WKSBM ini yang menerima laporan yang sudah diketahui lurah.",
    )
    laporan.status = Status.DITERIMA
    laporan.save(update_fields=["status"])
    _catat(laporan, dari=Status.DIKETAHUI, oleh=oleh, alasan=catatan.strip())
    return laporan


@transaction.atomic
def kembalikan(*, laporan: Laporan, oleh, alasan: str) -> Laporan:
    """Return the laporan to the ketua with a reason (lurah while diajukan, Dinas Sosial
    while diketahui); its period is unlocked for the correction."""
    laporan = _kunci(laporan)
    _boleh(
        laporan,
        oleh,
        "kembalikan",
        "Laporan hanya dapat dikembalikan oleh lurah (saat diajukan) atau Dinas Sosial "
        "(saat diketahui lurah).",
    )
    dari = laporan.status
    laporan.status = Status.DIKEMBALIKAN
    laporan.save(update_fields=["status"])
    _catat(laporan, dari=dari, oleh=oleh, alasan=_alasan(alasan))
    return laporan


@transaction.atomic
def buka_kembali(*, laporan: Laporan, oleh, alasan: str) -> Laporan:
    """The ketua reopens a submitted laporan to correct its books: direvisi. The submitted
    version stays stored; submitting again makes the next version."""
    laporan = _kunci(laporan)
    _boleh(laporan, oleh, "buka", "Hanya ketua yang dapat membuka kembali laporan yang diajukan.")
    dari = laporan.status
    laporan.status = Status.DIREVISI
    laporan.save(update_fields=["status"])
    _catat(laporan, dari=dari, oleh=oleh, alasan=_alasan(alasan))
    return laporan


# --- the lock (registered with wksbm.kunci by distribution's AppConfig) ----------------------


def pesan_terkunci(wksbm, tanggal: date) -> str:
    """Why `tanggal` is locked for `wksbm`: a laporan covering it is submitted (one query).

    Inside a transaction the laporan rows covering the date are locked (FOR UPDATE), so a
    posting and the submission of its period run one after the other: the frozen version
    holds every entry of the period, and nothing is posted into it afterwards.
    """
    qs = Laporan.objects.meliputi(tanggal).filter(wksbm=wksbm).order_by("mulai", "pk")
    if transaction.get_connection().in_atomic_block:
        qs = qs.select_for_update()
    laporan = next((lap for lap in qs if lap.terkunci), None)
    if laporan is None:
        return ""
    return (
        f"Periode {laporan.nama_periode} sudah dilaporkan ke Dinas Sosial; buka kembali "
        "laporan untuk mengubah."
    )
