"""Data PPKS: the register of people, families and groups who need social-welfare services."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import inlineformset_factory
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from wksbm import books
from wksbm.books import Book, Column
from wksbm.books.filters import BookFilterSet
from wksbm.books.tenancy import current as tenancy
from wksbm.forms import BookForm, CrispyMixin, DateInput, InlineForm
from wksbm.models import next_number

from .. import pdp
from ..models import KategoriPpks, Padukuhan, Ppks, PpksKategori, RiwayatStatusPpks, Wksbm
from ..nik import bersihkan_nik, peringatan_nik
from ..views import pdp as pdp_views


def clean_no_kk(value: str) -> str:
    value = (value or "").strip().replace(" ", "")
    if value and (not value.isdigit() or len(value) != 16):
        raise forms.ValidationError("No. KK harus terdiri atas 16 angka.")
    return value


class PpksForm(BookForm):
    # 16 digits, which may be typed in groups as on the KTP; bersihkan_nik removes the spaces.
    nik = forms.CharField(
        label="NIK",
        max_length=19,
        required=False,
        help_text="16 angka; boleh kosong (mis. gelandangan tanpa dokumen). Ditampilkan tersamar.",
    )
    program = forms.MultipleChoiceField(
        label="Program yang sudah diterima",
        choices=Ppks.Program.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Ppks
        fields = [
            "jenis_subjek",
            "nama",
            "nik",
            "no_kk",
            "jenis_kelamin",
            "tempat_lahir",
            "tanggal_lahir",
            "alamat",
            "rt",
            "rw",
            "padukuhan",
            "jenis_disabilitas",
            "program",
            "terdaftar_dtsen",
            "desil",
            "tanggal_pendataan",
            "catatan",
        ]
        widgets = {
            "tanggal_lahir": DateInput(),
            "tanggal_pendataan": DateInput(),
            "catatan": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "jenis_disabilitas": "Wajib untuk kategori ADK dan PD.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["padukuhan"].queryset = Padukuhan.objects.filter(desa_id=self.wksbm.desa_id)
        for name in ("nik", "no_kk"):
            self.fields[name].widget.attrs.update(inputmode="numeric", autocomplete="off")

    def clean_nik(self):
        nik = bersihkan_nik(self.cleaned_data.get("nik"))
        if nik:
            twin = Ppks.objects.filter(wksbm=self.wksbm, nik=nik).exclude(pk=self.instance.pk)
            nomor = twin.values_list("nomor", flat=True).first()
            if nomor is not None:
                raise forms.ValidationError(
                    f"NIK ini sudah terdaftar di WKSBM ini (No. register {nomor})."
                )
        return nik

    def clean_no_kk(self):
        return clean_no_kk(self.cleaned_data.get("no_kk"))

    def clean_tanggal_lahir(self):
        lahir = self.cleaned_data.get("tanggal_lahir")
        if lahir and lahir > timezone.localdate():
            raise forms.ValidationError(
                "Tanggal lahir tidak boleh sesudah hari ini. Periksa kembali tanggalnya."
            )
        return lahir

    def clean(self):
        data = super().clean()
        if data.get("jenis_subjek") == Ppks.JenisSubjek.PERSEORANGAN and not data.get(
            "jenis_kelamin"
        ):
            self.add_error("jenis_kelamin", "Jenis kelamin wajib diisi untuk perseorangan.")
        if data.get("desil") and not data.get("terdaftar_dtsen"):
            self.add_error("desil", "Desil hanya diisi bila terdaftar di DTKS/DTSEN.")
        if data.get("desil") is not None and not 1 <= data["desil"] <= 10:
            self.add_error("desil", "Desil bernilai 1 sampai 10.")
        return data


class PpksImportForm(PpksForm):
    """An imported row: categories come as codes in one cell ("LUT, PD")."""

    kategori_kode = forms.CharField(label="Kode kategori", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["kategori_kode"] = self.instance.kode_kategori()

    def clean_kategori_kode(self):
        codes = [c.strip().upper() for c in self.cleaned_data["kategori_kode"].split(",")]
        codes = [c for c in codes if c]
        found = {k.kode: k for k in KategoriPpks.objects.filter(kode__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(f"Kode kategori tidak dikenal: {', '.join(unknown)}.")
        if not codes:
            raise forms.ValidationError("Isi sedikitnya satu kode kategori PPKS.")
        return [found[c] for c in codes]


class AsesmenForm(InlineForm):
    class Meta:
        model = PpksKategori
        fields = ["kategori", "tanggal_asesmen", "pelapor", "kondisi"]
        widgets = {"tanggal_asesmen": DateInput(), "kondisi": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].queryset = KategoriPpks.berlaku()


AsesmenFormSet = inlineformset_factory(
    Ppks, PpksKategori, form=AsesmenForm, extra=2, can_delete=True, min_num=0
)


class StatusForm(CrispyMixin, forms.Form):
    ke = forms.ChoiceField(label="Status baru", choices=Ppks.Status.choices)
    tanggal = forms.DateField(label="Tanggal perubahan", widget=DateInput())
    alasan = forms.CharField(label="Alasan", widget=forms.Textarea(attrs={"rows": 2}))


class PpksFilter(BookFilterSet):
    kategori = django_filters.ModelChoiceFilter(
        queryset=KategoriPpks.objects.all(), label="Kategori", field_name="kategori"
    )

    class Meta:
        model = Ppks
        fields = ["status", "jenis_kelamin", "padukuhan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.wksbm is not None:
            self.filters["padukuhan"].queryset = Padukuhan.objects.filter(
                desa_id=self.wksbm.desa_id
            )
            self.form.fields["padukuhan"].queryset = self.filters["padukuhan"].queryset


def _kategori_terpilih(form, formsets) -> list[KategoriPpks]:
    if "kategori_kode" in form.cleaned_data:
        return form.cleaned_data["kategori_kode"]
    chosen = []
    for fs in formsets:
        for f in fs.forms:
            data = getattr(f, "cleaned_data", {})
            if data.get("kategori") and not data.get("DELETE"):
                chosen.append(data["kategori"])
    return chosen


@transaction.atomic
def ubah_status_ppks(*, ppks: Ppks, oleh, ke: str, tanggal, alasan: str) -> Ppks:
    """Change a PPKS's status, recording the date, reason and who."""
    ppks = Ppks.objects.select_for_update().get(pk=ppks.pk)
    if ppks.status == ke:
        raise ValueError(f"Status sudah “{ppks.get_status_display()}”.")
    RiwayatStatusPpks.objects.create(
        ppks=ppks, dari=ppks.status, ke=ke, tanggal=tanggal, alasan=alasan.strip(), oleh=oleh
    )
    ppks.status = ke
    ppks.save(update_fields=["status", "diperbarui"])
    return ppks


