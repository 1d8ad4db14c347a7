"""The journal: one append-only list of posted entries per WKSBM, chained by HMAC.

The pemasukan book, the pengeluaran book and the buku kas umum are views of it. A posted
entry is never changed or deleted (the database refuses it); a correction is a reversal
entry pointing to the original.
"""

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from registry.models import Donatur, Mitra, Ppks, Wksbm
from wksbm.models import Jumlah
from wksbm.uploads import GeneratedPath

from .dana import Dana, Kas

UANG = models.DecimalField(max_digits=15, decimal_places=2)


class Asnaf(models.TextChoices):
    """The eight recipients of zakat (QS At-Taubah 60)."""

    FAKIR = "fakir", "Fakir"
    MISKIN = "miskin", "Miskin"
    AMIL = "amil", "Amil"
    MUALAF = "mualaf", "Mu'allaf"
    RIQAB = "riqab", "Riqab"
    GHARIMIN = "gharimin", "Gharimin"
    FISABILILLAH = "fisabilillah", "Fi sabilillah"
    IBNU_SABIL = "ibnu_sabil", "Ibnu sabil"


class Sumber(models.TextChoices):
    DONASI = "donasi", "Donasi"
    PROPOSAL = "proposal", "Proposal/kerja sama"
    USAHA = "usaha", "Hasil usaha"
    ZAKAT_MAAL = "zakat_maal", "Zakat maal"
    ZAKAT_FITRAH = "zakat_fitrah", "Zakat fitrah"
    INFAK = "infak", "Infak/sedekah"
    BARANG_BEKAS = "barang_bekas", "Penjualan barang bekas"
    PENJUALAN_NATURA = "penjualan_natura", "Penjualan natura (beras, dll.)"
    JIMPITAN = "jimpitan", "Jimpitan"
    IURAN = "iuran", "Iuran"
    LAINNYA = "lainnya", "Lainnya"


class Kegiatan(models.TextChoices):
    PENCEGAHAN = "pencegahan", "Pencegahan"
    REHABILITASI = "rehabilitasi", "Penanganan: rehabilitasi sosial"
    PERLINDUNGAN = "perlindungan", "Penanganan: perlindungan sosial"
    PEMBERDAYAAN = "pemberdayaan", "Penanganan: pemberdayaan sosial"
    JAMINAN_SOSIAL = "jaminan_sosial", "Penanganan: jaminan sosial"
    RUJUKAN = "rujukan", "Rujukan"
    OPERASIONAL = "operasional", "Operasional"


# Where an entry shows in the books: a receipt or a spending (a reclassification half too)
# on its side; a reversal on the side of the entry it reverses, with a negative amount (a
# red storno), so it nets against its original in every total. An opening balance (saldo
# awal, and its reversal) is on neither side: it opens the kas umum.
_POKOK = ["biasa", "reklasifikasi"]
PENERIMAAN = Q(arah="masuk", jenis__in=_POKOK) | Q(arah="keluar", jenis="pembatalan")
PENGELUARAN = Q(arah="keluar", jenis__in=_POKOK) | Q(arah="masuk", jenis="pembatalan")
SALDO_AWAL = Q(jenis="saldo_awal")
NILAI = models.Case(
    models.When(jenis="pembatalan", then=-models.F("jumlah")),
    default=models.F("jumlah"),
    output_field=UANG,
)


class JurnalQuerySet(models.QuerySet):
    def milik(self, wksbm):
        return self.filter(wksbm=wksbm)

    def penerimaan(self):
        """The pemasukan book's rows: receipts and the reversals of receipts."""
        return self.filter(PENERIMAAN)

    def pengeluaran(self):
        """The pengeluaran book's rows: spending and the reversals of spending."""
        return self.filter(PENGELUARAN)

    def dengan_nilai(self):
        """`nilai`: the amount as its book shows it (negative for a reversal)."""
        return self.annotate(nilai=NILAI)

    def masuk(self):
        return self.filter(arah=Jurnal.Arah.MASUK)

    def keluar(self):
        return self.filter(arah=Jurnal.Arah.KELUAR)

    def total(self):
        """Net amount: receipts minus spending."""
        signed = models.Case(
            models.When(arah=Jurnal.Arah.MASUK, then="jumlah"), default=-models.F("jumlah")
        )
        return self.aggregate(total=Jumlah(signed, output_field=UANG))["total"]

    def jumlah(self):
        return self.aggregate(total=Jumlah("jumlah"))["total"]


