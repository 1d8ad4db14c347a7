"""Agenda surat masuk dan keluar (Permendagri 47/2016 model A.7) and its ekspedisi (A.8)."""

import re
import string
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from wksbm import formatting
from wksbm.books.audit import AuditedManager
from wksbm.uploads import GeneratedPath

from .lembaga import Pengurus, Wksbm

POLA_BAWAAN = "{urut:03d}/WKSBM-{kode}/{bulan_romawi}/{tahun}"
ISIAN_POLA = {
    "urut": "nomor urut surat keluar tahun itu",
    "kode": "kode WKSBM",
    "bulan_romawi": "bulan surat dalam angka Romawi (I–XII)",
    "bulan": "bulan surat dalam angka (1–12)",
    "tahun": "tahun surat",
}
PANJANG_NOMOR = 100


def susun_nomor(pola: str, *, urut: int, kode: str, tanggal: date) -> str:
    return pola.format(
        urut=urut,
        kode=kode,
        bulan=tanggal.month,
        bulan_romawi=formatting.bulan_romawi(tanggal),
        tahun=tanggal.year,
    )


def periksa_pola(pola: str) -> None:
    """Validate an outgoing number pattern: known placeholders only, {urut} and {tahun} in it."""
    daftar = ", ".join(f"{{{n}}}" for n in ISIAN_POLA)
    try:
        nama = {n for _, n, _, _ in string.Formatter().parse(pola) if n is not None}
    except ValueError as exc:
        raise ValidationError(
            "Pola tidak sah: tanda kurung kurawal { } tidak berpasangan.", code="pola"
        ) from exc
    asing = sorted(nama - set(ISIAN_POLA))
    if asing:
        raise ValidationError(
            "Isian tidak dikenal: %(asing)s. Isian yang dapat dipakai: %(daftar)s.",
            code="pola",
            params={"asing": ", ".join(f"{{{n}}}" for n in asing), "daftar": daftar},
        )
    if not {"urut", "tahun"} <= nama:
        raise ValidationError(
            "Pola harus memuat {urut} dan {tahun} agar setiap nomor surat keluar unik.",
            code="pola",
        )
    try:
        contoh = susun_nomor(pola, urut=99999, kode="KODE", tanggal=date(2026, 12, 31))
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise ValidationError(
            "Format isian tidak sah (contoh yang benar: {urut:03d} untuk 001).", code="pola"
        ) from exc
    if len(contoh) > PANJANG_NOMOR:
        raise ValidationError(
            "Nomor yang dihasilkan pola ini terlalu panjang (maks. %(maks)d karakter).",
            code="pola",
            params={"maks": PANJANG_NOMOR},
        )


def singkatan(nama: str) -> str:
    """Default {kode}: initials of the WKSBM's name ("WKSBM Ngudi Rahayu" → "NR")."""
    kata = [k for k in re.findall(r"[A-Za-z0-9]+", nama) if k.upper() != "WKSBM"]
    if not kata:
        return "WKSBM"
    if len(kata) == 1:
        return kata[0][:6].upper()
    return "".join(k[0] for k in kata).upper()[:10]


class PengaturanSurat(models.Model):
    """Per-WKSBM settings of the agenda: how outgoing letters are numbered."""

    wksbm = models.OneToOneField(Wksbm, on_delete=models.CASCADE, related_name="+")
    pola_nomor_keluar = models.CharField(
        "pola nomor surat keluar",
        max_length=100,
        default=POLA_BAWAAN,
        validators=[periksa_pola],
    )
    kode = models.CharField(
        "kode WKSBM",
        max_length=20,
        blank=True,
        help_text="Dipakai untuk {kode}. Kosongkan untuk singkatan nama WKSBM.",
    )

    objects = AuditedManager()

    class Meta:
        verbose_name = "pengaturan agenda surat"
        verbose_name_plural = "pengaturan agenda surat"

    def __str__(self) -> str:
        return f"Pengaturan surat {self.wksbm}"

    @classmethod
    def untuk(cls, wksbm: Wksbm) -> "PengaturanSurat":
        """The stored settings, or the defaults (unsaved) when none were chosen yet."""
        return cls.objects.filter(wksbm=wksbm).first() or cls(wksbm=wksbm)

    @property
    def kode_berlaku(self) -> str:
        return self.kode or singkatan(self.wksbm.nama)

    def nomor_keluar(self, *, urut: int, tanggal: date) -> str:
        return susun_nomor(
            self.pola_nomor_keluar, urut=urut, kode=self.kode_berlaku, tanggal=tanggal
        )


