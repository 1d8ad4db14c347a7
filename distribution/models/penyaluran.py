"""Penyaluran: a round of aid handed to PPKS, and each recipient's row.

Money and goods leave the books only when a recipient's hand-over is posted
(distribution.services.serahkan), through finance.services / finance.natura; the row keeps
the journal entry (or stock movement) it created, so money out is recorded once.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from finance.models import Asnaf, Dana, Jurnal, Kas, Komoditas, MutasiStok
from registry.models import Ppks, Wksbm
from wksbm import formatting
from wksbm.books.audit import AuditedQuerySet
from wksbm.uploads import GeneratedPath

from .kegiatan import JenisKegiatan, Kegiatan

UANG = {"max_digits": 15, "decimal_places": 2}
BANYAK = {"max_digits": 15, "decimal_places": 3}


class Penyaluran(models.Model):
    class Bentuk(models.TextChoices):
        UANG = "uang", "Uang"
        NATURA = "natura", "Beras/natura (dari stok)"
        BARANG = "barang", "Barang"
        JASA = "jasa", "Jasa/layanan"

    wksbm = models.ForeignKey(Wksbm, on_delete=models.CASCADE, related_name="+")
    nomor = models.PositiveIntegerField("no. penyaluran", editable=False)
    judul = models.CharField("judul penyaluran", max_length=200)
    tanggal = models.DateField("tanggal rencana")
    kegiatan = models.ForeignKey(
        Kegiatan,
        verbose_name="kegiatan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="penyaluran",
        help_text="Kosongkan untuk santunan yang berdiri sendiri.",
    )
    jenis = models.CharField(
        "jenis kegiatan",
        max_length=20,
        choices=JenisKegiatan.choices,
        default=JenisKegiatan.JAMINAN_SOSIAL,
        help_text="Dicatat pada pengeluaran di Buku Catatan Pengeluaran.",
    )
    bentuk = models.CharField("bentuk bantuan", max_length=6, choices=Bentuk.choices)
    komoditas = models.ForeignKey(
        Komoditas,
        verbose_name="komoditas (natura)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kas = models.ForeignKey(
        Kas,
        verbose_name="dibayar dari kas",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    satuan = models.CharField(
        "satuan barang", max_length=20, blank=True, help_text="Mis. paket, set, buah."
    )
    uraian = models.TextField("uraian", blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["-tanggal", "-nomor"]
        verbose_name = "penyaluran"
        verbose_name_plural = "penyaluran"
        indexes = [models.Index(fields=["wksbm", "tanggal", "nomor"])]
        constraints = [
            models.UniqueConstraint(fields=["wksbm", "nomor"], name="nomor_penyaluran_unik"),
            models.CheckConstraint(
                condition=~Q(bentuk="natura") | Q(komoditas__isnull=False),
                name="penyaluran_natura_berkomoditas",
            ),
        ]

    def __str__(self) -> str:
        return f"No. {self.nomor}: {self.judul}"

    def get_absolute_url(self) -> str:
        return reverse("distribution:penyaluran-detail", args=[self.wksbm_id, self.pk])

    @property
    def natura(self) -> bool:
        return self.bentuk == self.Bentuk.NATURA

    @property
    def satuan_tampil(self) -> str:
        if self.natura and self.komoditas_id:
            return self.komoditas.satuan_dasar
        return self.satuan


class DanaPenyaluran(models.Model):
    """A fund that finances a round, with the round's budget from it: Rupiah (`pagu`), or for
    natura the commodity's base unit (`pagu_banyak`, kg)."""

    penyaluran = models.ForeignKey(Penyaluran, on_delete=models.CASCADE, related_name="dana")
    dana = models.ForeignKey(Dana, verbose_name="dana", on_delete=models.PROTECT, related_name="+")
    pagu = models.DecimalField("anggaran (Rp)", null=True, blank=True, **UANG)
    pagu_banyak = models.DecimalField("anggaran natura (kg)", null=True, blank=True, **BANYAK)

    wksbm_path = "penyaluran__wksbm"

    class Meta:
        ordering = ["penyaluran", "id"]
        verbose_name = "dana penyaluran"
        verbose_name_plural = "dana penyaluran"
        constraints = [
            models.UniqueConstraint(fields=["penyaluran", "dana"], name="dana_penyaluran_unik"),
            models.CheckConstraint(
                condition=Q(pagu__gt=0, pagu_banyak__isnull=True)
                | Q(pagu__isnull=True, pagu_banyak__gt=0),
                name="pagu_uang_atau_banyak",
                violation_error_message="Isi salah satu anggaran: Rupiah untuk uang, barang atau "
                "jasa; kg untuk natura.",
            ),
        ]

    def __str__(self) -> str:
        return str(self.dana)

    @property
    def batas(self) -> Decimal:
        """The budget in the round's measure (Rupiah, or kg for natura)."""
        return self.pagu if self.pagu is not None else self.pagu_banyak


class PenerimaQuerySet(AuditedQuerySet):
    def tersalur(self):
        return self.filter(status=Penerima.Status.DISERAHKAN)

    def berlaku(self):
        """Rows that are or will be aid (planned or handed over)."""
        return self.filter(status__in=[Penerima.Status.RENCANA, Penerima.Status.DISERAHKAN])


