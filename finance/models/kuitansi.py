"""Printed receipts: a kuitansi printed by the bendahara or ketua has been handed over."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .jurnal import Jurnal


class KuitansiCetak(models.Model):
    """One printing of a receipt's kuitansi by a writer of the money books.

    A lurah or Dinas Sosial may download a kuitansi too, but that hands nothing to the donor,
    so it is not recorded here.
    """

    class Ukuran(models.TextChoices):
        A5 = "a5", "A5 (mendatar)"
        A4 = "a4", "A4"

    jurnal = models.ForeignKey(
        Jurnal,
        verbose_name="entri pemasukan",
        on_delete=models.PROTECT,
        related_name="cetak_kuitansi",
    )
    ukuran = models.CharField("ukuran kertas", max_length=2, choices=Ukuran.choices)
    dicetak_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dicetak_pada = models.DateTimeField("dicetak pada", default=timezone.now)

    wksbm_path = "jurnal__wksbm"

    class Meta:
        ordering = ["jurnal", "-dicetak_pada", "-id"]
        verbose_name = "cetak kuitansi"
        verbose_name_plural = "cetak kuitansi"

    def __str__(self) -> str:
        return f"Kuitansi {self.jurnal.nomor_kuitansi} dicetak {self.dicetak_pada:%Y-%m-%d}"


def menunggu_kuitansi(wksbm) -> models.QuerySet:
    """The WKSBM's receipts whose kuitansi no writer has printed yet (reversed ones aside)."""
    dicetak = KuitansiCetak.objects.filter(jurnal=OuterRef("pk"))
    return (
        Jurnal.objects.milik(wksbm)
        .masuk()
        .filter(jenis=Jurnal.Jenis.BIASA, pembatalan__isnull=True)
        .filter(~Exists(dicetak))
        .order_by("tanggal", "nomor")
    )
