"""Jimpitan rounds: the ronda group's takings of one night or week, money and rice.

A round is posted once (its money as a pemasukan, its rice as a stock movement) and never
edited: the database refuses UPDATE/DELETE; a mistake is corrected by reversing its postings.
"""

from decimal import Decimal

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, When
from django.urls import reverse
from django.utils import timezone

from registry.models import Wksbm
from wksbm import formatting

from .jurnal import Jurnal
from .natura import KG, MutasiStok, SatuanKomoditas

RP = models.DecimalField(max_digits=15, decimal_places=2)
RUMAH = models.DecimalField(max_digits=9, decimal_places=0)


class RondaQuerySet(models.QuerySet):
    def dengan_status(self):
        """`batal`: one of the round's postings was reversed; `*_sah`: what still counts."""
        batal = Exists(Jurnal.objects.filter(membatalkan=OuterRef("jurnal"))) | Exists(
            MutasiStok.objects.filter(membatalkan=OuterRef("mutasi"))
        )

        def sah(field, output):
            return Case(When(batal=True, then=0), default=field, output_field=output)

        return self.annotate(batal=batal).annotate(
            uang_sah=sah("jurnal__jumlah", RP),
            beras_kg=sah("mutasi__jumlah_dasar", KG),
            # Decimal, so that the books' JUMLAH row (Coalesce with Decimal 0) can sum them.
            diharapkan_sah=sah("rumah_diharapkan", RUMAH),
            setor_sah=sah("rumah_setor", RUMAH),
        )


class RondaJimpitan(models.Model):
    class Periode(models.TextChoices):
        MALAM = "malam", "Satu malam"
        MINGGU = "minggu", "Satu minggu"

    wksbm = models.ForeignKey(Wksbm, on_delete=models.PROTECT, related_name="+")
    tanggal = models.DateField("tanggal")
    periode = models.CharField(
        "periode", max_length=6, choices=Periode.choices, default=Periode.MALAM
    )
    regu = models.CharField("regu/RT", max_length=60)
    petugas = models.CharField("petugas (pengumpul)", max_length=150)
    uang = models.DecimalField("uang (Rp)", max_digits=15, decimal_places=2, null=True, blank=True)
    beras = models.DecimalField("beras", max_digits=12, decimal_places=3, null=True, blank=True)
    satuan_beras = models.ForeignKey(
        SatuanKomoditas,
        verbose_name="satuan beras",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rumah_diharapkan = models.PositiveIntegerField("rumah diharapkan")
    rumah_setor = models.PositiveIntegerField("rumah menyetor")
    catatan = models.TextField("catatan", blank=True)
    jurnal = models.OneToOneField(
        Jurnal,
        verbose_name="pemasukan uang",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ronda_jimpitan",
    )
    mutasi = models.OneToOneField(
        MutasiStok,
        verbose_name="mutasi stok beras",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ronda_jimpitan",
    )
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    dicatat_pada = models.DateTimeField("dicatat pada", default=timezone.now)

    objects = RondaQuerySet.as_manager()

    class Meta:
        ordering = ["wksbm", "tanggal", "id"]
        verbose_name = "ronda jimpitan"
        verbose_name_plural = "ronda jimpitan"
        indexes = [models.Index(fields=["wksbm", "tanggal"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(rumah_setor__lte=models.F("rumah_diharapkan")),
                name="setor_tidak_melebihi_harapan",
                violation_error_message="Rumah menyetor tidak boleh melebihi rumah diharapkan.",
            ),
            models.CheckConstraint(
                condition=Q(uang__isnull=True) | Q(uang__gt=0),
                name="uang_ronda_positif",
                violation_error_message="Uang harus lebih dari Rp0; kosongkan bila tidak ada uang.",
            ),
            models.CheckConstraint(
                condition=Q(beras__isnull=True) | Q(beras__gt=0, satuan_beras__isnull=False),
                name="beras_ronda_bersatuan",
                violation_error_message="Isi jumlah beras lebih dari 0 beserta satuannya.",
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="ronda_jimpitan_tidak_diubah", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        periode = self.get_periode_display().lower()
        return f"Jimpitan {self.regu}, {periode} {formatting.tanggal(self.tanggal)}"

    def get_absolute_url(self) -> str:
        return reverse("finance:jimpitan-detail", args=[self.wksbm_id, self.pk])

    def persen(self) -> Decimal | None:
        """Share of the expected households that paid (the `dengan_status` counts)."""
        if not self.diharapkan_sah:
            return None
        return (Decimal(self.setor_sah) * 100 / self.diharapkan_sah).quantize(Decimal("0.1"))

    def keterangan(self) -> str:
        return "; ".join(t for t in ("Dibatalkan" if self.batal else "", self.catatan) if t)

    def sisa_posting(self) -> bool:
        """Does any of this round's postings still stand (not reversed)?"""
        return any(p is not None and not p.dibatalkan for p in (self.jurnal, self.mutasi))

    def beras_tampil(self) -> str:
        if self.beras is None:
            return ""
        return f"{formatting.angka(self.beras)} {self.satuan_beras.satuan}"


class SetoranRumah(models.Model):
    """Optional per-household detail of a round."""

    wksbm_path = "ronda__wksbm"

    ronda = models.ForeignKey(RondaJimpitan, on_delete=models.PROTECT, related_name="setoran")
    nama = models.CharField("nama KK/rumah", max_length=100)
    setor = models.BooleanField("menyetor", default=True)
    uang = models.DecimalField("uang (Rp)", max_digits=12, decimal_places=2, null=True, blank=True)
    beras = models.DecimalField(
        "beras (satuan ronda)", max_digits=10, decimal_places=3, null=True, blank=True
    )

    class Meta:
        ordering = ["ronda", "id"]
        verbose_name = "setoran rumah"
        verbose_name_plural = "setoran per rumah"

    def __str__(self) -> str:
        return self.nama

    def beras_tampil(self) -> str:
        return formatting.angka(self.beras)
