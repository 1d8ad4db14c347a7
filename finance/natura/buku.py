"""Buku Stok Natura on the Book machinery: one form for every movement (its save calls the
service of the chosen jenis), the stock summary, the commodities page and the reversal action."""

from decimal import Decimal

from auditlog.context import set_actor
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from registry.models import Donatur, Ppks, Wksbm
from wksbm import books, formatting
from wksbm.books import Book, Column
from wksbm.books.filters import BookFilterSet
from wksbm.books.periode import Periode
from wksbm.books.tenancy import current as tenancy
from wksbm.forms import AngkaField, BookForm, CrispyMixin, DateInput, UangField
from wksbm.pdf import render_pdf

from .. import kuitansi, services
from ..models import Dana, Kas
from ..models.natura import Komoditas, MutasiStok, SatuanKomoditas
from ..services import TransaksiDitolak
from . import (
    Arah,
    Jenis,
    atur_satuan,
    batalkan_mutasi,
    jual_natura,
    kg,
    pastikan_beras,
    salurkan_natura,
    sesuaikan_stok,
    susutkan,
    tambah_komoditas,
    terima_natura,
)

# --- forms ---------------------------------------------------------------------------------


class SatuanPilihan(forms.ModelChoiceField):
    def label_from_instance(self, obj: SatuanKomoditas) -> str:
        faktor = formatting.angka(obj.faktor_ke_dasar)
        if obj.satuan == obj.komoditas.satuan_dasar:
            return f"{obj.komoditas.nama} · {obj.satuan}"
        return f"{obj.komoditas.nama} · {obj.satuan} (1 {obj.satuan} = {faktor} kg)"


JENIS_FORMULIR = [
    (j, j.label)
    for j in (Jenis.MASUK, Jenis.DIJUAL, Jenis.DISALURKAN, Jenis.SUSUT, Jenis.PENYESUAIAN)
]


