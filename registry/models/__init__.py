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
from .sekretariat import Tamu
from .wilayah import Desa, Kabupaten, Kecamatan, Padukuhan, Provinsi

__all__ = [
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
