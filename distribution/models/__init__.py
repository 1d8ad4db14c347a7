from .kegiatan import AnggaranKegiatan, JenisKegiatan, Kegiatan, LampiranKegiatan
from .penyaluran import DanaPenyaluran, Penerima, Penyaluran

__all__ = [
    "AnggaranKegiatan",
    "DanaPenyaluran",
    "JenisKegiatan",
    "Kegiatan",
    "LampiranKegiatan",
    "Penerima",
    "Penyaluran",
]
