from .kegiatan import AnggaranKegiatan, JenisKegiatan, Kegiatan, LampiranKegiatan
from .penyaluran import DanaPenyaluran, Penerima, Penyaluran
from .rujukan import Rujukan, TindakLanjutRujukan

__all__ = [
    "AnggaranKegiatan",
    "DanaPenyaluran",
    "JenisKegiatan",
    "Kegiatan",
    "LampiranKegiatan",
    "Penerima",
    "Penyaluran",
    "Rujukan",
    "TindakLanjutRujukan",
]
