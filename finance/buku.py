"""The money books: pemasukan and pengeluaran, both views of the one journal.

Rows are created only through finance.services (never edited: `editable = False`); a
correction is a reversal entry made from the entry's page.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from registry.models import Donatur, Mitra, Ppks
from wksbm import books
from wksbm.books import Book, Column
from wksbm.books.filters import BookFilterSet
from wksbm.books.tenancy import current as tenancy
from wksbm.forms import BookForm, CrispyMixin, DateInput, UangField, clean_document

from . import services, zakat
from .models import Dana, Jurnal, Kas
from .models.jurnal import PENERIMAAN, PENGELUARAN


class JurnalForm(BookForm):
    """Common fields of a posting; choices limited to this WKSBM."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        services.pastikan_dana_bawaan(self.wksbm)
        self.fields["dana"].queryset = Dana.objects.filter(wksbm=self.wksbm, aktif=True)
        self.fields["kas"].queryset = Kas.objects.filter(wksbm=self.wksbm, aktif=True)
        self.fields["kas"].initial = self.fields["kas"].queryset.first()
        self.fields["tanggal"].initial = timezone.localdate()
        self.fields["bukti"].widget.attrs["accept"] = "application/pdf,image/png,image/jpeg"

    def clean_jumlah(self):
        jumlah = self.cleaned_data["jumlah"]
        if jumlah <= 0:
            raise forms.ValidationError("Jumlah harus lebih dari Rp0.")
        return jumlah

    def clean_bukti(self):
        return clean_document(self, "bukti")


class PemasukanForm(JurnalForm):
    class Meta:
        model = Jurnal
        fields = [
            "tanggal",
            "sumber",
            "dana",
            "kas",
            "jumlah",
            "uraian",
            "donatur",
            "mitra",
            "penerima",
            "bukti",
        ]
        widgets = {"tanggal": DateInput()}
        field_classes = {"jumlah": UangField}
        labels = {"penerima": "Diterima dari (bila bukan donatur terdaftar)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sumber"].required = True
        self.fields["donatur"].queryset = Donatur.objects.filter(wksbm=self.wksbm)
        self.fields["mitra"].queryset = Mitra.objects.filter(wksbm=self.wksbm)
        self.fields["mitra"].label = "Mitra (proposal/kerja sama)"


