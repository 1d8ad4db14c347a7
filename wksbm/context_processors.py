from .books import all_books


def buku(request):
    """The books of a WKSBM for its menu: (title, list URL name)."""
    return {"buku_menu": [(b.title, b.url_name("list")) for b in all_books()]}
