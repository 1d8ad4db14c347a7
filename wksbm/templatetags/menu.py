"""The WKSBM menu of books: its URLs are reversed once per WKSBM, not on every page."""

from functools import lru_cache

from django import template
from django.urls import get_urlconf, reverse

from wksbm.books import all_books

register = template.Library()


@lru_cache(maxsize=4096)
def _menu(pk: int, urlconf) -> tuple[tuple[str, str], ...]:
    return tuple(
        (book.title, reverse(book.url_name("list"), args=[pk], urlconf=urlconf))
        for book in all_books()
    )


@register.simple_tag
def menu_buku(pk: int) -> tuple[tuple[str, str], ...]:
    """(title, list URL) of every book of WKSBM `pk`."""
    return _menu(pk, get_urlconf())
