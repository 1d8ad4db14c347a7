"""Buku agenda surat masuk dan keluar (A.7) and buku ekspedisi (A.8), on one `Surat` table.

Each letter gets a gap-free yearly number per direction (wksbm.models.next_number, in the
transaction that saves it); an outgoing letter also gets its letter number from the WKSBM's
pattern (PengaturanSurat).
"""

from dataclasses import dataclass

import django_filters
from django import forms
from django.contrib import messages
from django.db import transaction
from django.forms import inlineformset_factory
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from wksbm import books, formatting
from wksbm.books import Book, Column
from wksbm.books.filters import BookFilterSet
from wksbm.books.tenancy import current as tenancy
from wksbm.files import serve_file
from wksbm.forms import BookForm, CrispyMixin, DateInput, InlineForm, clean_document
from wksbm.models import Penomoran, next_number

from ..models import Disposisi, Jabatan, PengaturanSurat, Pengesahan, Pengurus, Surat, Wksbm
from ..models.surat import ISIAN_POLA

MASUK, KELUAR = Surat.Arah.MASUK, Surat.Arah.KELUAR
PENULIS = frozenset({Jabatan.KETUA, Jabatan.WAKIL_KETUA, Jabatan.SEKRETARIS})
PENGATUR = frozenset({Jabatan.KETUA, Jabatan.SEKRETARIS})


def lingkup_nomor(wksbm: Wksbm, arah: str, tahun: int) -> str:
    return f"surat:{wksbm.pk}:{arah}:{tahun}"


@transaction.atomic
def daftarkan(surat: Surat) -> Surat:
    """Save a new letter with the next agenda number (and, if outgoing, its letter number).

    The counter row stays locked until the caller's transaction ends, so concurrent letters
    get distinct numbers, and a letter that is not saved gives its number back.
    """
    if surat.pk is not None:
        raise ValueError("Surat ini sudah terdaftar.")
    surat.tahun = surat.tanggal.year
    surat.nomor_urut = next_number(lingkup_nomor(surat.wksbm, surat.arah, surat.tahun))
    if surat.arah == KELUAR:
        pengaturan = PengaturanSurat.untuk(surat.wksbm)
        surat.nomor_surat = pengaturan.nomor_keluar(
            urut=surat.nomor_urut, tanggal=surat.tanggal_surat
        )
    surat.save()
    return surat


class SuratForm(BookForm):
    class Meta:
        model = Surat
        fields = [
            "arah",
            "tanggal",
            "nomor_surat",
            "tanggal_surat",
            "pihak",
            "isi_singkat",
            "keterangan",
            "berkas",
        ]
        widgets = {
            "arah": forms.RadioSelect,
            "tanggal": DateInput(),
            "tanggal_surat": DateInput(),
            "isi_singkat": forms.Textarea(attrs={"rows": 2}),
            "keterangan": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "pihak": "Surat masuk: pengirim. Surat keluar: kepada siapa surat ditujukan.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pengaturan = reverse("registry:surat-pengaturan", args=[self.wksbm.pk])
        self.fields["nomor_surat"].help_text = format_html(
            "Surat masuk: tulis seperti pada surat (boleh kosong bila tidak bernomor). "
            'Surat keluar: dibuat otomatis menurut <a href="{}">pola penomoran</a>.',
            pengaturan,
        )
        self.fields["arah"].choices = Surat.Arah.choices  # a radio needs no blank choice
        if self.instance.pk:
            # The agenda number belongs to one direction and year: neither may change.
            self.fields["arah"].disabled = True
            if self.instance.arah == KELUAR:
                self.fields["nomor_surat"].disabled = True

    def clean_berkas(self):
        return clean_document(self, "berkas")

    def clean(self):
        data = super().clean()
        arah, tanggal = data.get("arah"), data.get("tanggal")
        tanggal_surat = data.get("tanggal_surat")
        if arah == KELUAR and data.get("nomor_surat") and not self.instance.pk:
            self.add_error(
                "nomor_surat",
                "Nomor surat keluar dibuat otomatis menurut pola penomoran; kosongkan isian ini.",
            )
        if tanggal and tanggal_surat and tanggal_surat > tanggal:
            kata = "penerimaan" if arah == MASUK else "pengiriman"
            self.add_error("tanggal_surat", f"Tanggal surat tidak boleh sesudah tanggal {kata}.")
        if tanggal and self.instance.pk and tanggal.year != self.instance.tahun:
            self.add_error(
                "tanggal",
                f"Tahun tidak dapat diubah: nomor urut {self.instance.nomor_urut} milik agenda "
                f"tahun {self.instance.tahun}. Catat sebagai surat baru bila perlu.",
            )
        return data


class DisposisiForm(InlineForm):
    class Meta:
        model = Disposisi
        fields = ["pengurus", "kepada", "instruksi", "tanggal"]
        widgets = {"tanggal": DateInput(), "instruksi": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the members of the WKSBM's approved (current) board.
        self.fields["pengurus"].queryset = Pengurus.objects.filter(
            kepengurusan__wksbm=self.wksbm,
            kepengurusan__pengesahan__status=Pengesahan.Status.DISAHKAN,
        )

    def clean(self):
        data = super().clean()
        pengurus = data.get("pengurus")
        if pengurus is not None and not data.get("kepada"):
            data["kepada"] = str(pengurus)
        if pengurus is None and not data.get("kepada") and not self.has_error("pengurus"):
            self.add_error("kepada", "Pilih pengurus atau tulis nama penerima disposisi.")
        return data


DisposisiFormSet = inlineformset_factory(
    Surat, Disposisi, form=DisposisiForm, extra=1, can_delete=True
)


class PengaturanSuratForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = PengaturanSurat
        fields = ["pola_nomor_keluar", "kode"]
        help_texts = {
            "pola_nomor_keluar": "Isian: "
            + ", ".join(f"{{{k}}} = {v}" for k, v in ISIAN_POLA.items())
            + ". Angka dapat diberi nol di depan: {urut:03d} → 001."
        }


class SuratFilter(BookFilterSet):
    arah = django_filters.ChoiceFilter(
        label="Jenis surat", choices=Surat.Arah.choices, empty_label="Semua"
    )
    tahun = django_filters.ChoiceFilter(label="Tahun agenda", choices=[], empty_label="Semua")

    class Meta:
        model = Surat
        fields = ["arah", "tahun"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tahun = (
            self.queryset.order_by("-tahun").values_list("tahun", flat=True).distinct()
            if self.queryset is not None
            else []
        )
        self.form.fields["tahun"].choices = [(t, str(t)) for t in tahun]


class EkspedisiFilter(SuratFilter):
    class Meta:
        model = Surat
        fields = ["tahun"]


@dataclass(frozen=True)
class KolomArah(Column):
    """A column of one half of the A.7 table: empty on the other direction's rows."""

    arah: str = ""
    pendek: str = ""  # head under the group header ("Nomor" under "Surat masuk")

    def value(self, obj):
        return super().value(obj) if obj.arah == self.arah else None


def _kolom_arah(arah: str, accessor: str, pendek: str, label: str, **kwargs) -> KolomArah:
    group = "Surat masuk" if arah == MASUK else "Surat keluar"
    return KolomArah(accessor, label, group=group, arah=arah, pendek=pendek, **kwargs)


def kepala_tabel(columns: list[Column]) -> tuple[list[tuple[str, int, int]], list[str]]:
    """The printed header: (label, colspan, rowspan) cells of row 1, and the labels of row 2."""
    bertingkat = any(c.group for c in columns)
    atas, bawah = [], []
    for c in columns:
        if not c.group:
            atas.append((c.label, 1, 2 if bertingkat else 1))
            continue
        if atas and atas[-1][0] == c.group:
            atas[-1] = (c.group, atas[-1][1] + 1, 1)
        else:
            atas.append((c.group, 1, 1))
        bawah.append(getattr(c, "pendek", "") or c.label)
    return atas, bawah


def _detail_context(obj: Surat) -> dict:
    return {"disposisi": obj.disposisi.select_related("pengurus")}


def _detail_rows(obj: Surat) -> list[tuple[str, str]]:
    return [
        ("Jenis surat", obj.get_arah_display()),
        ("No. urut agenda", f"{obj.nomor_urut} (tahun {obj.tahun})"),
        (obj.label_tanggal, formatting.tanggal(obj.tanggal)),
        ("Nomor surat", obj.nomor_surat),
        ("Tanggal surat", formatting.tanggal(obj.tanggal_surat)),
        (obj.label_pihak, obj.pihak),
        ("Isi singkat", obj.isi_singkat),
        ("Keterangan", obj.keterangan),
    ]


def surat_berkas(request, wksbm: int, pk: int, book):
    """The scanned letter, to whoever may read this WKSBM's agenda."""
    tenant = tenancy().get(request.user, wksbm, write=False, jabatan=book.writers)
    surat = get_object_or_404(book.queryset(tenant), pk=pk)
    return serve_file(
        surat.berkas, download_name=f"surat-{surat.arah}-{surat.tahun}-{surat.nomor_urut:03d}"
    )


def surat_pengaturan(request, wksbm: int, book):
    """The outgoing number pattern and {kode}: readable by every reader of the agenda,
    changed only by the ketua and the sekretaris."""
    post = request.method == "POST"
    tenant = tenancy().get(request.user, wksbm, write=post, jabatan=PENGATUR)
    boleh_ubah = post or tenancy().can_write(request.user, tenant, PENGATUR)
    pengaturan = PengaturanSurat.untuk(tenant)
    form = PengaturanSuratForm(request.POST or None, instance=pengaturan)
    if post and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, "Pengaturan penomoran surat keluar disimpan.")
        return redirect(book.url_name("list"), wksbm=tenant.pk)
    hari_ini = timezone.localdate()
    terpakai = (
        Penomoran.objects.filter(scope=lingkup_nomor(tenant, KELUAR, hari_ini.year))
        .values_list("nilai", flat=True)
        .first()
    )
    contoh = PengaturanSurat.untuk(tenant)  # the stored pattern, not the rejected input
    return render(
        request,
        "registry/surat_pengaturan.html",
        {
            "wksbm": tenant,
            "book": book,
            "form": form if boleh_ubah else None,
            "pola": contoh.pola_nomor_keluar,
            "kode": contoh.kode_berlaku,
            "contoh": contoh.nomor_keluar(urut=(terpakai or 0) + 1, tanggal=hari_ini),
            "crumbs": [(reverse(book.url_name("list"), args=[tenant.pk]), book.title)],
        },
        status=400 if form.is_bound else 200,
    )


@books.register
class BukuSurat(Book):
    slug = "surat"
    title = "Buku Agenda Surat"
    singular = "surat"
    order = 1
    landscape = True
    model = Surat
    form = SuratForm
    formsets = {"disposisi": DisposisiFormSet}
    filterset = SuratFilter
    writers = PENULIS
    detail_template = "registry/surat_detail.html"
    print_template = "registry/surat_print.html"
    extra_urls = [
        ("<int:pk>/berkas/", surat_berkas, "berkas"),
        ("pengaturan/", surat_pengaturan, "pengaturan"),
    ]
    list_links = [("Penomoran surat keluar", "pengaturan")]
    ordering = ["-tanggal", "-id"]
    search = ["nomor_surat", "pihak", "isi_singkat", "keterangan"]
    columns = [
        Column("nomor_urut", "No. urut", kind="int", width=8),
        Column("tanggal", "Tanggal penerimaan/pengiriman", kind="date", width=14),
        _kolom_arah(MASUK, "nomor_surat", "Nomor", "Nomor surat masuk", width=22),
        _kolom_arah(
            MASUK, "tanggal_surat", "Tanggal", "Tanggal surat masuk", kind="date", width=13
        ),
        _kolom_arah(MASUK, "pihak", "Pengirim", "Pengirim", width=24),
        _kolom_arah(MASUK, "isi_singkat", "Isi singkat", "Isi singkat surat masuk", width=32),
        _kolom_arah(KELUAR, "nomor_surat", "Nomor", "Nomor surat keluar", width=22),
        _kolom_arah(
            KELUAR, "tanggal_surat", "Tanggal", "Tanggal surat keluar", kind="date", width=13
        ),
        _kolom_arah(KELUAR, "pihak", "Ditujukan kepada", "Ditujukan kepada", width=24),
        _kolom_arah(KELUAR, "isi_singkat", "Isi singkat", "Isi singkat surat keluar", width=32),
        Column("keterangan", "Keterangan", width=22),
    ]

    @classmethod
    def kepala_tabel(cls):
        return kepala_tabel(cls.columns)

    @classmethod
    def save(cls, form, *, tenant, user) -> Surat:
        surat = form.save(commit=False)
        surat.wksbm = tenant
        if surat.pk is None:
            return daftarkan(surat)
        surat.save()
        return surat

    @classmethod
    def validate(cls, form, formsets) -> bool:
        data = form.cleaned_data
        arah = data.get("arah") or form.instance.arah
        ok = True
        for fs in formsets:
            for f in fs.forms:
                row = getattr(f, "cleaned_data", {})
                if not row or row.get("DELETE"):
                    continue
                if arah == KELUAR:
                    form.add_error(None, "Disposisi hanya dicatat pada surat masuk.")
                    return False
                if data.get("tanggal") and row.get("tanggal") and row["tanggal"] < data["tanggal"]:
                    f.add_error("tanggal", "Tanggal disposisi tidak boleh sebelum surat diterima.")
                    ok = False
        if not ok:
            form.add_error(None, "Periksa tanggal pada baris disposisi.")
        return ok

    @classmethod
    def warnings(cls, obj: Surat, *, tenant) -> list[str]:
        if obj.arah != MASUK or not obj.nomor_surat:
            return []
        kembar = (
            Surat.objects.filter(
                wksbm=tenant,
                arah=MASUK,
                nomor_surat__iexact=obj.nomor_surat,
                pihak__iexact=obj.pihak,
            )
            .exclude(pk=obj.pk)
            .order_by("tahun", "nomor_urut")
            .first()
        )
        if kembar is None:
            return []
        return [
            f"Surat nomor {obj.nomor_surat} dari {obj.pihak} sudah tercatat sebagai surat masuk "
            f"No. {kembar.nomor_urut}/{kembar.tahun} (diterima "
            f"{formatting.tanggal(kembar.tanggal)}). Periksa apakah surat ini tercatat dua kali."
        ]

    @classmethod
    def detail_rows(cls, obj) -> list[tuple[str, str]]:
        return _detail_rows(obj)

    @classmethod
    def detail_context(cls, obj, *, tenant, user) -> dict:
        return _detail_context(obj)


@books.register
class BukuEkspedisi(Book):
    slug = "ekspedisi"
    title = "Buku Ekspedisi"
    singular = "surat keluar"
    order = 1
    model = Surat
    form = SuratForm
    creatable = False
    editable = False
    filterset = EkspedisiFilter
    writers = PENULIS
    detail_template = "registry/surat_detail.html"
    print_template = "registry/surat_print.html"
    ordering = ["-tanggal", "-id"]
    search = ["nomor_surat", "pihak", "isi_singkat", "keterangan"]
    columns = [
        Column("nomor_urut", "No. urut", kind="int", width=8),
        Column("tanggal", "Tanggal pengiriman", kind="date", width=14),
        Column("tanggal_dan_nomor", "Tanggal dan nomor surat", width=34),
        Column("isi_singkat", "Isi singkat surat yang dikirim", width=40),
        Column("pihak", "Ditujukan kepada", width=28),
        Column("keterangan", "Keterangan", width=22),
    ]

    @classmethod
    def queryset(cls, tenant):
        return super().queryset(tenant).filter(arah=KELUAR)

    @classmethod
    def kepala_tabel(cls):
        return kepala_tabel(cls.columns)

    @classmethod
    def detail_rows(cls, obj) -> list[tuple[str, str]]:
        return _detail_rows(obj)

    @classmethod
    def detail_context(cls, obj, *, tenant, user) -> dict:
        return _detail_context(obj)