class Penerima(models.Model):
    """One planned recipient of a round, and what became of the hand-over."""

    class Status(models.TextChoices):
        RENCANA = "rencana", "Direncanakan"
        DISERAHKAN = "diserahkan", "Diserahkan"
        TIDAK = "tidak", "Tidak tersalurkan"
        DIBATALKAN = "dibatalkan", "Penyerahan dibatalkan"

    class DiterimaOleh(models.TextChoices):
        SENDIRI = "sendiri", "Penerima sendiri"
        WAKIL = "wakil", "Wakil/wali"

    class Alasan(models.TextChoices):
        MENOLAK = "menolak", "Menolak"
        TIDAK_DITEMUKAN = "tidak_ditemukan", "Tidak ditemukan"
        MENINGGAL = "meninggal", "Meninggal"
        PINDAH = "pindah", "Pindah"
        LAINNYA = "lainnya", "Lainnya"

    penyaluran = models.ForeignKey(Penyaluran, on_delete=models.CASCADE, related_name="penerima")
    ppks = models.ForeignKey(
        Ppks, verbose_name="PPKS", on_delete=models.PROTECT, related_name="penerimaan"
    )
    dana = models.ForeignKey(
        Dana, verbose_name="dana", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    jumlah = models.DecimalField("jumlah (Rp)", null=True, blank=True, **UANG)
    banyak = models.DecimalField("banyak", null=True, blank=True, **BANYAK)
    asnaf = models.CharField("asnaf", max_length=12, choices=Asnaf.choices, blank=True)
    # HMAC-SHA256 of the NIK (settings.NIK_HASH_KEY): compared across the WKSBMs of one
    # kabupaten to warn of double aid, without any NIK leaving its WKSBM.
    nik_hash = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.RENCANA
    )
    tanggal_serah = models.DateField("tanggal penyerahan", null=True, blank=True)
    diterima_oleh = models.CharField(
        "diterima oleh", max_length=7, choices=DiterimaOleh.choices, blank=True
    )
    nama_wakil = models.CharField("nama wakil/wali", max_length=150, blank=True)
    hubungan_wakil = models.CharField("hubungan dengan penerima", max_length=60, blank=True)
    bukti = models.FileField(
        "bukti (tanda terima bertanda tangan, foto, atau cap jempol; PDF/JPEG/PNG, maks. 5 MB)",
        upload_to=GeneratedPath("penyaluran"),
        blank=True,
    )
    alasan = models.CharField(
        "alasan tidak tersalurkan", max_length=16, choices=Alasan.choices, blank=True
    )
    keterangan = models.TextField("keterangan", blank=True)
    jurnal = models.OneToOneField(
        Jurnal,
        verbose_name="pengeluaran",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="penerima_penyaluran",
    )
    mutasi = models.OneToOneField(
        MutasiStok,
        verbose_name="mutasi stok",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="penerima_penyaluran",
    )
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    dicatat_pada = models.DateTimeField("dicatat pada", null=True, blank=True)

    wksbm_path = "penyaluran__wksbm"
    objects = PenerimaQuerySet.as_manager()

    class Meta:
        ordering = ["penyaluran", "ppks__nama", "id"]
        verbose_name = "penerima penyaluran"
        verbose_name_plural = "penerima penyaluran"
        indexes = [
            models.Index(fields=["nik_hash", "tanggal_serah"]),
            models.Index(fields=["ppks", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["penyaluran", "ppks"],
                condition=~Q(status="dibatalkan"),
                name="penerima_sekali_per_penyaluran",
            ),
            models.CheckConstraint(
                condition=Q(jumlah__isnull=True) | Q(jumlah__gt=0), name="jumlah_penerima_positif"
            ),
            models.CheckConstraint(
                condition=Q(banyak__isnull=True) | Q(banyak__gt=0), name="banyak_penerima_positif"
            ),
            models.CheckConstraint(
                condition=~Q(status="tidak") | ~Q(alasan=""),
                name="tidak_tersalur_beralasan",
            ),
            models.CheckConstraint(
                condition=~Q(status="diserahkan") | Q(tanggal_serah__isnull=False),
                name="penyerahan_bertanggal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ppks.nama} ({self.get_status_display()})"

    def nilai(self) -> Decimal | None:
        """What the round's budget counts for this row: kg for natura, else Rupiah."""
        return self.banyak if self.penyaluran.natura else self.jumlah

    def nilai_tampil(self) -> str:
        """The planned amount as shown: Rupiah, or quantity and unit (and value for barang)."""
        p = self.penyaluran
        teks = []
        if self.banyak is not None:
            teks.append(f"{formatting.angka(self.banyak)} {p.satuan_tampil}".strip())
        if self.jumlah is not None:
            teks.append(formatting.rupiah(self.jumlah))
        return " · ".join(teks) or "—"

    def alamat(self) -> str:
        """The PPKS's address as the field list shows it (padukuhan selected with the row)."""
        p = self.ppks
        rt = f"RT {p.rt}/RW {p.rw}" if p.rt and p.rw else (f"RT {p.rt}" if p.rt else "")
        dukuh = f"Padukuhan {p.padukuhan.nama}" if p.padukuhan_id else ""
        return ", ".join(v for v in (p.alamat, rt, dukuh) if v)

    def keterangan_daftar(self) -> str:
        if self.status == self.Status.TIDAK:
            return f"Tidak tersalurkan: {self.get_alasan_display().lower()}"
        if self.status == self.Status.DISERAHKAN:
            return f"Diserahkan {formatting.tanggal(self.tanggal_serah)}"
        return ""

    def penerima_tampil(self) -> str:
        if self.diterima_oleh == self.DiterimaOleh.WAKIL and self.nama_wakil:
            return f"{self.nama_wakil} ({self.hubungan_wakil or 'wakil'}) a.n. {self.ppks.nama}"
        return self.ppks.nama
