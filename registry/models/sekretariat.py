"""The secretariat books: agenda surat, tamu, inventaris, notulen rapat."""

from django.db import models

from wksbm.books.audit import AuditedManager

from .lembaga import Wksbm


class Tamu(models.Model):
    """Buku tamu: hari/tanggal, jam, nama, instansi/jabatan, alamat, no. HP, keperluan."""

    wksbm = models.ForeignKey(Wksbm, on_delete=models.CASCADE, related_name="+")
    tanggal = models.DateField("hari/tanggal")
    jam = models.TimeField("jam", null=True, blank=True)
    nama = models.CharField("nama", max_length=150)
    instansi = models.CharField("instansi/jabatan", max_length=150, blank=True)
    alamat = models.CharField("alamat", max_length=255, blank=True)
    telepon = models.CharField("no. HP", max_length=30, blank=True)
    keperluan = models.TextField("keperluan")
    bertemu = models.CharField("bertemu dengan", max_length=150, blank=True)
    keterangan = models.TextField("keterangan", blank=True)

    objects = AuditedManager()

    class Meta:
        ordering = ["-tanggal", "-jam", "-id"]
        verbose_name = "tamu"
        verbose_name_plural = "tamu"
        indexes = [models.Index(fields=["wksbm", "tanggal"])]

    def __str__(self) -> str:
        return f"{self.nama} ({self.tanggal:%d/%m/%Y})"