class MutasiForm(BookForm):
    """One form for every movement; the book's save calls the service of the chosen jenis."""

    satuan_komoditas = SatuanPilihan(
        label="Komoditas dan satuan", queryset=SatuanKomoditas.objects.none()
    )
    kas = forms.ModelChoiceField(
        label="Kas penerima uang", queryset=Kas.objects.none(), required=False
    )
    arah_penyesuaian = forms.ChoiceField(
        label="Penyesuaian: stok",
        choices=[("", "—"), *Arah.choices],
        required=False,
        help_text="Hanya untuk penyesuaian hasil hitung stok.",
    )

    class Meta:
        model = MutasiStok
        fields = [
            "tanggal",
            "jenis",
            "dana",
            "jumlah",
            "harga_satuan",
            "nilai",
            "donatur",
            "ppks",
            "penerima",
            "asnaf",
            "alasan",
            "uraian",
        ]
        widgets = {"tanggal": DateInput(), "alasan": forms.Textarea(attrs={"rows": 2})}
        field_classes = {"jumlah": AngkaField, "harga_satuan": UangField, "nilai": UangField}
        labels = {"dana": "Dana pemilik barang", "penerima": "Pemberi/pembeli/penerima lain"}
        help_texts = {
            "dana": "Beras jimpitan milik Dana Jimpitan; uang penjualannya masuk ke dana itu.",
            "harga_satuan": "Untuk penjualan: harga per satuan di atas (mis. Rp5.000 per liter).",
            "nilai": "Untuk penjualan: uang yang diterima; kosongkan untuk jumlah × harga.",
            "asnaf": "Wajib untuk penyaluran dari Dana Zakat.",
            "alasan": "Wajib untuk susut/rusak dan penyesuaian.",
        }

    field_order = [
        "tanggal",
        "jenis",
        "satuan_komoditas",
        "jumlah",
        "dana",
        "harga_satuan",
        "nilai",
        "kas",
        "donatur",
        "ppks",
        "penerima",
        "asnaf",
        "arah_penyesuaian",
        "alasan",
        "uraian",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        services.pastikan_dana_bawaan(self.wksbm)
        pastikan_beras(self.wksbm)
        self.fields["satuan_komoditas"].queryset = SatuanKomoditas.objects.filter(
            komoditas__wksbm=self.wksbm, komoditas__aktif=True
        ).select_related("komoditas")
        self.fields["jenis"].choices = JENIS_FORMULIR
        self.fields["dana"].queryset = Dana.objects.filter(wksbm=self.wksbm, aktif=True)
        self.fields["kas"].queryset = Kas.objects.filter(wksbm=self.wksbm, aktif=True)
        self.fields["kas"].initial = self.fields["kas"].queryset.first()
        self.fields["donatur"].queryset = Donatur.objects.filter(wksbm=self.wksbm)
        self.fields["ppks"].queryset = Ppks.objects.filter(wksbm=self.wksbm).order_by("nama")
        self.fields["tanggal"].initial = timezone.localdate()

    def clean_jumlah(self):
        jumlah = self.cleaned_data["jumlah"]
        if jumlah <= 0:
            raise forms.ValidationError("Jumlah harus lebih dari 0.")
        return jumlah

    def clean(self):
        data = super().clean()
        jenis = data.get("jenis")
        if jenis == Jenis.DIJUAL:
            harga, jumlah = data.get("harga_satuan"), data.get("jumlah")
            if not data.get("nilai") and harga and jumlah:
                data["nilai"] = (harga * jumlah).quantize(Decimal("0.01"))
            if not data.get("nilai") or data["nilai"] <= 0:
                self.add_error("nilai", "Isi uang hasil penjualan atau harga per satuan.")
            if not data.get("kas"):
                self.add_error("kas", "Pilih kas yang menerima uang penjualan.")
        if jenis in {Jenis.SUSUT, Jenis.PENYESUAIAN} and not (data.get("alasan") or "").strip():
            self.add_error("alasan", "Alasan wajib diisi untuk susut/rusak dan penyesuaian.")
        if jenis == Jenis.PENYESUAIAN and not data.get("arah_penyesuaian"):
            self.add_error("arah_penyesuaian", "Pilih apakah stok bertambah atau berkurang.")
        dana = data.get("dana")
        if jenis == Jenis.DISALURKAN and dana and dana.zakat and not data.get("asnaf"):
            self.add_error("asnaf", "Penyaluran dari Dana Zakat wajib menyebut asnaf penerimanya.")
        return data

    def simpan(self, *, wksbm: Wksbm, oleh) -> MutasiStok:
        d = self.cleaned_data
        sat = d["satuan_komoditas"]
        umum = {
            "wksbm": wksbm,
            "oleh": oleh,
            "komoditas": sat.komoditas,
            "dana": d["dana"],
            "tanggal": d["tanggal"],
            "jumlah": d["jumlah"],
            "satuan": sat.satuan,
        }
        lain = d.get("penerima") or ""
        if d["jenis"] == Jenis.MASUK:
            return terima_natura(**umum, donatur=d.get("donatur"), pemberi=lain, uraian=d["uraian"])
        if d["jenis"] == Jenis.DIJUAL:
            return jual_natura(
                **umum,
                kas=d["kas"],
                nilai=d["nilai"],
                harga_satuan=d.get("harga_satuan"),
                pembeli=lain,
                uraian=d["uraian"],
            )
        if d["jenis"] == Jenis.DISALURKAN:
            return salurkan_natura(
                **umum,
                penerima=d.get("ppks"),
                nama_penerima=lain,
                asnaf=d.get("asnaf") or "",
                uraian=d["uraian"],
            )
        if d["jenis"] == Jenis.SUSUT:
            return susutkan(**umum, alasan=d["alasan"])
        return sesuaikan_stok(**umum, arah=d["arah_penyesuaian"], alasan=d["alasan"])


class MutasiFilter(BookFilterSet):
    class Meta:
        model = MutasiStok
        fields = ["komoditas", "jenis", "dana"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.wksbm is not None:
            for name, model in (("komoditas", Komoditas), ("dana", Dana)):
                qs = model.objects.filter(wksbm=self.wksbm)
                self.filters[name].queryset = qs
                self.form.fields[name].queryset = qs


class AlasanForm(CrispyMixin, forms.Form):
    alasan = forms.CharField(label="Alasan pembatalan", widget=forms.Textarea(attrs={"rows": 2}))


class KomoditasForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Komoditas
        fields = ["nama", "jenis"]

    def __init__(self, *args, wksbm: Wksbm, **kwargs):
        self.wksbm = wksbm
        super().__init__(*args, **kwargs)

    def clean_nama(self):
        nama = self.cleaned_data["nama"].strip()
        if Komoditas.objects.filter(wksbm=self.wksbm, nama__iexact=nama).exists():
            raise forms.ValidationError(f"Komoditas “{nama}” sudah ada.")
        return nama


class SatuanForm(CrispyMixin, forms.Form):
    """Set (add or change) the factor of one local unit."""

    komoditas = forms.ModelChoiceField(label="Komoditas", queryset=Komoditas.objects.none())
    satuan = forms.CharField(label="Satuan", max_length=20, help_text="mis. cangkir, liter, karung")
    faktor_ke_dasar = AngkaField(
        label="1 satuan ini = … kg", max_digits=12, decimal_places=4, min_value=Decimal("0.0001")
    )

    def __init__(self, *args, wksbm: Wksbm, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["komoditas"].queryset = Komoditas.objects.filter(wksbm=wksbm)

    def clean(self):
        data = super().clean()
        komoditas, satuan = data.get("komoditas"), (data.get("satuan") or "").strip().lower()
        data["satuan"] = satuan
        if komoditas and satuan == komoditas.satuan_dasar and data.get("faktor_ke_dasar") != 1:
            self.add_error("faktor_ke_dasar", f"Satuan dasar ({satuan}) selalu bernilai 1.")
        return data


def komoditas_halaman(request: HttpRequest, wksbm: int, book) -> HttpResponse:
    menulis = request.method == "POST"
    tenant = tenancy().get(request.user, wksbm, write=menulis, jabatan=book.writers)
    boleh_ubah = tenancy().can_write(request.user, tenant, book.writers)
    if boleh_ubah:
        pastikan_beras(tenant)
    aksi = request.POST.get("aksi")
    form_k = KomoditasForm(request.POST if aksi == "komoditas" else None, wksbm=tenant, prefix="k")
    form_s = SatuanForm(request.POST if aksi == "satuan" else None, wksbm=tenant, prefix="s")
    if menulis and aksi == "komoditas" and form_k.is_valid():
        with transaction.atomic(), set_actor(request.user):
            k = tambah_komoditas(wksbm=tenant, **form_k.cleaned_data)
        messages.success(request, f"Komoditas {k} ditambahkan dengan satuan dasar kg.")
        return redirect(book.url_name("komoditas"), wksbm=tenant.pk)
    if menulis and aksi == "satuan" and form_s.is_valid():
        d = form_s.cleaned_data
        s = atur_satuan(
            wksbm=tenant,
            oleh=request.user,
            komoditas=d["komoditas"],
            satuan=d["satuan"],
            faktor=d["faktor_ke_dasar"],
        )
        messages.success(
            request, f"1 {s.satuan} {s.komoditas} = {formatting.angka(s.faktor_ke_dasar)} kg."
        )
        return redirect(book.url_name("komoditas"), wksbm=tenant.pk)
    daftar = Komoditas.objects.filter(wksbm=tenant).prefetch_related("satuan")
    return render(
        request,
        "finance/natura_komoditas.html",
        {
            "book": book,
            "wksbm": tenant,
            "daftar": daftar,
            "form_komoditas": form_k,
            "form_satuan": form_s,
            "boleh_ubah": boleh_ubah,
            "crumbs": [(reverse(book.url_name("list"), args=[tenant.pk]), book.title)],
        },
        status=400 if menulis else 200,
    )


# --- stock summary -------------------------------------------------------------------------


def _ringkasan(request: HttpRequest, wksbm: int, book):
    tenant = tenancy().get(request.user, wksbm, write=False, jabatan=book.writers)
    periode, form = Periode.from_request(request)
    rows = MutasiStok.objects.filter(wksbm=tenant).ringkasan(periode.dari, periode.sampai)
    return tenant, periode, form, [_tampil(r) for r in rows]


def _tampil(row: dict) -> dict:
    """A summary row as shown: quantities with Indonesian separators, money in Rupiah."""
    angka = {k: formatting.angka(row[k]) for k in ("awal", "masuk", "keluar", "akhir")}
    return {**row, **angka, "nilai_jual": formatting.rupiah(row["nilai_jual"])}


def ringkasan_stok(request: HttpRequest, wksbm: int, book) -> HttpResponse:
    tenant, periode, form, rows = _ringkasan(request, wksbm, book)
    return render(
        request,
        "finance/natura_stok.html",
        {
            "book": book,
            "wksbm": tenant,
            "periode": periode,
            "periode_form": form,
            "rows": rows,
            "query": request.GET.urlencode(),
            "crumbs": [(reverse(book.url_name("list"), args=[tenant.pk]), book.title)],
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def ringkasan_stok_pdf(request: HttpRequest, wksbm: int, book) -> HttpResponse:
    tenant, periode, form, rows = _ringkasan(request, wksbm, book)
    pdf = render_pdf(
        "finance/natura_stok_print.html",
        {
            "judul": "Ringkasan Stok Natura",
            "periode": periode.label,
            "rows": rows,
            "tanggal_cetak": timezone.localdate(),
            **tenancy().print_context(tenant, book.signers),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    nama = f"ringkasan-stok-natura_{tenancy().slug(tenant)}_{periode.slug}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


@require_POST
def mutasi_batalkan(request: HttpRequest, wksbm: int, pk: int, book) -> HttpResponse:
    tenant = tenancy().get(request.user, wksbm, write=False, jabatan=None)
    mutasi = get_object_or_404(book.queryset(tenant), pk=pk)
    if not tenancy().can_write(request.user, tenant, book.writers):
        raise PermissionDenied("Hanya bendahara atau ketua yang membatalkan mutasi stok.")
    form = AlasanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pembatalan tidak dicatat: alasan wajib diisi.")
        return redirect(mutasi)
    try:
        balik = batalkan_mutasi(
            mutasi=mutasi, oleh=request.user, alasan=form.cleaned_data["alasan"]
        )
    except TransaksiDitolak as exc:
        messages.error(request, str(exc))
        return redirect(mutasi)
    messages.success(request, f"Mutasi #{mutasi.nomor} dibatalkan oleh mutasi #{balik.nomor}.")
    return redirect(balik)


# --- the book ------------------------------------------------------------------------------


@books.register
class BukuStokNatura(Book):
    slug = "natura"
    title = "Buku Stok Natura"
    singular = "mutasi stok"
    order = 3  # after the pengeluaran book (same order, sorted by title)
    landscape = True
    model = MutasiStok
    form = MutasiForm
    editable = False  # append-only: a correction is a reversal
    history = False
    writers = services.PENULIS_KEUANGAN
    signers = ("ketua", "bendahara")
    filterset = MutasiFilter
    subtotal_by = "komoditas__nama"
    ordering = ["-tanggal", "-nomor"]
    select_related = [
        "komoditas",
        "dana",
        "donatur",
        "ppks",
        "jurnal",
        "dicatat_oleh",
        "membatalkan",
        "pembatalan",
    ]
    search = ["uraian", "penerima", "alasan", "komoditas__nama", "donatur__nama", "ppks__nama"]
    detail_template = "finance/natura_detail.html"
    extra_urls = [
        ("<int:pk>/batalkan/", mutasi_batalkan, "batalkan"),
        ("<int:pk>/tanda-terima.pdf", kuitansi.tanda_terima_barang_view, "tanda-terima"),
        ("ringkasan/", ringkasan_stok, "ringkasan"),
        ("ringkasan/unduh.pdf", ringkasan_stok_pdf, "ringkasan-pdf"),
        ("komoditas/", komoditas_halaman, "komoditas"),
    ]
    list_links = [("Ringkasan stok", "ringkasan"), ("Komoditas dan satuan", "komoditas")]
    columns = [
        Column("tanggal", "Tanggal", kind="date", width=13),
        Column("nomor", "No. mutasi", kind="int", width=8),
        Column("get_jenis_display", "Jenis", width=15),
        Column("komoditas", "Komoditas", width=12, fmt=str),
        Column("dana", "Dana", width=14, fmt=str),
        Column("jumlah_tampil", "Jumlah dicatat", width=13),
        Column("masuk_kg", "Masuk (kg)", kind="decimal", width=11, total=True),
        Column("keluar_kg", "Keluar (kg)", kind="decimal", width=11, total=True),
        Column("nilai_jual", "Nilai jual", kind="money", width=15, total=True),
        Column("pihak", "Pemberi/pembeli/penerima", width=22),
        Column("uraian", "Uraian", width=26),
        Column("keterangan", "Ket.", width=22),
    ]

    @classmethod
    def queryset(cls, tenant):
        return super().queryset(tenant).dengan_kg()

    @classmethod
    def save(cls, form, *, tenant, user):
        try:
            return form.simpan(wksbm=tenant, oleh=user)
        except TransaksiDitolak as exc:
            raise exc.galat_form(form) from exc

    @classmethod
    def detail_rows(cls, obj: MutasiStok) -> list[tuple[str, str]]:
        rows = [
            ("Tanggal", formatting.tanggal(obj.tanggal)),
            ("Jenis", obj.get_jenis_display()),
            ("Komoditas", str(obj.komoditas)),
            ("Dana", str(obj.dana)),
            ("Jumlah dicatat", obj.jumlah_tampil()),
            ("Faktor", f"1 {obj.satuan} = {formatting.angka(obj.faktor)} kg"),
            ("Jumlah (kg)", kg(obj.bertanda)),
            ("Harga per satuan", formatting.rupiah(obj.harga_satuan)),
            ("Nilai penjualan", formatting.rupiah(obj.nilai)),
            ("Pemberi/pembeli/penerima", obj.pihak()),
            ("Asnaf", obj.get_asnaf_display()),
            ("Uraian", obj.uraian),
            ("Alasan", obj.alasan),
        ]
        return [(label, value) for label, value in rows if value]

    @classmethod
    def detail_context(cls, obj, *, tenant, user) -> dict:
        return {
            "alasan_form": AlasanForm(),
            "boleh_batal": obj.jenis != Jenis.PEMBATALAN
            and not obj.dibatalkan
            and tenancy().can_write(user, tenant, cls.writers),
        }
