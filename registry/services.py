"""Workflow transitions of the WKSBM lifecycle: one function per step, atomic and recorded.

States and who may move them live here and nowhere else; views only call these functions.
"""

from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .access import adalah_lurah, boleh_menulis
from .models import (
    LANGKAH_SEBELUM_PENGESAHAN,
    Jabatan,
    Kepengurusan,
    Langkah,
    LangkahPenumbuhan,
    Pengesahan,
    Peran,
    RiwayatPengesahan,
    Wksbm,
)
from .models.lembaga import normal_nomor_sk

S = Pengesahan.Status
JABATAN_WAJIB = (Jabatan.KETUA, Jabatan.SEKRETARIS)


class TransisiTidakSah(Exception):
    """A transition that the state machine or the user's role does not allow."""


class NomorSkGanda(TransisiTidakSah):
    """The SK number is already in the desa's Buku Keputusan for that year."""


def _nomor_sk_ganda(wksbm: Wksbm, nomor_sk: str, tahun: int) -> NomorSkGanda:
    return NomorSkGanda(
        f"Nomor {normal_nomor_sk(nomor_sk)} tahun {tahun} sudah dipakai untuk SK lain di "
        f"{wksbm.desa.nama}. Periksa Buku Keputusan dan gunakan nomor yang belum terpakai."
    )


def periksa_persetujuan(
    *, pengesahan: Pengesahan, oleh: AbstractBaseUser, nomor_sk: str, tanggal_sk: date
) -> None:
    """What setujui_pengesahan would refuse, checked (nothing written) before the lurah confirms."""
    with transaction.atomic():
        pengesahan = _kunci_untuk_lurah(pengesahan, oleh, harus=S.DIAJUKAN)
        _periksa_nomor_sk(pengesahan=pengesahan, nomor_sk=nomor_sk, tanggal_sk=tanggal_sk)


def _periksa_nomor_sk(*, pengesahan: Pengesahan, nomor_sk: str, tanggal_sk: date) -> None:
    """Raise NomorSkGanda when the number is taken in the WKSBM's desa in that year."""
    wksbm = pengesahan.wksbm
    if Pengesahan.nomor_sk_terpakai(
        desa_id=wksbm.desa_id, nomor_sk=nomor_sk, tahun=tanggal_sk.year, kecuali=pengesahan.pk
    ):
        raise _nomor_sk_ganda(wksbm, nomor_sk, tanggal_sk.year)


def syarat_pengajuan(kepengurusan: Kepengurusan) -> list[str]:
    """What is still missing before this kepengurusan can be submitted (empty = ready)."""
    wksbm = kepengurusan.wksbm
    kurang = []
    tercatat = set(wksbm.langkah.values_list("langkah", flat=True))
    belum = [langkah.label for langkah in LANGKAH_SEBELUM_PENGESAHAN if langkah not in tercatat]
    if belum:
        kurang.append(f"Langkah penumbuhan belum dicatat: {'; '.join(belum)}.")
    jabatan = set(kepengurusan.anggota.values_list("jabatan", flat=True))
    for j in JABATAN_WAJIB:
        if j not in jabatan:
            kurang.append(f"Kepengurusan belum memiliki {j.label.lower()}.")
    return kurang


def _catat(pengesahan: Pengesahan, *, dari: str, oleh, alasan: str = "") -> None:
    RiwayatPengesahan.objects.create(
        pengesahan=pengesahan, dari=dari, ke=pengesahan.status, oleh=oleh, alasan=alasan
    )


@transaction.atomic
def ajukan_pengesahan(
    *, kepengurusan: Kepengurusan, oleh: AbstractBaseUser, catatan: str = ""
) -> Pengesahan:
    """Pengurus submit a kepengurusan (new, or returned and corrected) to the lurah."""
    kepengurusan = Kepengurusan.objects.select_for_update().get(pk=kepengurusan.pk)
    wksbm = kepengurusan.wksbm
    if not boleh_menulis(oleh, wksbm):
        raise TransisiTidakSah("Hanya pengurus WKSBM ini yang dapat mengajukan pengesahan.")
    kurang = syarat_pengajuan(kepengurusan)
    if kurang:
        raise TransisiTidakSah(" ".join(kurang))
    pengesahan = Pengesahan.objects.select_for_update().filter(kepengurusan=kepengurusan).first()
    if pengesahan is None:
        pengesahan = Pengesahan(wksbm=wksbm, kepengurusan=kepengurusan)
        dari = ""
    elif pengesahan.status == S.DIKEMBALIKAN:
        dari = pengesahan.status
    else:
        raise TransisiTidakSah(
            f"Pengesahan berstatus “{pengesahan.get_status_display()}” tidak dapat diajukan lagi."
        )
    pengesahan.status = S.DIAJUKAN
    pengesahan.diajukan_pada = timezone.now()
    pengesahan.save()
    _catat(pengesahan, dari=dari, oleh=oleh, alasan=catatan)
    return pengesahan


def _kunci_untuk_lurah(pengesahan: Pengesahan, oleh, *, harus: str) -> Pengesahan:
    pengesahan = (
        Pengesahan.objects.select_for_update()
        .select_related("wksbm", "kepengurusan")
        .get(pk=pengesahan.pk)
    )
    if not adalah_lurah(oleh, pengesahan.wksbm):
        raise TransisiTidakSah("Hanya lurah kalurahan WKSBM ini yang dapat memutuskan pengesahan.")
    if pengesahan.status != harus:
        raise TransisiTidakSah(
            f"Pengesahan ini berstatus “{pengesahan.get_status_display()}”; "
            "tindakan tersebut tidak dapat dilakukan."
        )
    return pengesahan


