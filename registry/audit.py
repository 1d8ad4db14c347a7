"""django-auditlog registrations: who changed what, with NIK masked."""

from auditlog.registry import auditlog

from .models import Kepengurusan, LangkahPenumbuhan, Pengurus, Peran, Tamu, Wksbm

auditlog.register(Wksbm)
auditlog.register(Peran)
auditlog.register(LangkahPenumbuhan)
auditlog.register(Kepengurusan)
auditlog.register(Pengurus, mask_fields=["nik"])
auditlog.register(Tamu)
