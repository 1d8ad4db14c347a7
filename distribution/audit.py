"""django-auditlog registrations of the distribution app: who changed what."""

from auditlog.registry import auditlog

from .models import (
    AnggaranKegiatan,
    DanaPenyaluran,
    Kegiatan,
    LampiranKegiatan,
    Penerima,
    Penyaluran,
    Rujukan,
    TindakLanjutRujukan,
)

auditlog.register(Kegiatan, m2m_fields={"mitra"})
auditlog.register(AnggaranKegiatan)
auditlog.register(LampiranKegiatan)
auditlog.register(Penyaluran)
auditlog.register(DanaPenyaluran)
# The keyed NIK hash stays out of the history (it is only for the double-aid check).
auditlog.register(Penerima, exclude_fields=["nik_hash"])

auditlog.register(Rujukan, exclude_fields=["tindak_lanjut"])
auditlog.register(TindakLanjutRujukan)
