"""Buku notulensi rapat: meetings with their daftar hadir and decisions followed until done."""

from datetime import date
from functools import cached_property

from auditlog.context import set_actor
from auditlog.models import LogEntry
from crispy_forms.layout import Column as Kolom
from crispy_forms.layout import Layout, Row
from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from wksbm import books, formatting
from wksbm.books import Book, Column
from wksbm.books.filters import BookFilterSet
from wksbm.books.tenancy import current as tenancy
from wksbm.forms import BookForm, DateInput, InlineForm, TimeInput
from wksbm.pdf import render_pdf

from ..models import Keputusan, Peserta, Rapat, Wksbm


def nama_pengurus(wksbm: Wksbm | None) -> list[str]:
    """Names of the board in office, offered as suggestions (any other name may be typed)."""
    kepengurusan = wksbm.kepengurusan_berlaku() if wksbm is not None else None
    if kepengurusan is None:
        return []
    return list(kepengurusan.anggota.values_list("nama", flat=True))


class SaranNama(forms.TextInput):
    """A text input with a <datalist> of suggested names (no script needed)."""

    def __init__(self, names=(), attrs=None):
        super().__init__(attrs)
        self.names = list(names)

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id') or name}-saran"
        html = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join("", '<option value="{}">', ((n,) for n in self.names))
        return html + format_html('<datalist id="{}">{}</datalist>', list_id, options)


class RapatForm(BookForm):
    class Meta:
        model = Rapat
        fields = [
            "jenis",
            "judul",
            "tanggal",
            "jam_mulai",
            "jam_selesai",
            "tempat",
            "pimpinan",
            "notulis",
            "susunan_acara",
            "pembahasan",
            "rapat_berikutnya",
            "keterangan",
        ]
        widgets = {
            "tanggal": DateInput(),
            # <input type="time"> needs HH:MM; the Indonesian locale would render 19.30.00.
            "jam_mulai": TimeInput(),
            "jam_selesai": TimeInput(),
            "rapat_berikutnya": DateInput(),
            "susunan_acara": forms.Textarea(attrs={"rows": 4}),
            "pembahasan": forms.Textarea(attrs={"rows": 8}),
            "keterangan": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "susunan_acara": "Satu acara per baris.",
            "rapat_berikutnya": "Boleh kosong bila belum ditentukan.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = nama_pengurus(self.wksbm)
        for name in ("pimpinan", "notulis"):
            self.fields[name].widget = SaranNama(names)

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("jam_mulai"), data.get("jam_selesai")
        if mulai and selesai and selesai <= mulai:
            self.add_error("jam_selesai", "Jam selesai harus setelah jam mulai.")
        tanggal, berikutnya = data.get("tanggal"), data.get("rapat_berikutnya")
        if tanggal and berikutnya and berikutnya <= tanggal:
            self.add_error("rapat_berikutnya", "Rapat berikutnya harus setelah tanggal rapat ini.")
        return data


class BarisForm(InlineForm):
    """An inline row laid out on one line on wide screens; names suggested from the board."""

    kolom: tuple[tuple[str, str], ...] = ()
    nama_field = "nama"

    def __init__(self, *args, nama_pengurus=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.nama_field].widget = SaranNama(nama_pengurus)
        self.helper.layout = Layout(Row(*(Kolom(f, css_class=c) for f, c in self.kolom)))
        self.helper.render_unmentioned_fields = True


class PesertaForm(BarisForm):
    kolom = (("nama", "col-md-5"), ("unsur", "col-md-5"), ("hadir", "col-md-2 pt-md-4"))

    class Meta:
        model = Peserta
        fields = ["nama", "unsur", "hadir"]


class KeputusanForm(BarisForm):
    kolom = (
        ("uraian", "col-12"),
        ("penanggung_jawab", "col-md-4"),
        ("tenggat", "col-md-3"),
        ("tanggal_selesai", "col-md-3"),
        ("selesai", "col-md-2 pt-md-4"),
    )
    nama_field = "penanggung_jawab"

    class Meta:
        model = Keputusan
        fields = ["uraian", "penanggung_jawab", "tenggat", "selesai", "tanggal_selesai"]
        widgets = {
            "uraian": forms.Textarea(attrs={"rows": 2}),
            "tenggat": DateInput(),
            "tanggal_selesai": DateInput(),
        }
        help_texts = {"penanggung_jawab": "Nama pengurus atau pihak lain."}

    def clean(self):
        data = super().clean()
        if data.get("selesai") and not data.get("tanggal_selesai"):
            self.add_error("tanggal_selesai", "Isi tanggal selesai bila keputusan sudah selesai.")
        if data.get("tanggal_selesai") and not data.get("selesai"):
            self.add_error("selesai", "Centang “selesai” atau kosongkan tanggal selesai.")
        return data


class BarisFormSet(BaseInlineFormSet):
    """Looks the board's names up once for every row."""

    @cached_property
    def nama_pengurus(self) -> list[str]:
        return nama_pengurus(self.form_kwargs.get("wksbm"))

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "nama_pengurus": self.nama_pengurus}