class Surat(models.Model):
    """One letter in the agenda; numbered per WKSBM, direction and year."""

    class Arah(models.TextChoices):
        MASUK = "masuk", "Surat masuk"
        KELUAR = "keluar", "Surat keluar"

    wksbm = models.ForeignKey(Wksbm, on_delete=models.CASCADE, related_name="+")
    arah = models.CharField("jenis surat", max_length=6, choices=Arah.choices)
    tahun = models.PositiveSmallIntegerField("tahun agenda", editable=False)
    nomor_urut = models.PositiveIntegerField("no. urut", editable=False)
    tanggal = models.DateField("tanggal penerimaan/pengiriman")
    nomor_surat = models.CharField("nomor surat", max_length=PANJANG_NOMOR, blank=True)
    tanggal_surat = models.DateField("tanggal surat")
    pihak = models.CharField("pengirim / ditujukan kepada", max_length=200)
    isi_singkat = models.TextField("isi singkat")
    keterangan = models.TextField("keterangan", blank=True)
    berkas = models.FileField(
        "pindaian surat (PDF/JPEG/PNG, maks. 5 MB)", upload_to=GeneratedPath("surat"), blank=True
    )

    objects = AuditedManager()

    class Meta:
        ordering = ["-tanggal", "-id"]
        verbose_name = "surat"
        verbose_name_plural = "surat"
        indexes = [
            models.Index(fields=["wksbm", "tanggal", "id"]),
            models.Index(fields=["wksbm", "arah", "nomor_surat"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["wksbm", "arah", "tahun", "nomor_urut"], name="nomor_urut_surat_unik"
            ),
            models.CheckConstraint(condition=Q(nomor_urut__gte=1), name="nomor_urut_surat_positif"),
            models.CheckConstraint(
                condition=Q(arah__in=["masuk", "keluar"]), name="arah_surat_sah"
            ),
            models.CheckConstraint(
                condition=Q(arah="masuk") | ~Q(nomor_surat=""), name="surat_keluar_bernomor"
            ),
        ]

    def __str__(self) -> str:
        jenis = "masuk" if self.arah == self.Arah.MASUK else "keluar"
        nomor = f" · {self.nomor_surat}" if self.nomor_surat else ""
        return f"Surat {jenis} No. {self.nomor_urut}/{self.tahun}{nomor}"

    def validate_constraints(self, exclude=None):
        # A new outgoing letter gets its number only when it is registered (daftarkan).
        if self.pk is None and self.arah == self.Arah.KELUAR:
            exclude = {*(exclude or ()), "nomor_surat"}
        super().validate_constraints(exclude=exclude)

    @property
    def label_pihak(self) -> str:
        return "Pengirim" if self.arah == self.Arah.MASUK else "Ditujukan kepada"

    @property
    def label_tanggal(self) -> str:
        return "Tanggal penerimaan" if self.arah == self.Arah.MASUK else "Tanggal pengiriman"

    def tanggal_dan_nomor(self) -> str:
        """The A.8 ekspedisi cell: "12 Maret 2026, No. 001/WKSBM-NR/III/2026"."""
        return f"{formatting.tanggal(self.tanggal_surat)}, No. {self.nomor_surat}"


class Disposisi(models.Model):
    """An instruction on an incoming letter: to whom, what, when."""

    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="disposisi")
    pengurus = models.ForeignKey(
        Pengurus,
        verbose_name="kepada pengurus",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kepada = models.CharField(
        "kepada",
        max_length=150,
        blank=True,
        help_text="Nama penerima disposisi bila bukan pengurus (terisi otomatis dari pengurus).",
    )
    instruksi = models.TextField("isi disposisi/instruksi")
    tanggal = models.DateField("tanggal disposisi")

    objects = AuditedManager()

    wksbm_path = "surat__wksbm"

    class Meta:
        ordering = ["tanggal", "id"]
        verbose_name = "disposisi"
        verbose_name_plural = "disposisi"
        constraints = [
            models.CheckConstraint(
                condition=Q(pengurus__isnull=False) | ~Q(kepada=""), name="disposisi_ada_penerima"
            )
        ]

    def __str__(self) -> str:
        return f"Disposisi kepada {self.kepada}"
