"""The pages of background exports: a job's progress, its download, and "Ekspor saya".

Login is required by LoginRequiredMiddleware; the tenant is re-checked on every request, and
a job of no tenant (a recap across an area) is its requester's only, checked again by its
producer's own rule."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from wksbm import reauth
from wksbm.books.tenancy import current as tenancy
from wksbm.files import serve_file
from wksbm.listing import paginate
from wksbm.models import Ekspor

from .jobs import boleh_lihat, minta, periksa_akses

KEDALUWARSA = (
    "Berkas ekspor ini sudah kedaluwarsa dan dihapus dari server (berkas disimpan "
    "{hari} hari). Silakan buat ekspor baru dari halaman buku atau rekap asalnya."
)


def _job(request, wksbm: int, pk: int) -> tuple[object, Ekspor]:
    tenant = tenancy().get(request.user, wksbm, write=False, jabatan=None)
    job = get_object_or_404(
        Ekspor.objects.filter(tenant_id=tenant.pk).select_related("user"), pk=pk
    )
    if not boleh_lihat(request.user, job, tenant=tenant, tenancy=tenancy()):
        raise Http404("Ekspor tidak ditemukan.")
    return tenant, job


def _job_area(request, pk: int) -> tuple[None, Ekspor]:
    job = get_object_or_404(
        Ekspor.objects.filter(tenant_id__isnull=True, user=request.user).select_related("user"),
        pk=pk,
    )
    periksa_akses(request.user, job)
    return None, job


def _crumbs() -> list[tuple[str, str]]:
    return [(reverse("wksbm:ekspor-list"), "Ekspor saya")]


def _expired(request, tenant, job: Ekspor) -> HttpResponse:
    pesan = KEDALUWARSA.format(hari=settings.EKSPOR_MASA_SIMPAN_HARI)
    return render(
        request,
        "wksbm/ekspor_kedaluwarsa.html",
        {"wksbm": tenant, "job": job, "pesan": pesan, "crumbs": _crumbs()},
        status=410,
    )


def _detail(request: HttpRequest, tenant, job: Ekspor) -> HttpResponse:
    if job.sudah_kedaluwarsa:
        return _expired(request, tenant, job)
    return render(
        request, "wksbm/ekspor_detail.html", {"wksbm": tenant, "job": job, "crumbs": _crumbs()}
    )


def _unduh(request: HttpRequest, tenant, job: Ekspor) -> HttpResponse:
    if job.sudah_kedaluwarsa:
        return _expired(request, tenant, job)
    if job.status != Ekspor.Status.SELESAI:
        raise Http404("Berkas ekspor ini belum selesai dibuat.")
    if job.data_pribadi and not reauth.is_fresh(request):
        return reauth.ask(request)  # NIK/No. KK: the password or a code again (10 minutes)
    name = job.nama_berkas.rsplit(".", 1)[0]
    return serve_file(job.berkas, download_name=name, inline=False)


def ekspor_detail(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    return _detail(request, *_job(request, wksbm, pk))


def ekspor_unduh(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    return _unduh(request, *_job(request, wksbm, pk))


def ekspor_area_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, *_job_area(request, pk))


def ekspor_area_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    return _unduh(request, *_job_area(request, pk))


def di_latar(request, *, nama: str, isi: str, fmt: str, wksbm, crumbs, **job) -> HttpResponse:
    """A big export, handed to the worker: on GET the page naming it and saying what it holds
    ("berisi 812 baris") with a button that POSTs the same URL; on POST the job (jobs.minta
    with `job`: tenant_id, jenis, sumber, judul, parameter, baris_total, ...) and its progress
    page."""
    if request.method == "POST":
        return redirect(minta(user=request.user, **job).url_detail)
    context = {
        "judul": nama,
        "isi": isi,
        "format": fmt.upper(),
        "wksbm": wksbm,
        "crumbs": crumbs,
        "masa_simpan": settings.EKSPOR_MASA_SIMPAN_HARI,
    }
    return render(request, "wksbm/ekspor_latar.html", context)


def parameter_dari(request) -> dict[str, list[str]]:
    """The request's query string, as a job's parameters (replayed by the producer)."""
    return {k: request.GET.getlist(k) for k in sorted(request.GET)}


def ekspor_list(request: HttpRequest) -> HttpResponse:
    # 2 queries: the count and the page.
    jobs = Ekspor.objects.filter(user=request.user).aktif()
    return render(
        request,
        "wksbm/ekspor_list.html",
        {"page": paginate(request, jobs), "masa_simpan": settings.EKSPOR_MASA_SIMPAN_HARI},
    )
