from .core import Book, Column, all_books, register, urlpatterns

__all__ = ["Book", "Column", "all_books", "register", "urlpatterns"]
