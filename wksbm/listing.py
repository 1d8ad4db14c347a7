"""Pagination and search shared by every list page."""

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet

PER_PAGE = 25


def search(queryset: QuerySet, text: str, fields: list[str]) -> QuerySet:
    """Every word must match one of `fields` (case-insensitive)."""
    for word in (text or "").split()[:8]:
        q = Q()
        for f in fields:
            q |= Q(**{f"{f}__icontains": word})
        queryset = queryset.filter(q)
    return queryset


def paginate(request, queryset: QuerySet, per_page: int = PER_PAGE):
    """The requested page (out-of-range numbers clamp to the last page)."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("halaman"))


def querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("halaman", None)
    return params.urlencode()
