"""The Dinas Sosial's reports inbox: for one period, which aktif WKSBMs of its area submitted,
which are late; accept a laporan the lurah has acknowledged, or return it with a reason —
through distribution.laporan.services (the workflow lives there, once)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from registry.access import get_scoped
from registry.models import Wksbm

from ..laporan import services as alur
from ..models import Laporan
from . import area as areas
from .data import wksbm_area
from .periode import JENIS, PeriodeForm, dari_request

# A laporan is late when its period ended this many days ago and it is not submitted.
TENGGAT_HARI = 10


class PeriodeLaporanForm(PeriodeForm):
    """A reporting period: month, quarter, semester or year (no free range)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = list(JENIS.items())
        del self.fields["dari"], self.fields["sampai"]


@dataclass
class Baris:
    wksbm: dict
    laporan: Laporan | None
    terlambat: bool

    @property
    def keadaan(self) -> str:
        if self.laporan is None or self.laporan.status == Laporan.Status.DRAFT:
            return "Terlambat" if self.terlambat else "Belum dikirim"
        if self.laporan.status == Laporan.Status.DIAJUKAN:
            return "Menunggu diketahui lurah"
        return self.laporan.get_status_display()

    @property
    def bisa_diputus(self) -> bool:
        return self.laporan is not None and self.laporan.status == Laporan.Status.DIKETAHUI


def tenggat(akhir: date) -> date:
    return akhir + timedelta(days=TENGGAT_HARI)


def _putuskan(request: HttpRequest) -> None:
    laporan = get_scoped(Laporan.objects.all(), request.user, pk=request.POST.get("laporan") or 0)
    areas.pembaca(request.user)
    aksi = request.POST.get("aksi")
    try:
        if aksi == "terima":
            alur.terima(laporan=laporan, oleh=request.user, catatan=request.POST.get("catatan", ""))
            messages.success(request, f"Laporan {laporan.nama_periode} {laporan.wksbm} diterima.")
        elif aksi == "kembalikan":
            alur.kembalikan(
                laporan=laporan, oleh=request.user, alasan=request.POST.get("alasan", "")
            )
            messages.success(
                request, f"Laporan {laporan.nama_periode} {laporan.wksbm} dikembalikan ke ketua."
            )
        else:
            messages.error(request, "Pilih terima atau kembalikan.")
    except alur.TransisiTidakSah as exc:
        messages.error(request, f"{laporan.wksbm}: {exc}")


def kotak_laporan(request: HttpRequest) -> HttpResponse:
    area = areas.area(request.user)
    if request.method == "POST":
        _putuskan(request)
        return redirect(request.get_full_path())
    p, form = dari_request(request, PeriodeLaporanForm)
    daftar = list(
        wksbm_area(request.user, area)
        .filter(status=Wksbm.Status.AKTIF)
        .values("id", "nama", "desa__nama", "desa__kecamatan__nama")
        .order_by("desa__kecamatan__nama", "desa__nama", "nama", "id")
    )
    laporan = {
        lap.wksbm_id: lap
        for lap in Laporan.objects.filter(
            wksbm__in=[w["id"] for w in daftar], jenis_periode=p.jenis, mulai=p.dari
        )
    }
    lewat = timezone.localdate() > tenggat(p.sampai)
    baris = [Baris(w, laporan.get(w["id"]), lewat) for w in daftar]
    saring = request.GET.get("tampil", "")
    if saring == "belum":
        baris = [b for b in baris if b.laporan is None or b.laporan.status == Laporan.Status.DRAFT]
    elif saring == "putus":
        baris = [b for b in baris if b.bisa_diputus]
    semua = [Baris(w, laporan.get(w["id"]), lewat) for w in daftar]
    return render(
        request,
        "distribution/cockpit_laporan.html",
        {
            "area": area,
            "periode": p,
            "form": form,
            "baris": baris,
            "tampil": saring,
            "tenggat": tenggat(p.sampai),
            "jumlah": {
                "wksbm": len(semua),
                "dikirim": sum(1 for b in semua if b.laporan and b.laporan.status != "draft"),
                "belum": sum(1 for b in semua if not b.laporan or b.laporan.status == "draft"),
                "putus": sum(1 for b in semua if b.bisa_diputus),
            },
            "query": request.GET.urlencode(),
        },
    )
