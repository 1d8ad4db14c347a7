"""Zakat guard-rails: the WKSBM's basis for handling zakat, and the amil share.

- A community group may manage zakat only where BAZNAS/LAZ do not reach, after notifying the
  authority (Putusan MK 86/PUU-X/2012): a WKSBM recorded as "tidak menangani zakat" cannot
  record a zakat receipt.
- The amil share is at most 12,5% of the zakat received (Peraturan BAZNAS 1/2016 ps. 8),
  counted per calendar year: spending above it is warned about on the entry and in the report.
"""

from dataclasses import dataclass
from decimal import Decimal

from auditlog.models import LogEntry
from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from registry.access import boleh_menulis, get_wksbm
from registry.models import Jabatan, Wksbm
from wksbm import formatting
from wksbm.books.tenancy import current as tenancy
from wksbm.forms import CrispyMixin
from wksbm.models import Jumlah
from wksbm.pdf import render_pdf

from . import services
from .models import Asnaf, Dana, Jurnal, PengaturanKeuangan, Sumber

NOL_RP = Decimal(0)

BATAS_AMIL = Decimal("0.125")
DASAR = PengaturanKeuangan.DasarZakat


def validasi_pemasukan(form) -> bool:
    """The pemasukan book's check (BukuPemasukan.validate): the error goes on `sumber`."""
    data = form.cleaned_data
    pesan = services.tolak_zakat(wksbm=form.wksbm, sumber=data.get("sumber"), dana=data.get("dana"))
    if pesan:
        form.add_error("sumber", pesan)
    return not pesan


@dataclass(frozen=True)
class Rekap:
    """Zakat of one WKSBM in one calendar year (reversed entries left out)."""

    tahun: int
    maal: Decimal
    fitrah: Decimal
    per_asnaf: list[tuple[str, Decimal]]
    saldo: Decimal

    @property
    def diterima(self) -> Decimal:
        return self.maal + self.fitrah

    @property
    def disalurkan(self) -> Decimal:
        return sum((jumlah for _, jumlah in self.per_asnaf), NOL_RP)

    @property
    def amil(self) -> Decimal:
        return dict(self.per_asnaf)[Asnaf.AMIL.label]

    @property
    def batas_amil(self) -> Decimal:
        return (self.diterima * BATAS_AMIL).quantize(Decimal("0.01"))

    @property
    def persen_amil(self) -> Decimal | None:
        if not self.diterima:
            return None
        return (self.amil * 100 / self.diterima).quantize(Decimal("0.01"))

    @property
    def persen_amil_tampil(self) -> str:
        return "—" if self.persen_amil is None else f"{formatting.angka(self.persen_amil)}%"

    @property
    def amil_melebihi(self) -> bool:
        return self.amil > self.diterima * BATAS_AMIL

    def peringatan(self) -> str:
        if not self.amil_melebihi:
            return ""
        if not self.diterima:
            return (
                f"Bagian amil tahun {self.tahun} {formatting.rupiah(self.amil)}, padahal belum "
                "ada zakat yang diterima: batasnya 12,5% dari zakat yang diterima (Peraturan "
                "BAZNAS 1/2016 pasal 8)."
            )
        return (
            f"Bagian amil tahun {self.tahun} {formatting.rupiah(self.amil)} = "
            f"{formatting.angka(self.persen_amil)}% dari zakat yang diterima "
            f"{formatting.rupiah(self.diterima)}, melebihi batas 12,5% "
            f"({formatting.rupiah(self.batas_amil)}) menurut Peraturan BAZNAS 1/2016 pasal 8."
        )


def rekap(wksbm: Wksbm, tahun: int) -> Rekap:
    """Two aggregate queries over the year's zakat entries, and the fund's balance."""
    sah = Jurnal.objects.filter(
        wksbm=wksbm,
        dana__jenis=Dana.Jenis.ZAKAT,
        jenis=Jurnal.Jenis.BIASA,
        tanggal__year=tahun,
        pembatalan__isnull=True,
    )
    masuk = sah.filter(arah=Jurnal.Arah.MASUK).aggregate(
        maal=Jumlah("jumlah", filter=Q(sumber=Sumber.ZAKAT_MAAL)),
        fitrah=Jumlah("jumlah", filter=Q(sumber=Sumber.ZAKAT_FITRAH)),
    )
    keluar = dict(
        sah.filter(arah=Jurnal.Arah.KELUAR)
        .order_by()
        .values("asnaf")
        .annotate(total=Jumlah("jumlah"))
        .values_list("asnaf", "total")
    )
    saldo = Dana.objects.filter(wksbm=wksbm, jenis=Dana.Jenis.ZAKAT).aggregate(
        total=Jumlah("saldo__jumlah")
    )["total"]
    return Rekap(
        tahun=tahun,
        maal=masuk["maal"],
        fitrah=masuk["fitrah"],
        per_asnaf=[(label, keluar.get(value, NOL_RP)) for value, label in Asnaf.choices],
        saldo=saldo,
    )


