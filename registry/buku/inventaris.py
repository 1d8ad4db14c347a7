"""Buku inventaris barang: forms, the mutation action, the A.3 pages and the book (domain.md §7)."""

from datetime import date
from decimal import Decimal

import django_filters
from django import forms
from django.contrib import messages
from django.core.validators import MaxValueValidator
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from wksbm import books, excel, formatting
from wksbm.books import Book, Column
from wksbm.books.filters import BookFilterSet
from wksbm.books.tenancy import current as tenancy
from wksbm.forms import BookForm, CrispyMixin, DateInput, UangField
from wksbm.models import next_number
from wksbm.pdf import render_pdf

from ..models.inventaris import Barang, MutasiBarang, MutasiTidakSah, tabel_a3


def _bukan_masa_depan(value: date, apa: str) -> date:
    if value and value > timezone.localdate():
        raise forms.ValidationError(f"{apa} tidak boleh di masa depan.")
    return value


class BarangForm(BookForm):
    class Meta:
        model = Barang
        fields = [
            "kode",
            "nama",
            "merk_ukuran",
            "jumlah",
            "satuan",
            "tanggal_perolehan",
            "asal",
            "nilai",
            "kondisi",
            "lokasi",
            "disewakan",
            "keterangan",
        ]
        widgets = {
            "tanggal_perolehan": DateInput(),
            "keterangan": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"nilai": UangField}
        help_texts = {
            "kode": "Kosongkan untuk nomor otomatis (INV-0001, INV-0002, …).",
            "kondisi": "Perubahan kondisi sesudahnya dicatat sebagai mutasi (rusak/diperbaiki).",
            "disewakan": "Barang yang disewakan sebagai usaha, mis. tenda dan kursi.",
            "nilai": "Dalam Rupiah; 0 bila tidak diketahui.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nilai"].required = False
        self.fields["jumlah"].widget.attrs.update(min=1, inputmode="numeric")

    def clean_kode(self):
        kode = (self.cleaned_data.get("kode") or "").strip()
        if kode:
            kembar = Barang.objects.filter(wksbm=self.wksbm, kode=kode).exclude(pk=self.instance.pk)
            nama = kembar.values_list("nama", flat=True).first()
            if nama is not None:
                raise forms.ValidationError(f"Kode {kode} sudah dipakai untuk “{nama}”.")
        return kode

    def clean_jumlah(self):
        jumlah = self.cleaned_data.get("jumlah")
        if jumlah is not None and jumlah < 1:
            raise forms.ValidationError("Jumlah sedikitnya 1.")
        return jumlah

    def clean_nilai(self):
        nilai = self.cleaned_data.get("nilai")
        if nilai is None:
            return Decimal(0)
        if nilai < 0:
            raise forms.ValidationError("Nilai tidak boleh negatif.")
        return nilai

    def clean_tanggal_perolehan(self):
        return _bukan_masa_depan(self.cleaned_data.get("tanggal_perolehan"), "Tanggal perolehan")

    def clean(self):
        data = super().clean()
        if self.instance.pk and not self.errors:
            self._cocok_dengan_mutasi(data)
        return data

    def _cocok_dengan_mutasi(self, data) -> None:
        """An edit must keep every recorded mutation possible (e.g. not sell more than held)."""
        mutasi = list(self.instance.mutasi.all())
        if not mutasi:
            return
        pertama = min(m.tanggal for m in mutasi)
        if data["tanggal_perolehan"] > pertama:
            self.add_error(
                "tanggal_perolehan",
                f"Tidak boleh sesudah mutasi pertama ({formatting.tanggal(pertama)}).",
            )
            return
        uji = Barang(
            jumlah=data["jumlah"],
            satuan=data["satuan"],
            kondisi=data["kondisi"],
            tanggal_perolehan=data["tanggal_perolehan"],
        )
        try:
            uji.keadaan(date.max, mutasi=mutasi)
        except MutasiTidakSah as exc:
            self.add_error(None, f"Tidak cocok dengan mutasi yang sudah dicatat: {exc}")


