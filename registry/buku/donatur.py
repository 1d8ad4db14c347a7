"""Data donatur (domain.md §7): kode, jenis, kontak, donatur tetap with a monthly commitment.

Anonymous donors are listed, printed, exported and searched as NAMA_ANONIM, without their
contact data; see the model.

Extension point: the donor's page lists what other apps add with `tambah_panel` (finance
adds the donor's donations) — registry never imports those apps.
"""

import re
from collections.abc import Callable

import django_filters
from django import forms

from wksbm import books
from wksbm.books import Book, Column
from wksbm.books.filters import BookFilterSet
from wksbm.forms import AngkaField, BookForm, DateInput
from wksbm.models import next_number

from ..models import NAMA_ANONIM, Donatur
from ..models.donatur import TERSAMAR

_PEMISAH = re.compile(r"[\s\-.()/]")
_KODE = re.compile(r"^[A-Z0-9][A-Z0-9./-]*$")


def clean_telepon(value: str) -> str:
    """A phone/WhatsApp number: digits (a leading + allowed), spaces and dashes kept as typed."""
    value = (value or "").strip()
    if not value:
        return ""
    digits = _PEMISAH.sub("", value)
    if digits.startswith("8") and digits.isdigit():
        # Excel drops the leading 0 of a number typed as 0812…: restore it.
        value, digits = "0" + value, "0" + digits
    if not digits.lstrip("+").isdigit() or digits.count("+") > 1:
        raise forms.ValidationError("Nomor telepon hanya boleh berisi angka (boleh diawali +).")
    if not 8 <= len(digits.lstrip("+")) <= 15:
        raise forms.ValidationError("Nomor telepon terdiri atas 8 sampai 15 angka.")
    return value


# (donatur, wksbm, user) -> {"template": ..., **context} or None. Filled by other apps.
Panel = Callable[[Donatur, object, object], dict | None]
panel_donatur: list[Panel] = []


def tambah_panel(panel: Panel) -> Panel:
    """Add a section to the donor's page (e.g. finance: the donor's donations)."""
    if panel not in panel_donatur:
        panel_donatur.append(panel)
    return panel


class DonaturForm(BookForm):
    class Meta:
        model = Donatur
        fields = [
            "kode",
            "nama",
            "jenis",
            "alamat",
            "telepon",
            "email",
            "donatur_tetap",
            "komitmen",
            "satuan_komitmen",
            "tujuan",
            "anonim",
            "sejak",
            "keterangan",
        ]
        widgets = {"sejak": DateInput(), "keterangan": forms.Textarea(attrs={"rows": 2})}
        field_classes = {"komitmen": AngkaField}  # Rupiah or kg of beras (satuan_komitmen)
        help_texts = {
            "kode": "Kosongkan untuk nomor otomatis (D-0001, D-0002, …).",
            "komitmen": "Wajib untuk donatur tetap: jumlah per bulan.",
            "anonim": (
                f"Di daftar, cetakan, dan Excel tertulis “{NAMA_ANONIM}” tanpa alamat dan"
                " kontak; data sebenarnya tetap tersimpan di halaman donatur ini."
            ),
            "keterangan": "Ikut tercetak; untuk donatur anonim jangan tuliskan nama atau ciri.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kode"].required = False
        self.fields["telepon"].widget.attrs.update(inputmode="tel", autocomplete="off")

    def clean_kode(self):
        kode = (self.cleaned_data.get("kode") or "").strip().upper()
        if not kode:
            return ""
        if not _KODE.match(kode):
            raise forms.ValidationError(
                "Kode hanya boleh berisi huruf, angka, titik, garis miring, dan tanda hubung."
            )
        twin = Donatur.objects.filter(wksbm=self.wksbm, kode=kode).exclude(pk=self.instance.pk)
        if twin.exists():
            raise forms.ValidationError(f"Kode {kode} sudah dipakai donatur lain.")
        return kode

    def clean_telepon(self):
        return clean_telepon(self.cleaned_data.get("telepon"))

    def clean(self):
        data = super().clean()
        if data.get("donatur_tetap"):
            komitmen = data.get("komitmen")
            if komitmen is None and "komitmen" not in self.errors:
                self.add_error("komitmen", "Donatur tetap wajib mengisi komitmen per bulan.")
            elif komitmen is not None and komitmen <= 0:
                self.add_error("komitmen", "Komitmen harus lebih dari nol.")
            if not data.get("satuan_komitmen"):
                self.add_error("satuan_komitmen", "Pilih satuan komitmen (Rupiah atau kg beras).")
        else:
            # A one-off donor has no commitment: drop what may be left in the fields.
            data["komitmen"], data["satuan_komitmen"] = None, ""
        return data


