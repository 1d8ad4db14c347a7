"""In-kind receipts (natura): commodities, their local units, and an append-only stock ledger.

Quantities are entered in the unit people use (cangkir, liter, kg…) and kept in the
commodity's base unit (kg) with the factor in force at the time, so a later change of a
factor never rewrites history. A correction is a reversal entry, as in the journal.
"""

from decimal import Decimal

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, When
from django.urls import reverse
from django.utils import timezone

from registry.models import Donatur, Ppks, Wksbm
from wksbm import formatting
from wksbm.models import Jumlah

from .dana import Dana
from .jurnal import Asnaf, Jurnal

KG = models.DecimalField(max_digits=15, decimal_places=3)
NOL_KG = models.Value(Decimal(0), output_field=KG)


class Komoditas(models.Model):
    class Jenis(models.TextChoices):
        BERAS = "beras", "Beras"
        SEMBAKO = "sembako", "Sembako lain"
        LAINNYA = "lainnya", "Lainnya"

    wksbm = models.ForeignKey(Wksbm, on_delete=models.PROTECT, related_name="+")
    nama = models.CharField("nama komoditas", max_length=60)
    jenis = models.CharField("jenis", max_length=8, choices=Jenis.choices, default=Jenis.BERAS)
    satuan_dasar = models.CharField("satuan dasar", max_length=20, default="kg")
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        ordering = ["wksbm", "nama"]
        verbose_name = "komoditas"
        verbose_name_plural = "komoditas"
        constraints = [
            models.UniqueConstraint(fields=["wksbm", "nama"], name="nama_komoditas_unik")
        ]

    def __str__(self) -> str:
        return self.nama