PesertaFormSet = inlineformset_factory(
    Rapat, Peserta, form=PesertaForm, formset=BarisFormSet, extra=5, can_delete=True
)
KeputusanFormSet = inlineformset_factory(
    Rapat, Keputusan, form=KeputusanForm, formset=BarisFormSet, extra=3, can_delete=True
)


class SelesaiForm(forms.Form):
    keputusan = forms.IntegerField(widget=forms.HiddenInput)
    tanggal = forms.DateField(label="Tanggal selesai", required=False, widget=DateInput())

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"] or timezone.localdate()
        if tanggal > timezone.localdate():
            raise forms.ValidationError("Tanggal selesai tidak boleh di masa depan.")
        return tanggal


class RapatFilter(BookFilterSet):
    class Meta:
        model = Rapat
        fields = ["jenis"]


@transaction.atomic
def selesaikan_keputusan(*, keputusan: Keputusan, oleh, tanggal: date) -> Keputusan:
    """Mark a decision done on `tanggal`; the change is recorded in its history as `oleh`'s."""
    keputusan = Keputusan.objects.select_for_update().select_related("rapat").get(pk=keputusan.pk)
    if keputusan.selesai:
        raise ValueError("Keputusan ini sudah ditandai selesai.")
    if tanggal < keputusan.rapat.tanggal:
        raise ValueError("Tanggal selesai tidak boleh sebelum tanggal rapat.")
    keputusan.selesai = True
    keputusan.tanggal_selesai = tanggal
    with set_actor(oleh):
        keputusan.save(update_fields=["selesai", "tanggal_selesai"])
    return keputusan


@require_POST
def keputusan_selesai(request, wksbm: int, pk: int, book) -> HttpResponse:
    tenant = tenancy().get(request.user, wksbm, write=True, jabatan=book.writers)
    rapat = get_object_or_404(book.queryset(tenant), pk=pk)
    form = SelesaiForm(request.POST)
    nomor = request.POST.get("keputusan", "")
    obj = get_object_or_404(rapat.keputusan.all(), pk=int(nomor) if nomor.isdecimal() else 0)
    if form.is_valid():
        try:
            selesaikan_keputusan(
                keputusan=obj, oleh=request.user, tanggal=form.cleaned_data["tanggal"]
            )
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Keputusan “{obj}” ditandai selesai.")
    else:
        pesan = next(iter(form.errors.values()))[0]
        messages.error(request, f"Keputusan belum ditandai selesai: {pesan}")
    if request.POST.get("kembali") == "ringkasan":
        return redirect("registry:wksbm-detail", tenant.pk)
    return redirect(book.url_name("detail"), wksbm=tenant.pk, pk=rapat.pk)


