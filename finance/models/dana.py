"""Funds (dana), cash accounts (kas) and their derived balances."""

from decimal import Decimal

from django.db import models
from django.db.models import Q

from registry.models import Wksbm


class Dana(models.Model):
    """A fund. Restricted funds (zakat, infak terikat) may be spent only on their purpose."""

    class Jenis(models.TextChoices):
        UMUM = "umum", "Dana Umum (tanpa pembatasan)"
        ZAKAT = "zakat", "Dana Zakat (terikat: 8 asnaf)"
        INFAK_TERIKAT = "infak_terikat", "Dana Infak/Sedekah terikat"
        JIMPITAN = "jimpitan", "Dana Jimpitan"
        LAINNYA = "lainnya", "Dana lain"

    wksbm = models.ForeignKey(Wksbm, on_delete=models.PROTECT, related_name="+")
    nama = models.CharField("nama dana", max_length=100)
    jenis = models.CharField("jenis", max_length=15, choices=Jenis.choices)
    terbatas = models.BooleanField(
        "dengan pembatasan",
        default=False,
        help_text="Dana terikat hanya boleh dipakai untuk tujuannya (ISAK 35).",
    )
    tujuan = models.CharField("tujuan/peruntukan", max_length=255, blank=True)
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        ordering = ["wksbm", "id"]
        verbose_name = "dana"
        verbose_name_plural = "dana"
        constraints = [
            models.UniqueConstraint(fields=["wksbm", "nama"], name="nama_dana_unik"),
            models.CheckConstraint(
                condition=~Q(jenis="zakat") | Q(terbatas=True), name="dana_zakat_terbatas"
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def zakat(self) -> bool:
        return self.jenis == self.Jenis.ZAKAT


class Kas(models.Model):
    class Jenis(models.TextChoices):
        TUNAI = "tunai", "Kas tunai"
        BANK = "bank", "Rekening bank"

    wksbm = models.ForeignKey(Wksbm, on_delete=models.PROTECT, related_name="+")
    nama = models.CharField("nama kas", max_length=100)
    jenis = models.CharField("jenis", max_length=6, choices=Jenis.choices, default=Jenis.TUNAI)
    nomor_rekening = models.CharField("nomor rekening", max_length=40, blank=True)
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        ordering = ["wksbm", "id"]
        verbose_name = "kas"
        verbose_name_plural = "kas"
        constraints = [models.UniqueConstraint(fields=["wksbm", "nama"], name="nama_kas_unik")]

    def __str__(self) -> str:
        return self.nama


class Saldo(models.Model):
    """Running balance of one fund or one cash account, kept in the posting transaction.

    It is a cache of the journal (verify_ledger recomputes it) and the lock point that makes
    "no balance below zero" hold under concurrent posting: a spend is a conditional UPDATE
    that only succeeds while the balance covers it.
    """

    dana = models.OneToOneField(Dana, on_delete=models.CASCADE, null=True, related_name="saldo")
    kas = models.OneToOneField(Kas, on_delete=models.CASCADE, null=True, related_name="saldo")
    jumlah = models.DecimalField(max_digits=15, decimal_places=2, default=Decimal(0))

    class Meta:
        verbose_name = "saldo"
        verbose_name_plural = "saldo"
        constraints = [
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="saldo_tidak_negatif"),
            models.CheckConstraint(
                condition=Q(dana__isnull=True) ^ Q(kas__isnull=True), name="saldo_dana_atau_kas"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dana or self.kas}: {self.jumlah}"


class PengaturanKeuangan(models.Model):
    """Per-WKSBM settings of the money books (domain.md §9: configurable until confirmed)."""

    class DasarZakat(models.TextChoices):
        UPZ = "upz", "UPZ BAZNAS"
        PEMBERITAHUAN = "pemberitahuan", "Pemberitahuan kepada pejabat berwenang"
        PENYALUR = "penyalur", "Hanya menyalurkan (tidak mengelola)"
        TIDAK = "tidak", "Tidak menangani zakat"

    wksbm = models.OneToOneField(Wksbm, on_delete=models.CASCADE, related_name="+")
    pola_kuitansi = models.CharField(
        "pola nomor kuitansi",
        max_length=100,
        default="{urut:03d}/KWT/WKSBM-{kode}/{bulan_romawi}/{tahun}",
        help_text="Penanda: {urut}, {kode}, {bulan_romawi}, {bulan}, {tahun}.",
    )
    pola_tanda_terima = models.CharField(
        "pola nomor tanda terima",
        max_length=100,
        default="{urut:03d}/TT/WKSBM-{kode}/{bulan_romawi}/{tahun}",
        help_text="Untuk uang dan barang yang diserahkan. Penanda seperti pola kuitansi.",
    )
    kode = models.CharField("kode singkat WKSBM", max_length=20, blank=True)
    dasar_zakat = models.CharField(
        "dasar pengelolaan zakat",
        max_length=15,
        choices=DasarZakat.choices,
        default=DasarZakat.TIDAK,
        help_text="Putusan MK 86/PUU-X/2012: kelompok masyarakat mengelola zakat hanya bila "
        "BAZNAS/LAZ tidak menjangkau, setelah memberitahu pejabat berwenang.",
    )

    class Meta:
        verbose_name = "pengaturan keuangan"
        verbose_name_plural = "pengaturan keuangan"

    def __str__(self) -> str:
        return f"Pengaturan keuangan {self.wksbm}"
