"""factory_boy factories with deterministic sequences, and helpers that build WKSBMs in a
given lifecycle state through the real services (registry.services).

The region tree is tiny and real: DI Yogyakarta (34) → Kabupaten Bantul (34.02) → Srandakan
(34.02.01: Poncosari, Trimurti) and Sanden (34.02.02: Gadingsari); plus Sleman (34.04 →
Gamping → Balecatur) and, in another province, Klaten (33.10 → Prambanan → Sengon).
"""

import io
import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image, ImageDraw
from pypdf import PdfWriter

from registry import access, services
from registry.models import (
    LANGKAH_PERSIAPAN,
    Desa,
    Jabatan,
    Kabupaten,
    Kecamatan,
    Kepengurusan,
    Langkah,
    LangkahPenumbuhan,
    Padukuhan,
    Pengesahan,
    Pengurus,
    Peran,
    Provinsi,
    Wksbm,
)
from registry.nik import bersihkan_nik

SANDI = "sandi-uji-wksbm-2026"

NAMA_DEPAN = [
    "Suparno",
    "Sri",
    "Bambang",
    "Tri",
    "Wagiman",
    "Rina",
    "Dwi",
    "Siti",
    "Agus",
    "Endang",
]
NAMA_BELAKANG = [
    "Hadi",
    "Lestari",
    "Sutrisno",
    "Handayani",
    "Wibowo",
    "Rahayu",
    "Aminah",
    "Santoso",
]


def awal_periode() -> date:
    """Start of the current test term: 1 January of last year (stable for a whole year)."""
    return date(timezone.localdate().year - 1, 1, 1)


def nik_sah(n: int) -> str:
    """The n-th valid NIK of a person first registered in Srandakan, Bantul (34.02.01)."""
    hari = n % 28 + 1
    bulan = n % 12 + 1
    tahun = 60 + n % 40
    nik = f"340201{hari:02d}{bulan:02d}{tahun:02d}{n % 9999 + 1:04d}"
    return bersihkan_nik(nik)


_nomor_sk = itertools.count(1)


def nomor_sk_baru() -> str:
    return f"400.9/{next(_nomor_sk):03d}/KPTS/{timezone.localdate().year}"


