from .kegiatan import AnggaranKegiatan, JenisKegiatan, Kegiatan, LampiranKegiatan
from .laporan import JenisPeriode, Laporan, RiwayatLaporan, VersiLaporan
from .penyaluran import DanaPenyaluran, Penerima, Penyaluran
from .rujukan import Rujukan, TindakLanjutRujukan

__all__ = [
    "AnggaranKegiatan",
    "DanaPenyaluran",
    "JenisKegiatan",
    "JenisPeriode",
    "Kegiatan",
    "LampiranKegiatan",
    "Laporan",
    "Penerima",
    "Penyaluran",
    "RiwayatLaporan",
    "Rujukan",
    "TindakLanjutRujukan",
    "VersiLaporan",
]
