"""Sign-in security records: who reset whose device or password, and temporary passwords."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class RiwayatAkun(models.Model):
    """An account reset by the admin or a ketua (who, when, whose, what): never edited."""

    class Aksi(models.TextChoices):
        RESET_DUA_FAKTOR = "reset_2fa", "Atur ulang verifikasi dua langkah"
        RESET_SANDI = "reset_sandi", "Atur ulang kata sandi"

    aksi = models.CharField("aksi", max_length=12, choices=Aksi.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="oleh", on_delete=models.PROTECT, related_name="+"
    )
    untuk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="akun",
        on_delete=models.PROTECT,
        related_name="riwayat_akun",
    )
    pada = models.DateTimeField("pada", default=timezone.now)

    class Meta:
        ordering = ["-pada", "-pk"]
        verbose_name = "riwayat akun"
        verbose_name_plural = "riwayat akun"

    def __str__(self) -> str:
        return f"{self.get_aksi_display()}: {self.untuk} oleh {self.oleh}"


class SandiSementara(models.Model):
    """A temporary password was set for this user: they must change it at their next login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="sandi_sementara",
    )
    dibuat_pada = models.DateTimeField("dibuat pada", default=timezone.now)

    class Meta:
        verbose_name = "kata sandi sementara"
        verbose_name_plural = "kata sandi sementara"

    def __str__(self) -> str:
        return f"{self.user} (sejak {self.dibuat_pada:%d-%m-%Y %H:%M})"