class Jurnal(models.Model):
    class Arah(models.TextChoices):
        MASUK = "masuk", "Penerimaan"
        KELUAR = "keluar", "Pengeluaran"

    class Jenis(models.TextChoices):
        BIASA = "biasa", "Biasa"
        PEMBATALAN = "pembatalan", "Pembatalan (koreksi)"
        REKLASIFIKASI = "reklasifikasi", "Reklasifikasi antardana"
        SALDO_AWAL = "saldo_awal", "Saldo awal (serah terima)"

    wksbm = models.ForeignKey(Wksbm, on_delete=models.PROTECT, related_name="+")
    nomor = models.PositiveIntegerField("no. jurnal")
    tanggal = models.DateField("tanggal")
    arah = models.CharField("arah", max_length=6, choices=Arah.choices)
    jenis = models.CharField("jenis", max_length=14, choices=Jenis.choices, default=Jenis.BIASA)
    sumber = models.CharField("sumber", max_length=20, choices=Sumber.choices, blank=True)
    kegiatan = models.CharField(
        "jenis kegiatan", max_length=20, choices=Kegiatan.choices, blank=True
    )
    dana = models.ForeignKey(Dana, verbose_name="dana", on_delete=models.PROTECT)
    kas = models.ForeignKey(Kas, verbose_name="kas", on_delete=models.PROTECT)
    jumlah = models.DecimalField("jumlah (Rp)", max_digits=15, decimal_places=2)
    uraian = models.CharField("uraian", max_length=255)
    donatur = models.ForeignKey(
        Donatur, verbose_name="donatur", on_delete=models.PROTECT, null=True, blank=True
    )
    mitra = models.ForeignKey(
        Mitra, verbose_name="mitra", on_delete=models.PROTECT, null=True, blank=True
    )
    ppks = models.ForeignKey(
        Ppks, verbose_name="penerima (PPKS)", on_delete=models.PROTECT, null=True, blank=True
    )
    penerima = models.CharField("penerima/pemberi", max_length=150, blank=True)
    asnaf = models.CharField("asnaf", max_length=12, choices=Asnaf.choices, blank=True)
    nomor_bukti = models.CharField("no. bukti", max_length=60, blank=True)
    nomor_kuitansi = models.CharField("no. kuitansi", max_length=80, blank=True)
    nomor_tanda_terima = models.CharField("no. tanda terima", max_length=80, blank=True)
    token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    bukti = models.FileField(
        "bukti (PDF/JPEG/PNG, maks. 5 MB)", upload_to=GeneratedPath("bukti"), blank=True
    )
    membatalkan = models.OneToOneField(
        "self",
        verbose_name="membatalkan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pembatalan",
    )
    pasangan = models.OneToOneField(
        "self",
        verbose_name="pasangan reklasifikasi",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pasangan_dari",
    )
    alasan = models.TextField("alasan", blank=True)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    dicatat_pada = models.DateTimeField("dicatat pada", default=timezone.now)
    hash_sebelum = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = JurnalQuerySet.as_manager()

    class Meta:
        ordering = ["wksbm", "tanggal", "nomor"]
        verbose_name = "entri jurnal"
        verbose_name_plural = "jurnal"
        indexes = [
            models.Index(fields=["wksbm", "tanggal", "nomor"]),
            models.Index(fields=["wksbm", "arah", "tanggal"]),
            models.Index(fields=["dana", "tanggal"]),
            # The Dinas Sosial's sums per month read this index alone (an index-only scan).
            models.Index(
                fields=["wksbm", "tanggal", "jenis", "arah", "sumber", "kegiatan", "jumlah"],
                name="jurnal_rekap",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["wksbm", "nomor"], name="nomor_jurnal_unik"),
            models.CheckConstraint(condition=Q(jumlah__gt=0), name="jumlah_jurnal_positif"),
            models.CheckConstraint(
                condition=~Q(jenis="pembatalan") | Q(membatalkan__isnull=False),
                name="pembatalan_menunjuk_asal",
            ),
        ]
        triggers = [
            # PostgreSQL; the SQLite twin is created by migration 0002.
            pgtrigger.Protect(
                name="jurnal_tidak_diubah", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"#{self.nomor} {self.uraian}"

    def get_absolute_url(self) -> str:
        if self.jenis == self.Jenis.SALDO_AWAL:
            return reverse("finance:saldo-awal", args=[self.wksbm_id]) + f"#entri-{self.pk}"
        slug = "pemasukan" if self.sisi == self.Arah.MASUK else "pengeluaran"
        return reverse(f"finance:{slug}-detail", args=[self.wksbm_id, self.pk])

    @property
    def sisi(self) -> str:
        """The book side the entry shows on (see PENERIMAAN): a reversal's is its original's;
        none ("") for a saldo awal entry."""
        if self.jenis == self.Jenis.SALDO_AWAL:
            return ""
        if self.jenis != self.Jenis.PEMBATALAN:
            return self.arah
        return self.Arah.KELUAR if self.arah == self.Arah.MASUK else self.Arah.MASUK

    @property
    def bertanda(self):
        """Signed amount: + for receipts, − for spending."""
        return self.jumlah if self.arah == self.Arah.MASUK else -self.jumlah

    def keterangan(self) -> str:
        if self.membatalkan_id:
            return f"Pembatalan #{self.membatalkan.nomor}"
        if self.jenis == self.Jenis.REKLASIFIKASI:
            return "Reklasifikasi antardana"
        return f"Dibatalkan (#{self.pembatalan.nomor})" if self.dibatalkan else ""

    def nama_pemberi(self) -> str:
        if self.donatur_id:
            return self.donatur.nama_publik
        return self.penerima or str(self.mitra or "")

    def nama_penerima(self) -> str:
        return self.ppks.nama if self.ppks_id else self.penerima

    def bukti_keluar(self) -> str:
        """A spending's proofs: the payee's own (nota) and the WKSBM's tanda terima."""
        return " · ".join(n for n in (self.nomor_bukti, self.nomor_tanda_terima) if n)

    @property
    def dibatalkan(self) -> bool:
        try:
            return self.pembatalan is not None
        except Jurnal.DoesNotExist:
            return False


class RantaiJurnal(models.Model):
    """The head of a WKSBM's hash chain: locked to append, so entries form one line."""

    wksbm = models.OneToOneField(Wksbm, on_delete=models.PROTECT, related_name="+")
    nomor_terakhir = models.PositiveIntegerField(default=0)
    hash_terakhir = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = "kepala rantai jurnal"
        verbose_name_plural = "kepala rantai jurnal"

    def __str__(self) -> str:
        return f"{self.wksbm}: #{self.nomor_terakhir} {self.hash_terakhir[:12]}"


class TutupBuku(models.Model):
    """One closing or reopening of a month; the latest event of a month decides its state."""

    class Aksi(models.TextChoices):
        TUTUP = "tutup", "Tutup buku"
        BUKA = "buka", "Dibuka kembali"

    wksbm = models.ForeignKey(Wksbm, on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField("tahun")
    bulan = models.PositiveSmallIntegerField("bulan")
    aksi = models.CharField("aksi", max_length=5, choices=Aksi.choices)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    pada = models.DateTimeField("pada", default=timezone.now)
    alasan = models.TextField("alasan", blank=True)
    nomor_terakhir = models.PositiveIntegerField("no. jurnal terakhir", default=0)
    hash_kepala = models.CharField("kepala rantai", max_length=64, blank=True)

    class Meta:
        ordering = ["wksbm", "-tahun", "-bulan", "-pada", "-id"]
        verbose_name = "tutup buku"
        verbose_name_plural = "tutup buku"
        constraints = [
            models.CheckConstraint(condition=Q(bulan__gte=1, bulan__lte=12), name="bulan_sah")
        ]
        triggers = [
            pgtrigger.Protect(
                name="tutup_buku_tidak_diubah", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_aksi_display()} {self.bulan:02d}/{self.tahun}"
