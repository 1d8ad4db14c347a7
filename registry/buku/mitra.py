"""Data PSKS and Data Jejaring Kerja: two books over one table (registry.models.Mitra).

Each book sees only its own rows (`peran`), has its own form, columns and filters, and
prints separately. A PSKS row opened through the jejaring book is a 404, and vice versa.
"""

import django_filters
from django import forms

from wksbm import books
from wksbm.books import Book, Column
from wksbm.books.filters import BookFilterSet
from wksbm.forms import BookForm, DateInput

from ..models import KategoriPsks, Mitra
from .donatur import clean_telepon


class MitraForm(BookForm):
    peran: str  # set by each subclass; saved on the row, never posted

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.peran = self.peran
        self.fields["telepon"].widget.attrs.update(inputmode="tel", autocomplete="off")

    def clean_telepon(self):
        return clean_telepon(self.cleaned_data.get("telepon"))


_UMUM = ["wilayah", "tingkat", "alamat", "nama_kontak", "telepon", "email"]


class PsksForm(MitraForm):
    peran = Mitra.Peran.PSKS

    class Meta:
        model = Mitra
        fields = ["nama", "subjek", "kategori", *_UMUM, "sejak", "keterangan"]
        labels = {"nama": "Nama lembaga/perorangan"}
        widgets = {"sejak": DateInput(), "keterangan": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "wilayah": "PSKS di luar wilayah WKSBM juga dicatat bila dapat dimintai bantuan.",
            "kategori": "12 kategori resmi Permensos 8/2012 dan tambahan setempat.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].required = True
        self.fields["kategori"].empty_label = "— pilih kategori —"
        self.fields["kategori"].error_messages["required"] = "Pilih kategori PSKS."


class JejaringForm(MitraForm):
    peran = Mitra.Peran.JEJARING

    bentuk_kerja_sama = forms.MultipleChoiceField(
        label="Bentuk kerja sama",
        choices=Mitra.KerjaSama.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Mitra
        fields = [
            "nama",
            "jenis",
            *_UMUM,
            "bentuk_kerja_sama",
            "dasar",
            "sejak",
            "keterangan",
        ]
        labels = {"nama": "Nama lembaga/kelompok"}
        widgets = {"sejak": DateInput(), "keterangan": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].required = True
        self.fields["jenis"].error_messages["required"] = "Pilih jenis mitra jejaring."


def _pilihan(label: str, choices, **kwargs) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(label=label, choices=choices, empty_label="Semua", **kwargs)


class PsksFilter(BookFilterSet):
    kategori = django_filters.ModelChoiceFilter(
        queryset=KategoriPsks.objects.all(), label="Kategori PSKS", empty_label="Semua"
    )
    subjek = _pilihan("Lembaga/perorangan", Mitra.Subjek.choices)
    wilayah = _pilihan("Wilayah", Mitra.Wilayah.choices)
    tingkat = _pilihan("Tingkat", Mitra.Tingkat.choices)

    class Meta:
        model = Mitra
        fields = ["kategori", "subjek", "wilayah", "tingkat"]


class JejaringFilter(BookFilterSet):
    jenis = _pilihan("Jenis", Mitra.Jenis.choices)
    tingkat = _pilihan("Tingkat", Mitra.Tingkat.choices)
    wilayah = _pilihan("Wilayah", Mitra.Wilayah.choices)
    kerja_sama = _pilihan("Bentuk kerja sama", Mitra.KerjaSama.choices, method="filter_kerja_sama")

    class Meta:
        model = Mitra
        fields = ["jenis", "tingkat", "wilayah"]

    def filter_kerja_sama(self, queryset, name, value):
        # The list is stored as JSON text; the quotes make "pendanaan" not match "pendataan".
        return queryset.filter(bentuk_kerja_sama__icontains=f'"{value}"')


class _BukuMitra(Book):
    model = Mitra
    peran: str
    landscape = True
    date_field = None  # a register, not a dated journal
    ordering = ["nama", "id"]
    search = ["nama", "alamat", "nama_kontak", "keterangan"]

    @classmethod
    def queryset(cls, tenant):
        return super().queryset(tenant).filter(peran=cls.peran)

    @classmethod
    def save(cls, form, *, tenant, user) -> Mitra:
        form.instance.peran = cls.peran
        return super().save(form, tenant=tenant, user=user)


_KONTAK = [
    Column("alamat", "Alamat", width=28),
    Column("kontak", "Kontak", width=36),
]


@books.register
class BukuPsks(_BukuMitra):
    slug = "psks"
    title = "Data PSKS"
    singular = "PSKS"
    order = 9
    peran = Mitra.Peran.PSKS
    form = PsksForm
    filterset = PsksFilter
    select_related = ["kategori"]
    search = [*_BukuMitra.search, "kategori__nama"]
    columns = [
        Column("nama", "Nama lembaga/perorangan", width=28),
        Column("get_subjek_display", "Lembaga/perorangan", width=16),
        Column("kategori.nama", "Kategori PSKS", width=28),
        Column("get_wilayah_display", "Wilayah", width=16),
        Column("get_tingkat_display", "Tingkat", width=16),
        *_KONTAK,
        Column("sejak", "Sejak", kind="date", width=14),
        Column("keterangan", "Ket.", width=24),
    ]


@books.register
class BukuJejaring(_BukuMitra):
    slug = "jejaring"
    title = "Data Jejaring Kerja"
    singular = "mitra jejaring"
    order = 11
    peran = Mitra.Peran.JEJARING
    form = JejaringForm
    filterset = JejaringFilter
    columns = [
        Column("nama", "Nama lembaga/kelompok", width=28),
        Column("get_jenis_display", "Jenis", width=18),
        Column("get_wilayah_display", "Wilayah", width=16),
        Column("get_tingkat_display", "Tingkat", width=16),
        *_KONTAK,
        Column("label_kerja_sama", "Bentuk kerja sama", width=24),
        Column("get_dasar_display", "Dasar", width=16),
        Column("sejak", "Sejak", kind="date", width=14),
        Column("keterangan", "Ket.", width=24),
    ]