def peringatan_amil(entri: Jurnal) -> list[str]:
    """The amil warning on a pengeluaran (BukuPengeluaran.warnings)."""
    if not (entri.arah == Jurnal.Arah.KELUAR and entri.asnaf == Asnaf.AMIL and entri.dana.zakat):
        return []
    pesan = rekap(entri.wksbm, entri.tanggal.year).peringatan()
    return [pesan] if pesan else []


@transaction.atomic
def ubah_dasar_zakat(*, wksbm: Wksbm, oleh, dasar: str) -> PengaturanKeuangan:
    """Change the recorded basis for handling zakat (ketua or bendahara; recorded)."""
    if not boleh_menulis(oleh, wksbm, services.PENULIS_KEUANGAN):
        raise services.TransaksiDitolak("Hanya ketua atau bendahara yang mengubah dasar zakat.")
    aturan = PengaturanKeuangan.objects.select_for_update().get(pk=services.pengaturan(wksbm).pk)
    lama = aturan.dasar_zakat
    if lama != dasar:
        aturan.dasar_zakat = dasar
        aturan.save(update_fields=["dasar_zakat"])
        LogEntry.objects.log_create(
            aturan,
            action=LogEntry.Action.UPDATE,
            changes={"dasar_zakat": [DASAR(lama).label, DASAR(dasar).label]},
            actor=oleh,
        )
    return aturan


# --- the zakat report ----------------------------------------------------------------------


class TahunForm(forms.Form):
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)


class DasarZakatForm(CrispyMixin, forms.Form):
    dasar_zakat = forms.ChoiceField(label="Dasar pengelolaan zakat", choices=DASAR.choices)


def _tahun(request: HttpRequest) -> tuple[TahunForm, int | None]:
    form = TahunForm(
        request.GET if "tahun" in request.GET else {"tahun": timezone.localdate().year}
    )
    return form, form.cleaned_data["tahun"] if form.is_valid() else None


def _riwayat_dasar(aturan: PengaturanKeuangan):
    return LogEntry.objects.get_for_object(aturan).select_related("actor")[:5]


def _halaman(request: HttpRequest, tenant: Wksbm, dasar_form=None) -> HttpResponse:
    form, tahun = _tahun(request)
    aturan = services.pengaturan(tenant)
    return render(
        request,
        "finance/zakat_laporan.html",
        {
            "wksbm": tenant,
            "form": form,
            "tahun": tahun,
            "rekap": rekap(tenant, tahun) if tahun else None,
            "aturan": aturan,
            "tidak_menangani": aturan.dasar_zakat == DASAR.TIDAK,
            "riwayat": _riwayat_dasar(aturan),
            "dasar_form": dasar_form or DasarZakatForm(initial={"dasar_zakat": aturan.dasar_zakat}),
            "boleh_ubah": boleh_menulis(request.user, tenant, services.PENULIS_KEUANGAN),
            "query": request.GET.urlencode(),
        },
        status=200 if tahun and dasar_form is None else 400,
    )


def laporan(request: HttpRequest, wksbm: int) -> HttpResponse:
    return _halaman(request, get_wksbm(request.user, wksbm))


def laporan_pdf(request: HttpRequest, wksbm: int) -> HttpResponse:
    tenant = get_wksbm(request.user, wksbm)
    _, tahun = _tahun(request)
    if not tahun:
        return HttpResponse("Tahun tidak sah.", status=400, content_type="text/plain")
    aturan = services.pengaturan(tenant)
    pdf = render_pdf(
        "finance/zakat_print.html",
        {
            "judul": f"Laporan Zakat Tahun {tahun}",
            "periode": f"1 Januari {tahun} s.d. 31 Desember {tahun}",
            "rekap": rekap(tenant, tahun),
            "aturan": aturan,
            "tidak_menangani": aturan.dasar_zakat == DASAR.TIDAK,
            "tanggal_cetak": timezone.localdate(),
            **tenancy().print_context(tenant, (Jabatan.KETUA, Jabatan.BENDAHARA)),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    nama = f"laporan-zakat_{tenancy().slug(tenant)}_{tahun}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


@require_POST
def dasar_ubah(request: HttpRequest, wksbm: int) -> HttpResponse:
    tenant = get_wksbm(request.user, wksbm, write=True, jabatan=services.PENULIS_KEUANGAN)
    form = DasarZakatForm(request.POST)
    if not form.is_valid():
        return _halaman(request, tenant, dasar_form=form)
    aturan = ubah_dasar_zakat(
        wksbm=tenant, oleh=request.user, dasar=form.cleaned_data["dasar_zakat"]
    )
    messages.success(request, f"Dasar pengelolaan zakat: {aturan.get_dasar_zakat_display()}.")
    return redirect("finance:zakat", wksbm=tenant.pk)
