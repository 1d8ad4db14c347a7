"""django-auditlog registrations: who changed what, with NIK masked."""

from auditlog.registry import auditlog

from .models import Kepengurusan, LangkahPenumbuhan, Pengurus, Peran, Tamu, Wksbm
from .models.donatur import Donatur
from .models.inventaris import Barang, MutasiBarang
from .models.mitra import Mitra
from .models.notulen import Keputusan, Peserta, Rapat
from .models.ppks import Ppks, PpksKategori
from .models.surat import Disposisi, PengaturanSurat, Surat

auditlog.register(Wksbm)
auditlog.register(Peran)
auditlog.register(LangkahPenumbuhan)
auditlog.register(Kepengurusan)
auditlog.register(Pengurus, mask_fields=["nik"])
auditlog.register(Tamu)
auditlog.register(
    Ppks, mask_fields=["nik", "no_kk"], exclude_fields=["asesmen", "riwayat_status", "diperbarui"]
)
auditlog.register(PpksKategori)
auditlog.register(Rapat, exclude_fields=["peserta", "keputusan"])  # child rows log themselves
auditlog.register(Peserta)
auditlog.register(Keputusan)
auditlog.register(Mitra)
auditlog.register(Donatur)
auditlog.register(Barang, exclude_fields=["mutasi"])
auditlog.register(MutasiBarang)
auditlog.register(Surat, exclude_fields=["disposisi"])
auditlog.register(Disposisi)
auditlog.register(PengaturanSurat)
