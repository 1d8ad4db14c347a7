"""Forms of the penyaluran pages: planning recipients, recording a hand-over."""

from django import forms
from django.utils import timezone

from finance.models import Asnaf, Dana
from registry.models import KategoriPpks
from wksbm.forms import AngkaField, CrispyMixin, DateInput, UangField, clean_document

from .models import Penerima, Penyaluran


class TambahPenerimaForm(CrispyMixin, forms.Form):
    """Recipients picked from the list below the form, all with the same fund and amount."""

    dana = forms.ModelChoiceField(label="Dana", queryset=Dana.objects.none(), required=False)
    jumlah = UangField(label="Jumlah per penerima (Rp)", required=False)
    banyak = AngkaField(
        label="Banyak per penerima", required=False, max_digits=15, decimal_places=3
    )
    asnaf = forms.ChoiceField(
        label="Asnaf (wajib untuk Dana Zakat)",
        choices=[("", "—"), *Asnaf.choices],
        required=False,
    )

    def __init__(self, *args, penyaluran: Penyaluran, **kwargs):
        super().__init__(*args, **kwargs)
        self.penyaluran = penyaluran
        self.fields["dana"].queryset = Dana.objects.filter(pk__in=penyaluran.dana.values("dana_id"))
        if penyaluran.natura:
            del self.fields["jumlah"]
            self.fields["banyak"].label = f"Banyak per penerima ({penyaluran.satuan_tampil})"
        elif penyaluran.bentuk == Penyaluran.Bentuk.BARANG:
            self.fields["banyak"].label = f"Banyak per penerima ({penyaluran.satuan or 'satuan'})"
            self.fields["jumlah"].label = "Nilai per penerima (Rp, bila dibayar dari dana)"
        else:
            del self.fields["banyak"]
            if penyaluran.bentuk == Penyaluran.Bentuk.JASA:
                self.fields["jumlah"].label = "Biaya per penerima (Rp, bila dibayar dari dana)"

    def clean(self):
        data = super().clean()
        dana = data.get("dana")
        if dana is not None and dana.zakat and not data.get("asnaf"):
            self.add_error("asnaf", "Penerima dari Dana Zakat wajib disebut asnafnya.")
        return data


class UbahRencanaForm(CrispyMixin, forms.Form):
    """One planned recipient's amount, quantity and asnaf (fields as the round's form)."""

    jumlah = UangField(label="Jumlah (Rp)", required=False)
    banyak = AngkaField(label="Banyak", required=False, max_digits=15, decimal_places=3)
    asnaf = forms.ChoiceField(label="Asnaf", choices=[("", "—"), *Asnaf.choices], required=False)

    def __init__(self, *args, row: Penerima, **kwargs):
        kwargs.setdefault(
            "initial", {"jumlah": row.jumlah, "banyak": row.banyak, "asnaf": row.asnaf}
        )
        super().__init__(*args, **kwargs)
        p = row.penyaluran
        if p.natura:
            del self.fields["jumlah"]
            self.fields["banyak"].label = f"Banyak ({p.satuan_tampil})"
        elif p.bentuk != Penyaluran.Bentuk.BARANG:
            del self.fields["banyak"]
        if not (row.dana_id and row.dana.zakat):
            del self.fields["asnaf"]


class CariPpksForm(forms.Form):
    """Narrow the list of aktif PPKS to choose from (GET)."""

    kategori = forms.ModelChoiceField(
        label="Kategori", queryset=KategoriPpks.objects.all(), required=False, empty_label="Semua"
    )
    q = forms.CharField(label="Cari nama", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].widget.attrs["class"] = "form-select"
        self.fields["q"].widget.attrs["class"] = "form-control"


class SerahForm(CrispyMixin, forms.Form):
    tanggal = forms.DateField(label="Tanggal penyerahan", widget=DateInput())
    diterima_oleh = forms.ChoiceField(
        label="Diterima oleh",
        choices=Penerima.DiterimaOleh.choices,
        initial=Penerima.DiterimaOleh.SENDIRI,
        widget=forms.RadioSelect,
    )
    nama_wakil = forms.CharField(label="Nama wakil/wali", max_length=150, required=False)
    hubungan_wakil = forms.CharField(
        label="Hubungan dengan penerima", max_length=60, required=False
    )
    bukti = forms.FileField(
        label="Bukti: tanda terima bertanda tangan (pindaian), foto, atau cap jempol",
        required=False,
        help_text="PDF, JPEG atau PNG, maks. 5 MB.",
    )
    keterangan = forms.CharField(
        label="Keterangan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tanggal"].initial = timezone.localdate()
        self.fields["bukti"].widget.attrs["accept"] = "application/pdf,image/png,image/jpeg"

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        if tanggal > timezone.localdate():
            raise forms.ValidationError("Tanggal penyerahan tidak boleh di masa depan.")
        return tanggal

    def clean_bukti(self):
        return clean_document(self, "bukti")

    def clean(self):
        data = super().clean()
        if data.get("diterima_oleh") == Penerima.DiterimaOleh.WAKIL:
            for name in ("nama_wakil", "hubungan_wakil"):
                if not (data.get(name) or "").strip():
                    self.add_error(name, "Wajib diisi bila bantuan diterima wakil/wali.")
        return data


class TidakForm(CrispyMixin, forms.Form):
    alasan = forms.ChoiceField(
        label="Alasan tidak tersalurkan", choices=[("", "—"), *Penerima.Alasan.choices]
    )
    keterangan = forms.CharField(
        label="Keterangan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("alasan") == Penerima.Alasan.LAINNYA and not data.get("keterangan"):
            self.add_error("keterangan", "Untuk alasan “lainnya”, tulis keterangannya.")
        return data


class BatalForm(CrispyMixin, forms.Form):
    alasan = forms.CharField(
        label="Alasan pembatalan", widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )
