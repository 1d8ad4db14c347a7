"""Penyaluran bantuan (domain.md §2 no. 7): rounds of aid to PPKS, their funds and budget.

The round itself is a book row (list, form, detail, history, PDF, Excel); its recipients are
planned and handed over through distribution.services, from the round's page and the field
checklist (distribution.views).
"""

import django_filters
from django import forms
from django.db.models import Count, Q
from django.forms import inlineformset_factory

from finance.models import Dana, Kas, Komoditas
from wksbm import books
from wksbm.books import Book, Column
from wksbm.books.filters import BookFilterSet
from wksbm.forms import AngkaField, BookForm, DateInput, InlineForm, UangField
from wksbm.models import Jumlah

from .. import exports, services, views
from ..models import DanaPenyaluran, Kegiatan, Penerima, Penyaluran

Status = Penerima.Status
BERLAKU = Q(penerima__status__in=[Status.RENCANA, Status.DISERAHKAN])
TERSALUR = Q(penerima__status=Status.DISERAHKAN)


class PenyaluranForm(BookForm):
    class Meta:
        model = Penyaluran
        fields = [
            "judul",
            "tanggal",
            "kegiatan",
            "jenis",
            "bentuk",
            "komoditas",
            "kas",
            "satuan",
            "uraian",
        ]
        widgets = {"tanggal": DateInput(), "uraian": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "komoditas": "Untuk bantuan natura: diambil dari stok natura dana penyaluran.",
            "kas": "Untuk bantuan uang (dan nilai barang/jasa yang dibayar).",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kegiatan"].queryset = Kegiatan.objects.filter(wksbm=self.wksbm)
        self.fields["komoditas"].queryset = Komoditas.objects.filter(wksbm=self.wksbm, aktif=True)
        self.fields["kas"].queryset = Kas.objects.filter(wksbm=self.wksbm, aktif=True)

    def clean(self):
        data = super().clean()
        bentuk = data.get("bentuk")
        if bentuk == Penyaluran.Bentuk.NATURA and not data.get("komoditas"):
            self.add_error("komoditas", "Bantuan natura wajib memilih komoditas dari stok.")
        if bentuk == Penyaluran.Bentuk.UANG and not data.get("kas"):
            self.add_error("kas", "Bantuan uang wajib memilih kas pembayarnya.")
        lama = self.instance
        if lama.pk:
            penerima = lama.penerima.exclude(status=Status.DIBATALKAN)
            tetap = ["bentuk", "komoditas"] if penerima.exists() else []
            if penerima.exclude(status=Status.RENCANA).exists():
                tetap.append("kas")
            for name in tetap:
                if data.get(name) != getattr(lama, name):
                    self.add_error(
                        name, "Tidak dapat diubah: penyaluran ini sudah mempunyai penerima."
                    )
        return data


class DanaPenyaluranForm(InlineForm):
    pagu = UangField(label="Anggaran (Rp)", required=False)
    pagu_banyak = AngkaField(
        label="Anggaran natura (kg)", required=False, max_digits=15, decimal_places=3
    )

    class Meta:
        model = DanaPenyaluran
        fields = ["dana", "pagu", "pagu_banyak"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dana"].queryset = Dana.objects.filter(wksbm=self.wksbm, aktif=True)


DanaFormSet = inlineformset_factory(
    Penyaluran, DanaPenyaluran, form=DanaPenyaluranForm, extra=2, can_delete=True
)


class PenyaluranFilter(BookFilterSet):
    dana = django_filters.ModelChoiceFilter(
        queryset=Dana.objects.none(), field_name="dana__dana", label="Dana"
    )

    class Meta:
        model = Penyaluran
        fields = ["bentuk", "jenis", "dana"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.wksbm is not None:
            qs = Dana.objects.filter(wksbm=self.wksbm)
            self.filters["dana"].queryset = qs
            self.form.fields["dana"].queryset = qs


def _validasi_dana(form, formset) -> bool:
    """Each fund has the budget of the round's form, and no budget falls below the plan."""
    bentuk = form.cleaned_data.get("bentuk")
    natura = bentuk == Penyaluran.Bentuk.NATURA
    ok, ada = True, 0
    instance = form.instance
    rencana: dict[int, object] = {}
    if instance.pk:
        ukuran = "banyak" if instance.natura else "jumlah"
        rows = instance.penerima.berlaku().exclude(dana=None).order_by().values("dana")
        rencana = {r["dana"]: r["total"] for r in rows.annotate(total=Jumlah(ukuran))}
    for f in formset.forms:
        data = getattr(f, "cleaned_data", None) or {}
        if not data.get("dana"):
            continue
        dana = data["dana"]
        if data.get("DELETE"):
            if rencana.get(dana.pk):
                f.add_error(None, f"{dana} masih membiayai penerima; hapus penerimanya dulu.")
                ok = False
            continue
        ada += 1
        batas = data.get("pagu_banyak") if natura else data.get("pagu")
        if not batas:
            kolom = "pagu_banyak" if natura else "pagu"
            f.add_error(kolom, "Isi anggaran dana ini " + ("(kg)." if natura else "(Rp)."))
            ok = False
            continue
        if rencana.get(dana.pk, 0) > batas:
            f.add_error(None, f"Anggaran {dana} lebih kecil dari yang sudah direncanakan.")
            ok = False
    for dana_id, total in rencana.items():
        if total and dana_id not in {
            f.cleaned_data["dana"].pk
            for f in formset.forms
            if getattr(f, "cleaned_data", None) and f.cleaned_data.get("dana")
        }:
            form.add_error(
                None, "Dana yang membiayai penerima tidak dapat dihapus dari penyaluran."
            )
            ok = False
    if bentuk in (Penyaluran.Bentuk.UANG, Penyaluran.Bentuk.NATURA) and not ada:
        form.add_error(None, "Tambahkan sedikitnya satu dana dengan anggarannya.")
        ok = False
    return ok


@books.register
class BukuPenyaluran(Book):
    slug = "penyaluran"
    title = "Laporan Penyaluran Bantuan"
    singular = "penyaluran"
    order = 7
    landscape = True
    model = Penyaluran
    form = PenyaluranForm
    formsets = {"dana": DanaFormSet}
    filterset = PenyaluranFilter
    detail_template = "distribution/penyaluran_detail.html"
    ordering = ["-tanggal", "-nomor"]
    select_related = ["kegiatan", "komoditas"]
    search = ["judul", "uraian", "kegiatan__judul"]
    extra_urls = [
        ("<int:pk>/penerima/tambah/", views.penerima_tambah, "penerima-tambah"),
        ("<int:pk>/penerima/<int:penerima>/", views.penerima_serah, "penerima-serah"),
        ("<int:pk>/penerima/<int:penerima>/hapus/", views.penerima_hapus, "penerima-hapus"),
        ("<int:pk>/penerima/<int:penerima>/batalkan/", views.penerima_batal, "penerima-batalkan"),
        ("<int:pk>/penerima/<int:penerima>/ulang/", views.penerima_ulang, "penerima-ulang"),
        ("<int:pk>/penerima/<int:penerima>/bukti/", views.penerima_bukti, "penerima-bukti"),
        (
            "<int:pk>/penerima/<int:penerima>/tanda-terima.pdf",
            views.penerima_tanda_terima,
            "penerima-tanda-terima",
        ),
        ("<int:pk>/ceklis/", views.ceklis, "ceklis"),
        ("<int:pk>/ceklis/<int:penerima>/", views.ceklis_simpan, "ceklis-simpan"),
        ("<int:pk>/daftar-penerima.pdf", exports.daftar_pdf_view, "daftar-pdf"),
        ("<int:pk>/daftar-penerima.xlsx", exports.daftar_xlsx_view, "daftar-xlsx"),
        ("<int:pk>/laporan.pdf", exports.laporan_pdf_view, "laporan-pdf"),
        ("<int:pk>/laporan.xlsx", exports.laporan_xlsx_view, "laporan-xlsx"),
    ]
    columns = [
        Column("nomor", "No.", kind="int", width=6),
        Column("tanggal", "Tanggal", kind="date", width=13),
        Column("judul", "Penyaluran", width=30),
        Column("get_bentuk_display", "Bentuk", width=14),
        Column("get_jenis_display", "Jenis kegiatan", width=24),
        Column("kegiatan.judul", "Kegiatan", width=24),
        Column("n_penerima", "Penerima", kind="int", width=9),
        Column("n_tersalur", "Tersalur", kind="int", width=9),
        Column("rencana_rp", "Rencana (Rp)", kind="money", width=16),
        Column("tersalur_rp", "Tersalur (Rp)", kind="money", width=16),
        Column("tersalur_banyak", "Tersalur (natura)", kind="decimal", width=12),
    ]

    @classmethod
    def queryset(cls, tenant):
        return (
            super()
            .queryset(tenant)
            .annotate(
                n_penerima=Count("penerima", filter=BERLAKU),
                n_tersalur=Count("penerima", filter=TERSALUR),
                rencana_rp=Jumlah("penerima__jumlah", filter=BERLAKU),
                tersalur_rp=Jumlah("penerima__jumlah", filter=TERSALUR),
                tersalur_banyak=Jumlah("penerima__banyak", filter=TERSALUR),
            )
        )

    @classmethod
    def form_kwargs(cls, tenant, user) -> dict:
        return {"wksbm": tenant}

    @classmethod
    def validate(cls, form, formsets) -> bool:
        return _validasi_dana(form, formsets[0])

    @classmethod
    def save(cls, form, *, tenant, user) -> Penyaluran:
        obj = form.save(commit=False)
        obj.wksbm = tenant
        if not obj.pk:
            obj.nomor = services.nomor_baru(tenant)
            obj.dibuat_oleh = user
        if obj.kegiatan_id and "jenis" not in form.changed_data:
            obj.jenis = obj.kegiatan.jenis
        obj.save()
        return obj

    @classmethod
    def detail_rows(cls, obj) -> list[tuple[str, str]]:
        hidden = {"n_penerima", "n_tersalur", "rencana_rp", "tersalur_rp", "tersalur_banyak"}
        rows = [(c.label, c.display(obj)) for c in cls.columns if c.accessor not in hidden]
        return [*rows, ("Uraian", obj.uraian)]

    @classmethod
    def detail_context(cls, obj, *, tenant, user) -> dict:
        return views.konteks_penyaluran(obj, tenant=tenant, user=user)
