"""Pages of the laporan: list, "Buat laporan", the laporan with its workflow buttons, the
frozen files, and the public verification page. Every step posts to one service function."""

from datetime import date
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from finance.chart import ArusBulan, batang_bulanan
from registry.access import akses, boleh_menulis, get_scoped, get_wksbm
from wksbm import excel, panels
from wksbm.forms import CrispyMixin
from wksbm.listing import paginate, querystring_without_page

from ..models import JenisPeriode, Laporan, VersiLaporan
from ..models.laporan import PANJANG_BULAN
from . import services
from .rekap import Kolom, Tabel, periode_laporan, susun


class BuatLaporanForm(CrispyMixin, forms.Form):
    jenis_periode = forms.ChoiceField(label="Jenis periode", choices=JenisPeriode.choices)
    tahun = forms.IntegerField(
        label="Tahun",
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput({"inputmode": "numeric"}),
    )
    ke = forms.IntegerField(
        label="Periode ke",
        min_value=1,
        max_value=12,
        help_text="Bulan 1–12, triwulan 1–4, semester 1–2; untuk laporan tahunan isi 1.",
        widget=forms.NumberInput({"inputmode": "numeric"}),
    )

    def clean(self):
        data = super().clean()
        jenis, ke = data.get("jenis_periode"), data.get("ke")
        if jenis and ke and ke > 12 // PANJANG_BULAN[jenis]:
            self.add_error(
                "ke",
                f"Untuk periode {JenisPeriode(jenis).label.lower()} isi 1–"
                f"{12 // PANJANG_BULAN[jenis]}.",
            )
        return data


class NarasiForm(CrispyMixin, forms.Form):
    kendala = forms.CharField(label="Kendala", widget=forms.Textarea({"rows": 3}), required=False)
    rencana = forms.CharField(
        label="Rencana tindak lanjut", widget=forms.Textarea({"rows": 3}), required=False
    )


class AlasanForm(CrispyMixin, forms.Form):
    alasan = forms.CharField(label="Alasan", widget=forms.Textarea({"rows": 2}))


class SaringForm(forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis periode", choices=[("", "Semua"), *JenisPeriode.choices], required=False
    )
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100, required=False)


def _crumbs(wksbm) -> list[tuple[str, str]]:
    return [(reverse("distribution:laporan-list", args=[wksbm.pk]), "Laporan")]


def _usul_periode(hari_ini: date) -> dict:
    """Last month, the form's default."""
    awal = hari_ini.replace(day=1)
    lalu = date.fromordinal(awal.toordinal() - 1)
    return {"jenis_periode": JenisPeriode.BULAN, "tahun": lalu.year, "ke": lalu.month}


def laporan_list(request: HttpRequest, wksbm: int) -> HttpResponse:
    tenant = get_wksbm(request.user, wksbm)
    saring = SaringForm(request.GET or None)
    qs = _terlihat(request.user, tenant).order_by("-mulai", "jenis_periode", "-pk")
    if saring.is_bound and saring.is_valid():
        if saring.cleaned_data["jenis"]:
            qs = qs.filter(jenis_periode=saring.cleaned_data["jenis"])
        if saring.cleaned_data["tahun"]:
            qs = qs.filter(mulai__year=saring.cleaned_data["tahun"])
    return render(
        request,
        "distribution/laporan_list.html",
        {
            "wksbm": tenant,
            "saring": saring,
            "page": paginate(request, qs),
            "qs_tanpa_halaman": querystring_without_page(request),
            "boleh_buat": services.boleh_menyusun(request.user, tenant),
        },
    )


def laporan_create(request: HttpRequest, wksbm: int) -> HttpResponse:
    tenant = get_wksbm(request.user, wksbm)
    if not services.boleh_menyusun(request.user, tenant):
        raise PermissionDenied("Hanya ketua atau sekretaris yang menyusun laporan.")
    form = BuatLaporanForm(request.POST or None, initial=_usul_periode(timezone.localdate()))
    if request.method == "POST" and form.is_valid():
        try:
            laporan = services.buat(wksbm=tenant, oleh=request.user, **form.cleaned_data)
        except services.TransisiTidakSah as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{laporan} dibuat sebagai draf.")
            return redirect(laporan)
    return render(
        request,
        "distribution/laporan_form.html",
        {"wksbm": tenant, "form": form, "crumbs": _crumbs(tenant)},
        status=400 if form.is_bound else 200,
    )


