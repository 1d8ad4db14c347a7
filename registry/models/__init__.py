from .akun import RiwayatAkun, SandiSementara
from .donatur import NAMA_ANONIM, Donatur
from .inventaris import Barang, MutasiBarang
from .lembaga import (
    LANGKAH_PERSIAPAN,
    LANGKAH_SEBELUM_PENGESAHAN,
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
from .mitra import KategoriPsks, Mitra
from .notulen import Keputusan, Peserta, Rapat
from .ppks import KategoriPpks, Ppks, PpksKategori, RiwayatStatusPpks
from .sekretariat import Tamu
from .sk import CapDesa, Konsiderans
from .surat import Disposisi, PengaturanSurat, Surat
from .wilayah import Desa, Kabupaten, Kecamatan, Padukuhan, Provinsi

__all__ = [
    "RiwayatAkun",
    "SandiSementara",
    "Barang",
    "MutasiBarang",
    "NAMA_ANONIM",
    "Donatur",
    "KategoriPsks",
    "Mitra",
    "Keputusan",
    "Peserta",
    "Rapat",
    "KategoriPpks",
    "Ppks",
    "PpksKategori",
    "RiwayatStatusPpks",
    "EksporDataPribadi",
    "Tamu",
    "CapDesa",
    "Konsiderans",
    "Disposisi",
    "PengaturanSurat",
    "Surat",
    "LANGKAH_PERSIAPAN",
    "LANGKAH_SEBELUM_PENGESAHAN",
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
