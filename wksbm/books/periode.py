"""The period filter every dated book shares: ?dari=YYYY-MM-DD&sampai=YYYY-MM-DD."""

from dataclasses import dataclass
from datetime import date

from django import forms

from wksbm import formatting
from wksbm.forms import DateInput


class PeriodeForm(forms.Form):
    dari = forms.DateField(label="Dari tanggal", required=False, widget=DateInput())
    sampai = forms.DateField(label="Sampai tanggal", required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["sampai"] < data["dari"]:
            self.add_error("sampai", "Tanggal akhir tidak boleh sebelum tanggal awal.")
        return data


@dataclass(frozen=True)
class Periode:
    dari: date | None = None
    sampai: date | None = None

    @classmethod
    def from_request(cls, request) -> tuple["Periode", PeriodeForm]:
        form = PeriodeForm(request.GET or None)
        if form.is_bound and form.is_valid():
            return cls(form.cleaned_data.get("dari"), form.cleaned_data.get("sampai")), form
        return cls(), form

    def apply(self, queryset, field: str | None):
        if not field:
            return queryset
        if self.dari:
            queryset = queryset.filter(**{f"{field}__gte": self.dari})
        if self.sampai:
            queryset = queryset.filter(**{f"{field}__lte": self.sampai})
        return queryset

    @property
    def label(self) -> str:
        if self.dari and self.sampai:
            return f"{formatting.tanggal(self.dari)} s.d. {formatting.tanggal(self.sampai)}"
        if self.dari:
            return f"sejak {formatting.tanggal(self.dari)}"
        if self.sampai:
            return f"sampai {formatting.tanggal(self.sampai)}"
        return "Semua"

    @property
    def slug(self) -> str:
        if not (self.dari or self.sampai):
            return "semua"
        return f"{self.dari or 'awal'}_{self.sampai or 'kini'}"
