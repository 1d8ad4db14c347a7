"""The registry's books, each a short declaration on wksbm.books (imported at start-up)."""

from . import ppks, tamu

__all__ = ["ppks", "tamu"]
