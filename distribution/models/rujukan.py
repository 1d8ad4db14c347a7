"""Rujukan: a PPKS referred to a system source (domain.md §4), and its follow-up."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from registry.models import Mitra, Pengurus, Ppks, Wksbm
from wksbm.books.audit import AuditedQuerySet

from .kegiatan import Kegiatan

TINDAK_LANJUT_HARI = 14  # default days until a referral's next follow-up is due


class RujukanQuerySet(AuditedQuerySet):
    def terbuka(self):
        return self.exclude(status__in=Rujukan.TUNTAS)

    def terlambat(self, hari_ini=None):
        """Open referrals whose follow-up date has passed."""
        hari_ini = hari_ini or timezone.localdate()
        return self.terbuka().filter(tindak_lanjut_sebelum__lt=hari_ini)


class Rujukan(models.Model):
    class Tujuan(models.TextChoices):
        PUSKESMAS = "puskesmas", "Puskesmas"
        RUMAH_SAKIT = "rumah_sakit", "Rumah sakit"
        DINAS_SOSIAL = "dinas_sosial", "Dinas Sosial"
        LKS = "lks", "Lembaga Kesejahteraan Sosial (LKS)"
        BAZNAS = "baznas", "BAZNAS/LAZ"
        SEKOLAH = "sekolah", "Sekolah"
        PSKS = "psks", "PSKS/jejaring kerja dari register"
        LAINNYA = "lainnya", "Lainnya"

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", "Diajukan"
        DITERIMA = "diterima", "Diterima"
        DITANGANI = "ditangani", "Ditangani"
        SELESAI = "selesai", "Selesai"
        DITOLAK = "ditolak", "Ditolak"

    # The follow-up steps a referral may take from each status (diajukan → diterima →
    # ditangani → selesai, or ditolak before it is handled).
    LANJUTAN = {
        Status.DIAJUKAN: (Status.DITERIMA, Status.DITOLAK),
        Status.DITERIMA: (Status.DITANGANI, Status.DITOLAK),
        Status.DITANGANI: (Status.SELESAI,),
    }
    TUNTAS = (Status.SELESAI, Status.DITOLAK)

    wksbm = models.ForeignKey(Wksbm, on_delete=models.CASCADE, related_name="+")
    nomor = models.PositiveIntegerField("no. rujukan", editable=False)
    tanggal = models.DateField("tanggal rujukan")
    ppks = models.ForeignKey(
        Ppks, verbose_name="PPKS", on_delete=models.PROTECT, related_name="rujukan"
    )
    kebutuhan = models.TextField("kebutuhan yang dirujuk")
    tujuan = models.CharField("jenis tujuan", max_length=12, choices=Tujuan.choices)
    nama_tujuan = models.CharField(
        "nama lembaga tujuan",
        max_length=200,
        blank=True,
        help_text="Mis. Puskesmas Sewon I, RSUD Panembahan Senopati.",
    )
    mitra = models.ForeignKey(
        Mitra,
        verbose_name="PSKS/jejaring tujuan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Untuk rujukan ke PSKS atau jejaring kerja yang ada di register.",
    )
    perujuk = models.ForeignKey(
        Pengurus,
        verbose_name="dirujuk oleh",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kegiatan = models.ForeignKey(
        Kegiatan,
        verbose_name="kegiatan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rujukan",
    )
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.DIAJUKAN, editable=False
    )
    tanggal_status = models.DateField("tanggal status", editable=False)
    tindak_lanjut_sebelum = models.DateField(
        "tindak lanjut paling lambat",
        null=True,
        blank=True,
        help_text=f"Kosongkan untuk {TINDAK_LANJUT_HARI} hari setelah tanggal rujukan.",
    )
    catatan = models.TextField("catatan", blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    objects = RujukanQuerySet.as_manager()

    class Meta:
        ordering = ["-tanggal", "-nomor"]
        verbose_name = "rujukan"
        verbose_name_plural = "rujukan"
        indexes = [
            models.Index(fields=["wksbm", "tanggal", "nomor"]),
            models.Index(fields=["wksbm", "status", "tindak_lanjut_sebelum"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["wksbm", "nomor"], name="nomor_rujukan_unik"),
            models.CheckConstraint(
                condition=~Q(tujuan="psks") | Q(mitra__isnull=False),
                name="rujukan_psks_bermitra",
                violation_error_message="Pilih PSKS/jejaring tujuan dari register.",
            ),
        ]

    def __str__(self) -> str:
        return f"Rujukan No. {self.nomor}: {self.ppks.nama}"

    def get_absolute_url(self) -> str:
        return reverse("distribution:rujukan-detail", args=[self.wksbm_id, self.pk])

    def tujuan_tampil(self) -> str:
        nama = self.mitra.nama if self.mitra_id else self.nama_tujuan
        return f"{self.get_tujuan_display()}: {nama}" if nama else self.get_tujuan_display()

    def lanjutan(self) -> tuple[str, ...]:
        return self.LANJUTAN.get(self.status, ())

    @property
    def terbuka(self) -> bool:
        return self.status not in self.TUNTAS

    def terlambat(self, hari_ini=None) -> bool:
        hari_ini = hari_ini or timezone.localdate()
        due = self.tindak_lanjut_sebelum
        return self.terbuka and due is not None and due < hari_ini

    def tenggat_bawaan(self):
        return self.tanggal + timedelta(days=TINDAK_LANJUT_HARI)


class TindakLanjutRujukan(models.Model):
    """One recorded step of a referral's follow-up: who, when, from → to, and notes."""

    rujukan = models.ForeignKey(Rujukan, on_delete=models.CASCADE, related_name="tindak_lanjut")
    tanggal = models.DateField("tanggal")
    dari = models.CharField("dari", max_length=10, choices=Rujukan.Status.choices)
    ke = models.CharField("menjadi", max_length=10, choices=Rujukan.Status.choices)
    catatan = models.TextField("catatan")
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    dicatat_pada = models.DateTimeField(auto_now_add=True)

    wksbm_path = "rujukan__wksbm"

    class Meta:
        ordering = ["tanggal", "id"]
        verbose_name = "tindak lanjut rujukan"
        verbose_name_plural = "tindak lanjut rujukan"

    def __str__(self) -> str:
        return f"{self.get_dari_display()} → {self.get_ke_display()}"
