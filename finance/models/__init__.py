from .dana import Dana, Kas, PengaturanKeuangan, Saldo
from .jimpitan import RondaJimpitan, SetoranRumah
from .jurnal import Asnaf, Jurnal, Kegiatan, RantaiJurnal, Sumber, TutupBuku
from .kuitansi import KuitansiCetak, menunggu_kuitansi
from .natura import Komoditas, MutasiStok, SaldoStok, SatuanKomoditas

__all__ = [
    "Asnaf",
    "Dana",
    "Jurnal",
    "Kas",
    "Kegiatan",
    "Komoditas",
    "KuitansiCetak",
    "MutasiStok",
    "PengaturanKeuangan",
    "RantaiJurnal",
    "RondaJimpitan",
    "Saldo",
    "SaldoStok",
    "SatuanKomoditas",
    "SetoranRumah",
    "Sumber",
    "TutupBuku",
    "menunggu_kuitansi",
]
