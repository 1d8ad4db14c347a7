from .lembaga import (
    LANGKAH_PERSIAPAN,
    EksporDataPribadi,
    Jabatan,
    Kepengurusan,
    Langkah,
    LangkahPenumbuhan,
    Pengesahan,
    Pengurus,
    Peran,
    RiwayatPengesahan,
    Wksbm,
)
from .ppks import KategoriPpks, Ppks, PpksKategori, RiwayatStatusPpks
from .sekretariat import Tamu
from .wilayah import Desa, Kabupaten, Kecamatan, Padukuhan, Provinsi

__all__ = [
    "KategoriPpks",
    "Ppks",
    "PpksKategori",
    "RiwayatStatusPpks",
    "EksporDataPribadi",
    "Tamu",
    "LANGKAH_PERSIAPAN",
    "Langkah",
    "Desa",
    "Jabatan",
    "Kabupaten",
    "Kecamatan",
    "Kepengurusan",
    "LangkahPenumbuhan",
    "Padukuhan",
    "Pengesahan",
    "Pengurus",
    "Peran",
    "Provinsi",
    "RiwayatPengesahan",
    "Wksbm",
]
