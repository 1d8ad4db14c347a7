"""The WKSBM (lembaga), its roles, penumbuhan steps, pengurus terms and pengesahan."""

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from wksbm.uploads import GeneratedPath

from .wilayah import Desa, Istilah, Kabupaten, Padukuhan, Provinsi, istilah_wilayah


class Wksbm(models.Model):
    class Tingkat(models.TextChoices):
        PADUKUHAN = "padukuhan", "Padukuhan"
        KALURAHAN = "kalurahan", "Kalurahan/Desa"
        KAPANEWON = "kapanewon", "Kapanewon/Kecamatan"

    class Status(models.TextChoices):
        PENUMBUHAN = "penumbuhan", "Penumbuhan"
        AKTIF = "aktif", "Aktif"
        NONAKTIF = "nonaktif", "Nonaktif (SK dicabut)"

    nama = models.CharField("nama WKSBM", max_length=150)
    tingkat = models.CharField("tingkat", max_length=12, choices=Tingkat.choices)
    desa = models.ForeignKey(
        Desa, verbose_name="kalurahan/desa", on_delete=models.PROTECT, related_name="wksbm"
    )
    padukuhan = models.ForeignKey(
        Padukuhan,
        verbose_name="padukuhan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wksbm",
    )
    alamat = models.CharField("alamat sekretariat", max_length=255)
    telepon = models.CharField("telepon/WA", max_length=30, blank=True)
    email = models.EmailField("email", blank=True)
    tanggal_berdiri = models.DateField("tanggal berdiri", null=True, blank=True)
    stempel = models.FileField(
        "stempel (PNG/JPEG, maks. 1 MB)", upload_to=GeneratedPath("stempel"), blank=True
    )
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.PENUMBUHAN, editable=False
    )
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)

    class Meta:
        ordering = ["nama"]
        verbose_name = "WKSBM"
        verbose_name_plural = "WKSBM"
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("registry:wksbm-detail", args=[self.pk])

    @property
    def istilah(self) -> Istilah:
        """The region's terms (kalurahan/kapanewon in DIY; desa/kecamatan elsewhere)."""
        return istilah_wilayah(self.desa_id)

    @property
    def label_tingkat(self) -> str:
        """The level in the region's own terms: "padukuhan", "kalurahan", "kecamatan"…"""
        istilah = self.istilah
        return {
            self.Tingkat.PADUKUHAN: istilah.dusun,
            self.Tingkat.KALURAHAN: istilah.desa,
            self.Tingkat.KAPANEWON: istilah.kecamatan,
        }[self.tingkat]

    def kepengurusan_berlaku(self) -> "Kepengurusan | None":
        return (
            self.kepengurusan.filter(pengesahan__status=Pengesahan.Status.DISAHKAN)
            .order_by("-periode_mulai")
            .first()
        )


class Jabatan(models.TextChoices):
    PELINDUNG = "pelindung", "Pelindung/Penasehat"
    KETUA = "ketua", "Ketua"
    WAKIL_KETUA = "wakil_ketua", "Wakil Ketua"
    SEKRETARIS = "sekretaris", "Sekretaris"
    BENDAHARA = "bendahara", "Bendahara"
    SEKSI = "seksi", "Seksi/Anggota"


class PeranQuerySet(models.QuerySet):
    def berlaku(self, pada: date | None = None):
        pada = pada or timezone.localdate()
        return self.filter(Q(selesai__isnull=True) | Q(selesai__gte=pada), mulai__lte=pada)


