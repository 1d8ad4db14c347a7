"""Django admin: accounts, roles, regions and WKSBMs are managed here by the admin."""

from django.contrib import admin

from .forms import CapDesaForm
from .models import (
    CapDesa,
    Desa,
    EksporDataPribadi,
    Kabupaten,
    Kecamatan,
    Kepengurusan,
    Konsiderans,
    Padukuhan,
    Pengesahan,
    Pengurus,
    Peran,
    Provinsi,
    RiwayatAkun,
    Wksbm,
)
from .models.ppks import PenghapusanPpks, PermintaanKoreksi


@admin.register(Provinsi)
class ProvinsiAdmin(admin.ModelAdmin):
    search_fields = ["kode", "nama"]


@admin.register(Kabupaten)
class KabupatenAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "provinsi"]
    search_fields = ["kode", "nama"]
    list_select_related = ["provinsi"]


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "kabupaten"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kabupaten"]


@admin.register(Desa)
class DesaAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "kecamatan"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kecamatan"]


@admin.register(Padukuhan)
class PadukuhanAdmin(admin.ModelAdmin):
    list_display = ["nama", "desa"]
    search_fields = ["nama", "desa__nama"]
    autocomplete_fields = ["desa"]


@admin.register(Wksbm)
class WksbmAdmin(admin.ModelAdmin):
    list_display = ["nama", "tingkat", "desa", "status"]
    list_filter = ["status", "tingkat"]
    search_fields = ["nama", "desa__nama"]
    autocomplete_fields = ["desa", "padukuhan"]
    readonly_fields = ["status"]


@admin.register(Peran)
class PeranAdmin(admin.ModelAdmin):
    list_display = ["user", "jenis", "wksbm", "jabatan", "desa", "kabupaten", "mulai", "selesai"]
    list_filter = ["jenis"]
    search_fields = ["user__username", "user__first_name", "wksbm__nama", "desa__nama"]
    autocomplete_fields = ["user", "wksbm", "desa", "kabupaten", "provinsi"]


class PengurusInline(admin.TabularInline):
    model = Pengurus
    extra = 0
    exclude = ["nik"]


@admin.register(Kepengurusan)
class KepengurusanAdmin(admin.ModelAdmin):
    list_display = ["wksbm", "periode_mulai", "periode_selesai"]
    search_fields = ["wksbm__nama"]
    inlines = [PengurusInline]


@admin.register(Pengesahan)
class PengesahanAdmin(admin.ModelAdmin):
    """Read-only: transitions happen only through registry.services."""

    list_display = ["wksbm", "status", "nomor_sk", "tanggal_sk"]
    list_filter = ["status"]
    search_fields = ["wksbm__nama", "nomor_sk"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Konsiderans)
class KonsideransAdmin(admin.ModelAdmin):
    """Menimbang/Mengingat of the SKs of one kabupaten/kota (the defaults until saved)."""

    list_display = ["kabupaten", "perbup"]
    search_fields = ["kabupaten__nama", "perbup"]
    autocomplete_fields = ["kabupaten"]


@admin.register(CapDesa)
class CapDesaAdmin(admin.ModelAdmin):
    """Uploads are checked by content, as on the lurah's own page."""

    form = CapDesaForm
    fields = ["desa", "cap"]
    list_display = ["desa", "diunggah_pada", "diunggah_oleh"]
    search_fields = ["desa__nama", "desa__kode"]
    autocomplete_fields = ["desa"]

    def save_model(self, request, obj, form, change):
        obj.diunggah_oleh = request.user
        super().save_model(request, obj, form, change)


@admin.register(RiwayatAkun)
class RiwayatAkunAdmin(admin.ModelAdmin):
    """Device and password resets (registry.akun): read only, never edited or deleted."""

    list_display = ["pada", "aksi", "untuk", "oleh"]
    list_filter = ["aksi"]
    search_fields = ["untuk__username", "oleh__username"]
    list_select_related = ["untuk", "oleh"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _HanyaBaca(admin.ModelAdmin):
    """Records of personal-data processing (registry.pdp): read only, never edited or deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EksporDataPribadi)
class EksporDataPribadiAdmin(_HanyaBaca):
    list_display = ["pada", "user", "wksbm", "buku", "jumlah_baris"]
    list_filter = ["pada"]
    search_fields = ["user__username", "wksbm__nama", "buku"]
    list_select_related = ["user", "wksbm"]


@admin.register(PenghapusanPpks)
class PenghapusanPpksAdmin(_HanyaBaca):
    list_display = ["pada", "pelaksana", "oleh", "tahun", "jumlah"]


@admin.register(PermintaanKoreksi)
class PermintaanKoreksiAdmin(_HanyaBaca):
    list_display = ["tanggal", "ppks", "status", "dicatat_oleh", "diselesaikan_oleh"]
    list_filter = ["status"]
    list_select_related = ["ppks", "dicatat_oleh", "diselesaikan_oleh"]