def notulen_pdf(request, wksbm: int, pk: int, book) -> HttpResponse:
    """One meeting's notulen, signed by its chair and its note-taker."""
    tenant = tenancy().get(request.user, wksbm, write=False, jabatan=book.writers)
    rapat = get_object_or_404(book.queryset(tenant), pk=pk)
    pdf = render_pdf(
        "registry/notulen_print.html",
        {
            "judul": "Notulen Rapat",
            "rapat": rapat,
            "peserta": rapat.peserta.all(),
            "keputusan": rapat.keputusan.all(),
            **tenancy().print_context(tenant, book.signers),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"notulen-rapat_{tenancy().slug(tenant)}_{rapat.tanggal:%Y-%m-%d}_{rapat.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _hari_tanggal(value) -> str:
    return formatting.tanggal(value, hari=True)


@books.register
class BukuNotulen(Book):
    slug = "notulen"
    title = "Buku Notulensi Rapat"
    singular = "notulen rapat"
    order = 6
    landscape = True
    model = Rapat
    form = RapatForm
    formsets = {"peserta": PesertaFormSet, "keputusan": KeputusanFormSet}
    filterset = RapatFilter
    detail_template = "registry/notulen_detail.html"
    extra_urls = [
        ("<int:pk>/notulen.pdf", notulen_pdf, "cetak"),
        ("<int:pk>/keputusan-selesai/", keputusan_selesai, "keputusan-selesai"),
    ]
    ordering = ["-tanggal", "-jam_mulai", "-id"]
    search = ["judul", "tempat", "pimpinan", "notulis", "pembahasan"]
    columns = [
        Column("tanggal", "Hari/Tanggal", kind="date", width=24, fmt=_hari_tanggal),
        Column("jam_mulai", "Mulai", kind="time", width=8),
        Column("jam_selesai", "Selesai", kind="time", width=8),
        Column("get_jenis_display", "Jenis rapat", width=17, field="jenis"),
        Column("judul", "Judul/acara pokok", width=34),
        Column("tempat", "Tempat", width=24),
        Column("pimpinan", "Pimpinan", width=20),
        Column("notulis", "Notulis", width=20),
        Column("jumlah_hadir", "Hadir", kind="int", width=8),
        Column("jumlah_keputusan", "Keputusan", kind="int", width=10),
        Column("keputusan_terbuka", "Belum selesai", kind="int", width=10),
        Column("rapat_berikutnya", "Rapat berikutnya", kind="date", width=16),
    ]

    @classmethod
    def queryset(cls, tenant):
        return super().queryset(tenant).dengan_jumlah()

    @classmethod
    def validate(cls, form, formsets) -> bool:
        tanggal = form.cleaned_data.get("tanggal")
        ok = True
        for fs in formsets:
            seen = set()
            for f in fs.forms:
                data = getattr(f, "cleaned_data", {})
                if not data or data.get("DELETE"):
                    continue
                if fs.prefix == "peserta":
                    key = data["nama"].strip().casefold()
                    if key in seen:
                        f.add_error("nama", "Nama ini sudah ada di daftar hadir.")
                        ok = False
                    seen.add(key)
                for name in ("tenggat", "tanggal_selesai"):
                    if tanggal and data.get(name) and data[name] < tanggal:
                        f.add_error(name, "Tanggal tidak boleh sebelum tanggal rapat.")
                        ok = False
        return ok

    @classmethod
    def detail_rows(cls, obj: Rapat) -> list[tuple[str, str]]:
        return [
            ("Jenis rapat", obj.get_jenis_display()),
            ("Hari/tanggal", _hari_tanggal(obj.tanggal)),
            ("Jam", obj.jam()),
            ("Tempat", obj.tempat),
            ("Pimpinan rapat", obj.pimpinan),
            ("Notulis", obj.notulis),
            ("Susunan acara", obj.susunan_acara),
            ("Pembahasan", obj.pembahasan),
            ("Rapat berikutnya", _hari_tanggal(obj.rapat_berikutnya)),
            ("Keterangan", obj.keterangan),
        ]

    @classmethod
    def detail_context(cls, obj: Rapat, *, tenant, user) -> dict:
        return {
            "peserta": obj.peserta.all(),
            "keputusan": obj.keputusan.all(),
            "selesai_form": SelesaiForm(),
            "hari_ini": timezone.localdate(),
            "riwayat_baris": riwayat_baris(obj)[:10],
        }


def riwayat_baris(rapat: Rapat):
    """History of the meeting's attendance and decision rows (deleted rows included)."""
    types = ContentType.objects.get_for_models(Peserta, Keputusan).values()
    return (
        LogEntry.objects.filter(content_type__in=types, additional_data__rapat=rapat.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