class SatuanKomoditas(models.Model):
    """A local unit of a commodity: 1 cangkir = 0,2 kg, 1 liter = 0,8 kg (set per WKSBM)."""

    wksbm_path = "komoditas__wksbm"

    komoditas = models.ForeignKey(Komoditas, on_delete=models.CASCADE, related_name="satuan")
    satuan = models.CharField("satuan", max_length=20)
    faktor_ke_dasar = models.DecimalField(
        "faktor ke satuan dasar",
        max_digits=12,
        decimal_places=4,
        help_text="Berapa satuan dasar (kg) dalam 1 satuan ini, mis. 1 liter beras = 0,8 kg.",
    )

    class Meta:
        ordering = ["komoditas", "faktor_ke_dasar", "satuan"]
        verbose_name = "satuan komoditas"
        verbose_name_plural = "satuan komoditas"
        constraints = [
            models.UniqueConstraint(fields=["komoditas", "satuan"], name="satuan_komoditas_unik"),
            models.CheckConstraint(
                condition=Q(faktor_ke_dasar__gt=0),
                name="faktor_positif",
                violation_error_message="Faktor harus lebih dari 0.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.komoditas.nama} · {self.satuan}"

    def faktor_tampil(self) -> str:
        return formatting.angka(self.faktor_ke_dasar)


class SaldoStok(models.Model):
    """Stock of one commodity held for one fund, in base units; the lock point that keeps it
    from going below zero (a conditional UPDATE, as finance.services does for Rupiah)."""

    komoditas = models.ForeignKey(Komoditas, on_delete=models.PROTECT, related_name="+")
    dana = models.ForeignKey(Dana, on_delete=models.PROTECT, related_name="+")
    jumlah = models.DecimalField(max_digits=15, decimal_places=3, default=Decimal(0))

    class Meta:
        verbose_name = "saldo stok"
        verbose_name_plural = "saldo stok"
        constraints = [
            models.UniqueConstraint(fields=["komoditas", "dana"], name="saldo_stok_unik"),
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="stok_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.komoditas} ({self.dana}): {self.jumlah}"


# As in the journal (finance.models.jurnal.PENERIMAAN): a reversal is on the side of the
# movement it reverses, with a negative quantity, so in and out net.
_BALIK = Q(jenis="pembatalan")
STOK_MASUK = (Q(arah="masuk") & ~_BALIK) | (Q(arah="keluar") & _BALIK)
STOK_KELUAR = (Q(arah="keluar") & ~_BALIK) | (Q(arah="masuk") & _BALIK)
NILAI_KG = Case(
    When(jenis="pembatalan", then=-F("jumlah_dasar")), default=F("jumlah_dasar"), output_field=KG
)
# A sale's value (a reversed sale's reversal carries it too, negative).
NILAI_JUAL = Case(
    When(jenis="pembatalan", then=-F("nilai")),
    default=F("nilai"),
    output_field=models.DecimalField(max_digits=15, decimal_places=2),
)


class MutasiStokQuerySet(models.QuerySet):
    def dengan_kg(self):
        """`masuk_kg` and `keluar_kg`: the base quantity on its side of the ledger (else NULL),
        and `nilai_jual`; negative for a reversal."""
        return self.annotate(
            masuk_kg=Case(When(STOK_MASUK, then=NILAI_KG), output_field=KG),
            keluar_kg=Case(When(STOK_KELUAR, then=NILAI_KG), output_field=KG),
            nilai_jual=NILAI_JUAL,
        )

    def ringkasan(self, dari=None, sampai=None):
        """Per commodity and fund: stock before `dari`, in, out, and stock at `sampai`."""
        bertanda = Case(When(arah="masuk", then="jumlah_dasar"), default=-F("jumlah_dasar"))
        dalam = Q(tanggal__gte=dari) if dari else Q(pk__isnull=False)
        qs = self.filter(tanggal__lte=sampai) if sampai else self
        return (
            qs.order_by()
            .values("komoditas__nama", "komoditas__satuan_dasar", "dana__nama")
            .annotate(
                awal=_jumlah(bertanda, Q(tanggal__lt=dari)) if dari else NOL_KG,
                masuk=_jumlah(NILAI_KG, dalam & STOK_MASUK),
                keluar=_jumlah(NILAI_KG, dalam & STOK_KELUAR),
                akhir=Jumlah(bertanda, output_field=KG),
                nilai_jual=Jumlah(NILAI_JUAL, filter=dalam),
            )
            .order_by("komoditas__nama", "dana__nama")
        )


def _jumlah(expr, kondisi):
    return Jumlah(expr, filter=kondisi, output_field=KG)


class MutasiStok(models.Model):
    """One movement of the stock ledger; append-only (the database refuses UPDATE/DELETE)."""

    class Jenis(models.TextChoices):
        MASUK = "masuk", "Masuk (diterima)"
        DIJUAL = "dijual", "Dijual"
        DISALURKAN = "disalurkan", "Disalurkan"
        SUSUT = "susut", "Susut/rusak"
        PENYESUAIAN = "penyesuaian", "Penyesuaian (hasil hitung stok)"
        PEMBATALAN = "pembatalan", "Pembatalan (koreksi)"

    class Arah(models.TextChoices):
        MASUK = "masuk", "Bertambah"
        KELUAR = "keluar", "Berkurang"

    wksbm = models.ForeignKey(Wksbm, on_delete=models.PROTECT, related_name="+")
    nomor = models.PositiveIntegerField("no. mutasi")
    tanggal = models.DateField("tanggal")
    komoditas = models.ForeignKey(Komoditas, verbose_name="komoditas", on_delete=models.PROTECT)
    dana = models.ForeignKey(Dana, verbose_name="dana", on_delete=models.PROTECT)
    jenis = models.CharField("jenis", max_length=11, choices=Jenis.choices)
    arah = models.CharField("arah", max_length=6, choices=Arah.choices)
    jumlah = models.DecimalField("jumlah", max_digits=12, decimal_places=3)
    satuan = models.CharField("satuan", max_length=20)
    faktor = models.DecimalField("faktor ke satuan dasar", max_digits=12, decimal_places=4)
    jumlah_dasar = models.DecimalField("jumlah (satuan dasar)", max_digits=15, decimal_places=3)
    harga_satuan = models.DecimalField(
        "harga per satuan (Rp)", max_digits=15, decimal_places=2, null=True, blank=True
    )
    nilai = models.DecimalField(
        "nilai penjualan (Rp)", max_digits=15, decimal_places=2, null=True, blank=True
    )
    jurnal = models.OneToOneField(
        Jurnal,
        verbose_name="pemasukan penjualan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mutasi_stok",
    )
    donatur = models.ForeignKey(
        Donatur, verbose_name="donatur", on_delete=models.PROTECT, null=True, blank=True
    )
    ppks = models.ForeignKey(
        Ppks, verbose_name="penerima (PPKS)", on_delete=models.PROTECT, null=True, blank=True
    )
    penerima = models.CharField("penerima/pemberi/pembeli", max_length=150, blank=True)
    nomor_tanda_terima = models.CharField("no. tanda terima", max_length=80, blank=True)
    asnaf = models.CharField("asnaf", max_length=12, choices=Asnaf.choices, blank=True)
    uraian = models.CharField("uraian", max_length=255, blank=True)
    alasan = models.TextField("alasan", blank=True)
    membatalkan = models.OneToOneField(
        "self",
        verbose_name="membatalkan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pembatalan",
    )
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    dicatat_pada = models.DateTimeField("dicatat pada", default=timezone.now)

    objects = MutasiStokQuerySet.as_manager()

    class Meta:
        ordering = ["wksbm", "tanggal", "nomor"]
        verbose_name = "mutasi stok"
        verbose_name_plural = "mutasi stok"
        indexes = [
            models.Index(fields=["wksbm", "tanggal", "nomor"]),
            models.Index(fields=["komoditas", "dana", "tanggal"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["wksbm", "nomor"], name="nomor_mutasi_stok_unik"),
            models.CheckConstraint(
                condition=Q(jumlah__gt=0, jumlah_dasar__gt=0),
                name="jumlah_mutasi_positif",
                violation_error_message="Jumlah harus lebih dari 0.",
            ),
            models.CheckConstraint(
                condition=~Q(jenis__in=["susut", "penyesuaian", "pembatalan"]) | ~Q(alasan=""),
                name="mutasi_beralasan",
                violation_error_message="Alasan wajib diisi untuk susut, penyesuaian, pembatalan.",
            ),
            models.CheckConstraint(
                condition=~Q(jenis="pembatalan") | Q(membatalkan__isnull=False),
                name="pembatalan_stok_menunjuk_asal",
            ),
            models.CheckConstraint(
                condition=~Q(jenis="dijual") | Q(nilai__gt=0, jurnal__isnull=False),
                name="penjualan_bernilai",
            ),
        ]
        triggers = [
            # PostgreSQL; on SQLite finance.triggers.PROTECTED creates the twin.
            pgtrigger.Protect(
                name="mutasi_stok_tidak_diubah", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"#{self.nomor} {self.get_jenis_display()} {self.komoditas.nama}"

    def get_absolute_url(self) -> str:
        return reverse("finance:natura-detail", args=[self.wksbm_id, self.pk])

    @property
    def bertanda(self) -> Decimal:
        return self.jumlah_dasar if self.arah == self.Arah.MASUK else -self.jumlah_dasar

    def kg_tampil(self) -> str:
        return f"{formatting.angka(self.jumlah_dasar)} kg"

    def jumlah_tampil(self) -> str:
        return f"{formatting.angka(self.jumlah)} {self.satuan}"

    def pihak(self) -> str:
        """Who gave, bought or received the goods."""
        if self.donatur_id:
            return self.donatur.nama_publik
        return self.ppks.nama if self.ppks_id else self.penerima

    @property
    def dibatalkan(self) -> bool:
        try:
            return self.pembatalan is not None
        except MutasiStok.DoesNotExist:
            return False

    def keterangan(self) -> str:
        if self.jenis == self.Jenis.PEMBATALAN:
            return f"Pembatalan #{self.membatalkan.nomor}: {self.alasan}"
        teks = self.alasan if self.jenis in {self.Jenis.SUSUT, self.Jenis.PENYESUAIAN} else ""
        if self.dibatalkan:
            teks = f"Dibatalkan (#{self.pembatalan.nomor}) {teks}".strip()
        return teks
