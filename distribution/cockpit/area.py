"""Which area a cockpit URL shows, for whom: the Dinas Sosial's kabupaten/kota or province (or
the admin's everything), or one region inside it. Another role is a 403; a region outside the
user's area is a 404 (its figures are not revealed)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from registry.access import akses
from registry.models import Desa, Kabupaten, Kecamatan, Peran, Provinsi, Wksbm
from registry.models.wilayah import istilah_wilayah

from .data import Area

PESAN_PERAN = "Halaman ini untuk Dinas Sosial."

# Region code length -> (model, the Wksbm path grouping its next level down)
_TINGKAT = {
    2: (Provinsi, "desa__kecamatan__kabupaten_id"),
    5: (Kabupaten, "desa__kecamatan_id"),
    8: (Kecamatan, "desa_id"),
    13: (Desa, "id"),
}


def pembaca(user) -> None:
    """403 unless the user is the Dinas Sosial (of a kabupaten/kota or province) or the admin."""
    a = akses(user)
    if not (a.admin or a.kabupaten or a.provinsi):
        raise PermissionDenied(PESAN_PERAN)


def dalam_wilayah(user, kode: str) -> bool:
    a = akses(user)
    return a.admin or kode[:5] in a.kabupaten or kode[:2] in a.provinsi


def boleh_baca_wksbm(user, wksbm: Wksbm) -> bool:
    return dalam_wilayah(user, wksbm.desa_id)


def _nama_tingkat(kode: str, panjang: int) -> str:
    istilah = istilah_wilayah(kode)
    return {5: istilah.kecamatan, 8: istilah.desa, 13: "WKSBM"}.get(panjang, "kabupaten/kota")


def _nama(obj, kode: str) -> str:
    if isinstance(obj, Kecamatan):
        return f"{istilah_wilayah(kode).kecamatan.title()} {obj.nama}"
    if isinstance(obj, Desa):
        return f"{istilah_wilayah(kode).desa.title()} {obj.nama}"
    return obj.nama


def area(user, kode: str | None = None) -> Area:
    """The area of `kode` (a region code), or the user's whole area."""
    pembaca(user)
    a = akses(user)
    obj = None
    if kode is None:
        if not a.admin and len(a.kabupaten) + len(a.provinsi) == 1:
            # The region of the user's role, loaded with the roles (no query of its own).
            obj = next(p.kabupaten or p.provinsi for p in a.peran if p.jenis == Peran.Jenis.DINSOS)
            kode = obj.pk
        else:
            q = Q()
            if not a.admin:
                q = Q(desa__kecamatan__kabupaten__in=list(a.kabupaten)) | Q(
                    desa__kecamatan__kabupaten__provinsi__in=list(a.provinsi)
                )
            nama = "Seluruh wilayah" if a.admin else "Seluruh wilayah kerja"
            return Area(None, nama, "desa__kecamatan__kabupaten_id", "kabupaten/kota", q)
    model_kunci = _TINGKAT.get(len(kode))
    if model_kunci is None or not dalam_wilayah(user, kode):
        raise Http404("Wilayah tidak ditemukan.")
    model, kunci = model_kunci
    related = {
        Kecamatan: ["kabupaten"],
        Desa: ["kecamatan__kabupaten"],
    }.get(model, [])
    obj = obj or model.objects.select_related(*related).filter(pk=kode).first()
    if obj is None:
        raise Http404("Wilayah tidak ditemukan.")
    # Breadcrumbs up to the user's own area (no link above it).
    induk = []
    naik = []
    if isinstance(obj, Desa):
        naik = [obj.kecamatan, obj.kecamatan.kabupaten]
    elif isinstance(obj, Kecamatan):
        naik = [obj.kabupaten]
    for o in naik:
        if dalam_wilayah(user, o.pk):
            induk.insert(0, (_nama(o, o.pk), o.pk))
    q = Q(desa_id=kode) if len(kode) == 13 else Q(desa__kode__startswith=f"{kode}.")
    return Area(kode, _nama(obj, kode), kunci, _nama_tingkat(kode, len(kode)), q, tuple(induk))


def area_wksbm(user, wksbm: Wksbm) -> Area:
    """One WKSBM as an area (its page in the cockpit)."""
    pembaca(user)
    if not boleh_baca_wksbm(user, wksbm):
        raise PermissionDenied(PESAN_PERAN)
    desa = wksbm.desa
    kec = desa.kecamatan
    induk = tuple(
        (_nama(o, o.pk), o.pk) for o in (kec.kabupaten, kec, desa) if dalam_wilayah(user, o.pk)
    )
    return Area(None, wksbm.nama, "id", "WKSBM", Q(pk=wksbm.pk), induk)
