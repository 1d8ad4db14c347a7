"""Realistic demo rows for every book of a WKSBM (used by `seed_demo`)."""

from importlib import import_module

# In the order of domain.md §2; each module has `isi(wksbm, *, user)`, idempotent.
BUKU = ["surat", "tamu", "inventaris", "notulen", "ppks", "mitra", "donatur"]


def isi_semua(wksbm, *, user) -> None:
    for name in BUKU:
        import_module(f"{__name__}.{name}").isi(wksbm, user=user)