class MutasiForm(CrispyMixin, forms.Form):
    jenis = forms.ChoiceField(label="Jenis mutasi", choices=MutasiBarang.Jenis.choices)
    tanggal = forms.DateField(label="Tanggal", widget=DateInput())
    jumlah = forms.IntegerField(label="Jumlah", min_value=1)
    nilai_jual = UangField(
        label="Nilai jual (Rp)",
        required=False,
        min_value=0,
        help_text="Hanya untuk barang yang dijual.",
    )
    keterangan = forms.CharField(
        label="Keterangan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_tanggal(self):
        return _bukan_masa_depan(self.cleaned_data.get("tanggal"), "Tanggal mutasi")

    def clean(self):
        data = super().clean()
        dijual = data.get("jenis") == MutasiBarang.Jenis.DIJUAL
        if dijual and data.get("nilai_jual") is None and "nilai_jual" not in self.errors:
            self.add_error("nilai_jual", "Isi nilai jual untuk barang yang dijual.")
        if not dijual and data.get("nilai_jual") is not None:
            self.add_error("nilai_jual", "Nilai jual hanya diisi untuk barang yang dijual.")
        return data


class BarangFilter(BookFilterSet):
    asal = django_filters.ChoiceFilter(
        label="Asal", choices=Barang.Asal.choices, empty_label="Semua"
    )
    kondisi = django_filters.ChoiceFilter(
        label="Kondisi saat diperoleh", choices=Barang.Kondisi.choices, empty_label="Semua"
    )
    disewakan = django_filters.BooleanFilter(
        label="Disewakan",
        widget=forms.Select(choices=[("", "Semua"), ("true", "Ya"), ("false", "Tidak")]),
    )

    class Meta:
        model = Barang
        fields = ["asal", "kondisi", "disewakan"]


@transaction.atomic
def catat_mutasi(
    *,
    barang: Barang,
    oleh,
    jenis: str,
    tanggal: date,
    jumlah: int,
    nilai_jual: Decimal | None = None,
    keterangan: str = "",
) -> MutasiBarang:
    """Record a mutation after checking, on the locked item, that its units are there.

    Every later mutation is replayed too, so a back-dated one can't make a later sale
    impossible.
    """
    barang = Barang.objects.select_for_update().get(pk=barang.pk)
    if jumlah < 1:
        raise MutasiTidakSah("Jumlah mutasi sedikitnya 1.")
    if tanggal > timezone.localdate():
        raise MutasiTidakSah("Tanggal mutasi tidak boleh di masa depan.")
    if tanggal < barang.tanggal_perolehan:
        raise MutasiTidakSah(
            "Tanggal mutasi tidak boleh sebelum tanggal perolehan "
            f"({formatting.tanggal(barang.tanggal_perolehan)})."
        )
    if nilai_jual is not None and jenis != MutasiBarang.Jenis.DIJUAL:
        raise MutasiTidakSah("Nilai jual hanya diisi untuk barang yang dijual.")
    mutasi = MutasiBarang(
        barang=barang,
        jenis=jenis,
        tanggal=tanggal,
        jumlah=jumlah,
        nilai_jual=nilai_jual,
        keterangan=keterangan.strip(),
        oleh=oleh,
    )
    barang.keadaan(date.max, mutasi=[*barang.mutasi.all(), mutasi])
    mutasi.save()
    return mutasi


def barang_mutasi(request: HttpRequest, wksbm: int, pk: int, book) -> HttpResponse:
    """The mutation form: posted from the detail page; shown on its own with any error."""
    tenant = tenancy().get(request.user, wksbm, write=True, jabatan=book.writers)
    barang = get_object_or_404(book.queryset(tenant), pk=pk)
    form = MutasiForm(request.POST or None, initial={"tanggal": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                mutasi = catat_mutasi(barang=barang, oleh=request.user, **form.cleaned_data)
            except MutasiTidakSah as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Mutasi dicatat: {mutasi}.")
                return redirect(book.url_name("detail"), wksbm=tenant.pk, pk=barang.pk)
        status = 400
    return render(
        request,
        "registry/inventaris_mutasi.html",
        {
            "book": book,
            "wksbm": tenant,
            "obj": barang,
            "form": form,
            "keadaan": barang.keadaan(),
            "url_batal": reverse(book.url_name("detail"), args=[tenant.pk, barang.pk]),
            "crumbs": [
                (reverse(book.url_name("list"), args=[tenant.pk]), book.title),
                (reverse(book.url_name("detail"), args=[tenant.pk, barang.pk]), str(barang)),
            ],
        },
        status=status,
    )


# --- the yearly A.3 table (Permendagri 47/2016) -------------------------------------------

A3_GRUP = [
    ("No", 1),
    ("Jenis barang/bangunan", 1),
    ("Asal barang", 5),
    ("Keadaan barang awal tahun", 2),
    ("Penghapusan barang", 4),
    ("Keadaan barang akhir tahun", 2),
    ("Ket.", 1),
]
A3_SUB = [
    "Dibeli sendiri",
    "Bantuan Pemerintah",
    "Bantuan Provinsi",
    "Bantuan Kab/Kota",
    "Sumbangan",
    "Baik",
    "Rusak",
    "Rusak",
    "Dijual",
    "Disumbangkan",
    "Tgl penghapusan",
    "Baik",
    "Rusak",
]


class TahunForm(forms.Form):
    tahun = forms.IntegerField(label="Tahun", min_value=1945)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        batas = timezone.localdate().year + 1
        self.fields["tahun"].max_value = batas
        self.fields["tahun"].validators.append(MaxValueValidator(batas))
        self.fields["tahun"].widget.attrs.update(max=batas, inputmode="numeric")


def _a3_tahun(request: HttpRequest, wksbm: int, book):
    """(tenant, form, tahun); tahun is None when the requested year is not valid."""
    tenant = tenancy().get(request.user, wksbm, write=False, jabatan=book.writers)
    data = request.GET if "tahun" in request.GET else {"tahun": timezone.localdate().year}
    form = TahunForm(data)
    return tenant, form, form.cleaned_data["tahun"] if form.is_valid() else None


def _a3_nama_berkas(book, tenant, tahun: int, ext: str) -> str:
    return f"{slugify(book.title)}-a3_{tenancy().slug(tenant)}_{tahun}.{ext}"


def _a3_judul(tahun: int) -> str:
    return f"Buku Inventaris Barang (Model A.3) Tahun {tahun}"


def a3_halaman(request: HttpRequest, wksbm: int, book) -> HttpResponse:
    tenant, form, tahun = _a3_tahun(request, wksbm, book)
    rows = tabel_a3(tenant, tahun) if tahun else []
    return render(
        request,
        "registry/inventaris_a3.html",
        {
            "book": book,
            "wksbm": tenant,
            "form": form,
            "tahun": tahun,
            "judul": _a3_judul(tahun) if tahun else "Buku Inventaris Barang (Model A.3)",
            "grup": A3_GRUP,
            "sub": A3_SUB,
            "rows": [r.tampil(i) for i, r in enumerate(rows, start=1)],
            "crumbs": [(reverse(book.url_name("list"), args=[tenant.pk]), book.title)],
        },
        status=200 if tahun else 400,
    )


def a3_pdf(request: HttpRequest, wksbm: int, book) -> HttpResponse:
    tenant, form, tahun = _a3_tahun(request, wksbm, book)
    if not tahun:
        return HttpResponse("Tahun tidak sah.", status=400, content_type="text/plain")
    rows = tabel_a3(tenant, tahun)
    pdf = render_pdf(
        "registry/inventaris_a3_print.html",
        {
            "judul": _a3_judul(tahun),
            "periode": f"1 Januari {tahun} s.d. 31 Desember {tahun}",
            "grup": A3_GRUP,
            "sub": A3_SUB,
            "nomor_kolom": range(1, 17),
            "rows": [r.tampil(i) for i, r in enumerate(rows, start=1)],
            "tanggal_cetak": timezone.localdate(),
            **tenancy().print_context(tenant, book.signers),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = _a3_nama_berkas(book, tenant, tahun, "pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def a3_xlsx(request: HttpRequest, wksbm: int, book) -> HttpResponse:
    tenant, form, tahun = _a3_tahun(request, wksbm, book)
    if not tahun:
        return HttpResponse("Tahun tidak sah.", status=400, content_type="text/plain")
    headers, sub = [], iter(A3_SUB)
    for label, span in A3_GRUP:
        headers += [label] if span == 1 else [f"{label}: {next(sub)}" for _ in range(span)]
    kinds = ["int", "text", *["int"] * 10, "date", "int", "int", "text"]
    sheet = excel.Sheet(
        title=f"Inventaris A.3 {tahun}",
        subtitle=[str(tenant), _a3_judul(tahun)],
        headers=headers,
        kinds=kinds,
        widths=[5, 32, *[10] * 10, 16, 10, 10, 28],
    )
    rows = (r.sel(i) for i, r in enumerate(tabel_a3(tenant, tahun), start=1))
    return FileResponse(
        excel.write(sheet, rows),
        as_attachment=True,
        filename=_a3_nama_berkas(book, tenant, tahun, "xlsx"),
        content_type=excel.XLSX_TYPE,
    )


# --- the book -----------------------------------------------------------------------------


def kode_baru(tenant) -> str:
    """The next free INV-nnnn code (numbers typed in by hand are skipped)."""
    while True:
        kode = f"INV-{next_number(f'inventaris:{tenant.pk}'):04d}"
        if not Barang.objects.filter(wksbm=tenant, kode=kode).exists():
            return kode


@books.register
class BukuInventaris(Book):
    slug = "inventaris"
    title = "Buku Inventaris Barang"
    singular = "barang"
    order = 5
    landscape = True
    model = Barang
    form = BarangForm
    filterset = BarangFilter
    import_key = "kode"
    date_field = "tanggal_perolehan"
    ordering = ["kode", "id"]
    search = ["kode", "nama", "merk_ukuran", "lokasi"]
    detail_template = "registry/inventaris_detail.html"
    extra_urls = [
        ("<int:pk>/mutasi/", barang_mutasi, "mutasi"),
        ("a3/", a3_halaman, "a3"),
        ("a3/unduh.pdf", a3_pdf, "a3-pdf"),
        ("a3/unduh.xlsx", a3_xlsx, "a3-xlsx"),
    ]
    list_links = [("Tabel A.3 tahunan", "a3")]
    columns = [
        Column("kode", "Kode", width=11),
        Column("nama", "Nama barang", width=26),
        Column("merk_ukuran", "Merk/ukuran", width=18),
        Column("jumlah", "Jumlah", kind="int", width=8),
        Column("satuan", "Satuan", width=8),
        Column("tanggal_perolehan", "Tanggal perolehan", kind="date", width=14),
        Column("get_asal_display", "Asal", width=22, field="asal"),
        Column("nilai", "Nilai (Rp)", kind="money", width=16, total=True),
        Column("get_kondisi_display", "Kondisi saat diperoleh", width=13, field="kondisi"),
        Column("lokasi", "Lokasi", width=20),
        Column("disewakan", "Disewakan", kind="bool", width=10),
        Column("jumlah_tersisa", "Sisa", kind="int", width=7, field=""),
        Column("jumlah_rusak", "Sisa rusak", kind="int", width=8, field=""),
        Column("keterangan", "Ket.", width=24),
    ]

    @classmethod
    def queryset(cls, tenant):
        mutasi = MutasiBarang.objects.select_related("oleh")
        return super().queryset(tenant).prefetch_related(Prefetch("mutasi", queryset=mutasi))

    @classmethod
    def save(cls, form, *, tenant, user) -> Barang:
        barang = form.save(commit=False)
        barang.wksbm = tenant
        if not barang.kode:
            barang.kode = kode_baru(tenant)
        barang.save()
        return barang

    @classmethod
    def detail_context(cls, obj: Barang, *, tenant, user) -> dict:
        a3 = reverse(cls.url_name("a3"), args=[tenant.pk])
        return {
            "mutasi": obj.mutasi.all(),
            "keadaan": obj.keadaan(),
            "mutasi_form": MutasiForm(initial={"tanggal": timezone.localdate()}),
            "url_mutasi": reverse(cls.url_name("mutasi"), args=[tenant.pk, obj.pk]),
            "url_a3": f"{a3}?tahun={timezone.localdate().year}",
        }
