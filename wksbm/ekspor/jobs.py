"""Long exports in the background, on django-tasks (database backend; worker `db_worker`).

An app hands in a *producer*: a function that, given the job, builds the file and reports
its progress. `minta()` records a job (one per identical request while it is pending) and
enqueues `jalankan_ekspor`; the worker runs the producer and stores the file privately
through Django's storage API. Files are read only through wksbm.ekspor.views, which checks
the tenancy again (the requester, or any reader of the tenant for files without personal
data; a job of no tenant, its requester only, through the producer's own `akses`), and are
deleted with their job by `manage.py hapus_ekspor_kedaluwarsa` after
EKSPOR_MASA_SIMPAN_HARI days.
"""

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import IO

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, QueryDict
from django.utils import timezone
from django_tasks import task

from wksbm.models import Ekspor

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Hasil:
    """What a producer made: the file (bytes or an open binary file) and its download name."""

    content: bytes | IO[bytes]
    nama_berkas: str


# jenis -> producer(job, progress(rows_done[, rows_total])) -> Hasil
Producer = Callable[[Ekspor, Callable[..., None]], Hasil]
# akses(user, job) raises Http404/PermissionDenied when user may no longer read the job's data
Akses = Callable[[object, Ekspor], object]
_producers: dict[str, Producer] = {}
_akses: dict[str, Akses] = {}


def producer(jenis: str, *, akses: Akses | None = None) -> Callable[[Producer], Producer]:
    """Register a producer; `akses` is required for jobs of no tenant (read across an area)."""

    def register(fn: Producer) -> Producer:
        _producers[jenis] = fn
        if akses is not None:
            _akses[jenis] = akses
        return fn

    return register


def periksa_akses(user, job: Ekspor) -> None:
    """Check a job of no tenant again for `user` (its producer's own rule); Http404 if none."""
    akses = _akses.get(job.jenis)
    if akses is None:
        raise Http404("Ekspor tidak ditemukan.")
    akses(user, job)


def permintaan(job: Ekspor, query: dict[str, list[str]] | None = None) -> HttpRequest:
    """The request a producer replays: the requester, and the query string the job recorded
    (`query`, or the job's parameters themselves)."""
    request = HttpRequest()
    request.user = job.user
    request.GET = QueryDict(mutable=True)
    for key, values in (job.parameter if query is None else query).items():
        request.GET.setlist(key, values)
    return request


GAGAL_UMUM = (
    "Berkas tidak dapat dibuat karena terjadi kesalahan di server. Silakan minta ekspor ini "
    "lagi; bila tetap gagal, hubungi admin."
)
GAGAL_MACET = "Ekspor ini terhenti sebelum selesai. Silakan minta ekspor ini lagi."
MACET = timedelta(hours=1)  # a job pending this long was lost by its worker
GAGAL_AKSES = "Berkas tidak dibuat: Anda tidak lagi berhak membaca data WKSBM ini."


def _kunci(*, user, tenant_id: int | None, jenis: str, sumber: str, parameter: dict) -> str:
    raw = json.dumps([user.pk, tenant_id, jenis, sumber, parameter], sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()


def minta(
    *,
    user,
    tenant_id: int | None,
    jenis: str,
    sumber: str,
    judul: str,
    parameter: dict,
    baris_total: int,
    data_pribadi: bool = False,
) -> Ekspor:
    """The pending job for this request, or a new one enqueued after commit."""
    if jenis not in _producers or (tenant_id is None and jenis not in _akses):
        raise ValueError(f"No producer for {jenis!r} (a job of no tenant needs its akses)")
    kunci = _kunci(user=user, tenant_id=tenant_id, jenis=jenis, sumber=sumber, parameter=parameter)
    pending = Ekspor.objects.filter(
        kunci=kunci, status__in=[Ekspor.Status.MENUNGGU, Ekspor.Status.BERJALAN]
    )
    if job := pending.first():
        if job.dibuat > timezone.now() - MACET:
            return job
        _gagal(job, GAGAL_MACET)  # its worker died with it: free the request for a new job
    now = timezone.now()
    try:
        with transaction.atomic():
            job = Ekspor.objects.create(
                user=user,
                tenant_id=tenant_id,
                jenis=jenis,
                sumber=sumber,
                judul=judul,
                parameter=parameter,
                data_pribadi=data_pribadi,
                kunci=kunci,
                baris_total=baris_total,
                dibuat=now,
                kedaluwarsa=now + timedelta(days=settings.EKSPOR_MASA_SIMPAN_HARI),
            )
    except IntegrityError:  # the same request, recorded a moment ago by another request
        return pending.get()
    transaction.on_commit(lambda: _enqueue(job))
    return job


def _enqueue(job: Ekspor) -> None:
    result = jalankan_ekspor.enqueue(job.pk)
    Ekspor.objects.filter(pk=job.pk).update(task_id=str(result.id))


def boleh_lihat(user, job: Ekspor, *, tenant, tenancy) -> bool:
    """May `user`, a reader of `tenant` (the job's), see this job? The requester, or any reader
    when the file holds no personal data; a file with personal data only its requester, while
    they may still see personal data."""
    if job.data_pribadi:
        return job.user_id == user.pk and tenancy.can_see_personal_data(user, tenant)
    return True


@task()
def jalankan_ekspor(job_id: int) -> str:
    """Run one job (in the worker): its producer makes the file, stored privately."""
    claimed = Ekspor.objects.filter(pk=job_id, status=Ekspor.Status.MENUNGGU).update(
        status=Ekspor.Status.BERJALAN
    )
    if not claimed:  # already run, or purged
        return "dilewati"
    job = Ekspor.objects.get(pk=job_id)

    def progress(done: int, total: int | None = None) -> None:
        if total is not None:  # the rows counted again when the work starts
            job.baris_total = total
        job.baris_selesai = min(done, job.baris_total)
        Ekspor.objects.filter(pk=job_id).update(
            baris_selesai=job.baris_selesai, baris_total=job.baris_total
        )

    try:
        hasil = _producers[job.jenis](job, progress)
    except (Http404, PermissionDenied):
        _gagal(job, GAGAL_AKSES)
        return "gagal"
    except Exception:
        logger.exception("Ekspor %s (%s) gagal", job.pk, job.jenis)
        _gagal(job, GAGAL_UMUM)
        return "gagal"
    content = hasil.content
    content = ContentFile(content) if isinstance(content, bytes) else File(content)
    job.berkas.save(hasil.nama_berkas, content, save=False)
    job.nama_berkas = hasil.nama_berkas
    job.status = Ekspor.Status.SELESAI
    job.baris_selesai = job.baris_total
    job.selesai = timezone.now()
    job.save(update_fields=["berkas", "nama_berkas", "status", "baris_selesai", "selesai"])
    return "selesai"


def _gagal(job: Ekspor, pesan: str) -> None:
    job.status = Ekspor.Status.GAGAL
    job.pesan_galat = pesan
    job.selesai = timezone.now()
    job.save(update_fields=["status", "pesan_galat", "selesai"])


def hapus_kedaluwarsa(now=None) -> int:
    """Delete the jobs past their expiry with their files; the number deleted."""
    count = 0
    for job in Ekspor.objects.kedaluwarsa_lewat(now).iterator():
        if job.berkas:
            job.berkas.delete(save=False)
        job.delete()
        count += 1
    return count
