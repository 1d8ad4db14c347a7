"""Region hierarchy with Kemendagri codes (Kepmendagri 300.2.2-2138/2025)."""

from dataclasses import dataclass

from django.db import models

PROVINSI_DIY = "34"
KOTA_YOGYAKARTA = "34.71"


@dataclass(frozen=True)
class Istilah:
    """The names of the levels below the kabupaten/kota and of their heads, for one region.

    DI Yogyakarta (Pergub DIY 25/2019): kapanewon (headed by a panewu) and kalurahan (lurah)
    with padukuhan; Kota Yogyakarta: kemantren (mantri pamong praja) and kelurahan (lurah).
    Elsewhere the national terms; a village code's first digit after the last dot tells a
    kelurahan (1, headed by a lurah) from a desa (2, headed by a kepala desa).
    """

    desa: str
    kecamatan: str
    dusun: str
    kepala_desa: str
    camat: str

    @property
    def keputusan(self) -> str:
        """The head's decree: "Keputusan Lurah", "Keputusan Kepala Desa"."""
        return f"Keputusan {self.kepala_desa.title()}"


def istilah_wilayah(kode: str) -> Istilah:
    """The terms for a region given by any of its codes (kabupaten, kecamatan or desa)."""
    kabupaten = kode[:5]
    kelurahan = len(kode) > 9 and kode[9] == "1"
    if kabupaten == KOTA_YOGYAKARTA:
        return Istilah("kelurahan", "kemantren", "kampung", "lurah", "mantri pamong praja")
    if kode[:2] == PROVINSI_DIY:
        return Istilah("kalurahan", "kapanewon", "padukuhan", "lurah", "panewu")
    if kelurahan:
        return Istilah("kelurahan", "kecamatan", "lingkungan", "lurah", "camat")
    if len(kode) > 9:
        return Istilah("desa", "kecamatan", "dusun", "kepala desa", "camat")
    return Istilah("desa/kelurahan", "kecamatan", "dusun", "kepala desa/lurah", "camat")


# For a page listing regions that do not share their terms (an admin's whole country).
ISTILAH_CAMPURAN = Istilah(
    "kalurahan/desa", "kapanewon/kecamatan", "padukuhan/dusun", "lurah/kepala desa", "panewu/camat"
)


def istilah_bersama(kode: list[str]) -> Istilah:
    """The terms shared by all these regions (e.g. the rows of a list), else mixed terms."""
    semua = {istilah_wilayah(k) for k in kode}
    return semua.pop() if len(semua) == 1 else ISTILAH_CAMPURAN


class Provinsi(models.Model):
    kode = models.CharField("kode", max_length=2, primary_key=True)
    nama = models.CharField("nama", max_length=100)

    class Meta:
        ordering = ["kode"]
        verbose_name = "provinsi"
        verbose_name_plural = "provinsi"

    def __str__(self) -> str:
        return self.nama


class Kabupaten(models.Model):
    kode = models.CharField("kode", max_length=5, primary_key=True)
    provinsi = models.ForeignKey(Provinsi, on_delete=models.PROTECT, related_name="kabupaten")
    nama = models.CharField("nama", max_length=100)

    class Meta:
        ordering = ["kode"]
        verbose_name = "kabupaten/kota"
        verbose_name_plural = "kabupaten/kota"

    def __str__(self) -> str:
        return self.nama


class Kecamatan(models.Model):
    """Kecamatan; kapanewon (or kemantren in Kota Yogyakarta) in DIY."""

    kode = models.CharField("kode", max_length=8, primary_key=True)
    kabupaten = models.ForeignKey(Kabupaten, on_delete=models.PROTECT, related_name="kecamatan")
    nama = models.CharField("nama", max_length=100)

    class Meta:
        ordering = ["kode"]
        verbose_name = "kecamatan/kapanewon"
        verbose_name_plural = "kecamatan/kapanewon"

    def __str__(self) -> str:
        return self.nama


class Desa(models.Model):
    """Desa or kelurahan; kalurahan in DIY. Headed by the lurah."""

    kode = models.CharField("kode", max_length=13, primary_key=True)
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="desa")
    nama = models.CharField("nama", max_length=100)

    class Meta:
        ordering = ["kode"]
        verbose_name = "desa/kalurahan"
        verbose_name_plural = "desa/kalurahan"

    def __str__(self) -> str:
        return self.nama

    @property
    def istilah(self) -> Istilah:
        return istilah_wilayah(self.kode)

    @property
    def nama_lengkap(self) -> str:
        """E.g. "Kalurahan Panggungharjo, Kapanewon Sewon, Kabupaten Bantul"."""
        kec, istilah = self.kecamatan, self.istilah
        return (
            f"{istilah.desa.title()} {self.nama}, {istilah.kecamatan.title()} {kec.nama}, "
            f"{kec.kabupaten.nama}"
        )


class Padukuhan(models.Model):
    """Padukuhan/dusun: no national code, added by the lurah or admin."""

    desa = models.ForeignKey(Desa, on_delete=models.PROTECT, related_name="padukuhan")
    nama = models.CharField("nama padukuhan", max_length=100)

    class Meta:
        ordering = ["desa", "nama"]
        verbose_name = "padukuhan/dusun"
        verbose_name_plural = "padukuhan/dusun"
        constraints = [
            models.UniqueConstraint(fields=["desa", "nama"], name="padukuhan_unik_per_desa")
        ]

    def __str__(self) -> str:
        return self.nama
