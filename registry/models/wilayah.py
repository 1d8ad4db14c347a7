"""Region hierarchy with Kemendagri codes (Kepmendagri 300.2.2-2138/2025)."""

from django.db import models


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
    def nama_lengkap(self) -> str:
        kec = self.kecamatan
        return f"{self.nama}, {kec.nama}, {kec.kabupaten.nama}"


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
