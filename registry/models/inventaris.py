"""Buku inventaris barang (domain.md §7): items, their mutations, and the yearly A.3 table.

The condition of an item's units over time is derived by replaying its mutations from the
acquisition (`Barang.keadaan`); nothing about the remaining quantity is stored twice, and the
A.3 table of any year is computed from the same replay (`tabel_a3`).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from wksbm import formatting
from wksbm.books.audit import AuditedQuerySet

from .lembaga import Wksbm


class MutasiTidakSah(ValueError):
    """A mutation the item's quantities do not allow; the message is for the user."""


@dataclass(frozen=True)
class Keadaan:
    """Units held on one date, by condition."""

    baik: int = 0
    rusak: int = 0

    @property
    def jumlah(self) -> int:
        return self.baik + self.rusak


class Barang(models.Model):
    class Asal(models.TextChoices):
        DIBELI = "dibeli", "Dibeli sendiri"
        PEMERINTAH = "pemerintah", "Bantuan pemerintah (pusat)"
        PROVINSI = "provinsi", "Bantuan provinsi"
        KABUPATEN = "kabupaten", "Bantuan kabupaten/kota"
        SUMBANGAN = "sumbangan", "Sumbangan"

    class Kondisi(models.TextChoices):
        BAIK = "baik", "Baik"
        RUSAK_RINGAN = "rusak_ringan", "Rusak ringan"
        RUSAK_BERAT = "rusak_berat", "Rusak berat"

    wksbm = models.ForeignKey(Wksbm, on_delete=models.CASCADE, related_name="+")
    kode = models.CharField("kode barang", max_length=30, blank=True)
    nama = models.CharField("nama barang", max_length=150)
    merk_ukuran = models.CharField("merk/ukuran", max_length=150, blank=True)
    jumlah = models.PositiveIntegerField("jumlah diperoleh")
    satuan = models.CharField("satuan", max_length=30, default="buah")
    tanggal_perolehan = models.DateField("tanggal perolehan")
    asal = models.CharField("asal barang", max_length=12, choices=Asal.choices)
    nilai = models.DecimalField("nilai perolehan (Rp)", max_digits=15, decimal_places=2, default=0)
    kondisi = models.CharField(
        "kondisi saat diperoleh", max_length=12, choices=Kondisi.choices, default=Kondisi.BAIK
    )
    lokasi = models.CharField("lokasi penyimpanan", max_length=150, blank=True)
    disewakan = models.BooleanField("disewakan", default=False)
    keterangan = models.TextField("keterangan", blank=True)

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["kode", "id"]
        verbose_name = "barang inventaris"
        verbose_name_plural = "barang inventaris"
        indexes = [
            models.Index(fields=["wksbm", "kode", "id"]),
            models.Index(fields=["wksbm", "tanggal_perolehan"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["wksbm", "kode"], condition=~Q(kode=""), name="kode_barang_unik_per_wksbm"
            ),
            models.CheckConstraint(condition=Q(jumlah__gte=1), name="jumlah_barang_minimal_1"),
            models.CheckConstraint(condition=Q(nilai__gte=0), name="nilai_barang_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}".strip()

    def keadaan(self, pada: date | None = None, *, mutasi=None) -> Keadaan:
        """Units held at the end of day `pada` (default: today), by replaying the mutations.

        `mutasi` replaces the stored mutations (to check a new one before it is saved);
        otherwise they come from `self.mutasi.all()`, so a prefetch is used. Units leaving
        the inventory are taken from the damaged ones first. Raises MutasiTidakSah when the
        sequence is impossible.
        """
        pada = pada or timezone.localdate()
        if self.tanggal_perolehan is None or self.tanggal_perolehan > pada:
            return Keadaan()
        baik, rusak = (self.jumlah, 0) if self.kondisi == self.Kondisi.BAIK else (0, self.jumlah)
        rows = self._mutasi() if mutasi is None else mutasi
        # Same-day mutations in the order they were recorded; an unsaved one comes last.
        for m in sorted(rows, key=lambda m: (m.tanggal, m.pk is None, m.pk or 0)):
            if m.tanggal > pada:
                break
            baik, rusak = m.terapkan(baik, rusak, satuan=self.satuan)
        return Keadaan(baik, rusak)

    def _mutasi(self):
        return self.mutasi.all() if self.pk else []

    @property
    def jumlah_tersisa(self) -> int:
        """Units still held: acquired minus those sold, given away or written off."""
        return self.jumlah - sum(m.jumlah for m in self._mutasi() if m.melepas)

    @property
    def jumlah_rusak(self) -> int:
        return self.keadaan().rusak


class MutasiBarang(models.Model):
    class Jenis(models.TextChoices):
        RUSAK = "rusak", "Rusak"
        DIPERBAIKI = "diperbaiki", "Diperbaiki"
        DIJUAL = "dijual", "Dijual"
        DISUMBANGKAN = "disumbangkan", "Disumbangkan"
        DIHAPUS = "dihapus", "Dihapus (rusak/hilang)"

    # Mutations after which the units no longer belong to the WKSBM (penghapusan).
    MELEPAS = frozenset({Jenis.DIJUAL, Jenis.DISUMBANGKAN, Jenis.DIHAPUS})

    barang = models.ForeignKey(Barang, on_delete=models.CASCADE, related_name="mutasi")
    jenis = models.CharField("jenis mutasi", max_length=12, choices=Jenis.choices)
    tanggal = models.DateField("tanggal")
    jumlah = models.PositiveIntegerField("jumlah")
    nilai_jual = models.DecimalField(
        "nilai jual (Rp)", max_digits=15, decimal_places=2, null=True, blank=True
    )
    keterangan = models.TextField("keterangan", blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicatat oleh",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    dicatat_pada = models.DateTimeField("dicatat pada", default=timezone.now)

    wksbm_path = "barang__wksbm"
    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["tanggal", "id"]
        verbose_name = "mutasi barang"
        verbose_name_plural = "mutasi barang"
        indexes = [models.Index(fields=["barang", "tanggal", "id"])]
        constraints = [
            models.CheckConstraint(condition=Q(jumlah__gte=1), name="jumlah_mutasi_minimal_1"),
            models.CheckConstraint(
                condition=Q(nilai_jual__isnull=True) | Q(jenis="dijual", nilai_jual__gte=0),
                name="nilai_jual_hanya_untuk_dijual",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.jumlah} ({formatting.tanggal(self.tanggal)})"

    @property
    def melepas(self) -> bool:
        return self.jenis in self.MELEPAS

    def terapkan(self, baik: int, rusak: int, *, satuan: str) -> tuple[int, int]:
        """(baik, rusak) after this mutation; MutasiTidakSah when the units are not there."""
        n, pada = self.jumlah, formatting.tanggal(self.tanggal)
        if self.jenis == self.Jenis.RUSAK:
            if n > baik:
                raise MutasiTidakSah(
                    f"Pada {pada} hanya ada {baik} {satuan} dalam keadaan baik; "
                    f"tidak bisa mencatat {n} {satuan} rusak."
                )
            return baik - n, rusak + n
        if self.jenis == self.Jenis.DIPERBAIKI:
            if n > rusak:
                raise MutasiTidakSah(
                    f"Pada {pada} hanya ada {rusak} {satuan} yang rusak; "
                    f"tidak bisa mencatat {n} {satuan} diperbaiki."
                )
            return baik + n, rusak - n
        if n > baik + rusak:
            raise MutasiTidakSah(
                f"Sisa barang pada {pada} hanya {baik + rusak} {satuan}; "
                f"tidak bisa melepas {n} {satuan} ({self.get_jenis_display().lower()})."
            )
        dari_rusak = min(rusak, n)
        return baik - (n - dari_rusak), rusak - dari_rusak


# --- the yearly A.3 table (Permendagri 47/2016), derived for any year -------------------

# Penghapusan columns: a written-off item (dihapus) goes under "Rusak".
A3_HAPUS = [MutasiBarang.Jenis.DIHAPUS, MutasiBarang.Jenis.DIJUAL, MutasiBarang.Jenis.DISUMBANGKAN]


@dataclass
class BarisA3:
    """One item in the A.3 table of one year.

    The asal columns hold the units the WKSBM had during the year (held at its start, or
    acquired in it), so that asal − penghapusan = akhir tahun on every row.
    """

    barang: Barang
    dimiliki: int
    awal: Keadaan
    akhir: Keadaan
    hapus: dict[str, int]
    tanggal_hapus: list[date] = field(default_factory=list)
    nilai_jual: Decimal | None = None

    @property
    def jenis(self) -> str:
        b = self.barang
        nama = f"{b.nama}, {b.merk_ukuran}" if b.merk_ukuran else b.nama
        return f"{nama} ({b.satuan})"

    @property
    def asal(self) -> list[int]:
        return [self.dimiliki if self.barang.asal == a else 0 for a in Barang.Asal.values]

    @property
    def ket(self) -> str:
        parts = [self.barang.kode]
        if self.nilai_jual is not None:
            parts.append(f"dijual {formatting.rupiah(self.nilai_jual)}")
        if self.barang.keterangan:
            parts.append(self.barang.keterangan)
        return "; ".join(p for p in parts if p)

    def jumlah(self) -> list[int]:
        """The 12 quantity columns (3–12 and 14–15, without the date), in order."""
        return [
            *self.asal,
            self.awal.baik,
            self.awal.rusak,
            *(self.hapus[j] for j in A3_HAPUS),
            self.akhir.baik,
            self.akhir.rusak,
        ]

    def tampil(self, no: int) -> list[tuple[str, bool]]:
        """(text, right-aligned) for the 16 columns, as shown on screen and in print."""
        angka = [(str(n) if n else "–", True) for n in self.jumlah()]
        tanggal = ", ".join(formatting.tanggal(t) for t in sorted(set(self.tanggal_hapus)))
        return [
            (str(no), True),
            (self.jenis, False),
            *angka[:10],
            (tanggal, False),
            *angka[10:],
            (self.ket, False),
        ]

    def sel(self, no: int) -> list:
        """The 16 columns as typed Excel cells."""
        n = self.jumlah()
        tanggal = sorted(set(self.tanggal_hapus))
        if len(tanggal) > 1:
            tanggal_sel = ", ".join(t.strftime("%d/%m/%Y") for t in tanggal)
        else:
            tanggal_sel = tanggal[0] if tanggal else None
        return [no, self.jenis, *n[:10], tanggal_sel, *n[10:], self.ket]


def tabel_a3(tenant, tahun: int) -> list[BarisA3]:
    """The A.3 rows of `tahun`: every item held at some time in that year (two queries)."""
    awal_tahun, akhir_tahun = date(tahun, 1, 1), date(tahun, 12, 31)
    barang = (
        Barang.objects.filter(wksbm=tenant, tanggal_perolehan__lte=akhir_tahun)
        .prefetch_related("mutasi")
        .order_by("kode", "id")
    )
    rows = []
    for b in barang:
        awal = b.keadaan(awal_tahun - timedelta(days=1))
        baru = b.tanggal_perolehan >= awal_tahun
        if not baru and awal.jumlah == 0:
            continue
        hapus = dict.fromkeys(A3_HAPUS, 0)
        row = BarisA3(b, b.jumlah if baru else awal.jumlah, awal, b.keadaan(akhir_tahun), hapus)
        for m in b.mutasi.all():
            if m.melepas and awal_tahun <= m.tanggal <= akhir_tahun:
                hapus[m.jenis] += m.jumlah
                row.tanggal_hapus.append(m.tanggal)
                if m.nilai_jual is not None:
                    row.nilai_jual = (row.nilai_jual or Decimal(0)) + m.nilai_jual
        rows.append(row)
    return rows
