"""The distribution app's books (domain.md §2 no. 7), imported at start-up."""

from . import kegiatan, penyaluran, rujukan

__all__ = ["kegiatan", "penyaluran", "rujukan"]
