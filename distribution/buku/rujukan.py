"""Buku Rujukan (domain.md §4): PPKS referred to a system source, and the follow-up of each."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from registry.models import Mitra, Pengurus, Ppks
from wksbm import books
from wksbm.books import Book, Column
from wksbm.books.filters import BookFilterSet
from wksbm.books.tenancy import current as tenancy
from wksbm.forms import BookForm, CrispyMixin, DateInput
from wksbm.models import next_number

from .. import services
from ..models import Kegiatan, Rujukan


class RujukanForm(BookForm):
    class Meta:
        model = Rujukan
        fields = [
            "tanggal",
            "ppks",
            "kebutuhan",
            "tujuan",
            "nama_tujuan",
            "mitra",
            "perujuk",
            "kegiatan",
            "tindak_lanjut_sebelum",
            "catatan",
        ]
        widgets = {
            "tanggal": DateInput(),
            "tindak_lanjut_sebelum": DateInput(),
            "kebutuhan": forms.Textarea(attrs={"rows": 3}),
            "catatan": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ppks = Ppks.objects.filter(wksbm=self.wksbm).order_by("nama", "pk")
        if self.instance.pk is None:
            ppks = ppks.filter(status=Ppks.Status.AKTIF)
        self.fields["ppks"].queryset = ppks
        self.fields["mitra"].queryset = Mitra.objects.filter(wksbm=self.wksbm).order_by("nama")
        self.fields["perujuk"].queryset = Pengurus.objects.filter(
            kepengurusan=self.wksbm.kepengurusan_berlaku()
        )
        self.fields["kegiatan"].queryset = Kegiatan.objects.filter(wksbm=self.wksbm)

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        if tanggal > timezone.localdate():
            raise forms.ValidationError("Tanggal rujukan tidak boleh di masa depan.")
        return tanggal

    def clean(self):
        data = super().clean()
        tujuan = data.get("tujuan")
        if tujuan == Rujukan.Tujuan.PSKS and not data.get("mitra"):
            self.add_error("mitra", "Pilih PSKS/jejaring tujuan dari register.")
        elif tujuan and tujuan != Rujukan.Tujuan.PSKS and not data.get("nama_tujuan"):
            self.add_error("nama_tujuan", "Tulis nama lembaga tujuan rujukan.")
        tanggal, batas = data.get("tanggal"), data.get("tindak_lanjut_sebelum")
        if tanggal and batas and batas < tanggal:
            self.add_error(
                "tindak_lanjut_sebelum", "Batas tindak lanjut tidak boleh sebelum tanggal rujukan."
            )
        return data


class TindakLanjutForm(CrispyMixin, forms.Form):
    ke = forms.ChoiceField(label="Status baru")
    tanggal = forms.DateField(label="Tanggal", widget=DateInput())
    catatan = forms.CharField(
        label="Catatan tindak lanjut", widget=forms.Textarea(attrs={"rows": 2})
    )
    berikutnya = forms.DateField(
        label="Tindak lanjut berikutnya paling lambat",
        required=False,
        widget=DateInput(),
        help_text="Tidak perlu diisi bila rujukan selesai atau ditolak.",
    )

    def __init__(self, *args, rujukan: Rujukan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ke"].choices = [(s, Rujukan.Status(s).label) for s in rujukan.lanjutan()]


class RujukanFilter(BookFilterSet):
    status = django_filters.ChoiceFilter(choices=Rujukan.Status.choices, label="Status")
    tujuan = django_filters.ChoiceFilter(choices=Rujukan.Tujuan.choices, label="Jenis tujuan")
    terlambat = django_filters.BooleanFilter(
        label="Tindak lanjut terlambat", method="filter_terlambat"
    )

    class Meta:
        model = Rujukan
        fields = ["status", "tujuan"]

    def filter_terlambat(self, queryset, name, value):
        if value is None:
            return queryset
        terlambat = Rujukan.objects.terlambat().values("pk")
        return queryset.filter(pk__in=terlambat) if value else queryset.exclude(pk__in=terlambat)


@require_POST
def rujukan_tindak_lanjut(request, wksbm: int, pk: int, book):
    tenant = tenancy().get(request.user, wksbm, write=False, jabatan=None)
    rujukan = get_object_or_404(book.queryset(tenant), pk=pk)
    if not tenancy().can_write(request.user, tenant, book.writers):
        raise PermissionDenied("Peran Anda tidak berwenang mencatat tindak lanjut rujukan.")
    form = TindakLanjutForm(request.POST, rujukan=rujukan)
    if form.is_valid():
        try:
            services.tindak_lanjut_rujukan(rujukan=rujukan, oleh=request.user, **form.cleaned_data)
        except services.TransaksiDitolak as exc:
            messages.error(request, f"Tindak lanjut tidak dicatat: {exc}")
        else:
            messages.success(request, "Tindak lanjut rujukan dicatat.")
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for e in errors:
                messages.error(request, f"Tindak lanjut tidak dicatat: {label} — {e}")
    return redirect(book.url_name("detail"), wksbm=tenant.pk, pk=rujukan.pk)


@books.register
class BukuRujukan(Book):
    slug = "rujukan"
    title = "Buku Rujukan"
    personal = True  # names PPKS: exports logged and watermarked (registry.pdp)
    singular = "rujukan"
    order = 7
    landscape = True
    model = Rujukan
    form = RujukanForm
    filterset = RujukanFilter
    detail_template = "distribution/rujukan_detail.html"
    extra_urls = [("<int:pk>/tindak-lanjut/", rujukan_tindak_lanjut, "tindak-lanjut")]
    ordering = ["-tanggal", "-nomor"]
    select_related = ["ppks", "mitra", "perujuk"]
    search = ["ppks__nama", "kebutuhan", "nama_tujuan", "mitra__nama"]
    columns = [
        Column("nomor", "No. rujukan", kind="int", width=9),
        Column("tanggal", "Tanggal", kind="date", width=13),
        Column("ppks.nama", "PPKS", width=24),
        Column("kebutuhan", "Kebutuhan", width=32),
        Column("tujuan_tampil", "Tujuan rujukan", width=30),
        Column("perujuk.nama", "Dirujuk oleh", width=20),
        Column("get_status_display", "Status", width=12),
        Column("tanggal_status", "Sejak", kind="date", width=13),
        Column("tindak_lanjut_sebelum", "Tindak lanjut sebelum", kind="date", width=14),
    ]

    @classmethod
    def save(cls, form, *, tenant, user) -> Rujukan:
        rujukan = form.save(commit=False)
        rujukan.wksbm = tenant
        if rujukan.pk is None:
            rujukan.nomor = next_number(f"rujukan:{tenant.pk}")
            rujukan.tanggal_status = rujukan.tanggal
        if rujukan.tindak_lanjut_sebelum is None and rujukan.terbuka:
            rujukan.tindak_lanjut_sebelum = rujukan.tenggat_bawaan()
        rujukan.save()
        return rujukan

    @classmethod
    def detail_context(cls, obj, *, tenant, user) -> dict:
        hari_ini = timezone.localdate()
        return {
            "tindak_lanjut": obj.tindak_lanjut.select_related("oleh"),
            "terlambat": obj.terlambat(hari_ini),
            "tindak_lanjut_form": TindakLanjutForm(rujukan=obj, initial={"tanggal": hari_ini})
            if obj.lanjutan()
            else None,
        }
