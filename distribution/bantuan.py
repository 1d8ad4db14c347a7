"""What each PPKS received, who is still without help, and referrals waiting for follow-up.

Sections on the registry's pages come in through wksbm.panels (the registry does not import
distribution); "PPKS belum terbantu" is a page of its own with its PDF and Excel file.
"""

from calendar import monthrange
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django import forms
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from registry.access import boleh_menulis, get_wksbm
from registry.models import KategoriPpks, Ppks, PpksKategori, Wksbm
from wksbm import excel, formatting, panels
from wksbm.books.tenancy import current as tenancy
from wksbm.forms import CrispyMixin
from wksbm.listing import paginate, querystring_without_page, search
from wksbm.pdf import render_pdf

from .models import Penerima, Penyaluran, Rujukan

BULAN_BAWAAN = 6


def mundur_bulan(hari: date, bulan: int) -> date:
    """The same day `bulan` months earlier (the month's last day where it has fewer)."""
    tahun, ke = divmod(hari.year * 12 + hari.month - 1 - bulan, 12)
    return date(tahun, ke + 1, min(hari.day, monthrange(tahun, ke + 1)[1]))


# --- PPKS belum terbantu ------------------------------------------------------------------


def belum_terbantu(wksbm: Wksbm, sejak: date) -> QuerySet[Ppks]:
    """Aktif PPKS who received no aid and were not referred on or after `sejak`."""
    dibantu = Penerima.objects.filter(
        penyaluran__wksbm=wksbm, status=Penerima.Status.DISERAHKAN, tanggal_serah__gte=sejak
    ).values("ppks_id")
    dirujuk = Rujukan.objects.filter(wksbm=wksbm, tanggal__gte=sejak).values("ppks_id")
    return (
        Ppks.objects.filter(wksbm=wksbm, status=Ppks.Status.AKTIF)
        .exclude(pk__in=dibantu)
        .exclude(pk__in=dirujuk)
    )


def dengan_bantuan_terakhir(queryset: QuerySet[Ppks]) -> QuerySet[Ppks]:
    terakhir = (
        Penerima.objects.filter(ppks=OuterRef("pk"), status=Penerima.Status.DISERAHKAN)
        .order_by()
        .values("ppks")
        .annotate(t=Max("tanggal_serah"))
        .values("t")
    )
    return queryset.annotate(bantuan_terakhir=Subquery(terakhir))


@dataclass(frozen=True)
class BarisKategori:
    kode: str
    nama: str
    aktif: int
    belum: int


def per_kategori(wksbm: Wksbm, belum: QuerySet[Ppks]) -> list[BarisKategori]:
    """Per PPKS category: aktif PPKS and how many of them are without help (one query); a
    PPKS of several categories counts in each."""
    counts = (
        PpksKategori.objects.filter(ppks__wksbm=wksbm, ppks__status=Ppks.Status.AKTIF)
        .values("kategori__nomor", "kategori__kode", "kategori__nama")
        .annotate(
            aktif=Count("ppks", distinct=True),
            belum=Count("ppks", distinct=True, filter=Q(ppks__in=belum.values("pk"))),
        )
        .order_by("kategori__nomor", "kategori__kode")
    )
    return [
        BarisKategori(c["kategori__kode"], c["kategori__nama"], c["aktif"], c["belum"])
        for c in counts
    ]


