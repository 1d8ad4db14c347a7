"""Buku notulensi rapat: meetings, their attendance list and their decisions (domain.md §7)."""

from datetime import date

from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone

from wksbm.books.audit import AuditedQuerySet

from .lembaga import Wksbm


class RapatQuerySet(AuditedQuerySet):
    def dengan_jumlah(self):
        """Attendees present, decisions and open decisions per meeting, in the same query."""
        return self.annotate(
            jumlah_hadir=Count("peserta", filter=Q(peserta__hadir=True), distinct=True),
            jumlah_keputusan=Count("keputusan", distinct=True),
            keputusan_terbuka=Count("keputusan", filter=Q(keputusan__selesai=False), distinct=True),
        )


class Rapat(models.Model):
    class Jenis(models.TextChoices):
        PENGURUS = "pengurus", "Rapat pengurus"
        ANGGOTA = "anggota", "Rapat anggota"
        KOORDINASI = "koordinasi", "Rapat koordinasi"
        MUSYAWARAH = "musyawarah", "Musyawarah"
        LAINNYA = "lainnya", "Lainnya"

    wksbm = models.ForeignKey(Wksbm, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField("jenis rapat", max_length=12, choices=Jenis.choices)
    judul = models.CharField("judul/acara pokok", max_length=200)
    tanggal = models.DateField("hari/tanggal")
    jam_mulai = models.TimeField("jam mulai")
    jam_selesai = models.TimeField("jam selesai", null=True, blank=True)
    tempat = models.CharField("tempat", max_length=200)
    pimpinan = models.CharField("pimpinan rapat", max_length=150)
    notulis = models.CharField("notulis", max_length=150)
    susunan_acara = models.TextField("susunan acara", blank=True)
    pembahasan = models.TextField("pembahasan", blank=True)
    rapat_berikutnya = models.DateField("rapat berikutnya", null=True, blank=True)
    keterangan = models.TextField("keterangan", blank=True)

    objects = RapatQuerySet.as_manager()

    class Meta:
        ordering = ["-tanggal", "-jam_mulai", "-id"]
        verbose_name = "rapat"
        verbose_name_plural = "rapat"
        indexes = [models.Index(fields=["wksbm", "tanggal", "jam_mulai"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(jam_selesai__isnull=True) | Q(jam_selesai__gt=F("jam_mulai")),
                name="rapat_selesai_setelah_mulai",
            ),
            models.CheckConstraint(
                condition=Q(rapat_berikutnya__isnull=True) | Q(rapat_berikutnya__gt=F("tanggal")),
                name="rapat_berikutnya_setelah_rapat",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.tanggal:%d/%m/%Y})"

    def jam(self) -> str:
        """`09.00 – 11.30 WIB` (or `09.00 WIB – selesai`)."""
        if not self.jam_mulai:
            return ""
        if not self.jam_selesai:
            return f"{self.jam_mulai:%H.%M} WIB – selesai"
        return f"{self.jam_mulai:%H.%M} – {self.jam_selesai:%H.%M} WIB"


class Peserta(models.Model):
    """One line of the daftar hadir."""

    rapat = models.ForeignKey(Rapat, on_delete=models.CASCADE, related_name="peserta")
    nama = models.CharField("nama", max_length=150)
    unsur = models.CharField("unsur/jabatan", max_length=150, blank=True)
    hadir = models.BooleanField("hadir", default=True)

    wksbm_path = "rapat__wksbm"

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["rapat", "id"]
        verbose_name = "peserta (daftar hadir)"
        verbose_name_plural = "peserta (daftar hadir)"

    def __str__(self) -> str:
        return self.nama

    def get_additional_data(self) -> dict:
        """Stored with each history entry, so the meeting page can list its rows' changes."""
        return {"rapat": self.rapat_id}


class KeputusanQuerySet(AuditedQuerySet):
    def milik(self, wksbm: Wksbm):
        return self.filter(rapat__wksbm=wksbm)

    def terbuka(self):
        return self.filter(selesai=False)

    def terbuka_untuk(self, wksbm: Wksbm):
        """Decisions not yet done, nearest deadline first (no deadline last), with their meeting."""
        return (
            self.milik(wksbm)
            .terbuka()
            .select_related("rapat")
            .order_by(F("tenggat").asc(nulls_last=True), "rapat__tanggal", "id")
        )


class Keputusan(models.Model):
    """A decision of a meeting, with the person in charge and a deadline, followed until done."""

    rapat = models.ForeignKey(Rapat, on_delete=models.CASCADE, related_name="keputusan")
    uraian = models.TextField("uraian keputusan")
    penanggung_jawab = models.CharField("penanggung jawab", max_length=150, blank=True)
    tenggat = models.DateField("tenggat", null=True, blank=True)
    selesai = models.BooleanField("selesai", default=False)
    tanggal_selesai = models.DateField("tanggal selesai", null=True, blank=True)

    wksbm_path = "rapat__wksbm"

    objects = KeputusanQuerySet.as_manager()

    class Meta:
        ordering = ["rapat", "id"]
        verbose_name = "keputusan"
        verbose_name_plural = "keputusan"
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai=False, tanggal_selesai__isnull=True)
                | Q(selesai=True, tanggal_selesai__isnull=False),
                name="keputusan_selesai_bertanggal",
            )
        ]

    def __str__(self) -> str:
        return self.uraian[:60]

    def get_additional_data(self) -> dict:
        return {"rapat": self.rapat_id}

    def terlambat(self, pada: date | None = None) -> bool:
        """Open and past its deadline."""
        pada = pada or timezone.localdate()
        return not self.selesai and self.tenggat is not None and self.tenggat < pada
