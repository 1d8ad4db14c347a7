"""Laporan: a WKSBM's periodic report to the lurah and the Dinas Sosial, compiled from its books.

A laporan covers one period (a month, quarter, semester or year). While it is a draft the page
shows the live compile; at submission (distribution.laporan.services.ajukan) the version is
frozen: its PDF, its Excel file and its figures are stored and never change again, and the
books of the period are locked (wksbm.kunci) until the ketua reopens the laporan.
"""

import uuid
from datetime import date

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse

from registry.models import Wksbm
from wksbm.formatting import BULAN

ROMAWI = ("I", "II", "III", "IV")


def berkas_laporan(instance, filename: str) -> str:
    """upload_to: `laporan/<uuid>.<pdf|xlsx>` (never the WKSBM's name or a person's)."""
    ext = "xlsx" if filename.endswith(".xlsx") else "pdf"
    return f"laporan/{uuid.uuid4().hex}.{ext}"


class JenisPeriode(models.TextChoices):
    BULAN = "bulan", "Bulanan"
    TRIWULAN = "triwulan", "Triwulanan"
    SEMESTER = "semester", "Semesteran"
    TAHUN = "tahun", "Tahunan"


PANJANG_BULAN = {"bulan": 1, "triwulan": 3, "semester": 6, "tahun": 12}


def batas_periode(jenis: str, tahun: int, ke: int) -> tuple[date, date]:
    """First and last day of the `ke`-th period of `jenis` in `tahun` (ke: the month 1–12,
    the quarter 1–4, the semester 1–2; 1 for a year)."""
    n = PANJANG_BULAN[jenis]
    bulan_awal = (ke - 1) * n + 1
    mulai = date(tahun, bulan_awal, 1)
    akhir_bulan = bulan_awal + n
    sesudah = date(tahun + 1, 1, 1) if akhir_bulan > 12 else date(tahun, akhir_bulan, 1)
    return mulai, date.fromordinal(sesudah.toordinal() - 1)


def nama_periode(jenis: str, mulai: date) -> str:
    """ "November 2026", "Triwulan IV 2026", "Semester II 2026", "Tahun 2026"."""
    ke = (mulai.month - 1) // PANJANG_BULAN[jenis] + 1
    if jenis == JenisPeriode.BULAN:
        return f"{BULAN[mulai.month - 1]} {mulai.year}"
    if jenis == JenisPeriode.TRIWULAN:
        return f"Triwulan {ROMAWI[ke - 1]} {mulai.year}"
    if jenis == JenisPeriode.SEMESTER:
        return f"Semester {ROMAWI[ke - 1]} {mulai.year}"
    return f"Tahun {mulai.year}"


class LaporanQuerySet(models.QuerySet):
    def terkunci(self):
        """Laporan whose period is locked: submitted and not returned or reopened."""
        return self.filter(status__in=Laporan.TERKUNCI)

    def meliputi(self, tanggal: date):
        return self.filter(mulai__lte=tanggal, akhir__gte=tanggal)


class Laporan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        DIAJUKAN = "diajukan", "Diajukan"
        DIKETAHUI = "diketahui", "Diketahui lurah"
        DITERIMA = "diterima", "Diterima Dinas Sosial"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
        DIREVISI = "direvisi", "Direvisi (dibuka kembali)"

    # Submitted: the period's books are locked. The others are drafts the ketua may change.
    TERKUNCI = (Status.DIAJUKAN, Status.DIKETAHUI, Status.DITERIMA)
    DRAF = (Status.DRAFT, Status.DIKEMBALIKAN, Status.DIREVISI)

    wksbm = models.ForeignKey(Wksbm, on_delete=models.PROTECT, related_name="+")
    jenis_periode = models.CharField("jenis periode", max_length=8, choices=JenisPeriode.choices)
    mulai = models.DateField("awal periode")
    akhir = models.DateField("akhir periode")
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    kendala = models.TextField("kendala", blank=True)
    rencana = models.TextField("rencana tindak lanjut", blank=True)
    diajukan_pada = models.DateTimeField("diajukan pada", null=True, blank=True, editable=False)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)

    objects = LaporanQuerySet.as_manager()

    class Meta:
        ordering = ["-mulai", "jenis_periode", "-id"]
        verbose_name = "laporan"
        verbose_name_plural = "laporan"
        indexes = [models.Index(fields=["wksbm", "status", "mulai", "akhir"])]
        constraints = [
            models.UniqueConstraint(
                fields=["wksbm", "jenis_periode", "mulai"],
                name="laporan_sekali_per_periode",
                violation_error_message="Laporan untuk periode ini sudah ada.",
            ),
            models.CheckConstraint(condition=Q(akhir__gte=models.F("mulai")), name="laporan_urut"),
        ]

    def __str__(self) -> str:
        return f"Laporan {self.nama_periode}"

    def get_absolute_url(self) -> str:
        return reverse("distribution:laporan-detail", args=[self.wksbm_id, self.pk])

    @property
    def nama_periode(self) -> str:
        return nama_periode(self.jenis_periode, self.mulai)

    @property
    def terkunci(self) -> bool:
        return self.status in self.TERKUNCI

    @property
    def draf(self) -> bool:
        return self.status in self.DRAF


class VersiLaporan(models.Model):
    """One submitted version, frozen: the PDF and Excel file as sent, and their figures."""

    laporan = models.ForeignKey(Laporan, on_delete=models.PROTECT, related_name="versi")
    nomor = models.PositiveSmallIntegerField("versi ke")
    pdf = models.FileField("PDF", upload_to=berkas_laporan)
    xlsx = models.FileField("Excel", upload_to=berkas_laporan)
    hash_pdf = models.CharField("SHA-256 PDF", max_length=64)
    # The compiled figures as submitted (distribution.laporan.rekap.Rekap.data()), for readers
    # across WKSBMs (the Dinas Sosial's recap) without recompiling the books.
    data = models.JSONField("angka laporan", encoder=DjangoJSONEncoder)
    kendala = models.TextField("kendala", blank=True)
    rencana = models.TextField("rencana tindak lanjut", blank=True)
    # Public verification (/verifikasi/laporan/<token>/), printed as a QR code in the PDF.
    token = models.CharField(max_length=64, unique=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    diajukan_pada = models.DateTimeField("diajukan pada")

    wksbm_path = "laporan__wksbm"

    class Meta:
        ordering = ["laporan", "-nomor"]
        verbose_name = "versi laporan"
        verbose_name_plural = "versi laporan"
        constraints = [
            models.UniqueConstraint(fields=["laporan", "nomor"], name="versi_laporan_unik")
        ]

    def __str__(self) -> str:
        return f"{self.laporan} versi {self.nomor}"


class RiwayatLaporan(models.Model):
    """One step of a laporan's workflow: who, when, from → to, why."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="riwayat")
    dari = models.CharField("dari", max_length=12, choices=Laporan.Status.choices, blank=True)
    ke = models.CharField("menjadi", max_length=12, choices=Laporan.Status.choices)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField("pada")
    alasan = models.TextField("alasan/catatan", blank=True)
    versi = models.PositiveSmallIntegerField("versi", null=True, blank=True)

    wksbm_path = "laporan__wksbm"

    class Meta:
        ordering = ["laporan", "pada", "id"]
        verbose_name = "riwayat laporan"
        verbose_name_plural = "riwayat laporan"

    def __str__(self) -> str:
        return f"{self.get_dari_display() or 'Baru'} → {self.get_ke_display()}"