class BelumTerbantuForm(CrispyMixin, forms.Form):
    bulan = forms.IntegerField(
        label="Tanpa bantuan dan rujukan selama (bulan)",
        min_value=1,
        max_value=36,
        initial=BULAN_BAWAAN,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    kategori = forms.ModelChoiceField(
        label="Kategori", queryset=KategoriPpks.objects.all(), required=False
    )


def _pilihan(request) -> tuple[BelumTerbantuForm, int, KategoriPpks | None]:
    data = request.GET if "bulan" in request.GET else None
    form = BelumTerbantuForm(data, initial={"bulan": BULAN_BAWAAN})
    if data is not None and form.is_valid():
        return form, form.cleaned_data["bulan"], form.cleaned_data["kategori"]
    return form, BULAN_BAWAAN, None


def _laporan(request, wksbm: Wksbm):
    form, bulan, kategori = _pilihan(request)
    hari_ini = timezone.localdate()
    sejak = mundur_bulan(hari_ini, bulan)
    belum = belum_terbantu(wksbm, sejak)
    orang = dengan_bantuan_terakhir(belum).prefetch_related("kategori").select_related("padukuhan")
    if kategori is not None:
        orang = orang.filter(asesmen__kategori=kategori)
    q = request.GET.get("q", "").strip()
    if q:
        orang = search(orang, q, ["nama", "nomor", "alamat"])
    return {
        "wksbm": wksbm,
        "form": form,
        "bulan": bulan,
        "sejak": sejak,
        "hari_ini": hari_ini,
        "kategori": kategori,
        "q": q,
        "rekap": per_kategori(wksbm, belum),
        "orang": orang.order_by("nama", "pk"),
        # Names are personal data: the WKSBM's own pengurus see them; the lurah and the
        # Dinas Sosial see the numbers per category.
        "nama_terlihat": tenancy().can_see_personal_data(request.user, wksbm),
        "judul": "PPKS Belum Terbantu",
        "periode": f"tanpa bantuan dan rujukan sejak {formatting.tanggal(sejak)} "
        f"({bulan} bulan terakhir)",
    }


def belum_terbantu_page(request: HttpRequest, wksbm: int) -> HttpResponse:
    context = _laporan(request, get_wksbm(request.user, wksbm))
    if context["nama_terlihat"]:
        context["page"] = paginate(request, context["orang"])
    context["qs_tanpa_halaman"] = querystring_without_page(request)
    context["query"] = request.GET.urlencode()
    return render(request, "distribution/belum_terbantu.html", context)


def _nama_berkas(wksbm: Wksbm, bulan: int, ext: str) -> str:
    return f"ppks-belum-terbantu_{tenancy().slug(wksbm)}_{bulan}-bulan.{ext}"


def _tanda_air(request, c: dict, fmt: str) -> str:
    """The names are personal data: their export is logged and watermarked (registry.pdp)."""
    if not c["nama_terlihat"]:
        return ""
    return tenancy().log_personal_export(
        user=request.user, tenant=c["wksbm"], book=f"{c['judul']} ({fmt})", rows=c["orang"].count()
    )


def belum_terbantu_pdf(request: HttpRequest, wksbm: int) -> HttpResponse:
    tenant = get_wksbm(request.user, wksbm)
    context = _laporan(request, tenant)
    pdf = render_pdf(
        "distribution/belum_terbantu_print.html",
        {
            **context,
            "tanggal_cetak": context["hari_ini"],
            **tenancy().print_context(tenant, ("ketua", "sekretaris")),
        },
        watermark=_tanda_air(request, context, "PDF"),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = _nama_berkas(tenant, context["bulan"], "pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def belum_terbantu_xlsx(request: HttpRequest, wksbm: int) -> FileResponse:
    tenant = get_wksbm(request.user, wksbm)
    c = _laporan(request, tenant)
    subtitle = [str(tenant), f"Kriteria: PPKS aktif {c['periode']}"]
    if c["nama_terlihat"]:
        sheet = excel.Sheet(
            title=c["judul"],
            subtitle=subtitle,
            headers=[
                "No. register",
                "Nama",
                "L/P",
                "Umur",
                "Alamat",
                "Kategori",
                "Terakhir dibantu",
            ],
            kinds=["text", "text", "text", "int", "text", "text", "date"],
            widths=[12, 28, 6, 7, 36, 18, 16],
            watermark=_tanda_air(request, c, "Excel"),
        )
        rows = (
            [
                p.nomor,
                p.nama,
                p.jenis_kelamin,
                p.umur(c["hari_ini"]),
                ", ".join(v for v in (p.alamat, p.padukuhan and p.padukuhan.nama) if v),
                p.kode_kategori(),
                p.bantuan_terakhir,
            ]
            for p in c["orang"]
        )
    else:
        sheet = excel.Sheet(
            title=c["judul"],
            subtitle=subtitle,
            headers=["Kode", "Kategori PPKS", "PPKS aktif", "Belum terbantu"],
            kinds=["text", "text", "int", "int"],
            widths=[10, 48, 12, 14],
        )
        rows = ([r.kode, r.nama, r.aktif, r.belum] for r in c["rekap"])
    return FileResponse(
        excel.write(sheet, rows),
        as_attachment=True,
        filename=_nama_berkas(tenant, c["bulan"], "xlsx"),
        content_type=excel.XLSX_TYPE,
    )


# --- What one PPKS received (a section of the registry's PPKS page) ------------------------


@dataclass
class TahunBantuan:
    tahun: int
    uang: Decimal
    barang: dict[str, Decimal]  # unit -> quantity
    layanan: int


def bantuan_ppks(request, wksbm: Wksbm, ppks: Ppks) -> panels.Panel:
    """Every hand-over this PPKS received, every referral, and the totals per year (2 queries)."""
    diterima = list(
        ppks.penerimaan.filter(status=Penerima.Status.DISERAHKAN)
        .select_related("penyaluran__komoditas", "dana")
        .order_by("-tanggal_serah", "-pk")
    )
    per_tahun: dict[int, TahunBantuan] = {}
    for p in diterima:
        t = per_tahun.setdefault(
            p.tanggal_serah.year,
            TahunBantuan(p.tanggal_serah.year, Decimal(0), defaultdict(Decimal), 0),
        )
        if p.jumlah is not None:
            t.uang += p.jumlah
        if p.banyak is not None:
            t.barang[p.penyaluran.satuan_tampil or "unit"] += p.banyak
        if p.penyaluran.bentuk == Penyaluran.Bentuk.JASA:
            t.layanan += 1
    for t in per_tahun.values():
        t.barang = {satuan: formatting.angka(v) for satuan, v in t.barang.items()}
    rujukan = list(ppks.rujukan.select_related("mitra").order_by("-tanggal", "-nomor"))
    return panels.Panel(
        "distribution/_bantuan_ppks.html",
        {
            "diterima": diterima,
            "per_tahun": sorted(per_tahun.values(), key=lambda t: -t.tahun),
            "rujukan_ppks": rujukan,
        },
    )


def rujukan_terlambat(request, wksbm: Wksbm, obj=None) -> panels.Panel | None:
    """Open referrals past their follow-up date, on the WKSBM dashboard."""
    terlambat = Rujukan.objects.filter(wksbm=wksbm).terlambat()
    if not boleh_menulis(request.user, wksbm):
        jumlah = terlambat.count()
        return (
            panels.Panel("distribution/_rujukan_terlambat.html", {"jumlah": jumlah})
            if jumlah
            else None
        )
    rows = list(terlambat.select_related("ppks").order_by("tindak_lanjut_sebelum", "pk")[:21])
    if not rows:
        return None
    return panels.Panel(
        "distribution/_rujukan_terlambat.html",
        {"rows": rows[:20], "lebih": len(rows) > 20},
    )


def ringkasan_bantuan(request, wksbm: Wksbm, obj=None) -> panels.Panel | None:
    """How many aktif PPKS went without help for the default period, on the dashboard."""
    if wksbm.status != Wksbm.Status.AKTIF:
        return None
    sejak = mundur_bulan(timezone.localdate(), BULAN_BAWAAN)
    return panels.Panel(
        "distribution/_ringkasan_bantuan.html",
        {"belum": belum_terbantu(wksbm, sejak).count(), "bulan": BULAN_BAWAAN},
    )


panels.add("ppks-detail", bantuan_ppks)
panels.add("dashboard", ringkasan_bantuan)
panels.add("dashboard", rujukan_terlambat)
