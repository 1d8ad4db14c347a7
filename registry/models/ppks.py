"""Data PPKS (Pemerlu Pelayanan Kesejahteraan Sosial): the community register of a WKSBM."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from wksbm.books.audit import AuditedQuerySet

from .lembaga import Wksbm
from .wilayah import Padukuhan


class KategoriPpks(models.Model):
    """Lookup of PPKS categories: the 26 of Permensos 8/2012 (resmi) and local additions."""

    kode = models.CharField("kode", max_length=10, unique=True)
    nama = models.CharField("nama", max_length=150)
    nomor = models.PositiveSmallIntegerField("nomor urut", default=99)
    resmi = models.BooleanField("kategori resmi", default=False)
    berlaku_sampai = models.DateField("berlaku sampai", null=True, blank=True)
    perlu_jenis_disabilitas = models.BooleanField(default=False)
    khusus_perempuan = models.BooleanField(default=False)
    usia_min = models.PositiveSmallIntegerField(null=True, blank=True)
    usia_max = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["nomor", "kode"]
        verbose_name = "kategori PPKS"
        verbose_name_plural = "kategori PPKS"

    def __str__(self) -> str:
        return f"{self.kode} – {self.nama}"

    @classmethod
    def berlaku(cls):
        today = timezone.localdate()
        return cls.objects.filter(Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=today))


class DasarPemrosesan(models.TextChoices):
    """The legal bases of UU PDP 27/2022 Pasal 20 ayat (2)."""

    PERSETUJUAN = "persetujuan", "Persetujuan yang sah (Pasal 20 ayat 2 huruf a)"
    PERJANJIAN = "perjanjian", "Pemenuhan perjanjian (huruf b)"
    KEWAJIBAN_HUKUM = "kewajiban_hukum", "Pemenuhan kewajiban hukum (huruf c)"
    KEPENTINGAN_VITAL = "kepentingan_vital", "Pelindungan kepentingan vital (huruf d)"
    TUGAS_PUBLIK = "tugas_publik", "Kepentingan umum/pelayanan publik (huruf e)"
    KEPENTINGAN_SAH = "kepentingan_sah", "Kepentingan yang sah (huruf f)"


class PpksQuerySet(AuditedQuerySet):
    def aktif(self):
        return self.filter(status=Ppks.Status.AKTIF)


class Ppks(models.Model):
    class JenisSubjek(models.TextChoices):
        PERSEORANGAN = "perseorangan", "Perseorangan"
        KELUARGA = "keluarga", "Keluarga"
        KELOMPOK = "kelompok", "Kelompok"
        KOMUNITAS = "komunitas", "Komunitas"

    class JenisKelamin(models.TextChoices):
        L = "L", "Laki-laki"
        P = "P", "Perempuan"

    class Status(models.TextChoices):
        AKTIF = "aktif", "Aktif"
        TERTANGANI = "tertangani", "Tertangani"
        MENINGGAL = "meninggal", "Meninggal"
        PINDAH = "pindah", "Pindah"

    class JenisDisabilitas(models.TextChoices):
        FISIK = "fisik", "Fisik"
        INTELEKTUAL = "intelektual", "Intelektual"
        MENTAL = "mental", "Mental"
        SENSORIK = "sensorik", "Sensorik"
        GANDA = "ganda", "Ganda/multi"

    class Program(models.TextChoices):
        PKH = "PKH", "PKH"
        BPNT = "BPNT", "BPNT/Sembako"
        PBI_JK = "PBI-JK", "PBI-JK"
        ATENSI = "ATENSI", "ATENSI"
        BLT_DD = "BLT-DD", "BLT Dana Desa"
        LAINNYA = "lainnya", "Lainnya"

    wksbm = models.ForeignKey(Wksbm, on_delete=models.CASCADE, related_name="+")
    nomor = models.CharField("no. register", max_length=20, blank=True)
    jenis_subjek = models.CharField(
        "jenis subjek", max_length=12, choices=JenisSubjek.choices, default=JenisSubjek.PERSEORANGAN
    )
    nik = models.CharField("NIK", max_length=16, blank=True)
    no_kk = models.CharField("No. KK", max_length=16, blank=True)
    nama = models.CharField("nama", max_length=150)
    jenis_kelamin = models.CharField("L/P", max_length=1, choices=JenisKelamin.choices, blank=True)
    tempat_lahir = models.CharField("tempat lahir", max_length=100, blank=True)
    tanggal_lahir = models.DateField("tanggal lahir", null=True, blank=True)
    alamat = models.CharField("alamat", max_length=255, blank=True)
    rt = models.CharField("RT", max_length=3, blank=True)
    rw = models.CharField("RW", max_length=3, blank=True)
    padukuhan = models.ForeignKey(
        Padukuhan, verbose_name="padukuhan", on_delete=models.PROTECT, null=True, blank=True
    )
    kategori = models.ManyToManyField(
        KategoriPpks, through="PpksKategori", related_name="ppks", verbose_name="kategori"
    )
    jenis_disabilitas = models.CharField(
        "jenis disabilitas", max_length=12, choices=JenisDisabilitas.choices, blank=True
    )
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.AKTIF)
    program = models.JSONField("program yang sudah diterima", default=list, blank=True)
    terdaftar_dtsen = models.BooleanField("terdaftar DTKS/DTSEN", default=False)
    desil = models.PositiveSmallIntegerField("desil DTSEN", null=True, blank=True)
    tanggal_pendataan = models.DateField("tanggal pendataan", default=date.today)
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)
    catatan = models.TextField("catatan", blank=True)
    # UU PDP 27/2022: the legal basis of keeping this record, and for a child or a person with
    # a disability the guardian who consented on their behalf.
    dasar_pemrosesan = models.CharField(
        "dasar pemrosesan", max_length=20, choices=DasarPemrosesan.choices, blank=True
    )
    tanggal_dasar = models.DateField("tanggal persetujuan/dasar", null=True, blank=True)
    nama_wali = models.CharField("nama wali", max_length=150, blank=True)
    hubungan_wali = models.CharField("hubungan wali", max_length=60, blank=True)
    dianonimkan_pada = models.DateTimeField("dianonimkan pada", null=True, blank=True)

    objects = PpksQuerySet.as_manager()

    class Meta:
        ordering = ["nama", "id"]
        verbose_name = "PPKS"
        verbose_name_plural = "PPKS"
        indexes = [
            models.Index(fields=["wksbm", "nama", "id"]),
            models.Index(fields=["wksbm", "status"]),
            models.Index(fields=["nik"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["wksbm", "nik"], condition=~Q(nik=""), name="nik_ppks_unik_per_wksbm"
            ),
            models.UniqueConstraint(
                fields=["wksbm", "nomor"], condition=~Q(nomor=""), name="nomor_ppks_unik"
            ),
            models.CheckConstraint(
                condition=Q(desil__isnull=True) | Q(desil__gte=1, desil__lte=10),
                name="desil_1_sampai_10",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def umur(self, pada: date | None = None) -> int | None:
        if not self.tanggal_lahir:
            return None
        pada = pada or timezone.localdate()
        born = self.tanggal_lahir
        return pada.year - born.year - ((pada.month, pada.day) < (born.month, born.day))

    def kode_kategori(self) -> str:
        """Category codes, from the prefetched categories when present."""
        return ", ".join(k.kode for k in self.kategori.all())

    def label_program(self) -> str:
        labels = dict(self.Program.choices)
        return ", ".join(labels.get(p, p) for p in self.program or [])


class PpksKategori(models.Model):
    """One category of one PPKS, with its assessment."""

    ppks = models.ForeignKey(Ppks, on_delete=models.CASCADE, related_name="asesmen")
    kategori = models.ForeignKey(KategoriPpks, on_delete=models.PROTECT, verbose_name="kategori")
    tanggal_asesmen = models.DateField("tanggal asesmen", default=date.today)
    pelapor = models.CharField("pelapor", max_length=150, blank=True)
    kondisi = models.TextField("kondisi/catatan", blank=True)

    wksbm_path = "ppks__wksbm"

    class Meta:
        ordering = ["kategori__nomor"]
        verbose_name = "kategori PPKS"
        verbose_name_plural = "kategori PPKS"
        constraints = [
            models.UniqueConstraint(fields=["ppks", "kategori"], name="kategori_ppks_unik")
        ]

    def __str__(self) -> str:
        return str(self.kategori)


class RiwayatStatusPpks(models.Model):
    ppks = models.ForeignKey(Ppks, on_delete=models.CASCADE, related_name="riwayat_status")
    dari = models.CharField("dari", max_length=12, choices=Ppks.Status.choices)
    ke = models.CharField("ke", max_length=12, choices=Ppks.Status.choices)
    tanggal = models.DateField("tanggal")
    alasan = models.TextField("alasan")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)
    dicatat_pada = models.DateTimeField(default=timezone.now)

    wksbm_path = "ppks__wksbm"

    class Meta:
        ordering = ["tanggal", "id"]
        verbose_name = "riwayat status PPKS"
        verbose_name_plural = "riwayat status PPKS"

    def __str__(self) -> str:
        return f"{self.dari} → {self.ke}"


class PermintaanKoreksi(models.Model):
    """A PPKS's request to correct their data (UU PDP Pasal 6), recorded by a pengurus and
    resolved by the ketua: applied (with a reference to the change) or refused (with a reason)."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", "Diajukan"
        DITERAPKAN = "diterapkan", "Diterapkan"
        DITOLAK = "ditolak", "Ditolak"

    ppks = models.ForeignKey(Ppks, on_delete=models.CASCADE, related_name="koreksi")
    tanggal = models.DateField("tanggal permintaan", default=date.today)
    diminta_oleh = models.CharField(
        "diminta oleh", max_length=150, help_text="PPKS sendiri, atau wali/keluarganya."
    )
    isi = models.TextField("data yang salah dan perbaikan yang diminta")
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DIAJUKAN)
    tanggapan = models.TextField("tanggapan", blank=True)
    dicatat_pada = models.DateTimeField(default=timezone.now)
    # An applied correction points at the change it made (the PPKS's history entry).
    perubahan = models.ForeignKey(
        "auditlog.LogEntry", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diselesaikan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    diselesaikan_pada = models.DateTimeField(null=True)

    wksbm_path = "ppks__wksbm"

    class Meta:
        ordering = ["-tanggal", "-id"]
        verbose_name = "permintaan koreksi data"
        verbose_name_plural = "permintaan koreksi data"

    def __str__(self) -> str:
        return f"Koreksi {self.ppks_id} · {self.get_status_display()}"


class PenghapusanPpks(models.Model):
    """One run of the retention purge (manage.py purge_ppks): how many PPKS were anonymised."""

    pada = models.DateTimeField(default=timezone.now)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)
    pelaksana = models.CharField("dijalankan oleh", max_length=150)
    tahun = models.PositiveSmallIntegerField("masa retensi (tahun)")
    jumlah = models.PositiveIntegerField("PPKS dianonimkan")

    class Meta:
        ordering = ["-pada"]
        verbose_name = "penghapusan data PPKS"
        verbose_name_plural = "penghapusan data PPKS"

    def __str__(self) -> str:
        return f"{self.pada:%Y-%m-%d} · {self.jumlah} PPKS"
