"""The pages of background exports: a job's progress, its download, and "Ekspor saya".

Login is required by LoginRequiredMiddleware; the tenant is re-checked on every request."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from wksbm import reauth
from wksbm.books.tenancy import current as tenancy
from wksbm.files import serve_file
from wksbm.listing import paginate
from wksbm.models import Ekspor

from .jobs import boleh_lihat

KEDALUWARSA = (
    "Berkas ekspor ini sudah kedaluwarsa dan dihapus dari server (berkas disimpan "
    "{hari} hari). Silakan buat ekspor baru dari halaman bukunya."
)


def _job(request, wksbm: int, pk: int) -> tuple[object, Ekspor]:
    tenant = tenancy().get(request.user, wksbm, write=False, jabatan=None)
    job = get_object_or_404(
        Ekspor.objects.filter(tenant_id=tenant.pk).select_related("user"), pk=pk
    )
    if not boleh_lihat(request.user, job, tenant=tenant, tenancy=tenancy()):
        raise Http404("Ekspor tidak ditemukan.")
    return tenant, job


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


def ekspor_detail(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    tenant, job = _job(request, wksbm, pk)
    if job.sudah_kedaluwarsa:
        return _expired(request, tenant, job)
    return render(
        request, "wksbm/ekspor_detail.html", {"wksbm": tenant, "job": job, "crumbs": _crumbs()}
    )


def ekspor_unduh(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    tenant, job = _job(request, wksbm, pk)
    if job.sudah_kedaluwarsa:
        return _expired(request, tenant, job)
    if job.status != Ekspor.Status.SELESAI:
        raise Http404("Berkas ekspor ini belum selesai dibuat.")
    if job.data_pribadi and not reauth.is_fresh(request):
        return reauth.ask(request)  # NIK/No. KK: the password or a code again (10 minutes)
    name = job.nama_berkas.rsplit(".", 1)[0]
    return serve_file(job.berkas, download_name=name, inline=False)


def ekspor_list(request: HttpRequest) -> HttpResponse:
    # 2 queries: the count and the page.
    jobs = Ekspor.objects.filter(user=request.user).aktif()
    return render(
        request,
        "wksbm/ekspor_list.html",
        {"page": paginate(request, jobs), "masa_simpan": settings.EKSPOR_MASA_SIMPAN_HARI},
    )
