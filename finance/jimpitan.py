"""Jimpitan rounds: the ronda group's takings of one night or week (domain.md §4).

Posting a round is one transaction: its money becomes a pemasukan (sumber jimpitan, Dana
Jimpitan, with a kuitansi number) and its rice a stock movement into the same fund; the round
links to both. A round is never edited: a mistake is corrected by reversing its postings.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from crispy_forms.layout import Column as Kolom
from crispy_forms.layout import Layout, Row
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import inlineformset_factory
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from registry.access import boleh_menulis
from registry.models import Wksbm
from wksbm import books, formatting
from wksbm.books import Book, Column
from wksbm.books.tenancy import current as tenancy
from wksbm.forms import AngkaField, BookForm, DateInput, InlineForm, UangField

from . import natura, services
from .models import Dana, Jurnal, Kas, Sumber
from .models.jimpitan import RondaJimpitan, SetoranRumah
from .models.natura import Komoditas, MutasiStok, SatuanKomoditas
from .natura.buku import AlasanForm, SatuanPilihan
from .services import TransaksiDitolak


def dana_jimpitan(wksbm: Wksbm) -> Dana | None:
    return Dana.objects.filter(wksbm=wksbm, jenis=Dana.Jenis.JIMPITAN, aktif=True).first()


@transaction.atomic
def catat_ronda(
    *,
    wksbm: Wksbm,
    oleh,
    tanggal: date,
    periode: str,
    regu: str,
    petugas: str,
    rumah_diharapkan: int,
    rumah_setor: int,
    uang: Decimal | None = None,
    beras: Decimal | None = None,
    satuan_beras: SatuanKomoditas | None = None,
    dana: Dana | None = None,
    kas: Kas | None = None,
    catatan: str = "",
    setoran: Sequence[dict] = (),
) -> RondaJimpitan:
    """Post one round: the money as a pemasukan and the rice as stock, both into Dana Jimpitan
    (a refusal of either leaves nothing behind)."""
    if not boleh_menulis(oleh, wksbm, services.PENULIS_KEUANGAN):
        raise TransaksiDitolak("Hanya bendahara atau ketua WKSBM ini yang mencatat jimpitan.")
    dana = dana or dana_jimpitan(wksbm)
    if dana is None or dana.jenis != Dana.Jenis.JIMPITAN:
        raise TransaksiDitolak("Jimpitan dicatat ke Dana Jimpitan.")
    kas = kas or Kas.objects.filter(wksbm=wksbm, aktif=True).first()
    if uang and kas is None:
        raise TransaksiDitolak("Pilih kas yang menerima uang jimpitan.")
    if rumah_setor > rumah_diharapkan:
        raise TransaksiDitolak("Rumah menyetor tidak boleh melebihi rumah diharapkan.")
    kelompok = f"{regu} ({petugas})"
    uraian = (
        f"Jimpitan {RondaJimpitan.Periode(periode).label.lower()} {formatting.tanggal(tanggal)}, "
        f"regu {regu}: {rumah_setor} dari {rumah_diharapkan} rumah"
    )
    jurnal = mutasi = None
    if uang:
        jurnal = services.catat_pemasukan(
            wksbm=wksbm,
            oleh=oleh,
            tanggal=tanggal,
            sumber=Sumber.JIMPITAN,
            dana=dana,
            kas=kas,
            jumlah=uang,
            uraian=uraian,
            penerima=f"Regu ronda {kelompok}"[:150],
        )
    if beras:
        if satuan_beras is None:
            raise TransaksiDitolak("Isi satuan beras (cangkir, liter, kg…).")
        mutasi = natura.terima_natura(
            wksbm=wksbm,
            oleh=oleh,
            komoditas=satuan_beras.komoditas,
            dana=dana,
            tanggal=tanggal,
            jumlah=beras,
            satuan=satuan_beras.satuan,
            pemberi=f"Jimpitan regu {kelompok}"[:150],
            uraian=uraian,
        )
    ronda = RondaJimpitan.objects.create(
        wksbm=wksbm,
        tanggal=tanggal,
        periode=periode,
        regu=regu.strip(),
        petugas=petugas.strip(),
        uang=uang or None,
        beras=beras or None,
        satuan_beras=satuan_beras if beras else None,
        rumah_diharapkan=rumah_diharapkan,
        rumah_setor=rumah_setor,
        catatan=catatan.strip(),
        jurnal=jurnal,
        mutasi=mutasi,
        dicatat_oleh=oleh,
        dicatat_pada=timezone.now().replace(microsecond=0),
    )
    for row in setoran:
        SetoranRumah.objects.create(ronda=ronda, **row)
    return ronda


@transaction.atomic
def batalkan_ronda(
    *, ronda: RondaJimpitan, oleh, alasan: str, tanggal: date | None = None
) -> RondaJimpitan:
    """Reverse whatever of the round's postings still stands (money, rice or both)."""
    if not boleh_menulis(oleh, ronda.wksbm, services.PENULIS_KEUANGAN):
        raise TransaksiDitolak("Hanya bendahara atau ketua WKSBM ini yang membatalkan jimpitan.")
    if not (ronda.jurnal_id or ronda.mutasi_id):
        raise TransaksiDitolak("Ronda ini tidak mencatat uang atau beras.")
    if not alasan.strip():
        raise TransaksiDitolak("Alasan pembatalan wajib diisi.")
    dibatalkan = False
    if ronda.jurnal_id and not Jurnal.objects.filter(membatalkan_id=ronda.jurnal_id).exists():
        services.batalkan(entri=ronda.jurnal, oleh=oleh, alasan=alasan, tanggal=tanggal)
        dibatalkan = True
    if ronda.mutasi_id and not MutasiStok.objects.filter(membatalkan_id=ronda.mutasi_id).exists():
        natura.batalkan_mutasi(mutasi=ronda.mutasi, oleh=oleh, alasan=alasan, tanggal=tanggal)
        dibatalkan = True
    if not dibatalkan:
        raise TransaksiDitolak("Ronda ini sudah dibatalkan.")
    return ronda


