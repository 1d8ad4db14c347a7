"""The registry's answer to wksbm.books.tenancy: the WKSBM is the tenant of every book."""

from django.utils.text import slugify

from wksbm.pdf import data_uri

from . import access, pdp
from .models import Jabatan, Pengesahan, Wksbm


class WksbmTenancy:
    def get(self, user, pk, *, write, jabatan):
        return access.get_wksbm(user, pk, write=write, jabatan=jabatan)

    def can_write(self, user, tenant, jabatan) -> bool:
        return access.boleh_menulis(user, tenant, jabatan)

    def can_see_personal_data(self, user, tenant) -> bool:
        return access.boleh_menulis(user, tenant)

    def print_context(self, tenant: Wksbm, signers: tuple[str, str]) -> dict:
        kepengurusan = tenant.kepengurusan_berlaku()
        nama = {}
        if kepengurusan is not None:
            for anggota in kepengurusan.anggota.all():
                nama.setdefault(anggota.jabatan, anggota.nama)
        sk = tenant.pengesahan.filter(status=Pengesahan.Status.DISAHKAN).first()
        kiri, kanan = signers
        return {
            "wksbm": tenant,
            "sk_wksbm": sk,
            "stempel": data_uri(tenant.stempel),
            "tempat": tempat(tenant),
            "ttd_kiri": {"jabatan": Jabatan(kiri).label, "nama": nama.get(kiri, "")},
            "ttd_kanan": {"jabatan": Jabatan(kanan).label, "nama": nama.get(kanan, "")},
        }

    def log_personal_export(self, *, user, tenant, book: str, rows: int) -> str:
        return pdp.catat_ekspor(user=user, wksbm=tenant, buku=book, baris=rows)

    def slug(self, tenant) -> str:
        return slugify(tenant.nama) or f"wksbm-{tenant.pk}"


def tempat(wksbm: Wksbm) -> str:
    """Place for "Bantul, 23 November 2026": the kabupaten/kota without its prefix."""
    nama = wksbm.desa.kecamatan.kabupaten.nama
    for prefix in ("Kabupaten ", "Kota "):
        if nama.startswith(prefix):
            return nama[len(prefix) :]
    return nama
