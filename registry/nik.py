"""NIK (Nomor Induk Kependudukan): the one validator, used wherever a NIK is entered.

A NIK is 16 digits: province (2) · kabupaten/kota (2) · kecamatan (2) where the person was
first registered · birth day (women +40) · month · 2-digit year · serial (4). Its region part
is checked against the shipped Kemendagri table (`registry/data/wilayah/`, which knows the
newest provinces and kabupaten), never against the person's current address, and never
against the database (which may hold only the regions loaded for this deployment).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError

from .wilayah_data import kode_kabupaten_tersedia


@dataclass(frozen=True)
class IsiNik:
    """What a NIK tells about its holder: birth day, month, 2-digit year and sex."""

    hari: int
    bulan: int
    tahun2: int  # the year's last two digits: the century is not in the NIK
    perempuan: bool

    def cocok_dengan(self, tanggal: date) -> bool:
        return (tanggal.day, tanggal.month, tanggal.year % 100) == (
            self.hari,
            self.bulan,
            self.tahun2,
        )

    @property
    def teks_tanggal(self) -> str:
        return f"{self.hari:02d}-{self.bulan:02d}-{self.tahun2:02d}"


def _ada_tanggal(hari: int, bulan: int, tahun2: int) -> bool:
    """The date exists in 19yy or 20yy (29 February of a year 00 exists in 2000)."""
    for abad in (1900, 2000):
        try:
            date(abad + tahun2, bulan, hari)
        except ValueError:
            continue
        return True
    return False


def isi_nik(nik: str) -> IsiNik:
    """The birth date and sex encoded in a NIK already validated by `bersihkan_nik`."""
    hari = int(nik[6:8])
    return IsiNik(hari=hari % 40, bulan=int(nik[8:10]), tahun2=int(nik[10:12]), perempuan=hari > 40)


def bersihkan_nik(value: str | None) -> str:
    """Validate an optional NIK typed as on the KTP ("3402 0105 0585 0001"); "" when empty.

    Raises ValidationError with an Indonesian message: form fields and importers show it.
    """
    value = (value or "").strip().replace(" ", "").replace(".", "").replace("-", "")
    if not value:
        return ""
    if not value.isdigit() or len(value) != 16:
        raise ValidationError("NIK harus terdiri atas 16 angka.")
    if value[:4] not in kode_kabupaten_tersedia():
        raise ValidationError(
            f"NIK tidak sah: kode wilayah {value[:2]}.{value[2:4]} bukan kode kabupaten/kota "
            "Kemendagri."
        )
    hari, bulan, tahun2 = int(value[6:8]), int(value[8:10]), int(value[10:12])
    if not (1 <= hari <= 31 or 41 <= hari <= 71) or not 1 <= bulan <= 12:
        raise ValidationError(
            "NIK tidak sah: tanggal lahir di dalamnya tidak benar (angka ke-7–8 tanggal 01–31, "
            "atau 41–71 untuk perempuan; angka ke-9–10 bulan 01–12)."
        )
    if not _ada_tanggal(hari % 40, bulan, tahun2):
        raise ValidationError(
            f"NIK tidak sah: tanggal lahir di dalamnya ({hari % 40:02d}-{bulan:02d}-{tahun2:02d}) "
            "tidak ada di kalender."
        )
    return value


def peringatan_nik(nik: str, *, tanggal_lahir: date | None, jenis_kelamin: str) -> list[str]:
    """Non-blocking warnings where the NIK disagrees with the entered birth date or sex.

    `jenis_kelamin` is "L", "P" or "" (not entered). The NIK is never repeated in the text.
    """
    if not nik:
        return []
    isi = isi_nik(nik)
    hasil = []
    if tanggal_lahir and not isi.cocok_dengan(tanggal_lahir):
        hasil.append(
            f"Tanggal lahir di NIK ({isi.teks_tanggal}) berbeda dengan tanggal lahir yang diisi "
            f"({tanggal_lahir:%d-%m-%y}). Periksa kembali KTP/KK."
        )
    if jenis_kelamin and (jenis_kelamin == "P") != isi.perempuan:
        menurut_nik = "perempuan" if isi.perempuan else "laki-laki"
        hasil.append(
            f"Menurut NIK, pemiliknya {menurut_nik}, berbeda dengan jenis kelamin yang diisi. "
            "Periksa kembali KTP/KK."
        )
    return hasil
