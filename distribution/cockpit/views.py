"""The Dinas Sosial cockpit's pages: an area's figures for a period, drilled down kapanewon →
kalurahan → WKSBM → its submitted laporan; the downloads are in .unduh, the inbox in .kotak."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from finance.chart import ArusBulan, batang_bulanan
from registry.access import get_wksbm
from wksbm import formatting

from ..models import Laporan
from . import area as areas
from . import periode as periodes
from .data import STATUS, Rekap, rekap


def grafik(r: Rekap, id_awal: str = "grafik-arus"):
    """Money raised and spent per month of the period (SVG, with a table beside it)."""
    data = [ArusBulan(b.tahun, b.bulan, b.masuk, b.keluar) for b in r.bulan]
    return batang_bulanan(
        data, judul=f"Dana terhimpun dan pengeluaran per bulan, {r.area.nama}", id_awal=id_awal
    )


def tautan(kelompok) -> str | None:
    if kelompok.wilayah:
        return reverse("distribution:cockpit-wilayah", args=[kelompok.wilayah])
    if kelompok.wksbm:
        return reverse("distribution:cockpit-wksbm", args=[kelompok.wksbm])
    return None


def unduhan(wilayah: str | None) -> dict[str, str]:
    args = [wilayah] if wilayah else []
    akhiran = "-wilayah" if wilayah else ""
    return {
        jenis: reverse(f"distribution:cockpit-{jenis}{akhiran}", args=args)
        for jenis in ("xlsx", "pdf", "zip")
    }


def tampil(kind: str, nilai) -> str:
    if kind == "money":
        return formatting.rupiah(nilai)
    if kind == "decimal":
        return formatting.angka(nilai)
    return str(nilai)


def _konteks(request, r: Rekap, form) -> dict:
    tabel = r.tabel()
    for t in tabel:
        kinds = [c.kind for c in t.kolom]
        t.baris = [
            (k, [tampil(j, v) for j, v in zip(kinds, nilai, strict=True)], tautan(k))
            for k, nilai in t.baris
        ]
        t.jumlah = [tampil(j, v) for j, v in zip(kinds, t.jumlah, strict=True)]
    return {
        "r": r,
        "area": r.area,
        "periode": r.periode,
        "form": form,
        "tabel": tabel,
        "grafik": grafik(r),
        "status": STATUS,
        "query": request.GET.urlencode(),
    }


def cockpit(request: HttpRequest, wilayah: str | None = None) -> HttpResponse:
    area = areas.area(request.user, wilayah)
    p, form = periodes.dari_request(request)
    context = _konteks(request, rekap(request.user, area, p), form)
    context["unduh"] = unduhan(wilayah)
    return render(request, "distribution/cockpit_home.html", context)


def cockpit_wksbm(request: HttpRequest, wksbm: int) -> HttpResponse:
    """One WKSBM's figures for the period and its submitted laporan (no names, no NIK)."""
    tenant = get_wksbm(request.user, wksbm)
    area = areas.area_wksbm(request.user, tenant)
    p, form = periodes.dari_request(request)
    context = _konteks(request, rekap(request.user, area, p), form)
    laporan = (
        Laporan.objects.filter(wksbm=tenant)
        .exclude(status=Laporan.Status.DRAFT)
        .prefetch_related("versi")
        .order_by("-mulai", "jenis_periode")
    )
    context.update({"wksbm": tenant, "laporan": laporan})
    return render(request, "distribution/cockpit_wksbm.html", context)