@transaction.atomic
def setujui_pengesahan(
    *, pengesahan: Pengesahan, oleh: AbstractBaseUser, nomor_sk: str, tanggal_sk: date
) -> Pengesahan:
    """The lurah approves: the SK is issued, the term takes effect, the WKSBM becomes aktif."""
    pengesahan = _kunci_untuk_lurah(pengesahan, oleh, harus=S.DIAJUKAN)
    wksbm = Wksbm.objects.select_for_update().select_related("desa").get(pk=pengesahan.wksbm_id)
    nomor_sk = normal_nomor_sk(nomor_sk)
    _periksa_nomor_sk(pengesahan=pengesahan, nomor_sk=nomor_sk, tanggal_sk=tanggal_sk)

    for lama in Pengesahan.objects.select_for_update().filter(wksbm=wksbm, status=S.DISAHKAN):
        lama.status = S.DIGANTIKAN
        lama.save(update_fields=["status"])
        _catat(lama, dari=S.DISAHKAN, oleh=oleh, alasan=f"Digantikan oleh SK {nomor_sk}.")

    pengesahan.status = S.DISAHKAN
    pengesahan.nomor_sk = nomor_sk
    pengesahan.tanggal_sk = tanggal_sk
    pengesahan.desa_sk_id = wksbm.desa_id
    pengesahan.tahun_sk = tanggal_sk.year
    pengesahan.nama_lurah = oleh.get_full_name() or oleh.get_username()
    pengesahan.disahkan_oleh = oleh
    pengesahan.token = Pengesahan.token_baru()
    try:
        with transaction.atomic():  # the unique constraint decides a race of two approvals
            pengesahan.save(
                update_fields=[
                    "status",
                    "nomor_sk",
                    "tanggal_sk",
                    "desa_sk",
                    "tahun_sk",
                    "nama_lurah",
                    "disahkan_oleh",
                    "token",
                ]
            )
    except IntegrityError as exc:
        raise _nomor_sk_ganda(wksbm, nomor_sk, tanggal_sk.year) from exc
    _catat(pengesahan, dari=S.DIAJUKAN, oleh=oleh, alasan=f"SK {pengesahan.nomor_sk}.")

    LangkahPenumbuhan.objects.update_or_create(
        wksbm=wksbm,
        langkah=Langkah.PENGESAHAN,
        defaults={"tanggal": tanggal_sk, "catatan": f"SK Lurah {nomor_sk}", "dicatat_oleh": oleh},
    )
    if wksbm.status != Wksbm.Status.AKTIF:
        wksbm.status = Wksbm.Status.AKTIF
        wksbm.save(update_fields=["status"])
    _sinkronkan_peran(pengesahan.kepengurusan, mulai=tanggal_sk)
    return pengesahan


def _sinkronkan_peran(kepengurusan: Kepengurusan, *, mulai: date) -> None:
    """Board members with an account get the pengurus role; members of the old term lose it."""
    anggota = {a.user_id: a.jabatan for a in kepengurusan.anggota.all() if a.user_id}
    kemarin = mulai - timedelta(days=1)
    masih_berlaku = Q(selesai__isnull=True) | Q(selesai__gte=min(mulai, timezone.localdate()))
    for peran in Peran.objects.filter(
        masih_berlaku, jenis=Peran.Jenis.PENGURUS, wksbm=kepengurusan.wksbm
    ):
        if anggota.get(peran.user_id) == peran.jabatan:
            anggota.pop(peran.user_id)
        else:
            peran.selesai = max(kemarin, peran.mulai)
            peran.save(update_fields=["selesai"])
    for user_id, jabatan in anggota.items():
        Peran.objects.create(
            user_id=user_id,
            jenis=Peran.Jenis.PENGURUS,
            wksbm=kepengurusan.wksbm,
            jabatan=jabatan,
            mulai=min(mulai, timezone.localdate()),
            selesai=kepengurusan.periode_selesai,
        )


@transaction.atomic
def kembalikan_pengesahan(
    *, pengesahan: Pengesahan, oleh: AbstractBaseUser, alasan: str
) -> Pengesahan:
    """The lurah returns a submission with the reasons to fix."""
    if not alasan.strip():
        raise TransisiTidakSah("Alasan pengembalian wajib diisi.")
    pengesahan = _kunci_untuk_lurah(pengesahan, oleh, harus=S.DIAJUKAN)
    pengesahan.status = S.DIKEMBALIKAN
    pengesahan.save(update_fields=["status"])
    _catat(pengesahan, dari=S.DIAJUKAN, oleh=oleh, alasan=alasan.strip())
    return pengesahan


@transaction.atomic
def cabut_pengesahan(*, pengesahan: Pengesahan, oleh: AbstractBaseUser, alasan: str) -> Pengesahan:
    """The lurah revokes an SK in force: it no longer verifies and the WKSBM becomes nonaktif.

    The pengurus keep their access, so that they can form a new board and submit it again.
    """
    if not alasan.strip():
        raise TransisiTidakSah("Alasan pencabutan wajib diisi.")
    pengesahan = _kunci_untuk_lurah(pengesahan, oleh, harus=S.DISAHKAN)
    pengesahan.status = S.DICABUT
    pengesahan.save(update_fields=["status"])
    _catat(pengesahan, dari=S.DISAHKAN, oleh=oleh, alasan=alasan.strip())
    wksbm = Wksbm.objects.select_for_update().get(pk=pengesahan.wksbm_id)
    wksbm.status = Wksbm.Status.NONAKTIF
    wksbm.save(update_fields=["status"])
    return pengesahan
