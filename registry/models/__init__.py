from .lembaga import (
    LANGKAH_PERSIAPAN,
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
from .wilayah import Desa, Kabupaten, Kecamatan, Padukuhan, Provinsi

__all__ = [
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