class Peran(models.Model):
    """A role: ties a user to one place in the hierarchy (see registry.access)."""

    class Jenis(models.TextChoices):
        PENGURUS = "pengurus", "Pengurus WKSBM"
        LURAH = "lurah", "Lurah"
        DINSOS = "dinsos", "Dinas Sosial"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peran"
    )
    jenis = models.CharField("jenis peran", max_length=10, choices=Jenis.choices)
    wksbm = models.ForeignKey(
        Wksbm, verbose_name="WKSBM", on_delete=models.CASCADE, null=True, blank=True
    )
    jabatan = models.CharField("jabatan", max_length=12, choices=Jabatan.choices, blank=True)
    desa = models.ForeignKey(
        Desa, verbose_name="kalurahan/desa", on_delete=models.PROTECT, null=True, blank=True
    )
    kabupaten = models.ForeignKey(
        Kabupaten, verbose_name="kabupaten/kota", on_delete=models.PROTECT, null=True, blank=True
    )
    provinsi = models.ForeignKey(
        Provinsi, verbose_name="provinsi", on_delete=models.PROTECT, null=True, blank=True
    )
    mulai = models.DateField("berlaku mulai", default=timezone.localdate)
    selesai = models.DateField("berlaku sampai", null=True, blank=True)

    objects = PeranQuerySet.as_manager()

    class Meta:
        verbose_name = "peran"
        verbose_name_plural = "peran"
        constraints = [
            models.CheckConstraint(
                condition=~Q(jenis="pengurus") | Q(wksbm__isnull=False) & ~Q(jabatan=""),
                name="peran_pengurus_punya_wksbm_dan_jabatan",
            ),
            models.CheckConstraint(
                condition=~Q(jenis="lurah") | Q(desa__isnull=False),
                name="peran_lurah_punya_desa",
            ),
            models.CheckConstraint(
                condition=~Q(jenis="dinsos")
                | Q(kabupaten__isnull=False)
                | Q(provinsi__isnull=False),
                name="peran_dinsos_punya_wilayah",
            ),
        ]

    def __str__(self) -> str:
        if self.jenis == self.Jenis.PENGURUS:
            return f"{self.get_jabatan_display()} {self.wksbm}"
        if self.jenis == self.Jenis.LURAH:
            return f"Lurah {self.desa}"
        return f"Dinas Sosial {self.kabupaten or self.provinsi}"


class Langkah(models.TextChoices):
    """The six penumbuhan steps of the Bantul guideline (domain.md §3)."""

    KOORDINASI_LURAH = "koordinasi_lurah", "Koordinasi dengan lurah"
    KOORDINASI_PADUKUHAN = (
        "koordinasi_padukuhan",
        "Koordinasi keperangkatan sosial di tingkat padukuhan",
    )
    PERSIAPAN_ADMINISTRASI = "persiapan_administrasi", "Persiapan administrasi"
    SOSIALISASI = "sosialisasi", "Sosialisasi tentang WKSBM"
    PEMBENTUKAN_KEPENGURUSAN = "pembentukan_kepengurusan", "Pembentukan kepengurusan"
    PENGESAHAN = "pengesahan", "Pengesahan/legalitas dari lurah"


LANGKAH_PERSIAPAN = [
    Langkah.KOORDINASI_LURAH,
    Langkah.KOORDINASI_PADUKUHAN,
    Langkah.PERSIAPAN_ADMINISTRASI,
]
# Steps 1–5, all recorded before the pengurus may ask the lurah for the pengesahan (step 6).
LANGKAH_SEBELUM_PENGESAHAN = [
    *LANGKAH_PERSIAPAN,
    Langkah.SOSIALISASI,
    Langkah.PEMBENTUKAN_KEPENGURUSAN,
]


class LangkahPenumbuhan(models.Model):
    """Evidence that one penumbuhan step was carried out."""

    wksbm = models.ForeignKey(Wksbm, on_delete=models.CASCADE, related_name="langkah")
    langkah = models.CharField("langkah", max_length=30, choices=Langkah.choices)
    tanggal = models.DateField("tanggal pelaksanaan")
    catatan = models.TextField("catatan", blank=True)
    lampiran = models.FileField(
        "lampiran (PDF/JPEG/PNG, maks. 5 MB)",
        upload_to=GeneratedPath("penumbuhan"),
        blank=True,
    )
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, editable=False
    )
    dicatat_pada = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["wksbm", "tanggal"]
        verbose_name = "langkah penumbuhan"
        verbose_name_plural = "langkah penumbuhan"
        constraints = [
            models.UniqueConstraint(fields=["wksbm", "langkah"], name="langkah_unik_per_wksbm")
        ]

    def __str__(self) -> str:
        return self.get_langkah_display()

    @property
    def tahap(self) -> str:
        return "Persiapan" if self.langkah in LANGKAH_PERSIAPAN else "Pelaksanaan"


