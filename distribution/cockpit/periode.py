"""The cockpit's period: a month, quarter, semester or year, or any range of dates.

?jenis=triwulan&tahun=2026&ke=3, or ?jenis=rentang&dari=…&sampai=…; by default the last
finished quarter.
"""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils import timezone

from wksbm import formatting
from wksbm.forms import CrispyMixin, DateInput

from ..models.laporan import PANJANG_BULAN, batas_periode, nama_periode

# jenis -> label in the period form
JENIS = {"bulan": "Bulan", "triwulan": "Triwulan", "semester": "Semester", "tahun": "Tahun"}


@dataclass(frozen=True)
class Periode:
    dari: date
    sampai: date
    label: str
    jenis: str = "rentang"

    @property
    def slug(self) -> str:
        return f"{self.dari:%Y-%m-%d}_{self.sampai:%Y-%m-%d}"

    def bulan(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches, in order."""
        hasil, t, b = [], self.dari.year, self.dari.month
        while (t, b) <= (self.sampai.year, self.sampai.month):
            hasil.append((t, b))
            t, b = (t + 1, 1) if b == 12 else (t, b + 1)
        return hasil


def periode(jenis: str, tahun: int, ke: int) -> Periode:
    """The `ke`-th month/quarter/semester of `tahun` (ke is ignored for a year), with the
    laporan's own bounds and name."""
    dari, sampai = batas_periode(jenis, tahun, 1 if jenis == "tahun" else ke)
    return Periode(dari, sampai, nama_periode(jenis, dari), jenis)


def triwulan_lalu(hari: date | None = None) -> Periode:
    """The last quarter that has ended."""
    hari = hari or timezone.localdate()
    ke = (hari.month - 1) // 3  # 0 in the first quarter: the previous year's fourth
    return periode("triwulan", hari.year, ke) if ke else periode("triwulan", hari.year - 1, 4)


class PeriodeForm(CrispyMixin, forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis periode",
        choices=[*JENIS.items(), ("rentang", "Rentang tanggal")],
    )
    tahun = forms.IntegerField(
        label="Tahun",
        min_value=2000,
        max_value=2100,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    ke = forms.IntegerField(
        label="Ke- (bulan 1–12, triwulan 1–4, semester 1–2)",
        min_value=1,
        max_value=12,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    dari = forms.DateField(label="Dari tanggal", required=False, widget=DateInput())
    sampai = forms.DateField(label="Sampai tanggal", required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        jenis = data.get("jenis")
        if jenis == "rentang":
            if not data.get("dari"):
                self.add_error("dari", "Isi tanggal awal rentang.")
            if not data.get("sampai"):
                self.add_error("sampai", "Isi tanggal akhir rentang.")
            if data.get("dari") and data.get("sampai") and data["sampai"] < data["dari"]:
                self.add_error("sampai", "Tanggal akhir tidak boleh sebelum tanggal awal.")
            elif (
                data.get("dari")
                and data.get("sampai")
                and (data["sampai"] - data["dari"]).days > 366 * 5
            ):
                self.add_error("sampai", "Rentang paling panjang 5 tahun.")
        elif jenis in JENIS:
            if not data.get("tahun"):
                self.add_error("tahun", "Isi tahunnya.")
            banyak = 12 // PANJANG_BULAN[jenis]
            if jenis != "tahun" and not (data.get("ke") and data["ke"] <= banyak):
                self.add_error("ke", f"Untuk {JENIS[jenis].lower()}, isi angka 1 sampai {banyak}.")
        return data

    def periode(self) -> Periode:
        d = self.cleaned_data
        if d["jenis"] == "rentang":
            label = f"{formatting.tanggal(d['dari'])} s.d. {formatting.tanggal(d['sampai'])}"
            return Periode(d["dari"], d["sampai"], label)
        return periode(d["jenis"], d["tahun"], d.get("ke") or 1)


def dari_request(request, form_class=PeriodeForm) -> tuple[Periode, PeriodeForm]:
    """The period asked for (or the last quarter), and the form showing it."""
    bawaan = triwulan_lalu()
    awal = {"jenis": "triwulan", "tahun": bawaan.dari.year, "ke": (bawaan.dari.month + 2) // 3}
    if "jenis" not in request.GET:
        return bawaan, form_class(initial=awal)
    form = form_class(request.GET)
    if form.is_valid():
        return form.periode(), form
    return bawaan, form
