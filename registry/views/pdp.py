"""Pages of personal data (UU PDP 27/2022): the export log, one PPKS's subject-access export,
its legal basis, and its correction requests. The logic lives in registry.pdp."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from wksbm.books.periode import Periode
from wksbm.books.tenancy import current as tenancy
from wksbm.forms import CrispyMixin, DateInput
from wksbm.listing import paginate, querystring_without_page
from wksbm.pdf import render_pdf

from .. import pdp
from ..access import get_wksbm
from ..models import EksporDataPribadi, Ppks
from ..models.ppks import DasarPemrosesan, PermintaanKoreksi


def ekspor_log(request: HttpRequest, wksbm: int) -> HttpResponse:
    """Who exported personal data of this WKSBM, when, what: for its ketua and the admin."""
    tenant = get_wksbm(request.user, wksbm)
    if not pdp.boleh_baca_log(request.user, tenant):
        raise PermissionDenied("Log ekspor data pribadi hanya untuk ketua WKSBM dan admin.")
    periode, periode_form = Periode.from_request(request)
    qs = periode.apply(
        EksporDataPribadi.objects.filter(wksbm=tenant).select_related("user", "ppks"), "pada__date"
    )
    return render(
        request,
        "registry/pdp_log.html",
        {
            "wksbm": tenant,
            "page": paginate(request, qs),
            "periode": periode,
            "periode_form": periode_form,
            "qs_tanpa_halaman": querystring_without_page(request),
        },
    )


def _ppks(request, wksbm: int, pk: int, book, *, write: bool = False) -> tuple:
    tenant = tenancy().get(request.user, wksbm, write=False, jabatan=None)
    ppks = get_object_or_404(book.queryset(tenant), pk=pk)
    if write and not tenancy().can_write(request.user, tenant, book.writers):
        raise PermissionDenied("Peran Anda tidak berwenang mengubah data PPKS.")
    return tenant, ppks


def ppks_data_subjek(request: HttpRequest, wksbm: int, pk: int, book) -> HttpResponse:
    """Everything held about one PPKS, for that person (UU PDP Pasal 7): ketua only, logged;
    PDF, or JSON with ?format=json."""
    tenant, ppks = _ppks(request, wksbm, pk, book)
    if not pdp.boleh_ekspor_subjek(request.user, tenant):
        raise PermissionDenied("Ekspor data subjek hanya oleh ketua WKSBM.")
    json = request.GET.get("format") == "json"
    watermark = pdp.catat_ekspor(
        user=request.user,
        wksbm=tenant,
        buku=f"Ekspor data subjek ({'JSON' if json else 'PDF'})",
        baris=1,
        ppks=ppks,
    )
    bagian = pdp.data_subjek(ppks)
    name = f"data-subjek_{tenancy().slug(tenant)}_{ppks.nomor or ppks.pk}"
    if json:
        response = HttpResponse(pdp.subjek_json(ppks, bagian), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    context = {
        **tenancy().print_context(tenant, ("ketua", "sekretaris")),
        "judul": "Data Pribadi PPKS (Permintaan Akses Subjek Data)",
        "periode": f"No. register {ppks.nomor}",
        "bagian": bagian,
        "tanggal_cetak": timezone.localdate(),
    }
    pdf = render_pdf("registry/pdp_subjek_print.html", context, watermark=watermark)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


class DasarForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Ppks
        fields = ["dasar_pemrosesan", "tanggal_dasar", "nama_wali", "hubungan_wali"]
        widgets = {"tanggal_dasar": DateInput}
        help_texts = {
            "nama_wali": "Wajib untuk persetujuan atas nama anak atau penyandang disabilitas.",
            "hubungan_wali": "Mis. ibu kandung, kakak, wali yang ditetapkan pengadilan.",
        }

    def clean(self):
        data = super().clean()
        if not data.get("dasar_pemrosesan"):
            self.add_error("dasar_pemrosesan", "Pilih dasar pemrosesan data.")
        if not data.get("tanggal_dasar"):
            self.add_error("tanggal_dasar", "Isi tanggal persetujuan atau dasar pemrosesan.")
        p = self.instance
        anak = (umur := p.umur()) is not None and umur < 18
        disabilitas = bool(p.jenis_disabilitas)
        if data.get("dasar_pemrosesan") == DasarPemrosesan.PERSETUJUAN and (anak or disabilitas):
            siapa = "anak" if anak else "penyandang disabilitas"
            for name in ("nama_wali", "hubungan_wali"):
                if not (data.get(name) or "").strip():
                    self.add_error(name, f"Persetujuan untuk {siapa} diberikan oleh walinya.")
        return data


def ppks_dasar(request: HttpRequest, wksbm: int, pk: int, book) -> HttpResponse:
    tenant, ppks = _ppks(request, wksbm, pk, book, write=True)
    form = DasarForm(request.POST or None, instance=ppks)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Dasar pemrosesan data dicatat.")
        return redirect(book.url_name("detail"), wksbm=tenant.pk, pk=ppks.pk)
    return render(
        request,
        "registry/simple_form.html",
        {
            "wksbm": tenant,
            "form": form,
            "judul": f"Dasar pemrosesan data · {ppks.nama}",
            "kembali": _detail_url(book, tenant, ppks),
        },
        status=400 if form.is_bound else 200,
    )


def _detail_url(book, tenant, ppks) -> str:
    return reverse(book.url_name("detail"), kwargs={"wksbm": tenant.pk, "pk": ppks.pk})


class KoreksiForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = PermintaanKoreksi
        fields = ["tanggal", "diminta_oleh", "isi"]
        widgets = {"tanggal": DateInput, "isi": forms.Textarea(attrs={"rows": 3})}


class SelesaiKoreksiForm(forms.Form):
    koreksi = forms.IntegerField(widget=forms.HiddenInput)
    keputusan = forms.ChoiceField(choices=[("terapkan", "Diterapkan"), ("tolak", "Ditolak")])
    tanggapan = forms.CharField(max_length=2000)


@require_POST
def ppks_koreksi(request: HttpRequest, wksbm: int, pk: int, book) -> HttpResponse:
    """A pengurus records a PPKS's correction request."""
    tenant, ppks = _ppks(request, wksbm, pk, book, write=True)
    form = KoreksiForm(request.POST)
    if form.is_valid():
        pdp.catat_koreksi(ppks=ppks, oleh=request.user, **form.cleaned_data)
        messages.success(request, "Permintaan koreksi dicatat; ketua akan menindaklanjutinya.")
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"Permintaan koreksi tidak dicatat: {label} {errors[0]}")
    return redirect(_detail_url(book, tenant, ppks) + "#koreksi")


@require_POST
def ppks_koreksi_selesai(request: HttpRequest, wksbm: int, pk: int, book) -> HttpResponse:
    """The ketua applies or refuses a correction request of this PPKS."""
    tenant, ppks = _ppks(request, wksbm, pk, book)
    if not pdp.boleh_ekspor_subjek(request.user, tenant):
        raise PermissionDenied("Hanya ketua yang menyelesaikan permintaan koreksi.")
    form = SelesaiKoreksiForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Keputusan tidak dicatat: isi tanggapan (perubahan atau alasan).")
        return redirect(_detail_url(book, tenant, ppks) + "#koreksi")
    koreksi = get_object_or_404(ppks.koreksi.all(), pk=form.cleaned_data["koreksi"])
    try:
        pdp.selesaikan_koreksi(
            koreksi=koreksi,
            oleh=request.user,
            diterapkan=form.cleaned_data["keputusan"] == "terapkan",
            tanggapan=form.cleaned_data["tanggapan"],
        )
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Keputusan atas permintaan koreksi dicatat.")
    return redirect(_detail_url(book, tenant, ppks) + "#koreksi")
