"""The registry's books, each a short declaration on wksbm.books (imported at start-up)."""

from . import donatur, inventaris, mitra, notulen, ppks, surat, tamu

__all__ = ["donatur", "inventaris", "mitra", "notulen", "ppks", "surat", "tamu"]