class Kepengurusan(models.Model):
    """One term (masa bakti) of a WKSBM's board; it takes effect once its pengesahan is approved."""

    wksbm = models.ForeignKey(Wksbm, on_delete=models.CASCADE, related_name="kepengurusan")
    periode_mulai = models.DateField("periode mulai")
    periode_selesai = models.DateField("periode selesai")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["wksbm", "-periode_mulai"]
        verbose_name = "kepengurusan"
        verbose_name_plural = "kepengurusan"
        constraints = [
            models.CheckConstraint(
                condition=Q(periode_selesai__gt=models.F("periode_mulai")),
                name="kepengurusan_periode_urut",
            )
        ]

    def __str__(self) -> str:
        return f"Kepengurusan {self.periode_mulai.year}–{self.periode_selesai.year}"

    def get_absolute_url(self) -> str:
        return reverse("registry:kepengurusan-detail", args=[self.wksbm_id, self.pk])

    @property
    def pengesahan_atau_none(self) -> "Pengesahan | None":
        try:
            return self.pengesahan
        except Pengesahan.DoesNotExist:
            return None

    @property
    def boleh_diubah(self) -> bool:
        """Members may change only before submission or after it was returned."""
        p = self.pengesahan_atau_none
        return p is None or p.status == Pengesahan.Status.DIKEMBALIKAN

    @property
    def label_status(self) -> str:
        p = self.pengesahan_atau_none
        return "Draf" if p is None else p.get_status_display()


class Pengurus(models.Model):
    """A member of the board in one term."""

    kepengurusan = models.ForeignKey(Kepengurusan, on_delete=models.CASCADE, related_name="anggota")
    nama = models.CharField("nama lengkap", max_length=150)
    nik = models.CharField("NIK", max_length=16, blank=True)
    jabatan = models.CharField("jabatan", max_length=12, choices=Jabatan.choices)
    telepon = models.CharField("telepon/WA", max_length=30, blank=True)
    alamat = models.CharField("alamat", max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="akun pengguna",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    wksbm_path = "kepengurusan__wksbm"

    class Meta:
        verbose_name = "pengurus"
        verbose_name_plural = "pengurus"
        ordering = ["kepengurusan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kepengurusan", "nik"],
                condition=~Q(nik=""),
                name="nik_pengurus_unik_per_kepengurusan",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.get_jabatan_display()})"


def normal_nomor_sk(nomor: str) -> str:
    """An SK number as stored: trimmed, inner runs of spaces made one."""
    return " ".join(nomor.split())