class PengeluaranForm(JurnalForm):
    class Meta:
        model = Jurnal
        fields = [
            "tanggal",
            "kegiatan",
            "dana",
            "kas",
            "jumlah",
            "uraian",
            "ppks",
            "penerima",
            "asnaf",
            "nomor_bukti",
            "bukti",
        ]
        widgets = {"tanggal": DateInput()}
        field_classes = {"jumlah": UangField}
        labels = {"penerima": "Penerima (pemasok/lainnya)"}
        help_texts = {"asnaf": "Wajib untuk pengeluaran dari Dana Zakat."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kegiatan"].required = True
        self.fields["ppks"].queryset = Ppks.objects.filter(wksbm=self.wksbm).order_by("nama")

    def clean(self):
        data = super().clean()
        if data.get("dana") and data["dana"].zakat and not data.get("asnaf"):
            self.add_error("asnaf", "Pengeluaran Dana Zakat wajib menyebut asnaf penerimanya.")
        return data


class JurnalFilter(BookFilterSet):
    class Meta:
        model = Jurnal
        fields = ["dana", "kas"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.wksbm is not None:
            for name, model in (("dana", Dana), ("kas", Kas)):
                qs = model.objects.filter(wksbm=self.wksbm)
                self.filters[name].queryset = qs
                self.form.fields[name].queryset = qs


class AlasanForm(CrispyMixin, forms.Form):
    alasan = forms.CharField(label="Alasan pembatalan", widget=forms.Textarea(attrs={"rows": 2}))


@require_POST
def jurnal_batalkan(request, wksbm: int, pk: int, book):
    tenant = tenancy().get(request.user, wksbm, write=False, jabatan=None)
    entri = get_object_or_404(book.queryset(tenant), pk=pk)
    if not tenancy().can_write(request.user, tenant, book.writers):
        raise PermissionDenied("Hanya bendahara atau ketua yang membatalkan entri.")
    form = AlasanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pembatalan tidak dicatat: alasan wajib diisi.")
        return redirect(book.url_name("detail"), wksbm=tenant.pk, pk=entri.pk)
    try:
        balik = services.batalkan(
            entri=entri, oleh=request.user, alasan=form.cleaned_data["alasan"]
        )
    except services.TransaksiDitolak as exc:
        messages.error(request, str(exc))
        return redirect(book.url_name("detail"), wksbm=tenant.pk, pk=entri.pk)
    messages.success(request, f"Entri #{entri.nomor} dibatalkan oleh entri #{balik.nomor}.")
    return redirect(balik.get_absolute_url())


class BukuJurnal(Book):
    """What the pemasukan and pengeluaran books share."""

    model = Jurnal
    editable = False
    history = False
    writers = services.PENULIS_KEUANGAN
    signers = ("ketua", "bendahara")
    filterset = JurnalFilter
    subtotal_by = "dana__nama"
    ordering = ["-tanggal", "-nomor"]
    select_related = ["dana", "kas", "membatalkan", "pembatalan"]
    detail_template = "finance/jurnal_detail.html"
    extra_urls = [("<int:pk>/batalkan/", jurnal_batalkan, "batalkan")]
    sisi: Q  # the book's side of the journal (a reversal shows beside its original)

    @classmethod
    def queryset(cls, tenant):
        return super().queryset(tenant).filter(cls.sisi).dengan_nilai()

    @classmethod
    def save(cls, form, *, tenant, user):
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        try:
            return cls.post(wksbm=tenant, oleh=user, **data)
        except services.TransaksiDitolak as exc:
            raise exc.galat_form(form) from exc

    @classmethod
    def detail_context(cls, obj, *, tenant, user) -> dict:
        return {
            "alasan_form": AlasanForm(),
            "boleh_batal": obj.jenis == Jurnal.Jenis.BIASA
            and not obj.dibatalkan
            and tenancy().can_write(user, tenant, cls.writers),
        }


@books.register
class BukuPemasukan(BukuJurnal):
    slug = "pemasukan"
    title = "Buku Catatan Pemasukan Dana"
    singular = "pemasukan"
    order = 2
    sisi = PENERIMAAN
    form = PemasukanForm
    post = staticmethod(services.catat_pemasukan)
    select_related = [*BukuJurnal.select_related, "donatur", "mitra"]
    search = ["uraian", "nomor_kuitansi", "donatur__nama", "penerima"]
    columns = [
        Column("tanggal", "Tanggal", kind="date", width=13),
        Column("nomor_kuitansi", "No. kuitansi", width=24),
        Column("get_sumber_display", "Sumber", width=16),
        Column("nama_pemberi", "Donatur/pemberi", width=22),
        Column("uraian", "Uraian", width=34),
        Column("dana", "Dana", width=14, fmt=str),
        Column("nilai", "Jumlah", kind="money", width=16, total=True),
        Column("keterangan", "Ket.", width=18, fmt=None),
    ]

    @classmethod
    def validate(cls, form, formsets) -> bool:
        return zakat.validasi_pemasukan(form)


@books.register
class BukuPengeluaran(BukuJurnal):
    slug = "pengeluaran"
    title = "Buku Catatan Pengeluaran"
    singular = "pengeluaran"
    order = 3
    sisi = PENGELUARAN
    form = PengeluaranForm
    post = staticmethod(services.catat_pengeluaran)
    select_related = [*BukuJurnal.select_related, "ppks"]
    search = ["uraian", "nomor_bukti", "nomor_tanda_terima", "penerima", "ppks__nama"]
    columns = [
        Column("tanggal", "Tanggal", kind="date", width=13),
        Column("bukti_keluar", "No. bukti/tanda terima", width=24),
        Column("uraian", "Uraian", width=34),
        Column("nama_penerima", "Penerima", width=22),
        Column("get_kegiatan_display", "Jenis kegiatan", width=22),
        Column("dana", "Dana", width=14, fmt=str),
        Column("nilai", "Jumlah", kind="money", width=16, total=True),
        Column("keterangan", "Ket.", width=18),
    ]

    @classmethod
    def warnings(cls, obj, *, tenant) -> list[str]:
        return zakat.peringatan_amil(obj)
