"""Forms of the finance pages: kas umum filter, funds, cash accounts, settings, reklasifikasi,
reopening a closed month. Every choice is limited to the WKSBM's own funds and accounts."""

import string
from decimal import Decimal

from auditlog.models import LogEntry
from django import forms
from django.db import transaction
from django.utils import timezone

from wksbm.books.periode import PeriodeForm
from wksbm.formatting import rupiah
from wksbm.forms import CrispyMixin, DateInput, UangField

from .kasumum import saldo_tersimpan
from .models import Dana, Jurnal, Kas, PengaturanKeuangan, Saldo

# Created by services.pastikan_dana_bawaan and found again by these names: they stay.
DANA_BAWAAN = {"Dana Umum", "Dana Zakat", "Dana Jimpitan"}
KAS_BAWAAN = "Kas tunai"
PENANDA = ("urut", "kode", "bulan", "bulan_romawi", "tahun")
DAFTAR_PENANDA = ", ".join(f"{{{p}}}" for p in PENANDA)


def _dengan_saldo(obj) -> str:
    return f"{obj} (saldo {rupiah(saldo_tersimpan(obj))})"


def _tampil(field: forms.Field, value) -> str:
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    return str(dict(getattr(field, "choices", ())).get(value, value))


class DicatatMixin:
    """A settings form whose saves are recorded (who, when, old → new), like the books."""

    @transaction.atomic
    def simpan(self, *, oleh):
        baru = self.instance.pk is None
        changes = {
            name: [
                _tampil(self.fields[name], self.initial.get(name)),
                _tampil(self.fields[name], self.cleaned_data[name]),
            ]
            for name in self.changed_data
        }
        obj = self.save()
        LogEntry.objects.log_create(
            obj,
            action=LogEntry.Action.CREATE if baru else LogEntry.Action.UPDATE,
            changes=changes,
            actor=oleh,
            force_log=baru,
        )
        return obj