class Pengesahan(models.Model):
    """The lurah's legalization of one kepengurusan (and with the first one, of the WKSBM)."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", "Diajukan, menunggu lurah"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan untuk diperbaiki"
        DISAHKAN = "disahkan", "Disahkan"
        DICABUT = "dicabut", "Dicabut"
        DIGANTIKAN = "digantikan", "Digantikan kepengurusan baru"

    wksbm = models.ForeignKey(Wksbm, on_delete=models.CASCADE, related_name="pengesahan")
    kepengurusan = models.OneToOneField(
        Kepengurusan, on_delete=models.PROTECT, related_name="pengesahan"
    )
    status = models.CharField("status", max_length=12, choices=Status.choices)
    diajukan_pada = models.DateTimeField("diajukan pada")
    nomor_sk = models.CharField("nomor SK", max_length=100, blank=True)
    tanggal_sk = models.DateField("tanggal SK", null=True, blank=True)
    nama_lurah = models.CharField("nama lurah", max_length=150, blank=True)
    # Where and in which year the SK was issued, set on approval: an SK number is unique in one
    # desa's Buku Keputusan for one year ("NOMOR 12 TAHUN 2026").
    desa_sk = models.ForeignKey(
        Desa,
        verbose_name="kalurahan/desa penerbit SK",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    tahun_sk = models.PositiveSmallIntegerField("tahun SK", null=True, blank=True, editable=False)
    disahkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-diajukan_pada"]
        verbose_name = "pengesahan"
        verbose_name_plural = "pengesahan"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["diajukan", "dikembalikan"])
                | ~Q(nomor_sk="") & Q(tanggal_sk__isnull=False) & Q(token__isnull=False),
                name="pengesahan_sah_punya_sk",
            ),
            models.UniqueConstraint(
                fields=["desa_sk", "tahun_sk", "nomor_sk"],
                condition=~Q(nomor_sk=""),
                name="nomor_sk_unik_per_desa_per_tahun",
            ),
        ]

    def __str__(self) -> str:
        return f"Pengesahan {self.wksbm} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("registry:pengesahan-detail", args=[self.wksbm_id, self.pk])

    @staticmethod
    def token_baru() -> str:
        return secrets.token_urlsafe(24)

    @classmethod
    def nomor_sk_terpakai(cls, *, desa_id: str, nomor_sk: str, tahun: int, kecuali=None) -> bool:
        """Is this SK number already in this desa's Buku Keputusan for that year?"""
        return (
            cls.objects.filter(
                desa_sk_id=desa_id, tahun_sk=tahun, nomor_sk__iexact=normal_nomor_sk(nomor_sk)
            )
            .exclude(pk=kecuali)
            .exists()
        )

    @property
    def punya_sk(self) -> bool:
        return bool(self.token)

    @property
    def sk_berlaku(self) -> bool:
        return self.status == self.Status.DISAHKAN


class RiwayatPengesahan(models.Model):
    """One recorded transition: who, when, from → to, why."""

    pengesahan = models.ForeignKey(Pengesahan, on_delete=models.CASCADE, related_name="riwayat")
    dari = models.CharField("dari", max_length=12, blank=True)
    ke = models.CharField("ke", max_length=12, choices=Pengesahan.Status.choices)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)
    pada = models.DateTimeField("pada", default=timezone.now)
    alasan = models.TextField("alasan/catatan", blank=True)

    wksbm_path = "pengesahan__wksbm"

    class Meta:
        ordering = ["pada", "id"]
        verbose_name = "riwayat pengesahan"
        verbose_name_plural = "riwayat pengesahan"

    def __str__(self) -> str:
        return f"{self.dari or '—'} → {self.ke}"

    @property
    def label_dari(self) -> str:
        return Pengesahan.Status(self.dari).label if self.dari else "Draf"

    @property
    def label_ke(self) -> str:
        return Pengesahan.Status(self.ke).label


class EksporDataPribadi(models.Model):
    """Log of every export that carried unmasked personal data (UU PDP 27/2022)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    wksbm = models.ForeignKey(Wksbm, on_delete=models.CASCADE, related_name="+")
    buku = models.CharField("buku", max_length=100)
    jumlah_baris = models.PositiveIntegerField("jumlah baris")
    pada = models.DateTimeField("pada", default=timezone.now)
    # The one person a subject-access export was about (a book export names many).
    ppks = models.ForeignKey(
        "registry.Ppks", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-pada", "-id"]
        indexes = [models.Index(fields=["wksbm", "pada"])]
        verbose_name = "ekspor data pribadi"
        verbose_name_plural = "ekspor data pribadi"

    def __str__(self) -> str:
        return f"{self.user} · {self.buku} · {self.jumlah_baris} baris"