def _terlihat(user, tenant) -> QuerySet[Laporan]:
    """The WKSBM's laporan `user` may open: a draft is its board's own work (those who write
    its books); the lurah and the Dinas Sosial see a laporan once it has been submitted."""
    qs = Laporan.objects.filter(wksbm=tenant)
    if not boleh_menulis(user, tenant):
        qs = qs.exclude(status=Laporan.Status.DRAFT)
    return qs


def _laporan(request, wksbm: int, pk: int) -> Laporan:
    tenant = get_wksbm(request.user, wksbm)
    qs = _terlihat(request.user, tenant).select_related(
        "wksbm__desa__kecamatan__kabupaten", "wksbm__padukuhan"
    )
    return get_scoped(qs, request.user, pk=pk)


def _tabel_beku(data: dict) -> tuple[list[Tabel], list[ArusBulan]]:
    """The tables and monthly flows of a frozen version, from its stored figures."""

    def nilai(kind, v):
        return Decimal(v) if kind in ("money", "decimal") and v is not None else v

    tabel = []
    for t in data["tabel"]:
        kolom = tuple(Kolom(**k) for k in t["kolom"])

        def baris(row, kolom=kolom):
            return [nilai(k.kind, v) for k, v in zip(kolom, row, strict=True)]

        jumlah = t["jumlah"]
        tabel.append(
            Tabel(
                t["kunci"],
                t["judul"],
                kolom,
                [baris(r) for r in t["baris"]],
                [jumlah[0], *baris(jumlah)[1:]] if jumlah else None,
            )
        )
    arus = [
        ArusBulan(a["tahun"], a["bulan"], Decimal(a["masuk"]), Decimal(a["keluar"]))
        for a in data["arus"]
    ]
    return tabel, arus


def laporan_detail(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    laporan = _laporan(request, wksbm, pk)
    langkah = services.langkah_untuk(request.user, laporan)
    versi = list(laporan.versi.select_related("diajukan_oleh").order_by("-nomor"))
    narasi = NarasiForm(initial={"kendala": laporan.kendala, "rencana": laporan.rencana})
    if request.method == "POST":
        if "ubah" not in langkah:
            raise PermissionDenied("Peran Anda tidak berwenang mengubah laporan ini.")
        narasi = NarasiForm(request.POST)
        if narasi.is_valid():
            try:
                services.ubah_narasi(laporan=laporan, oleh=request.user, **narasi.cleaned_data)
            except services.TransisiTidakSah as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "Narasi laporan disimpan.")
            return redirect(laporan)
    # The board sees its draft compiled live; the lurah and the Dinas Sosial the last submitted
    # version while the board corrects it.
    langsung = not versi or (laporan.draf and boleh_menulis(request.user, laporan.wksbm))
    if langsung:
        rekap = susun(laporan.wksbm, periode_laporan(laporan))
        tabel, arus = rekap.tabel(), rekap.arus
    else:
        tabel, arus = _tabel_beku(versi[0].data)
    periode = periode_laporan(laporan)
    return render(
        request,
        "distribution/laporan_detail.html",
        {
            "wksbm": laporan.wksbm,
            "crumbs": _crumbs(laporan.wksbm),
            "laporan": laporan,
            "langkah": langkah,
            "langsung": langsung,
            "versi": versi,
            "riwayat": laporan.riwayat.select_related("oleh").order_by("-pada", "-pk"),
            "tabel": tabel,
            "arus": arus,
            "grafik": batang_bulanan(
                arus,
                judul=f"Penerimaan dan pengeluaran per bulan, {periode.nama}",
                id_awal="grafik",
            ),
            "narasi": narasi,
            "alasan": AlasanForm(),
            "boleh_ajukan_sekarang": laporan.akhir < timezone.localdate(),
        },
    )


def _langkah(request, wksbm: int, pk: int, nama: str, pesan_ok: str, *, alasan: bool = False):
    laporan = _laporan(request, wksbm, pk)
    if nama not in services.langkah_untuk(request.user, laporan):
        raise PermissionDenied("Peran Anda tidak berwenang untuk langkah ini.")
    kwargs = {"laporan": laporan, "oleh": request.user}
    if alasan:
        form = AlasanForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Alasan wajib diisi.")
            return redirect(laporan)
        kwargs["alasan"] = form.cleaned_data["alasan"]
    fungsi = {
        "ajukan": services.ajukan,
        "ketahui": services.ketahui,
        "terima": services.terima,
        "kembalikan": services.kembalikan,
        "buka": services.buka_kembali,
    }[nama]
    try:
        fungsi(**kwargs)
    except services.TransisiTidakSah as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, pesan_ok)
    return redirect(laporan)