class DonaturImportForm(DonaturForm):
    """An imported row. Exports show an anonymous donor as NAMA_ANONIM without contact data:
    importing that file back must neither report a change nor overwrite the real data."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.anonim:
            self.initial.update(TERSAMAR)

    def clean(self):
        data = super().clean()
        if self.instance.pk and self.instance.anonim:
            for name, shown in TERSAMAR.items():
                if data.get(name, shown) == shown:
                    data[name] = getattr(self.instance, name)
        return data


class DonaturFilter(BookFilterSet):
    jenis = django_filters.ChoiceFilter(
        label="Jenis", choices=Donatur.Jenis.choices, empty_label="Semua"
    )
    donatur_tetap = django_filters.ChoiceFilter(
        label="Donatur tetap",
        choices=[("ya", "Donatur tetap"), ("tidak", "Bukan donatur tetap")],
        empty_label="Semua",
        method="filter_tetap",
    )
    tujuan = django_filters.ChoiceFilter(
        label="Tujuan", choices=Donatur.Tujuan.choices, empty_label="Semua"
    )

    class Meta:
        model = Donatur
        fields = ["jenis", "donatur_tetap", "tujuan"]

    def filter_tetap(self, queryset, name, value):
        return queryset.filter(donatur_tetap=value == "ya")


@books.register
class BukuDonatur(Book):
    slug = "donatur"
    title = "Data Donatur"
    singular = "donatur"
    order = 10
    landscape = True
    model = Donatur
    form = DonaturForm
    import_form = DonaturImportForm
    import_key = "kode"
    filterset = DonaturFilter
    detail_template = "registry/donatur_detail.html"
    date_field = None  # a register, not a dated journal
    ordering = ["kode", "id"]
    search = ["kode", "nama_tercantum", "alamat_tercantum", "keterangan"]
    columns = [
        Column("kode", "Kode", width=10),
        Column("nama_publik", "Nama", width=28, field="nama"),
        Column("get_jenis_display", "Jenis", width=16, field="jenis"),
        Column("alamat_publik", "Alamat", width=30, field="alamat"),
        Column("telepon_publik", "HP/WA", width=16, field="telepon"),
        Column("email_publik", "Email", width=24, field="email"),
        Column("donatur_tetap", "Donatur tetap", kind="bool", width=9, field="donatur_tetap"),
        Column("komitmen", "Komitmen per bulan", kind="decimal", width=14),
        Column("get_satuan_komitmen_display", "Satuan", width=18, field="satuan_komitmen"),
        Column("get_tujuan_display", "Tujuan", width=16, field="tujuan"),
        Column("anonim", "Anonim", kind="bool", width=9, field="anonim"),
        Column("sejak", "Sejak", kind="date", width=13),
        Column("keterangan", "Ket.", width=24),
    ]

    @classmethod
    def queryset(cls, tenant):
        return super().queryset(tenant).tercantum()

    @classmethod
    def save(cls, form, *, tenant, user) -> Donatur:
        donatur = form.save(commit=False)
        donatur.wksbm = tenant
        if not donatur.kode:
            donatur.kode = kode_baru(tenant)
        donatur.save()
        return donatur

    @classmethod
    def import_lookup(cls, tenant, key: str, values: dict):
        return Donatur.objects.filter(wksbm=tenant, kode=key.upper()).first()

    @classmethod
    def detail_rows(cls, obj: Donatur) -> list[tuple[str, str]]:
        """The columns; for an anonymous donor also the real data, marked as unpublished."""
        rows = []
        for c in cls.columns:
            if obj.anonim and c.field in TERSAMAR:
                if c.field == "nama":
                    rows.append((c.label, c.display(obj)))
                rows.append((f"{c.label} sebenarnya (tidak dicantumkan)", getattr(obj, c.field)))
            else:
                rows.append((c.label, c.display(obj)))
        return rows

    @classmethod
    def detail_context(cls, obj, *, tenant, user) -> dict:
        panels = (panel(obj, tenant, user) for panel in panel_donatur)
        return {"panels": [p for p in panels if p]}


def kode_baru(wksbm) -> str:
    """The next free "D-0001" code of this WKSBM (inside the caller's transaction).

    A code typed by hand may already hold the next number; it is skipped, not reused.
    """
    while True:
        kode = f"D-{next_number(f'donatur:{wksbm.pk}'):04d}"
        if not Donatur.objects.filter(wksbm=wksbm, kode=kode).exists():
            return kode
