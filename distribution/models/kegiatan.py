"""Kegiatan: what a WKSBM does (domain.md §4), with its partners, participants and budget."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from finance.models import Dana
from registry.models import Mitra, Pengurus, Wksbm
from wksbm.books.audit import AuditedQuerySet
from wksbm.uploads import GeneratedPath

UANG = {"max_digits": 15, "decimal_places": 2}


class JenisKegiatan(models.TextChoices):
    """Kegiatan types of Kepmensos 42/HUK/2004; the values shared with finance.Kegiatan are the
    same strings, so a penyaluran's pengeluaran carries its kegiatan's type."""

    PENCEGAHAN = "pencegahan", "Pencegahan"
    REHABILITASI = "rehabilitasi", "Penanganan: rehabilitasi sosial"
    PERLINDUNGAN = "perlindungan", "Penanganan: perlindungan sosial"
    PEMBERDAYAAN = "pemberdayaan", "Penanganan: pemberdayaan sosial"
    JAMINAN_SOSIAL = "jaminan_sosial", "Penanganan: jaminan sosial"
    RUJUKAN = "rujukan", "Rujukan"
    PENGGALANGAN_DANA = "penggalangan_dana", "Penggalangan dana"


class Kegiatan(models.Model):
    wksbm = models.ForeignKey(Wksbm, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField("jenis kegiatan", max_length=20, choices=JenisKegiatan.choices)
    judul = models.CharField("judul kegiatan", max_length=200)
    tanggal = models.DateField("tanggal mulai")
    tanggal_selesai = models.DateField("tanggal selesai", null=True, blank=True)
    tempat = models.CharField("tempat", max_length=200)
    uraian = models.TextField("uraian", blank=True)
    penanggung_jawab = models.ForeignKey(
        Pengurus,
        verbose_name="penanggung jawab",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    mitra = models.ManyToManyField(
        Mitra, verbose_name="mitra (PSKS/jejaring kerja)", blank=True, related_name="+"
    )
    # Participants by sex and age group (anak < 18, dewasa 18–59, lansia ≥ 60 tahun).
    peserta_anak_l = models.PositiveIntegerField("anak laki-laki", default=0)
    peserta_anak_p = models.PositiveIntegerField("anak perempuan", default=0)
    peserta_dewasa_l = models.PositiveIntegerField("dewasa laki-laki", default=0)
    peserta_dewasa_p = models.PositiveIntegerField("dewasa perempuan", default=0)
    peserta_lansia_l = models.PositiveIntegerField("lansia laki-laki", default=0)
    peserta_lansia_p = models.PositiveIntegerField("lansia perempuan", default=0)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["-tanggal", "-id"]
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"
        indexes = [models.Index(fields=["wksbm", "tanggal", "id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_selesai__isnull=True)
                | Q(tanggal_selesai__gte=models.F("tanggal")),
                name="kegiatan_tanggal_urut",
            )
        ]

    def __str__(self) -> str:
        return self.judul

    def get_absolute_url(self) -> str:
        return reverse("distribution:kegiatan-detail", args=[self.wksbm_id, self.pk])

    @property
    def peserta_l(self) -> int:
        return self.peserta_anak_l + self.peserta_dewasa_l + self.peserta_lansia_l

    @property
    def peserta_p(self) -> int:
        return self.peserta_anak_p + self.peserta_dewasa_p + self.peserta_lansia_p

    @property
    def peserta(self) -> int:
        return self.peserta_l + self.peserta_p

    def label_mitra(self) -> str:
        """Partner names, from the prefetched partners."""
        return ", ".join(m.nama for m in self.mitra.all())

    def label_dana(self) -> str:
        """Funds of the budget, from the prefetched budget rows."""
        return ", ".join(a.dana.nama for a in self.anggaran.all())

    def total_anggaran(self):
        return sum((a.jumlah for a in self.anggaran.all()), start=0)


class AnggaranKegiatan(models.Model):
    """The part of a kegiatan's budget one fund carries."""

    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="anggaran")
    dana = models.ForeignKey(Dana, verbose_name="dana", on_delete=models.PROTECT, related_name="+")
    jumlah = models.DecimalField("anggaran (Rp)", **UANG)
    keterangan = models.CharField("keterangan", max_length=200, blank=True)

    wksbm_path = "kegiatan__wksbm"

    class Meta:
        ordering = ["kegiatan", "id"]
        verbose_name = "anggaran kegiatan"
        verbose_name_plural = "anggaran kegiatan"
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "dana"], name="anggaran_dana_unik"),
            models.CheckConstraint(condition=Q(jumlah__gt=0), name="anggaran_positif"),
        ]

    def __str__(self) -> str:
        return f"{self.dana}: {self.jumlah}"


class LampiranKegiatan(models.Model):
    """A photo or document of a kegiatan: content-checked, private, served through a view."""

    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="lampiran")
    berkas = models.FileField(
        "berkas (foto JPEG/PNG atau PDF, maks. 5 MB)", upload_to=GeneratedPath("kegiatan")
    )
    keterangan = models.CharField("keterangan", max_length=200, blank=True)

    wksbm_path = "kegiatan__wksbm"

    class Meta:
        ordering = ["kegiatan", "id"]
        verbose_name = "lampiran kegiatan"
        verbose_name_plural = "lampiran kegiatan"

    def __str__(self) -> str:
        return self.keterangan or f"Lampiran {self.pk}"

    @property
    def foto(self) -> bool:
        return not self.berkas.name.endswith(".pdf")