@require_POST
def laporan_ajukan(request, wksbm: int, pk: int) -> HttpResponse:
    return _langkah(
        request,
        wksbm,
        pk,
        "ajukan",
        "Laporan diajukan. Buku-buku periode ini terkunci sampai laporan dibuka kembali.",
    )


@require_POST
def laporan_ketahui(request, wksbm: int, pk: int) -> HttpResponse:
    return _langkah(request, wksbm, pk, "ketahui", "Laporan diketahui; diteruskan ke Dinas Sosial.")


@require_POST
def laporan_terima(request, wksbm: int, pk: int) -> HttpResponse:
    return _langkah(request, wksbm, pk, "terima", "Laporan diterima Dinas Sosial.")


@require_POST
def laporan_kembalikan(request, wksbm: int, pk: int) -> HttpResponse:
    return _langkah(
        request, wksbm, pk, "kembalikan", "Laporan dikembalikan kepada ketua.", alasan=True
    )


@require_POST
def laporan_buka(request, wksbm: int, pk: int) -> HttpResponse:
    return _langkah(
        request,
        wksbm,
        pk,
        "buka",
        "Laporan dibuka kembali (direvisi); versi yang sudah diajukan tetap tersimpan.",
        alasan=True,
    )


def _versi(request, wksbm: int, pk: int) -> VersiLaporan:
    laporan = _laporan(request, wksbm, pk)
    versi = laporan.versi.all()
    nomor = request.GET.get("versi", "")
    if nomor.isdigit():
        versi = versi.filter(nomor=int(nomor))
    found = versi.order_by("-nomor").first()
    if found is None:
        raise Http404("Laporan ini belum pernah diajukan.")
    return found


def _unduh(versi: VersiLaporan, berkas, ext: str, content_type: str) -> FileResponse:
    try:
        handle = berkas.storage.open(berkas.name, "rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas tidak ditemukan di penyimpanan.") from exc
    lap = versi.laporan
    nama = f"laporan_{lap.wksbm_id}_{lap.jenis_periode}_{lap.mulai:%Y-%m}_v{versi.nomor}.{ext}"
    response = FileResponse(handle, as_attachment=True, filename=nama, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def laporan_pdf(request, wksbm: int, pk: int) -> FileResponse:
    versi = _versi(request, wksbm, pk)
    return _unduh(versi, versi.pdf, "pdf", "application/pdf")


def laporan_xlsx(request, wksbm: int, pk: int) -> FileResponse:
    versi = _versi(request, wksbm, pk)
    return _unduh(versi, versi.xlsx, "xlsx", excel.XLSX_TYPE)


@login_not_required
def laporan_verifikasi(request: HttpRequest, token: str) -> HttpResponse:
    """Public: is this printed laporan authentic? WKSBM name, period, status, submission date
    and the PDF's hash only; no personal data."""
    versi = get_object_or_404(VersiLaporan.objects.select_related("laporan__wksbm"), token=token)
    terbaru = versi.laporan.versi.order_by("-nomor").values_list("nomor", flat=True).first()
    response = render(
        request,
        "distribution/laporan_verifikasi.html",
        {"versi": versi, "laporan": versi.laporan, "terbaru": terbaru},
    )
    response["X-Robots-Tag"] = "noindex"
    return response


# --- panels ----------------------------------------------------------------------------------


def kotak_masuk_lurah(request, wksbm=None, obj=None) -> panels.Panel | None:
    """On the lurah's home: laporan of the desa's WKSBMs waiting to be acknowledged."""
    desa = akses(request.user).desa
    if not desa:
        return None
    menunggu = (
        Laporan.objects.filter(status=Laporan.Status.DIAJUKAN, wksbm__desa__in=desa)
        .select_related("wksbm__desa")
        .order_by("diajukan_pada", "pk")[:50]
    )
    return panels.Panel("distribution/_laporan_masuk_lurah.html", {"laporan_menunggu": menunggu})


def laporan_wksbm(request, wksbm, obj=None) -> panels.Panel | None:
    """On the WKSBM dashboard: the latest laporan and their status."""
    if wksbm.status != wksbm.Status.AKTIF:
        return None
    terbaru = list(_terlihat(request.user, wksbm).order_by("-mulai", "-pk")[:3])
    return panels.Panel("distribution/_laporan_dasbor.html", {"laporan_terbaru": terbaru})


panels.add("home", kotak_masuk_lurah)
panels.add("dashboard", laporan_wksbm)