# --- forms ---------------------------------------------------------------------------------


class RondaForm(BookForm):
    dana = forms.ModelChoiceField(label="Dana", queryset=Dana.objects.none())
    kas = forms.ModelChoiceField(label="Kas penerima uang", queryset=Kas.objects.none())

    class Meta:
        model = RondaJimpitan
        fields = [
            "tanggal",
            "periode",
            "regu",
            "petugas",
            "rumah_diharapkan",
            "rumah_setor",
            "uang",
            "beras",
            "satuan_beras",
            "catatan",
        ]
        field_classes = {"satuan_beras": SatuanPilihan, "uang": UangField, "beras": AngkaField}
        widgets = {"tanggal": DateInput(), "catatan": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "uang": "Kosongkan bila hanya beras. Uang dicatat sebagai pemasukan dengan kuitansi.",
            "beras": "Kosongkan bila hanya uang. Beras masuk ke stok natura Dana Jimpitan.",
            "rumah_setor": "Bila rincian per rumah diisi, harus sama dengan rumah yang menyetor.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        services.pastikan_dana_bawaan(self.wksbm)
        natura.pastikan_beras(self.wksbm)
        self.fields["satuan_beras"].queryset = SatuanKomoditas.objects.filter(
            komoditas__wksbm=self.wksbm,
            komoditas__jenis=Komoditas.Jenis.BERAS,
            komoditas__aktif=True,
        ).select_related("komoditas")
        dana = Dana.objects.filter(wksbm=self.wksbm, jenis=Dana.Jenis.JIMPITAN, aktif=True)
        self.fields["dana"].queryset = dana
        self.fields["dana"].initial = dana.first()
        self.fields["kas"].queryset = Kas.objects.filter(wksbm=self.wksbm, aktif=True)
        self.fields["kas"].initial = self.fields["kas"].queryset.first()
        self.fields["tanggal"].initial = timezone.localdate()
        for name in ("rumah_diharapkan", "rumah_setor"):
            self.fields[name].widget.attrs.update(inputmode="decimal", min="0")

    def clean(self):
        data = super().clean()
        if data.get("beras") and not data.get("satuan_beras"):
            self.add_error("satuan_beras", "Pilih satuan beras.")
        setor, harap = data.get("rumah_setor"), data.get("rumah_diharapkan")
        if setor is not None and harap is not None and setor > harap:
            self.add_error("rumah_setor", "Rumah menyetor tidak boleh melebihi rumah diharapkan.")
        for name in ("uang", "beras"):
            if data.get(name) is not None and data[name] <= 0:
                self.add_error(name, "Harus lebih dari 0; kosongkan bila tidak ada.")
        return data


class SetoranForm(InlineForm):
    class Meta:
        model = SetoranRumah
        fields = ["nama", "setor", "uang", "beras"]
        field_classes = {"uang": UangField, "beras": AngkaField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kolom = (("nama", "col-md-5"), ("setor", "col-md-2 pt-md-4"), ("uang", "col-md-3"))
        self.helper.layout = Layout(
            Row(*(Kolom(f, css_class=c) for f, c in (*kolom, ("beras", "col-md-2"))))
        )

    def has_changed(self) -> bool:
        # An empty row with only its "menyetor" box toggled is still an empty row.
        return bool(set(self.changed_data) - {"setor"})

    def clean(self):
        data = super().clean()
        if not data.get("setor") and (data.get("uang") or data.get("beras")):
            self.add_error("setor", "Rumah yang tidak menyetor tidak berisi uang atau beras.")
        return data


SetoranFormSet = inlineformset_factory(
    RondaJimpitan, SetoranRumah, form=SetoranForm, extra=10, can_delete=False
)


def _cocokkan(form, name: str, total: Decimal, label: str) -> bool:
    """Fill an empty total from the household rows, or check a given one against them."""
    if not form.cleaned_data.get(name):
        form.cleaned_data[name] = total or None
        return True
    if form.cleaned_data[name] != total:
        form.add_error(
            name, f"Jumlah {label} rincian per rumah {total} tidak sama dengan isian ini."
        )
        return False
    return True


# --- views and the book --------------------------------------------------------------------


@require_POST
def ronda_batalkan(request: HttpRequest, wksbm: int, pk: int, book) -> HttpResponse:
    tenant = tenancy().get(request.user, wksbm, write=False, jabatan=None)
    ronda = get_object_or_404(book.queryset(tenant), pk=pk)
    if not tenancy().can_write(request.user, tenant, book.writers):
        raise PermissionDenied("Hanya bendahara atau ketua yang membatalkan ronda jimpitan.")
    form = AlasanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pembatalan tidak dicatat: alasan wajib diisi.")
        return redirect(ronda)
    try:
        batalkan_ronda(ronda=ronda, oleh=request.user, alasan=form.cleaned_data["alasan"])
    except TransaksiDitolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Pemasukan dan beras ronda ini dibatalkan dengan entri balik.")
    return redirect(ronda)


@books.register
class BukuJimpitan(Book):
    slug = "jimpitan"
    title = "Buku Jimpitan"
    singular = "ronda jimpitan"
    order = 3  # after the pengeluaran book (same order, sorted by title)
    landscape = True
    model = RondaJimpitan
    form = RondaForm
    formsets = {"setoran": SetoranFormSet}
    editable = False  # posted once; corrected by reversing its postings
    history = False
    writers = services.PENULIS_KEUANGAN
    signers = ("ketua", "bendahara")
    ordering = ["-tanggal", "-id"]
    select_related = ["jurnal__pembatalan", "mutasi__pembatalan", "mutasi__dana", "satuan_beras"]
    search = ["regu", "petugas", "catatan"]
    detail_template = "finance/jimpitan_detail.html"
    extra_urls = [("<int:pk>/batalkan/", ronda_batalkan, "batalkan")]
    columns = [
        Column("tanggal", "Tanggal", kind="date", width=13),
        Column("get_periode_display", "Periode", width=11),
        Column("regu", "Regu/RT", width=14),
        Column("petugas", "Petugas", width=20),
        Column("diharapkan_sah", "Rumah diharapkan", kind="decimal", width=10, total=True),
        Column("setor_sah", "Rumah menyetor", kind="decimal", width=10, total=True),
        Column("persen", "Menyetor (%)", kind="decimal", width=10, fmt=None),
        Column("uang_sah", "Uang", kind="money", width=15, total=True),
        Column("beras_kg", "Beras (kg)", kind="decimal", width=10, total=True),
        Column("jurnal.nomor_kuitansi", "No. kuitansi", width=24),
        Column("keterangan", "Ket.", width=20),
    ]

    @classmethod
    def queryset(cls, tenant):
        return super().queryset(tenant).dengan_status()

    @classmethod
    def validate(cls, form, formsets) -> bool:
        rows = [
            f.cleaned_data
            for fs in formsets
            for f in fs.forms
            if getattr(f, "cleaned_data", None) and f.has_changed()
        ]
        if not rows:
            return True
        ok = True
        setor = sum(1 for r in rows if r.get("setor"))
        if form.cleaned_data["rumah_setor"] != setor:
            form.add_error("rumah_setor", f"Rincian per rumah mencatat {setor} rumah menyetor.")
            ok = False
        if len(rows) > form.cleaned_data["rumah_diharapkan"]:
            form.add_error("rumah_diharapkan", f"Rincian per rumah berisi {len(rows)} rumah.")
            ok = False
        for name, label in (("uang", "uang"), ("beras", "beras")):
            total = sum((r.get(name) or Decimal(0) for r in rows), Decimal(0))
            ok = _cocokkan(form, name, total, label) and ok
        if form.cleaned_data.get("beras") and not form.cleaned_data.get("satuan_beras"):
            form.add_error("satuan_beras", "Pilih satuan beras.")
            ok = False
        return ok

    @classmethod
    def save(cls, form, *, tenant, user) -> RondaJimpitan:
        d = form.cleaned_data
        try:
            return catat_ronda(wksbm=tenant, oleh=user, **d)
        except TransaksiDitolak as exc:
            raise exc.galat_form(form) from exc

    @classmethod
    def detail_rows(cls, obj: RondaJimpitan) -> list[tuple[str, str]]:
        return [
            ("Tanggal", formatting.tanggal(obj.tanggal, hari=True)),
            ("Periode", obj.get_periode_display()),
            ("Regu/RT", obj.regu),
            ("Petugas", obj.petugas),
            ("Rumah menyetor", f"{obj.rumah_setor} dari {obj.rumah_diharapkan} rumah"),
            ("Uang", formatting.rupiah(obj.uang)),
            ("Beras", obj.beras_tampil()),
            ("Catatan", obj.catatan),
        ]

    @classmethod
    def detail_context(cls, obj, *, tenant, user) -> dict:
        return {
            "setoran": obj.setoran.all(),
            "alasan_form": AlasanForm(),
            "boleh_batal": obj.sisa_posting() and tenancy().can_write(user, tenant, cls.writers),
        }
