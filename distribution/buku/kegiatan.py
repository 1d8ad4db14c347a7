"""Laporan kegiatan (domain.md §2 no. 7, §7): what the WKSBM did, with whom, for how many,
on which funds, with its photos and documents."""

import django_filters
from django import forms
from django.forms import inlineformset_factory
from django.shortcuts import get_object_or_404

from finance.models import Dana
from registry.models import Mitra, Pengurus
from wksbm import books
from wksbm.books import Book, Column
from wksbm.books.filters import BookFilterSet
from wksbm.books.tenancy import current as tenancy
from wksbm.files import serve_file
from wksbm.forms import BookForm, DateInput, InlineForm, PilihanBanyak, UangField, clean_document

from ..models import AnggaranKegiatan, JenisKegiatan, Kegiatan, LampiranKegiatan

PESERTA = [
    "peserta_anak_l",
    "peserta_anak_p",
    "peserta_dewasa_l",
    "peserta_dewasa_p",
    "peserta_lansia_l",
    "peserta_lansia_p",
]


class KegiatanForm(BookForm):
    class Meta:
        model = Kegiatan
        fields = [
            "jenis",
            "judul",
            "tanggal",
            "tanggal_selesai",
            "tempat",
            "uraian",
            "penanggung_jawab",
            "mitra",
            *PESERTA,
        ]
        field_classes = {"mitra": PilihanBanyak}
        widgets = {
            "tanggal": DateInput(),
            "tanggal_selesai": DateInput(),
            "uraian": forms.Textarea(attrs={"rows": 4}),
            "mitra": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "peserta_anak_l": "Peserta menurut kelompok umur: anak di bawah 18 tahun, dewasa "
            "18–59 tahun, lansia 60 tahun ke atas.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kepengurusan = self.wksbm.kepengurusan_berlaku()
        self.fields["penanggung_jawab"].queryset = Pengurus.objects.filter(
            kepengurusan=kepengurusan
        )
        self.fields["penanggung_jawab"].help_text = "Pengurus pada kepengurusan yang berlaku."
        self.fields["mitra"].queryset = Mitra.objects.filter(wksbm=self.wksbm).order_by(
            "peran", "nama"
        )
        for name in PESERTA:
            self.fields[name].widget.attrs.update(inputmode="numeric", min="0")

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("tanggal"), data.get("tanggal_selesai")
        if mulai and selesai and selesai < mulai:
            self.add_error("tanggal_selesai", "Tanggal selesai tidak boleh sebelum tanggal mulai.")
        return data


class AnggaranForm(InlineForm):
    jumlah = UangField(label="Anggaran (Rp)")

    class Meta:
        model = AnggaranKegiatan
        fields = ["dana", "jumlah", "keterangan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dana"].queryset = Dana.objects.filter(wksbm=self.wksbm, aktif=True)

    def clean_jumlah(self):
        jumlah = self.cleaned_data["jumlah"]
        if jumlah is not None and jumlah <= 0:
            raise forms.ValidationError("Anggaran harus lebih dari Rp0.")
        return jumlah


class LampiranForm(InlineForm):
    class Meta:
        model = LampiranKegiatan
        fields = ["berkas", "keterangan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berkas"].widget.attrs["accept"] = "application/pdf,image/png,image/jpeg"

    def clean_berkas(self):
        return clean_document(self, "berkas")


AnggaranFormSet = inlineformset_factory(
    Kegiatan, AnggaranKegiatan, form=AnggaranForm, extra=2, can_delete=True
)
LampiranFormSet = inlineformset_factory(
    Kegiatan, LampiranKegiatan, form=LampiranForm, extra=2, can_delete=True
)


class KegiatanFilter(BookFilterSet):
    jenis = django_filters.ChoiceFilter(choices=JenisKegiatan.choices, label="Jenis kegiatan")
    dana = django_filters.ModelChoiceFilter(
        queryset=Dana.objects.none(), field_name="anggaran__dana", label="Dana", distinct=True
    )

    class Meta:
        model = Kegiatan
        fields = ["jenis", "dana"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.wksbm is not None:
            qs = Dana.objects.filter(wksbm=self.wksbm)
            self.filters["dana"].queryset = qs
            self.form.fields["dana"].queryset = qs


def lampiran_unduh(request, wksbm: int, pk: int, lampiran: int, book):
    """A kegiatan's attachment, to whoever may read the kegiatan (scoped like the book)."""
    tenant = tenancy().get(request.user, wksbm, write=False, jabatan=None)
    kegiatan = get_object_or_404(book.queryset(tenant), pk=pk)
    berkas = get_object_or_404(kegiatan.lampiran.all(), pk=lampiran)
    return serve_file(berkas.berkas, download_name=f"lampiran-kegiatan-{kegiatan.pk}-{berkas.pk}")


@books.register
class BukuKegiatan(Book):
    slug = "kegiatan"
    title = "Laporan Kegiatan"
    singular = "kegiatan"
    order = 7
    landscape = True
    model = Kegiatan
    form = KegiatanForm
    formsets = {"anggaran": AnggaranFormSet, "lampiran": LampiranFormSet}
    filterset = KegiatanFilter
    detail_template = "distribution/kegiatan_detail.html"
    extra_urls = [("<int:pk>/lampiran/<int:lampiran>/", lampiran_unduh, "lampiran")]
    ordering = ["-tanggal", "-id"]
    select_related = ["penanggung_jawab"]
    prefetch_related = ["mitra", "anggaran__dana"]
    search = ["judul", "tempat", "uraian"]
    columns = [
        Column("tanggal", "Tanggal", kind="date", width=13),
        Column("tanggal_selesai", "Sampai", kind="date", width=13),
        Column("get_jenis_display", "Jenis kegiatan", width=26),
        Column("judul", "Kegiatan", width=32),
        Column("tempat", "Tempat", width=22),
        Column("penanggung_jawab.nama", "Penanggung jawab", width=20),
        Column("label_mitra", "Mitra", width=24),
        Column("peserta_l", "Peserta L", kind="int", width=9),
        Column("peserta_p", "Peserta P", kind="int", width=9),
        Column("peserta", "Jumlah peserta", kind="int", width=10),
        Column("label_dana", "Dana", width=18),
        Column("total_anggaran", "Anggaran", kind="money", width=16),
    ]

    @classmethod
    def detail_context(cls, obj, *, tenant, user) -> dict:
        return {
            "anggaran": obj.anggaran.all(),
            "lampiran": obj.lampiran.all(),
            "penyaluran": obj.penyaluran.order_by("-tanggal", "-nomor"),
        }
