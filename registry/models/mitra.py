"""Data PSKS and jejaring kerja: the social-welfare resources and partners of a WKSBM.

One table holds both registers (`Mitra.peran`): a PSKS (Potensi dan Sumber Kesejahteraan
Sosial, Permensos 8/2012) in or beyond the WKSBM's area, or a partner of its network
(jejaring kerja). Each register is its own book (registry/buku/mitra.py), with its own
columns, form and printed book.
"""

from django.db import models
from django.db.models import Q

from wksbm.books.audit import AuditedQuerySet

from .lembaga import Wksbm


class KategoriPsks(models.Model):
    """Lookup of PSKS categories: the 12 of Permensos 8/2012 (resmi) and local additions."""

    kode = models.CharField("kode", max_length=10, unique=True)
    nama = models.CharField("nama", max_length=150)
    nomor = models.PositiveSmallIntegerField("nomor urut", default=99)
    resmi = models.BooleanField("kategori resmi", default=False)

    class Meta:
        ordering = ["nomor", "kode"]
        verbose_name = "kategori PSKS"
        verbose_name_plural = "kategori PSKS"

    def __str__(self) -> str:
        return self.nama


class Mitra(models.Model):
    class Peran(models.TextChoices):
        PSKS = "psks", "PSKS"
        JEJARING = "jejaring", "Jejaring kerja"

    class Subjek(models.TextChoices):
        LEMBAGA = "lembaga", "Lembaga/kelompok"
        PERORANGAN = "perorangan", "Perorangan"

    class Jenis(models.TextChoices):
        PKK = "pkk", "PKK"
        KARANG_TARUNA = "karang_taruna", "Karang Taruna"
        MAJELIS_TAKLIM = "majelis_taklim", "Majelis taklim/pengajian"
        POSYANDU_LANSIA = "posyandu_lansia", "Posyandu lansia"
        TAKMIR = "takmir", "Takmir masjid"
        LKS = "lks", "LKS"
        TKSK = "tksk", "TKSK"
        PSM = "psm", "PSM"
        PUSKESOS = "puskesos", "Puskesos"
        BAZNAS = "baznas", "BAZNAS/UPZ"
        DINSOS = "dinsos", "Dinas Sosial"
        CSR = "csr", "Dunia usaha/CSR"
        WKSBM = "wksbm", "WKSBM lain"
        LAINNYA = "lainnya", "Lainnya"

    class Wilayah(models.TextChoices):
        DALAM = "dalam", "Di dalam wilayah"
        LUAR = "luar", "Di luar wilayah"

    class Tingkat(models.TextChoices):
        PADUKUHAN = "padukuhan", "Padukuhan"
        KALURAHAN = "kalurahan", "Kalurahan/desa"
        KAPANEWON = "kapanewon", "Kapanewon/kecamatan"
        KABUPATEN = "kabupaten", "Kabupaten/kota"
        PROVINSI = "provinsi", "Provinsi"
        NASIONAL = "nasional", "Nasional"

    class KerjaSama(models.TextChoices):
        RUJUKAN = "rujukan", "Rujukan"
        PENDANAAN = "pendanaan", "Pendanaan"
        PENDATAAN = "pendataan", "Pendataan"
        PELAYANAN = "pelayanan", "Pelayanan"

    class Dasar(models.TextChoices):
        MOU = "mou", "MoU/perjanjian tertulis"
        SK = "sk", "SK"
        LISAN = "lisan", "Kesepakatan lisan"

    wksbm = models.ForeignKey(Wksbm, on_delete=models.CASCADE, related_name="+")
    peran = models.CharField("daftar", max_length=10, choices=Peran.choices)
    nama = models.CharField("nama lembaga/perorangan", max_length=150)
    subjek = models.CharField(
        "lembaga/perorangan", max_length=12, choices=Subjek.choices, default=Subjek.LEMBAGA
    )
    kategori = models.ForeignKey(
        KategoriPsks,
        verbose_name="kategori PSKS",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mitra",
    )
    jenis = models.CharField("jenis", max_length=16, choices=Jenis.choices, blank=True)
    wilayah = models.CharField(
        "wilayah", max_length=6, choices=Wilayah.choices, default=Wilayah.DALAM
    )
    tingkat = models.CharField(
        "tingkat", max_length=10, choices=Tingkat.choices, default=Tingkat.KALURAHAN
    )
    alamat = models.CharField("alamat", max_length=255, blank=True)
    nama_kontak = models.CharField("nama kontak", max_length=150, blank=True)
    telepon = models.CharField("telepon/WA", max_length=30, blank=True)
    email = models.EmailField("email", blank=True)
    bentuk_kerja_sama = models.JSONField("bentuk kerja sama", default=list, blank=True)
    dasar = models.CharField("dasar kerja sama", max_length=6, choices=Dasar.choices, blank=True)
    sejak = models.DateField("sejak", null=True, blank=True)
    keterangan = models.TextField("keterangan", blank=True)

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["nama", "id"]
        verbose_name = "PSKS/mitra jejaring"
        verbose_name_plural = "PSKS dan jejaring kerja"
        indexes = [models.Index(fields=["wksbm", "peran", "nama", "id"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(peran="psks") | Q(kategori__isnull=False),
                name="psks_berkategori",
            ),
            models.CheckConstraint(
                condition=~Q(peran="jejaring") | ~Q(jenis=""),
                name="jejaring_berjenis",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def kontak(self) -> str:
        return ", ".join(v for v in (self.nama_kontak, self.telepon, self.email) if v)

    def label_kerja_sama(self) -> str:
        labels = dict(self.KerjaSama.choices)
        return ", ".join(labels.get(k, k) for k in self.bentuk_kerja_sama or [])