class KasUmumForm(PeriodeForm):
    """The kas umum's filter: a fund and/or a cash account (empty: all) and a period."""

    dana = forms.ModelChoiceField(
        label="Dana", queryset=Dana.objects.none(), required=False, empty_label="Semua dana"
    )
    kas = forms.ModelChoiceField(
        label="Kas", queryset=Kas.objects.none(), required=False, empty_label="Semua kas"
    )

    def __init__(self, *args, wksbm, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dana"].queryset = Dana.objects.filter(wksbm=wksbm)
        self.fields["kas"].queryset = Kas.objects.filter(wksbm=wksbm)


class DanaForm(DicatatMixin, CrispyMixin, forms.ModelForm):
    class Meta:
        model = Dana
        fields = ["nama", "jenis", "terbatas", "tujuan", "aktif"]
        help_texts = {
            "tujuan": "Untuk dana terikat: peruntukan sesuai amanat donatur, "
            "mis. “Beasiswa anak yatim Padukuhan Ngentak”."
        }

    def __init__(self, *args, wksbm, **kwargs):
        self.wksbm = wksbm
        super().__init__(*args, **kwargs)
        dana = self.instance
        jenis = self.fields["jenis"]
        if dana.pk is None:
            # One Dana Zakat per WKSBM (created with it): its rules follow the 8 asnaf.
            jenis.choices = [c for c in jenis.choices if c[0] != Dana.Jenis.ZAKAT]
            del self.fields["aktif"]
            return
        if dana.nama in DANA_BAWAAN:
            self.fields["nama"].disabled = True
            self.fields["nama"].help_text = "Nama dana bawaan tidak dapat diubah."
        if Jurnal.objects.filter(dana=dana).exists():
            for name in ("jenis", "terbatas"):
                self.fields[name].disabled = True
            jenis.help_text = (
                "Dana yang sudah memiliki entri tidak dapat diubah jenis atau pembatasannya; "
                "buat dana baru dan pindahkan saldonya dengan reklasifikasi."
            )

    def clean_nama(self):
        nama = " ".join(self.cleaned_data["nama"].split())
        lain = Dana.objects.filter(wksbm=self.wksbm, nama__iexact=nama).exclude(pk=self.instance.pk)
        if lain.exists():
            raise forms.ValidationError("Nama dana ini sudah dipakai di WKSBM ini.")
        return nama

    def clean(self):
        data = super().clean()
        jenis = data.get("jenis")
        if jenis in (Dana.Jenis.ZAKAT, Dana.Jenis.INFAK_TERIKAT):
            data["terbatas"] = True
        if data.get("terbatas") and jenis != Dana.Jenis.ZAKAT and not data.get("tujuan"):
            self.add_error(
                "tujuan", "Dana terikat wajib menyebut tujuannya (amanat donatur/peruntukan)."
            )
        if self.instance.pk and "aktif" in data and not data["aktif"]:
            if self.instance.nama == "Dana Umum":
                self.add_error("aktif", "Dana Umum tidak dapat dinonaktifkan.")
            elif saldo_tersimpan(self.instance):
                self.add_error(
                    "aktif",
                    "Dana yang masih bersaldo tidak dapat dinonaktifkan; pindahkan saldonya "
                    "dengan reklasifikasi terlebih dahulu.",
                )
        return data

    def save(self, commit=True):
        self.instance.wksbm = self.wksbm
        dana = super().save(commit)
        if commit:
            Saldo.objects.get_or_create(dana=dana)
        return dana


class KasForm(DicatatMixin, CrispyMixin, forms.ModelForm):
    class Meta:
        model = Kas
        fields = ["nama", "jenis", "nomor_rekening", "aktif"]
        labels = {"nomor_rekening": "Nomor rekening (untuk rekening bank)"}

    def __init__(self, *args, wksbm, **kwargs):
        self.wksbm = wksbm
        super().__init__(*args, **kwargs)
        self.fields["nomor_rekening"].widget.attrs["inputmode"] = "numeric"
        if self.instance.pk is None:
            del self.fields["aktif"]
        elif self.instance.nama == KAS_BAWAAN:
            self.fields["nama"].disabled = True
            self.fields["nama"].help_text = "Nama kas bawaan tidak dapat diubah."

    def clean_nama(self):
        nama = " ".join(self.cleaned_data["nama"].split())
        lain = Kas.objects.filter(wksbm=self.wksbm, nama__iexact=nama).exclude(pk=self.instance.pk)
        if lain.exists():
            raise forms.ValidationError("Nama kas ini sudah dipakai di WKSBM ini.")
        return nama

    def clean_nomor_rekening(self):
        return "".join(self.cleaned_data["nomor_rekening"].split())

    def clean(self):
        data = super().clean()
        if data.get("jenis") == Kas.Jenis.BANK and not data.get("nomor_rekening"):
            self.add_error("nomor_rekening", "Rekening bank wajib diisi nomor rekeningnya.")
        if data.get("jenis") == Kas.Jenis.TUNAI:
            data["nomor_rekening"] = ""
        if self.instance.pk and "aktif" in data and not data["aktif"]:
            if self.instance.nama == KAS_BAWAAN:
                self.add_error("aktif", "Kas tunai bawaan tidak dapat dinonaktifkan.")
            elif saldo_tersimpan(self.instance):
                self.add_error("aktif", "Kas yang masih bersaldo tidak dapat dinonaktifkan.")
        return data

    def save(self, commit=True):
        self.instance.wksbm = self.wksbm
        kas = super().save(commit)
        if commit:
            Saldo.objects.get_or_create(kas=kas)
        return kas


def contoh_nomor(pola: str, *, kode: str = "NR", urut: int = 1) -> str:
    return pola.format(urut=urut, kode=kode, bulan=11, bulan_romawi="XI", tahun=2026)


def periksa_pola(pola: str, dokumen: str) -> str:
    """A numbering pattern (kuitansi, tanda terima) that yields unique yearly numbers."""
    pola = pola.strip()
    try:
        bagian = list(string.Formatter().parse(pola))
    except ValueError as exc:
        raise forms.ValidationError(
            f"Pola nomor {dokumen} tidak sah: setiap “{{” harus ditutup dengan “}}”."
        ) from exc
    nama = [(field, conv) for _, field, _, conv in bagian if field is not None]
    for field, conv in nama:
        if field not in PENANDA or conv:
            raise forms.ValidationError(
                f"Penanda {{{field}}} tidak dikenal. Gunakan {DAFTAR_PENANDA}."
            )
    dipakai = {field for field, _ in nama}
    if not {"urut", "tahun"} <= dipakai:
        raise forms.ValidationError(
            "Pola wajib memuat {urut} dan {tahun}: nomor urut dimulai lagi setiap tahun, "
            f"jadi tanpa keduanya nomor {dokumen} akan berulang."
        )
    try:
        panjang = contoh_nomor(pola, kode="X" * 20, urut=99999)
    except (ValueError, TypeError) as exc:
        raise forms.ValidationError(
            "Format penanda tidak sah; contoh yang benar: {urut:03d} untuk 001."
        ) from exc
    if len(panjang) > Jurnal._meta.get_field("nomor_kuitansi").max_length:
        raise forms.ValidationError(f"Pola ini menghasilkan nomor {dokumen} yang terlalu panjang.")
    return pola


class PengaturanKeuanganForm(DicatatMixin, CrispyMixin, forms.ModelForm):
    class Meta:
        model = PengaturanKeuangan
        fields = ["pola_kuitansi", "pola_tanda_terima", "kode", "dasar_zakat"]
        help_texts = {
            "pola_kuitansi": f"Penanda: {DAFTAR_PENANDA}. Contoh: "
            "{urut:03d}/KWT/WKSBM-{kode}/{bulan_romawi}/{tahun} → 001/KWT/WKSBM-NR/XI/2026.",
            "pola_tanda_terima": "Untuk uang dan barang yang diserahkan; penanda seperti pola "
            "kuitansi. Contoh: {urut:03d}/TT/WKSBM-{kode}/{bulan_romawi}/{tahun}.",
            "kode": "Singkatan nama WKSBM untuk {kode}; kosong: huruf awal nama WKSBM.",
        }

    def clean_kode(self):
        return self.cleaned_data["kode"].strip()

    def clean_pola_kuitansi(self):
        return periksa_pola(self.cleaned_data["pola_kuitansi"], "kuitansi")

    def clean_pola_tanda_terima(self):
        return periksa_pola(self.cleaned_data["pola_tanda_terima"], "tanda terima")


class ReklasifikasiForm(CrispyMixin, forms.Form):
    dari = forms.ModelChoiceField(label="Dari dana", queryset=Dana.objects.none())
    ke = forms.ModelChoiceField(label="Ke dana", queryset=Dana.objects.none())
    kas = forms.ModelChoiceField(label="Kas", queryset=Kas.objects.none())
    jumlah = UangField(label="Jumlah (Rp)", min_value=Decimal("0.01"))
    tanggal = forms.DateField(label="Tanggal", widget=DateInput())
    alasan = forms.CharField(
        label="Alasan", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    tujuan_terpenuhi = forms.BooleanField(
        label="Tujuan dana terikat sudah terpenuhi",
        required=False,
        help_text="Wajib dicentang untuk memindahkan sisa dana terikat (infak/sedekah terikat).",
    )

    def __init__(self, *args, wksbm, **kwargs):
        super().__init__(*args, **kwargs)
        dana = Dana.objects.filter(wksbm=wksbm, aktif=True).select_related("saldo")
        kas = Kas.objects.filter(wksbm=wksbm, aktif=True).select_related("saldo")
        for name, qs in (("dari", dana), ("ke", dana), ("kas", kas)):
            self.fields[name].queryset = qs
            self.fields[name].label_from_instance = _dengan_saldo
        self.fields["kas"].initial = kas.first()
        self.fields["tanggal"].initial = timezone.localdate()
        self.fields["jumlah"].error_messages["min_value"] = "Jumlah harus lebih dari Rp0."

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("ke") and data["dari"] == data["ke"]:
            self.add_error("ke", "Dana asal dan tujuan harus berbeda.")
        return data


class BukaKembaliForm(CrispyMixin, forms.Form):
    alasan = forms.CharField(
        label="Alasan membuka kembali",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class SaldoAwalForm(CrispyMixin, forms.Form):
    """The money a new board takes over, per fund and cash account (services.catat_saldo_awal)."""

    tanggal = forms.DateField(
        label="Tanggal serah terima",
        widget=DateInput(),
        help_text="Paling lambat tanggal entri pertama buku keuangan di aplikasi ini.",
    )
    dana = forms.ModelChoiceField(label="Dana", queryset=Dana.objects.none())
    kas = forms.ModelChoiceField(label="Kas", queryset=Kas.objects.none())
    jumlah = UangField(label="Jumlah (Rp)", min_value=Decimal("0.01"))
    penerima = forms.CharField(
        label="Diserahkan oleh",
        max_length=150,
        required=False,
        help_text="Misalnya: Bendahara periode 2021–2025.",
    )
    uraian = forms.CharField(label="Uraian", max_length=255, required=False)

    def __init__(self, *args, wksbm, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dana"].queryset = Dana.objects.filter(wksbm=wksbm, aktif=True)
        kas = Kas.objects.filter(wksbm=wksbm, aktif=True)
        self.fields["kas"].queryset = kas
        self.fields["kas"].initial = kas.first()
        self.fields["tanggal"].initial = timezone.localdate()
        self.fields["jumlah"].error_messages["min_value"] = "Jumlah harus lebih dari Rp0."