def png_bytes(ukuran: tuple[int, int] = (120, 120)) -> bytes:
    """A real PNG: a round stempel."""
    img = Image.new("RGBA", ukuran, (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse((4, 4, ukuran[0] - 4, ukuran[1] - 4), outline=(40, 60, 160, 255), width=4)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def pdf_bytes() -> bytes:
    """A real (blank, one page A4) PDF."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- regions ------------------------------------------------------------------------------


class ProvinsiFactory(DjangoModelFactory):
    class Meta:
        model = Provinsi
        django_get_or_create = ("kode",)

    kode = "34"
    nama = "Daerah Istimewa Yogyakarta"


class KabupatenFactory(DjangoModelFactory):
    class Meta:
        model = Kabupaten
        django_get_or_create = ("kode",)

    kode = "34.02"
    nama = "Kabupaten Bantul"
    provinsi = factory.SubFactory(ProvinsiFactory)


class KecamatanFactory(DjangoModelFactory):
    class Meta:
        model = Kecamatan
        django_get_or_create = ("kode",)

    kode = "34.02.01"
    nama = "Srandakan"
    kabupaten = factory.SubFactory(KabupatenFactory)


class DesaFactory(DjangoModelFactory):
    class Meta:
        model = Desa
        django_get_or_create = ("kode",)

    kode = "34.02.01.2001"
    nama = "Poncosari"
    kecamatan = factory.SubFactory(KecamatanFactory)


class PadukuhanFactory(DjangoModelFactory):
    class Meta:
        model = Padukuhan

    desa = factory.SubFactory(DesaFactory)
    nama = factory.Sequence(lambda n: f"Padukuhan {n + 1:02d}")


@dataclass
class Wilayah:
    diy: Provinsi
    bantul: Kabupaten
    srandakan: Kecamatan
    sanden: Kecamatan
    poncosari: Desa
    trimurti: Desa
    gadingsari: Desa
    sleman: Kabupaten
    balecatur: Desa
    jateng: Provinsi
    klaten: Kabupaten
    sengon: Desa


def wilayah() -> Wilayah:
    """The tiny region tree (idempotent)."""
    diy = ProvinsiFactory()
    bantul = KabupatenFactory(provinsi=diy)
    srandakan = KecamatanFactory(kabupaten=bantul)
    sanden = KecamatanFactory(kode="34.02.02", nama="Sanden", kabupaten=bantul)
    sleman = KabupatenFactory(kode="34.04", nama="Kabupaten Sleman", provinsi=diy)
    gamping = KecamatanFactory(kode="34.04.01", nama="Gamping", kabupaten=sleman)
    jateng = ProvinsiFactory(kode="33", nama="Jawa Tengah")
    klaten = KabupatenFactory(kode="33.10", nama="Kabupaten Klaten", provinsi=jateng)
    prambanan = KecamatanFactory(kode="33.10.01", nama="Prambanan", kabupaten=klaten)
    return Wilayah(
        diy=diy,
        bantul=bantul,
        srandakan=srandakan,
        sanden=sanden,
        poncosari=DesaFactory(kecamatan=srandakan),
        trimurti=DesaFactory(kode="34.02.01.2002", nama="Trimurti", kecamatan=srandakan),
        gadingsari=DesaFactory(kode="34.02.02.2001", nama="Gadingsari", kecamatan=sanden),
        sleman=sleman,
        balecatur=DesaFactory(kode="34.04.01.2001", nama="Balecatur", kecamatan=gamping),
        jateng=jateng,
        klaten=klaten,
        sengon=DesaFactory(kode="33.10.01.2001", nama="Sengon", kecamatan=prambanan),
    )


# --- users and roles ----------------------------------------------------------------------


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"pengguna{n + 1:03d}")
    first_name = factory.Sequence(lambda n: NAMA_DEPAN[n % len(NAMA_DEPAN)])
    last_name = factory.Sequence(lambda n: NAMA_BELAKANG[n % len(NAMA_BELAKANG)])
    email = factory.LazyAttribute(lambda u: f"{u.username}@contoh.desa.id")
    password = factory.django.Password(SANDI)


class AdminFactory(UserFactory):
    username = factory.Sequence(lambda n: f"admin{n + 1:02d}")
    is_staff = True
    is_superuser = True


class PeranPengurusFactory(DjangoModelFactory):
    class Meta:
        model = Peran

    user = factory.SubFactory(UserFactory)
    jenis = Peran.Jenis.PENGURUS
    wksbm = factory.SubFactory("tests.factories.WksbmFactory")
    jabatan = Jabatan.KETUA
    mulai = factory.LazyFunction(awal_periode)


class PeranLurahFactory(DjangoModelFactory):
    class Meta:
        model = Peran

    user = factory.SubFactory(UserFactory)
    jenis = Peran.Jenis.LURAH
    desa = factory.SubFactory(DesaFactory)
    mulai = factory.LazyFunction(awal_periode)


class PeranDinsosFactory(DjangoModelFactory):
    """Dinas Sosial of one kabupaten/kota (Bantul by default)."""

    class Meta:
        model = Peran

    user = factory.SubFactory(UserFactory)
    jenis = Peran.Jenis.DINSOS
    kabupaten = factory.SubFactory(KabupatenFactory)
    mulai = factory.LazyFunction(awal_periode)


class PeranDinsosProvinsiFactory(DjangoModelFactory):
    """Dinas Sosial of a province (DIY by default)."""

    class Meta:
        model = Peran

    user = factory.SubFactory(UserFactory)
    jenis = Peran.Jenis.DINSOS
    provinsi = factory.SubFactory(ProvinsiFactory)
    mulai = factory.LazyFunction(awal_periode)


# --- the WKSBM and its lifecycle ----------------------------------------------------------


class WksbmFactory(DjangoModelFactory):
    class Meta:
        model = Wksbm

    nama = factory.Sequence(lambda n: f"WKSBM Uji {n + 1:03d}")
    tingkat = Wksbm.Tingkat.KALURAHAN
    desa = factory.SubFactory(DesaFactory)
    alamat = factory.Sequence(lambda n: f"Jl. Samas Km {n % 30 + 1}, RT {n % 9 + 1:02d}")
    telepon = "0274 367123"
    tanggal_berdiri = factory.LazyFunction(awal_periode)


class LangkahPenumbuhanFactory(DjangoModelFactory):
    class Meta:
        model = LangkahPenumbuhan

    wksbm = factory.SubFactory(WksbmFactory)
    langkah = Langkah.KOORDINASI_LURAH
    tanggal = factory.LazyFunction(awal_periode)
    catatan = factory.LazyAttribute(lambda o: f"Rapat {Langkah(o.langkah).label.lower()}.")


class KepengurusanFactory(DjangoModelFactory):
    class Meta:
        model = Kepengurusan

    wksbm = factory.SubFactory(WksbmFactory)
    periode_mulai = factory.LazyFunction(awal_periode)
    periode_selesai = factory.LazyAttribute(
        lambda o: o.periode_mulai.replace(year=o.periode_mulai.year + 5) - timedelta(days=1)
    )


class PengurusFactory(DjangoModelFactory):
    class Meta:
        model = Pengurus

    kepengurusan = factory.SubFactory(KepengurusanFactory)
    nama = factory.Sequence(
        lambda n: f"{NAMA_DEPAN[n % len(NAMA_DEPAN)]} {NAMA_BELAKANG[n % len(NAMA_BELAKANG)]}"
    )
    nik = factory.Sequence(nik_sah)
    jabatan = Jabatan.SEKSI
    telepon = factory.Sequence(lambda n: f"0812 2700 {n % 10000:04d}")
    alamat = "Padukuhan Kaligondang"


# --- lifecycle helpers (through the real services) ----------------------------------------


@dataclass
class WksbmUji:
    """One WKSBM with the people around it."""

    wksbm: Wksbm
    ketua: object
    lurah: object
    kepengurusan: Kepengurusan
    pengesahan: Pengesahan | None = None
    sekretaris: object = None
    bendahara: object = None
    anggota: list[Pengurus] = field(default_factory=list)


def catat_langkah(wksbm: Wksbm, langkah=None) -> None:
    """Record the penumbuhan steps (default: the three persiapan steps)."""
    for i, kode in enumerate(langkah or LANGKAH_PERSIAPAN):
        LangkahPenumbuhanFactory(
            wksbm=wksbm, langkah=kode, tanggal=awal_periode() + timedelta(days=7 * i)
        )


def susun_pengurus(kepengurusan: Kepengurusan, **akun) -> list[Pengurus]:
    """Ketua, sekretaris, bendahara and one seksi; `akun` links jabatan → user."""
    return [
        PengurusFactory(kepengurusan=kepengurusan, jabatan=jabatan, user=akun.get(jabatan))
        for jabatan in (Jabatan.KETUA, Jabatan.SEKRETARIS, Jabatan.BENDAHARA, Jabatan.SEKSI)
    ]


def wksbm_penumbuhan(
    *, desa: Desa | None = None, ketua=None, lurah=None, lengkap: bool = True, **kwargs
) -> WksbmUji:
    """A WKSBM in penumbuhan whose ketua holds the pengurus role and whose draft board is ready.

    With `lengkap=False` nothing is recorded yet: no steps, no members.
    """
    desa = desa or DesaFactory()
    wksbm = WksbmFactory(desa=desa, **kwargs)
    ketua = ketua or UserFactory()
    PeranPengurusFactory(user=ketua, wksbm=wksbm, jabatan=Jabatan.KETUA)
    if lurah is None:
        lurah = PeranLurahFactory(desa=desa).user
    kepengurusan = KepengurusanFactory(wksbm=wksbm)
    uji = WksbmUji(wksbm=wksbm, ketua=ketua, lurah=lurah, kepengurusan=kepengurusan)
    if lengkap:
        catat_langkah(wksbm, [s for s in Langkah if s != Langkah.PENGESAHAN])
        uji.sekretaris, uji.bendahara = UserFactory(), UserFactory()
        uji.anggota = susun_pengurus(
            kepengurusan,
            ketua=ketua,
            sekretaris=uji.sekretaris,
            bendahara=uji.bendahara,
        )
    return uji


def ajukan(uji: WksbmUji, kepengurusan: Kepengurusan | None = None) -> Pengesahan:
    uji.pengesahan = services.ajukan_pengesahan(
        kepengurusan=kepengurusan or uji.kepengurusan, oleh=segar(uji.ketua)
    )
    return uji.pengesahan


def setujui(uji: WksbmUji, pengesahan: Pengesahan | None = None, **kwargs) -> Pengesahan:
    kwargs.setdefault("nomor_sk", nomor_sk_baru())
    kwargs.setdefault("tanggal_sk", awal_periode() + timedelta(days=14))
    uji.pengesahan = services.setujui_pengesahan(
        pengesahan=pengesahan or uji.pengesahan, oleh=segar(uji.lurah), **kwargs
    )
    return uji.pengesahan


def wksbm_aktif(*, stempel: bool = True, nomor_sk: str | None = None, **kwargs) -> WksbmUji:
    """An ACTIVE WKSBM: steps recorded, board submitted by its ketua and approved by the lurah."""
    uji = wksbm_penumbuhan(**kwargs)
    if stempel:
        uji.wksbm.stempel.save("stempel.png", ContentFile(png_bytes()), save=True)
    ajukan(uji)
    setujui(uji, nomor_sk=nomor_sk or nomor_sk_baru())
    uji.wksbm.refresh_from_db()
    return uji


def segar(user):
    """The same user without cached roles (roles change as terms are approved)."""
    access.forget(user)
    return user
