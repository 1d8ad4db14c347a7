"""A book is a short declaration; list, detail, form, history, PDF and Excel come from here.

    @books.register
    class BukuTamu(Book):
        slug = "tamu"
        title = "Buku Tamu"
        model = Tamu
        form = TamuForm
        columns = [Column("tanggal", "Hari/Tanggal", kind="date"), Column("nama", "Nama")]
        search = ["nama", "instansi"]

The queryset a book sees is always already restricted to one WKSBM by the views.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from django.urls import path
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from wksbm import formatting
from wksbm.models import Jumlah

KINDS = {"text", "date", "datetime", "time", "money", "int", "decimal", "bool"}


def _format(kind: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if kind == "date":
        return formatting.tanggal(value)
    if kind == "datetime":
        return formatting.tanggal_jam(value)
    if kind == "time":
        return value.strftime("%H.%M")
    if kind == "money":
        return formatting.rupiah(value)
    if kind in {"int", "decimal"}:
        return formatting.angka(value)
    if kind == "bool":
        return "Ya" if value else "Tidak"
    return str(value)


@dataclass(frozen=True)
class Column:
    """One column of a book: where its value comes from, and how it is shown and typed."""

    accessor: str  # dotted attribute path; a callable at the end is called
    label: str
    kind: str = "text"
    width: int = 18  # Excel width in characters
    total: bool = False  # summed in the JUMLAH row
    sensitive: bool = False  # personal data: masked on screen and print, off exports by default
    group: str = ""  # header group above the column (e.g. "Surat masuk")
    fmt: Callable[[Any], str] | None = None
    field: str | None = None  # form field an import fills; default: a plain accessor

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Unknown column kind {self.kind!r}")

    def value(self, obj: Any) -> Any:
        for part in self.accessor.split("."):
            if obj is None:
                return None
            obj = getattr(obj, part)
        return obj() if callable(obj) else obj

    @property
    def import_field(self) -> str | None:
        if self.field is not None:
            return self.field or None
        return None if "." in self.accessor or self.accessor.startswith("get_") else self.accessor

    @property
    def numeric(self) -> bool:
        return self.kind in {"money", "int", "decimal"}

    def format(self, value: Any) -> str:
        """The value as shown on screen and in print (personal data masked)."""
        if self.sensitive:
            return formatting.samarkan(str(value or ""))
        return self.fmt(value) if self.fmt else _format(self.kind, value)

    def typed(self, value: Any) -> Any:
        """The value as an Excel cell: dates as dates, amounts as numbers."""
        if value is None:
            return None
        if self.kind in {"money", "decimal"}:
            return Decimal(value)
        if self.kind == "datetime" and isinstance(value, datetime):
            return timezone.localtime(value).replace(tzinfo=None)
        if self.kind in {"date", "time", "int"} and isinstance(value, date | time | int):
            return value
        if self.kind == "bool":
            return "Ya" if value else "Tidak"
        return self.fmt(value) if self.fmt else str(value)

    def display(self, obj: Any) -> str:
        return self.format(self.value(obj))

    def cell(self, obj: Any) -> Any:
        return self.typed(self.value(obj))


class Book:
    """Declaration of one administrative book. Subclass, set the attributes, register."""

    slug: ClassVar[str]
    title: ClassVar[str]
    model: ClassVar[type[Model]]
    form: ClassVar[type]
    columns: ClassVar[list[Column]]
    search: ClassVar[list[str]] = []
    filterset: ClassVar[type | None] = None
    ordering: ClassVar[list[str]] = ["-pk"]  # on screen: a journal shows its newest first
    print_ordering: ClassVar[list[str] | None] = None  # default: `ordering`, every key ascending
    date_field: ClassVar[str | None] = "tanggal"
    writers: ClassVar[frozenset[str] | None] = None  # jabatan; None = every pengurus
    signers: ClassVar[tuple[str, str]] = ("ketua", "sekretaris")
    select_related: ClassVar[list[str]] = []
    prefetch_related: ClassVar[list[str]] = []
    landscape: ClassVar[bool] = False
    order: ClassVar[int] = 99  # place in the menu (domain.md §2 numbering)
    detail_template: ClassVar[str] = "books/detail.html"
    print_template: ClassVar[str] = "books/print.html"
    singular: ClassVar[str] = "data"
    creatable: ClassVar[bool] = True  # False: no create page (a view of another book)
    editable: ClassVar[bool] = True  # False: no edit page (a view, or an append-only book)
    history: ClassVar[bool] = True  # False: rows never change, so there is no history page
    personal: ClassVar[bool] = False  # rows name people (PPKS): every export logged, watermarked
    formsets: ClassVar[dict[str, type]] = {}  # prefix -> inline formset class
    extra_urls: ClassVar[list[tuple[str, Callable, str]]] = []  # (suffix, view, action)
    list_links: ClassVar[list[tuple[str, str]]] = []  # (label, action of an extra URL)
    import_key: ClassVar[str | None] = None  # set to make the book importable from Excel
    import_form: ClassVar[type | None] = None  # form for imported rows (default: `form`)
    subtotal_by: ClassVar[str | None] = None  # lookup to subtotal the summed columns by

    @classmethod
    def queryset(cls, tenant) -> QuerySet:
        qs = cls.model.objects.filter(wksbm=tenant)
        if cls.select_related:
            qs = qs.select_related(*cls.select_related)
        if cls.prefetch_related:
            qs = qs.prefetch_related(*cls.prefetch_related)
        return qs.order_by(*cls.ordering)

    @classmethod
    def print_order(cls) -> list[str]:
        """A paper book runs forwards: the printed rows and the Excel file go oldest first (and
        are numbered 1..n in that order), while the screen shows the newest first."""
        return cls.print_ordering or [key.removeprefix("-") for key in cls.ordering]

    @classmethod
    def form_kwargs(cls, tenant, user) -> dict:
        return {"wksbm": tenant}

    @classmethod
    def save(cls, form, *, tenant, user) -> Model:
        """Save a valid form for this tenant (inside the view's transaction)."""
        obj = form.save(commit=False)
        obj.wksbm = tenant
        obj.save()
        form.save_m2m()
        return obj

    @classmethod
    def validate(cls, form, formsets: list) -> bool:
        """Rules across the form and its formsets; add errors to `form` and return False."""
        return True

    @classmethod
    def import_lookup(cls, tenant, key: str, values: dict):
        """The existing row an imported row updates (None: a new row)."""
        if not key:
            return None
        return cls.model.objects.filter(wksbm=tenant, **{cls.import_key: key}).first()

    @classmethod
    def warnings(cls, obj, *, tenant) -> list[str]:
        """Non-blocking warnings shown after a save (e.g. a possible duplicate)."""
        return []

    @classmethod
    def detail_context(cls, obj, *, tenant, user) -> dict:
        """Extra context for a book's own detail template."""
        return {}

    @classmethod
    def export_columns(cls, *, personal: bool = False) -> list[Column]:
        """Excel columns: personal data only on an explicit, logged request."""
        return [c for c in cls.columns if personal or not c.sensitive]

    @classmethod
    def totals(cls, queryset: QuerySet) -> dict[str, Decimal] | None:
        """JUMLAH over the whole filtered queryset, in one query (None: nothing is summed)."""
        summed = [c for c in cls.columns if c.total]
        if not summed:
            return None
        agg = {f"total_{i}": Jumlah(c.accessor.replace(".", "__")) for i, c in enumerate(summed)}
        values = queryset.order_by().aggregate(**agg)
        return {c.accessor: values[f"total_{i}"] for i, c in enumerate(summed)}

    @classmethod
    def subtotal_rows(cls, queryset: QuerySet, columns: list[Column], *, typed: bool = False):
        """One row per group of `subtotal_by` (e.g. per fund), in one query."""
        summed = [c for c in cls.columns if c.total]
        if not (cls.subtotal_by and summed):
            return []
        agg = {f"total_{i}": Jumlah(c.accessor.replace(".", "__")) for i, c in enumerate(summed)}
        groups = queryset.order_by().values(cls.subtotal_by).annotate(**agg)
        result = []
        for group in groups.order_by(cls.subtotal_by):
            totals = {c.accessor: group[f"total_{i}"] for i, c in enumerate(summed)}
            row = cls.total_row(totals, columns, typed=typed)
            row[0] = f"Subtotal {group[cls.subtotal_by]}"
            result.append(row)
        return result

    @classmethod
    def total_row(cls, totals: dict | None, columns: list[Column], *, typed: bool = False):
        """The JUMLAH row aligned with `columns` (None when the book sums nothing)."""
        if totals is None:
            return None
        cells = [
            (c.typed if typed else c.format)(totals[c.accessor]) if c.total else None
            for c in columns
        ]
        if cells and cells[0] is None:
            cells[0] = "JUMLAH"
        return cells

    @classmethod
    def detail_rows(cls, obj) -> list[tuple[str, str]]:
        """Label/value pairs for the detail page (the columns, in order)."""
        return [(c.label, c.display(obj)) for c in cls.columns]

    @classmethod
    def url_name(cls, action: str) -> str:
        return f"{cls.model._meta.app_label}:{cls.slug}-{action}"


_registry: dict[str, type[Book]] = {}


def register(book: type[Book]) -> type[Book]:
    if book.slug in _registry and _registry[book.slug] is not book:
        raise ValueError(f"Book slug {book.slug!r} is registered twice")
    _registry[book.slug] = book
    return book


def all_books() -> list[type[Book]]:
    return sorted(_registry.values(), key=lambda b: (b.order, b.title))


def urlpatterns(app_label: str) -> list:
    """URL patterns of every registered book whose model belongs to `app_label`."""
    from . import views

    patterns = []
    for book in all_books():
        if book.model._meta.app_label != app_label:
            continue
        routes = [
            ("", views.book_list, "list"),
            ("unduh.pdf", views.book_pdf, "pdf"),
            ("unduh.xlsx", views.book_xlsx, "xlsx"),
            ("<int:pk>/", views.book_detail, "detail"),
        ]
        if book.history:
            routes.append(("<int:pk>/riwayat/", views.book_history, "history"))
        if book.creatable:
            routes.append(("baru/", views.book_create, "create"))
        if book.editable:
            routes.append(("<int:pk>/ubah/", views.book_edit, "edit"))
        if book.import_key:
            from . import imports

            routes += [
                ("impor/", imports.import_upload, "import"),
                ("impor/simpan/", imports.import_commit, "import-commit"),
                ("impor/templat.xlsx", imports.import_template, "import-template"),
            ]
        routes += book.extra_urls
        base = f"w/<int:wksbm>/{book.slug}/"
        patterns += [
            path(base + suffix, view, {"book": book}, name=f"{book.slug}-{action}")
            for suffix, view, action in routes
        ]
    return patterns


_TD = ("<td>{}</td>", '<td class="angka">{}</td>')


def row_html(obj, columns: Iterable[Column]) -> str:
    """The <td> cells of one row, escaped. Built here rather than in a template loop: a
    book page or print has rows × columns cells, and the template engine's per-cell cost
    dominated the list page and the PDF (see bench/books.py)."""
    return mark_safe(
        "".join(_TD[c.numeric].format(conditional_escape(c.display(obj))) for c in columns)
    )


NO_WIDTH = 5  # the printed "No" column, in characters like Column.width
PADDING = 4  # a cell's padding, in the same characters: narrow columns need it most


def print_widths(columns: list[Column]) -> list[str]:
    """Each printed column's share of the page (the "No" column first), from the Excel
    widths. The print table has a fixed layout: WeasyPrint's automatic layout measures
    every cell again for each page, so a year of rows took seconds (bench/books.py)."""
    widths = [NO_WIDTH + PADDING, *(c.width + PADDING for c in columns)]
    return [f"{100 * w / sum(widths):.2f}%" for w in widths]


def rows(queryset: Iterable, columns: list[Column]) -> Iterable[str]:
    for obj in queryset:
        yield row_html(obj, columns)
