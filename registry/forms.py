from django import forms
from django.contrib.auth import get_user_model

from wksbm.forms import CrispyMixin, DateInput, clean_document, clean_image

from .models import CapDesa, Desa, Kepengurusan, LangkahPenumbuhan, Padukuhan, Pengurus, Wksbm
from .nik import bersihkan_nik


class WksbmForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Wksbm
        fields = [
            "nama",
            "tingkat",
            "desa",
            "padukuhan",
            "alamat",
            "telepon",
            "email",
            "tanggal_berdiri",
            "stempel",
        ]
        widgets = {"tanggal_berdiri": DateInput()}

    def __init__(self, *args, desa_pilihan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stempel"].widget.attrs["accept"] = "image/png,image/jpeg"
        if desa_pilihan is not None:
            self.fields["desa"].queryset = desa_pilihan
        else:
            self.fields["desa"].queryset = Desa.objects.filter(pk=self.instance.desa_id)
            self.fields["desa"].disabled = True
        desa_ids = list(self.fields["desa"].queryset.values_list("pk", flat=True)[:50])
        self.fields["padukuhan"].queryset = Padukuhan.objects.filter(desa__in=desa_ids)

    def clean_stempel(self):
        return clean_image(self, "stempel")

    def clean(self):
        data = super().clean()
        padukuhan, desa = data.get("padukuhan"), data.get("desa")
        if padukuhan and desa and padukuhan.desa_id != desa.pk:
            self.add_error("padukuhan", "Padukuhan tidak berada di kalurahan yang dipilih.")
        if data.get("tingkat") == Wksbm.Tingkat.PADUKUHAN and not padukuhan:
            self.add_error("padukuhan", "WKSBM tingkat padukuhan wajib memilih padukuhannya.")
        return data


class LangkahForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = LangkahPenumbuhan
        fields = ["tanggal", "catatan", "lampiran"]
        widgets = {"tanggal": DateInput(), "catatan": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lampiran"].widget.attrs["accept"] = "application/pdf,image/png,image/jpeg"

    def clean_lampiran(self):
        return clean_document(self, "lampiran")


class KepengurusanForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Kepengurusan
        fields = ["periode_mulai", "periode_selesai"]
        widgets = {"periode_mulai": DateInput(), "periode_selesai": DateInput()}

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("periode_mulai"), data.get("periode_selesai")
        if mulai and selesai and selesai <= mulai:
            self.add_error("periode_selesai", "Periode selesai harus sesudah periode mulai.")
        return data


class PengurusForm(CrispyMixin, forms.ModelForm):
    # 16 digits, which may be typed in groups as printed on the KTP ("3402 0105 0585 0001");
    # bersihkan_nik removes the spaces before the model's 16-character limit applies.
    nik = forms.CharField(
        label="NIK",
        max_length=19,
        required=False,
        help_text="16 angka (boleh dikosongkan). Ditampilkan tersamar.",
    )

    class Meta:
        model = Pengurus
        fields = ["nama", "jabatan", "nik", "telepon", "alamat", "user"]
        help_texts = {
            "user": "Akun yang sudah terdaftar di WKSBM ini; bila dipilih, akun ini mendapat "
            "peran pengurus setelah SK disahkan. Akun baru dibuat oleh admin.",
        }

    def __init__(self, *args, kepengurusan: Kepengurusan, **kwargs):
        super().__init__(*args, **kwargs)
        self.kepengurusan = kepengurusan
        self.fields["nik"].widget.attrs.update(inputmode="numeric", autocomplete="off")
        # Only accounts already tied to this WKSBM: listing every account would show other
        # WKSBMs' people to any pengurus. New accounts are made by the admin.
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, is_superuser=False, peran__wksbm=kepengurusan.wksbm_id)
            .distinct()
            .order_by("username")
        )
        self.fields["user"].required = False

    def clean_nik(self):
        nik = bersihkan_nik(self.cleaned_data.get("nik"))
        if nik:
            lain = self.kepengurusan.anggota.filter(nik=nik).exclude(pk=self.instance.pk)
            if lain.exists():
                raise forms.ValidationError("NIK ini sudah tercatat di kepengurusan yang sama.")
        return nik


class AjukanForm(CrispyMixin, forms.Form):
    catatan = forms.CharField(
        label="Catatan untuk lurah", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SetujuiForm(CrispyMixin, forms.Form):
    nomor_sk = forms.CharField(
        label="Nomor Keputusan Lurah (SK)",
        max_length=100,
        help_text="Sebagaimana tercatat di Buku Keputusan, mis. 12 atau 400.9/12; tahunnya "
        "diambil dari tanggal SK. Satu nomor hanya untuk satu keputusan setahun.",
    )
    tanggal_sk = forms.DateField(label="Tanggal SK", widget=DateInput())


class KonfirmasiSetujuiForm(SetujuiForm):
    """The second step: the lurah has seen the data to be approved and confirms it."""

    tahap = forms.CharField(widget=forms.HiddenInput, initial="konfirmasi")
    konfirmasi = forms.BooleanField(
        label="Saya sudah memeriksa nama WKSBM, susunan pengurus, masa bakti, serta nomor dan "
        "tanggal SK di atas, dan menyetujuinya.",
        error_messages={"required": "Centang pernyataan ini setelah memeriksa data di atas."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("nomor_sk", "tanggal_sk"):
            self.fields[name].widget = forms.HiddenInput()


class AlasanForm(CrispyMixin, forms.Form):
    alasan = forms.CharField(
        label="Alasan", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class PadukuhanForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Padukuhan
        fields = ["nama"]

    def __init__(self, *args, desa: Desa, **kwargs):
        super().__init__(*args, **kwargs)
        self.desa = desa

    def clean_nama(self):
        nama = self.cleaned_data["nama"].strip()
        if Padukuhan.objects.filter(desa=self.desa, nama__iexact=nama).exists():
            raise forms.ValidationError("Padukuhan dengan nama ini sudah ada di kalurahan ini.")
        return nama


class CapDesaForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = CapDesa
        fields = ["cap"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cap"].widget.attrs["accept"] = "image/png,image/jpeg"
        self.fields["cap"].help_text = (
            "Cap resmi kalurahan/desa, dicetak di atas tanda tangan pada SK. "
            "Gambar PNG berlatar transparan paling rapi."
        )

    def clean_cap(self):
        return clean_image(self, "cap")
