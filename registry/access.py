"""Roles and the one scoping helper: which WKSBMs may this user see, and change?

Every view gets its querysets through this module. A WKSBM outside the user's scope is a
404 (its existence is not revealed); a visible WKSBM the user's role may not change is a 403.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Jabatan, Peran, Wksbm

_CACHE_ATTR = "_wksbm_akses"


@dataclass(frozen=True)
class Akses:
    """What one user's current roles reach; computed once per request (one query)."""

    admin: bool = False
    pengurus: dict[int, set[str]] = field(default_factory=dict)  # wksbm id -> jabatan
    desa: frozenset[str] = frozenset()  # lurah of these desa codes
    kabupaten: frozenset[str] = frozenset()  # dinas sosial
    provinsi: frozenset[str] = frozenset()  # dinas sosial
    peran: tuple[Peran, ...] = ()

    @property
    def pembaca_wilayah(self) -> bool:
        return bool(self.desa or self.kabupaten or self.provinsi)

    def filter_wksbm(self, prefix: str = "") -> Q | None:
        """Q over Wksbm fields (behind `prefix`) for what is visible; None means everything."""
        if self.admin:
            return None
        p = f"{prefix}__" if prefix else ""
        q = Q(**{f"{p}pk__in": list(self.pengurus)})
        if self.desa:
            q |= Q(**{f"{p}desa__in": list(self.desa)})
        if self.kabupaten:
            q |= Q(**{f"{p}desa__kecamatan__kabupaten__in": list(self.kabupaten)})
        if self.provinsi:
            q |= Q(**{f"{p}desa__kecamatan__kabupaten__provinsi__in": list(self.provinsi)})
        return q


def akses(user) -> Akses:
    if not getattr(user, "is_authenticated", False):
        return Akses()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    peran = tuple(
        Peran.objects.berlaku()
        .filter(user=user)
        .select_related("wksbm", "desa", "kabupaten", "provinsi")
    )
    pengurus: dict[int, set[str]] = {}
    for p in peran:
        if p.jenis == Peran.Jenis.PENGURUS:
            pengurus.setdefault(p.wksbm_id, set()).add(p.jabatan)
    result = Akses(
        admin=user.is_superuser,
        pengurus=pengurus,
        desa=frozenset(p.desa_id for p in peran if p.jenis == Peran.Jenis.LURAH),
        kabupaten=frozenset(
            p.kabupaten_id for p in peran if p.jenis == Peran.Jenis.DINSOS and p.kabupaten_id
        ),
        provinsi=frozenset(
            p.provinsi_id for p in peran if p.jenis == Peran.Jenis.DINSOS and p.provinsi_id
        ),
        peran=peran,
    )
    setattr(user, _CACHE_ATTR, result)
    return result


def forget(user) -> None:
    """Drop the cached roles (after a role change within the same request)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def wksbm_visible(user) -> QuerySet[Wksbm]:
    q = akses(user).filter_wksbm()
    if not getattr(user, "is_authenticated", False):
        return Wksbm.objects.none()
    return Wksbm.objects.all() if q is None else Wksbm.objects.filter(q)


def scoped(queryset: QuerySet, user) -> QuerySet:
    """Restrict any WKSBM-owned queryset to what `user` may see.

    A model reaches its WKSBM through `wksbm` unless it declares `wksbm_path`.
    """
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    path = getattr(queryset.model, "wksbm_path", "wksbm")
    q = akses(user).filter_wksbm(prefix=path)
    return queryset if q is None else queryset.filter(q)


def boleh_menulis(user, wksbm: Wksbm, jabatan: set[str] | None = None) -> bool:
    """May this user change this WKSBM's books (optionally: holding one of `jabatan`)?"""
    a = akses(user)
    if a.admin:
        return True
    held = a.pengurus.get(wksbm.pk, set())
    if jabatan is None:
        return bool(held - {Jabatan.PELINDUNG})
    return bool(held & set(jabatan))


def adalah_lurah(user, wksbm: Wksbm) -> bool:
    return wksbm.desa_id in akses(user).desa


def boleh_kelola_desa(user, desa_kode: str) -> bool:
    """May this user manage the desa's own data (padukuhan, cap)? Its lurah, or the admin."""
    a = akses(user)
    return a.admin or desa_kode in a.desa


# Pengurus whose jabatan holds the keys and the money sign in with a second factor.
JABATAN_DUA_FAKTOR = frozenset({Jabatan.KETUA, Jabatan.BENDAHARA})


def wajib_dua_faktor(user) -> bool:
    """Must this user sign in with a second factor (TOTP)? The admin, the lurah, the Dinas
    Sosial, and a ketua or bendahara; everyone else may choose to."""
    a = akses(user)
    return a.admin or a.pembaca_wilayah or any(j & JABATAN_DUA_FAKTOR for j in a.pengurus.values())


def akun_dikelola(user) -> QuerySet:
    """Accounts whose password `user` may reset: every other account for the admin; for a
    ketua, those holding a current pengurus role in their WKSBM (never an admin's)."""
    User = get_user_model()
    a = akses(user)
    if a.admin:
        return User.objects.exclude(pk=user.pk)
    wksbm_ids = [pk for pk, jabatan in a.pengurus.items() if Jabatan.KETUA in jabatan]
    if not wksbm_ids:
        return User.objects.none()
    peran = Peran.objects.berlaku().filter(jenis=Peran.Jenis.PENGURUS, wksbm__in=wksbm_ids)
    return User.objects.filter(pk__in=peran.values("user"), is_superuser=False).exclude(pk=user.pk)


def get_wksbm(user, pk, *, write: bool = False, jabatan: set[str] | None = None) -> Wksbm:
    """The WKSBM `pk` if visible (else 404); with `write`, 403 unless the user may change it."""
    wksbm = get_object_or_404(wksbm_visible(user).select_related("desa", "padukuhan"), pk=pk)
    if write and not boleh_menulis(user, wksbm, jabatan):
        raise PermissionDenied("Peran Anda tidak berwenang mengubah data WKSBM ini.")
    return wksbm


def get_scoped(queryset: QuerySet, user, **lookup) -> Model:
    """One object of a WKSBM-owned queryset, or 404 when outside the user's scope."""
    return get_object_or_404(scoped(queryset, user), **lookup)
