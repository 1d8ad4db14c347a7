"""Personal data of PPKS under UU PDP 27/2022: the export log and its watermark, the
subject-access export of one PPKS, correction requests, and the retention purge.

The registry knows nothing of the apps that hold more about a PPKS (the aid they received,
their referrals); those apps hand in what they hold at start-up, like wksbm.panels:

    pdp.tambah_penyedia(fn)    # fn(ppks) -> list[Bagian]: their sections of the subject export
    pdp.tambah_aktivitas(fn)   # fn(sejak: date) -> ids of PPKS served (aid, referral) since
    pdp.tambah_penghapus(fn)   # fn(ppks_ids) -> None: clear what they keep about these people
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from wksbm import formatting

from . import access
from .models import EksporDataPribadi, Jabatan, Ppks, Wksbm
from .models.ppks import PenghapusanPpks, PermintaanKoreksi, PpksKategori, RiwayatStatusPpks

# --- the export log and the watermark -----------------------------------------------------


def tanda_air(user, pada: datetime) -> str:
    """The line printed on every page (and in the Excel header) of a file with names."""
    nama = user.get_full_name() or user.username
    waktu = timezone.localtime(pada)
    return (
        f"Data pribadi (UU PDP) · diunduh oleh {nama} ({user.username}) · "
        f"{waktu:%d/%m/%Y %H:%M} WIB · dilarang disebarluaskan"
    )


def catat_ekspor(*, user, wksbm: Wksbm, buku: str, baris: int, ppks: Ppks | None = None) -> str:
    """Log an export that carries the names of PPKS (who, when, which book, how many rows) and
    return its watermark. The one way every such export is logged."""
    log = EksporDataPribadi.objects.create(
        user=user, wksbm=wksbm, buku=buku[:100], jumlah_baris=baris, ppks=ppks
    )
    return tanda_air(user, log.pada)


def boleh_baca_log(user, wksbm: Wksbm) -> bool:
    """The export log is for the ketua of that WKSBM and the admin."""
    return access.boleh_menulis(user, wksbm, {Jabatan.KETUA})


# --- what other apps hold about a PPKS ----------------------------------------------------


@dataclass(frozen=True)
class Bagian:
    """One section of the subject-access export: a heading and a table."""

    judul: str
    kolom: list[str]
    baris: list[list]


_penyedia: list[Callable[[Ppks], list[Bagian]]] = []
_aktivitas: list[Callable[[date], Iterable[int]]] = []
_penghapus: list[Callable[[list[int]], None]] = []


def _tambah(daftar: list, fn) -> None:
    if fn not in daftar:
        daftar.append(fn)


def tambah_penyedia(fn: Callable[[Ppks], list[Bagian]]) -> None:
    _tambah(_penyedia, fn)


def tambah_aktivitas(fn: Callable[[date], Iterable[int]]) -> None:
    _tambah(_aktivitas, fn)


def tambah_penghapus(fn: Callable[[list[int]], None]) -> None:
    _tambah(_penghapus, fn)


# --- the subject-access export ------------------------------------------------------------


def _teks(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return formatting.tanggal(value)
    return str(value)


def _register(ppks: Ppks) -> Bagian:
    p = ppks
    baris = [
        ["No. register", p.nomor],
        ["Jenis subjek", p.get_jenis_subjek_display()],
        ["Nama", p.nama],
        ["NIK", p.nik],  # unmasked: this export is for the person themself
        ["No. KK", p.no_kk],
        ["Jenis kelamin", p.get_jenis_kelamin_display()],
        ["Tempat lahir", p.tempat_lahir],
        ["Tanggal lahir", p.tanggal_lahir],
        ["Alamat", p.alamat],
        ["RT/RW", f"{p.rt}/{p.rw}" if p.rt or p.rw else ""],
        ["Padukuhan", p.padukuhan.nama if p.padukuhan else ""],
        ["Jenis disabilitas", p.get_jenis_disabilitas_display()],
        ["Status", p.get_status_display()],
        ["Program yang sudah diterima", p.label_program()],
        ["Terdaftar DTKS/DTSEN", p.terdaftar_dtsen],
        ["Desil DTSEN", p.desil],
        ["Tanggal pendataan", p.tanggal_pendataan],
        ["Catatan", p.catatan],
        ["Dasar pemrosesan", p.get_dasar_pemrosesan_display()],
        ["Tanggal persetujuan/dasar", p.tanggal_dasar],
        ["Wali", f"{p.nama_wali} ({p.hubungan_wali})" if p.nama_wali else ""],
        ["WKSBM pengelola data", str(p.wksbm)],
    ]
    return Bagian("Data register", ["Data", "Isi"], [[k, _teks(v)] for k, v in baris])


def _jejak(ppks: Ppks) -> list[Bagian]:
    """Who changed and read this record, and the exports that named this person."""
    ct = ContentType.objects.get_for_model(Ppks)
    entries = LogEntry.objects.filter(content_type=ct, object_pk=str(ppks.pk)).select_related(
        "actor"
    )
    aksi = dict(LogEntry.Action.choices)
    riwayat = [
        [
            _teks(e.timestamp),
            str(e.actor) if e.actor else "sistem",
            aksi.get(e.action, e.action),
            ", ".join(sorted((e.changes_dict or {}).keys())),
        ]
        for e in entries.order_by("timestamp", "pk")
    ]
    # Book exports carry every PPKS of the WKSBM: those made while this person was on the
    # register could have named them; a subject-access export names them alone.
    sejak = (
        entries.filter(action=LogEntry.Action.CREATE).values_list("timestamp", flat=True).first()
    )
    ekspor = EksporDataPribadi.objects.filter(wksbm=ppks.wksbm).select_related("user")
    ekspor = [
        e
        for e in ekspor.order_by("pada", "pk")
        if (e.ppks_id == ppks.pk) or (e.ppks_id is None and (sejak is None or e.pada >= sejak))
    ]
    return [
        Bagian("Riwayat perubahan dan akses", ["Waktu", "Oleh", "Tindakan", "Data"], riwayat),
        Bagian(
            "Ekspor yang memuat data ini",
            ["Waktu", "Oleh", "Buku/laporan", "Baris"],
            [[_teks(e.pada), str(e.user), e.buku, e.jumlah_baris] for e in ekspor],
        ),
    ]


def data_subjek(ppks: Ppks) -> list[Bagian]:
    """Everything this WKSBM holds about one PPKS (UU PDP Pasal 7), section by section."""
    asesmen = [
        [str(a.kategori), _teks(a.tanggal_asesmen), a.pelapor or "—", a.kondisi or "—"]
        for a in PpksKategori.objects.filter(ppks=ppks).select_related("kategori")
    ]
    status = [
        [_teks(r.tanggal), r.get_dari_display(), r.get_ke_display(), r.alasan]
        for r in RiwayatStatusPpks.objects.filter(ppks=ppks).order_by("tanggal", "pk")
    ]
    koreksi = [
        [
            _teks(k.tanggal),
            k.diminta_oleh,
            k.isi,
            k.get_status_display(),
            k.tanggapan or "—",
            _teks(k.perubahan.timestamp) if k.perubahan else "—",
        ]
        for k in ppks.koreksi.select_related("perubahan").order_by("tanggal", "pk")
    ]
    bagian = [
        _register(ppks),
        Bagian("Kategori dan asesmen", ["Kategori", "Tanggal", "Pelapor", "Kondisi"], asesmen),
        Bagian("Riwayat status", ["Tanggal", "Dari", "Ke", "Alasan"], status),
        Bagian(
            "Permintaan koreksi",
            ["Tanggal", "Diminta oleh", "Isi", "Status", "Tanggapan", "Perubahan pada"],
            koreksi,
        ),
    ]
    for fn in _penyedia:
        bagian += fn(ppks)
    return bagian + _jejak(ppks)


def subjek_json(ppks: Ppks, bagian: list[Bagian]) -> bytes:
    data = {
        "ppks": ppks.nomor,
        "dibuat": timezone.localtime().isoformat(timespec="seconds"),
        "bagian": [
            {
                "judul": b.judul,
                "data": [dict(zip(b.kolom, map(str, r), strict=True)) for r in b.baris],
            }
            for b in bagian
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def boleh_ekspor_subjek(user, wksbm: Wksbm) -> bool:
    return access.boleh_menulis(user, wksbm, {Jabatan.KETUA})


# --- correction requests ------------------------------------------------------------------


@transaction.atomic
def catat_koreksi(*, ppks: Ppks, oleh, diminta_oleh: str, isi: str, tanggal: date):
    return PermintaanKoreksi.objects.create(
        ppks=ppks,
        dicatat_oleh=oleh,
        diminta_oleh=diminta_oleh.strip(),
        isi=isi.strip(),
        tanggal=tanggal,
    )


@transaction.atomic
def selesaikan_koreksi(
    *, koreksi: PermintaanKoreksi, oleh, diterapkan: bool, tanggapan: str
) -> PermintaanKoreksi:
    """The ketua applies (naming the change made) or refuses (with the reason) a request."""
    koreksi = PermintaanKoreksi.objects.select_for_update().get(pk=koreksi.pk)
    if not access.boleh_menulis(oleh, koreksi.ppks.wksbm, {Jabatan.KETUA}):
        raise PermissionDenied("Hanya ketua yang menyelesaikan permintaan koreksi.")
    if koreksi.status != PermintaanKoreksi.Status.DIAJUKAN:
        raise ValueError("Permintaan koreksi ini sudah diselesaikan.")
    if not tanggapan.strip():
        raise ValueError(
            "Tuliskan perubahan yang dibuat." if diterapkan else "Tuliskan alasan penolakan."
        )
    S = PermintaanKoreksi.Status
    if diterapkan:
        koreksi.perubahan = (
            LogEntry.objects.get_for_object(koreksi.ppks)
            .filter(action=LogEntry.Action.UPDATE, timestamp__gte=koreksi.dicatat_pada)
            .order_by("-timestamp", "-pk")
            .first()
        )
        if koreksi.perubahan is None:
            raise ValueError(
                "Belum ada perubahan data PPKS sejak permintaan ini dicatat: ubah dulu datanya "
                "sesuai permintaan, lalu tandai diterapkan."
            )
    koreksi.status = S.DITERAPKAN if diterapkan else S.DITOLAK
    koreksi.tanggapan = tanggapan.strip()
    koreksi.diselesaikan_oleh = oleh
    koreksi.diselesaikan_pada = timezone.now()
    koreksi.save(
        update_fields=["status", "tanggapan", "perubahan", "diselesaikan_oleh", "diselesaikan_pada"]
    )
    return koreksi


# --- retention ------------------------------------------------------------------------------

SELESAI = [Ppks.Status.TERTANGANI, Ppks.Status.MENINGGAL, Ppks.Status.PINDAH]


def _mundur(hari: date, tahun: int) -> date:
    try:
        return hari.replace(year=hari.year - tahun)
    except ValueError:  # 29 February
        return hari.replace(year=hari.year - tahun, day=28)


def kedaluwarsa(tahun: int, hari_ini: date | None = None):
    """PPKS no longer served for more than `tahun` years: status tertangani/meninggal/pindah
    since before then (the last status change, else the date of pendataan), and no aid or
    referral since; not anonymised yet."""
    batas = _mundur(hari_ini or timezone.localdate(), tahun)
    qs = Ppks.objects.filter(status__in=SELESAI, dianonimkan_pada__isnull=True)
    qs = qs.exclude(riwayat_status__tanggal__gte=batas)
    qs = qs.exclude(riwayat_status__isnull=True, tanggal_pendataan__gte=batas)
    for fn in _aktivitas:
        qs = qs.exclude(pk__in=list(fn(batas)))
    return qs


def _anonimkan(ppks: Ppks, pada: datetime) -> None:
    """The record stays (the money books and aid rows keep their reference), but nothing in it
    names or identifies the person any more; nor does its change history."""
    ppks.nama = f"PPKS terhapus #{ppks.pk}"
    for name in ("nik", "no_kk", "tempat_lahir", "alamat", "rt", "rw", "catatan"):
        setattr(ppks, name, "")
    for name in ("nama_wali", "hubungan_wali"):
        setattr(ppks, name, "")
    ppks.tanggal_lahir = None
    ppks.padukuhan = None
    ppks.dianonimkan_pada = pada
    ppks.save()
    for a in PpksKategori.objects.filter(ppks=ppks):
        a.pelapor = a.kondisi = ""
        a.save(update_fields=["pelapor", "kondisi"])
    for r in RiwayatStatusPpks.objects.filter(ppks=ppks):
        r.alasan = "(dihapus: masa retensi)"
        r.save(update_fields=["alasan"])
    for k in PermintaanKoreksi.objects.filter(ppks=ppks):
        k.diminta_oleh, k.isi, k.tanggapan = "—", "(dihapus: masa retensi)", ""
        k.save(update_fields=["diminta_oleh", "isi", "tanggapan"])
    lupakan_riwayat(Ppks, [ppks.pk], object_repr=ppks.nama)
    lupakan_riwayat(PpksKategori, list(ppks.asesmen.values_list("pk", flat=True)))


def lupakan_riwayat(model, pks: list[int], object_repr: str = "(dihapus: masa retensi)") -> None:
    """The change history kept the old values of these rows: keep who and when, drop what."""
    ct = ContentType.objects.get_for_model(model)
    LogEntry.objects.filter(content_type=ct, object_pk__in=[str(pk) for pk in pks]).update(
        changes={}, changes_text="", object_repr=object_repr
    )


def purge(*, tahun: int, pelaksana: str, oleh=None, dry_run: bool = False) -> list[int]:
    """Anonymise every PPKS past the retention period; returns their ids. Logged."""
    with transaction.atomic():
        ids = list(kedaluwarsa(tahun).values_list("pk", flat=True))
        if dry_run:
            return ids
        pada = timezone.now()
        with disable_auditlog():
            for ppks in Ppks.objects.filter(pk__in=ids).select_for_update():
                _anonimkan(ppks, pada)
        for fn in _penghapus:
            fn(ids)
        PenghapusanPpks.objects.create(
            oleh=oleh, pelaksana=pelaksana[:150], tahun=tahun, jumlah=len(ids)
        )
    return ids


def retensi_bawaan() -> int:
    return settings.PPKS_RETENSI_TAHUN