@require_POST
def ppks_status(request, wksbm: int, pk: int, book):
    tenant = tenancy().get(request.user, wksbm, write=False, jabatan=None)
    ppks = get_object_or_404(book.queryset(tenant), pk=pk)
    if not tenancy().can_write(request.user, tenant, book.writers):
        raise PermissionDenied("Peran Anda tidak berwenang mengubah status PPKS.")
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            ubah_status_ppks(ppks=ppks, oleh=request.user, **form.cleaned_data)
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Status PPKS diperbarui.")
    else:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, f"Status tidak diubah: {e}")
    return redirect(book.url_name("detail"), wksbm=tenant.pk, pk=ppks.pk)


@books.register
class BukuPpks(Book):
    slug = "ppks"
    title = "Data PPKS"
    singular = "PPKS"
    order = 8
    landscape = True
    model = Ppks
    form = PpksForm
    import_form = PpksImportForm
    import_key = "nomor"
    formsets = {"asesmen": AsesmenFormSet}
    filterset = PpksFilter
    detail_template = "registry/ppks_detail.html"
    personal = True  # names PPKS: every export logged and watermarked (registry.pdp)
    extra_urls = [
        ("<int:pk>/status/", ppks_status, "status"),
        ("<int:pk>/data-subjek/", pdp_views.ppks_data_subjek, "data-subjek"),
        ("<int:pk>/dasar-pemrosesan/", pdp_views.ppks_dasar, "dasar"),
        ("<int:pk>/koreksi/", pdp_views.ppks_koreksi, "koreksi"),
        ("<int:pk>/koreksi/selesai/", pdp_views.ppks_koreksi_selesai, "koreksi-selesai"),
    ]
    date_field = "tanggal_pendataan"
    ordering = ["nama", "id"]
    select_related = ["padukuhan"]
    prefetch_related = ["kategori"]
    search = ["nama", "nomor", "alamat", "tempat_lahir"]
    columns = [
        Column("nomor", "No. register", width=12),
        Column("nama", "Nama", width=26),
        Column("nik", "NIK", width=19, sensitive=True),
        Column("no_kk", "No. KK", width=19, sensitive=True),
        Column("get_jenis_kelamin_display", "L/P", width=10, field="jenis_kelamin"),
        Column("tempat_lahir", "Tempat lahir", width=14),
        Column("tanggal_lahir", "Tanggal lahir", kind="date", width=13),
        Column("alamat", "Alamat", width=26),
        Column("rt", "RT", width=5),
        Column("rw", "RW", width=5),
        Column("padukuhan", "Padukuhan", width=16, field="padukuhan"),
        Column("kode_kategori", "Kode kategori", width=14, field="kategori_kode"),
        Column(
            "get_jenis_disabilitas_display",
            "Jenis disabilitas",
            width=14,
            field="jenis_disabilitas",
        ),
        Column("get_status_display", "Status", width=11, field=""),
        Column("label_program", "Program diterima", width=18, field="program"),
        Column("terdaftar_dtsen", "DTKS/DTSEN", kind="bool", width=11, field="terdaftar_dtsen"),
        Column("desil", "Desil", kind="int", width=7),
        Column("tanggal_pendataan", "Tanggal pendataan", kind="date", width=14),
        Column("catatan", "Catatan", width=30),
    ]

    @classmethod
    def validate(cls, form, formsets) -> bool:
        kategori = _kategori_terpilih(form, formsets)
        ok = True
        if not kategori and (formsets or "kategori_kode" in form.fields):
            form.add_error(None, "Pilih sedikitnya satu kategori PPKS.")
            ok = False
        if len({k.pk for k in kategori}) != len(kategori):
            form.add_error(None, "Kategori yang sama dipilih lebih dari sekali.")
            ok = False
        data = form.cleaned_data
        for k in kategori:
            if k.khusus_perempuan and data.get("jenis_kelamin") != Ppks.JenisKelamin.P:
                form.add_error("jenis_kelamin", f"Kategori {k.kode} hanya untuk perempuan.")
                ok = False
            if k.perlu_jenis_disabilitas and not data.get("jenis_disabilitas"):
                form.add_error("jenis_disabilitas", f"Kategori {k.kode} wajib jenis disabilitas.")
                ok = False
        return ok

    @classmethod
    def save(cls, form, *, tenant, user) -> Ppks:
        ppks = form.save(commit=False)
        ppks.wksbm = tenant
        if not ppks.nomor:
            ppks.nomor = f"{next_number(f'ppks:{tenant.pk}'):05d}"
        ppks.save()
        if "kategori_kode" in form.cleaned_data:
            _set_kategori(ppks, form.cleaned_data["kategori_kode"])
        return ppks

    @classmethod
    def import_lookup(cls, tenant, key: str, values: dict):
        """By register number, else by NIK: a known person is updated, never duplicated."""
        rows = Ppks.objects.filter(wksbm=tenant)
        if key:
            return rows.filter(nomor=key).first()
        nik = str(values.get("nik") or "").strip()
        return rows.filter(nik=nik).first() if nik else None

    @classmethod
    def warnings(cls, obj: Ppks, *, tenant) -> list[str]:
        result = peringatan_nik(
            obj.nik, tanggal_lahir=obj.tanggal_lahir, jenis_kelamin=obj.jenis_kelamin
        )
        if obj.nik and _nik_di_wksbm_lain(obj, tenant):
            result.append(
                "NIK ini juga terdaftar di WKSBM lain di kabupaten/kota yang sama. "
                "Koordinasikan agar bantuan tidak ganda."
            )
        umur = obj.umur()
        if umur is not None:
            for k in obj.kategori.all():
                if (k.usia_min is not None and umur < k.usia_min) or (
                    k.usia_max is not None and umur > k.usia_max
                ):
                    result.append(f"Umur {umur} tahun tidak lazim untuk kategori {k.kode}.")
        return result

    @classmethod
    def detail_context(cls, obj, *, tenant, user) -> dict:
        return {
            "asesmen": obj.asesmen.select_related("kategori"),
            "riwayat_status": obj.riwayat_status.select_related("oleh"),
            "status_form": StatusForm(initial={"tanggal": timezone.localdate()}),
            "koreksi": obj.koreksi.select_related("dicatat_oleh", "diselesaikan_oleh", "perubahan"),
            "koreksi_form": pdp_views.KoreksiForm(
                initial={"tanggal": timezone.localdate()}, auto_id="koreksi_%s"
            ),
            "boleh_ketua": pdp.boleh_ekspor_subjek(user, tenant),
        }


def _set_kategori(ppks: Ppks, kategori: list[KategoriPpks]) -> None:
    wanted = {k.pk for k in kategori}
    ppks.asesmen.exclude(kategori_id__in=wanted).delete()
    have = set(ppks.asesmen.values_list("kategori_id", flat=True))
    for k in kategori:
        if k.pk not in have:
            PpksKategori.objects.create(
                ppks=ppks, kategori=k, tanggal_asesmen=ppks.tanggal_pendataan
            )


def _nik_di_wksbm_lain(ppks: Ppks, tenant: Wksbm) -> bool:
    """Same NIK in another WKSBM of the same kabupaten; reveals nothing about that WKSBM."""
    kabupaten = tenant.desa.kecamatan.kabupaten_id
    return (
        Ppks.objects.filter(nik=ppks.nik, wksbm__desa__kecamatan__kabupaten_id=kabupaten)
        .exclude(wksbm=tenant)
        .exists()
    )
