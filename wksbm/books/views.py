"""Generic views for every registered book: fetch the scoped tenant → check → act."""

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from wksbm import excel, kunci, reauth
from wksbm.ekspor.views import di_latar, parameter_dari
from wksbm.listing import paginate, querystring_without_page, search
from wksbm.pdf import render_pdf

from .core import Book, print_widths, row_html, rows
from .periode import Periode
from .tenancy import current as tenancy


def _tenant(request, wksbm: int, book: type[Book], *, write: bool = False):
    return tenancy().get(request.user, wksbm, write=write, jabatan=book.writers)


def _filtered(request, book: type[Book], tenant):
    """The book's rows for this tenant after period, filters and search, plus the widgets."""
    qs = book.queryset(tenant)
    periode, periode_form = Periode.from_request(request)
    qs = periode.apply(qs, book.date_field)
    filterset = None
    if book.filterset is not None:
        filterset = book.filterset(request.GET or None, queryset=qs, wksbm=tenant)
        qs = filterset.qs
    q = request.GET.get("q", "").strip()
    if q and book.search:
        qs = search(qs, q, book.search)
    return qs, {"periode": periode, "periode_form": periode_form, "filterset": filterset, "q": q}


def _filter_label(widgets) -> str:
    """The period and the other active filters, for the heading of a printed book."""
    parts = [widgets["periode"].label]
    filterset = widgets["filterset"]
    if filterset is not None and filterset.form.is_valid():
        for name, value in filterset.form.cleaned_data.items():
            if value in (None, "", [], ()):
                continue
            field = filterset.form.fields[name]
            choices = dict(getattr(field, "choices", ()) or ())
            shown = choices.get(value, choices.get(str(value), value))
            parts.append(f"{field.label}: {shown}")
    if widgets["q"]:
        parts.append(f"pencarian “{widgets['q']}”")
    return " · ".join(parts)


def _url(book, action, tenant, **kw):
    return reverse(book.url_name(action), kwargs={"wksbm": tenant.pk, **kw})


def _urls(book, tenant, obj=None) -> dict[str, str]:
    actions = ["list", "pdf", "xlsx"]
    obj_actions = ["detail", "history"] if book.history else ["detail"]
    if book.creatable:
        actions.append("create")
    if book.editable:
        obj_actions.append("edit")
    if book.import_key:
        actions.append("import")
    urls = {a: _url(book, a, tenant) for a in actions}
    urls["links"] = [(label, _url(book, action, tenant)) for label, action in book.list_links]
    if obj is not None:
        urls.update({a: _url(book, a, tenant, pk=obj.pk) for a in obj_actions})
    urls["cancel"] = urls.get("detail", urls["list"])
    return urls


def _crumbs(book, tenant, obj=None) -> list[tuple[str, str]]:
    crumbs = [(_url(book, "list", tenant), book.title)]
    if obj is not None:
        crumbs.append((_url(book, "detail", tenant, pk=obj.pk), str(obj)))
    return crumbs


def book_list(request: HttpRequest, wksbm: int, book: type[Book]) -> HttpResponse:
    tenant = _tenant(request, wksbm, book)
    qs, widgets = _filtered(request, book, tenant)
    page = paginate(request, qs)
    columns = book.columns
    return render(
        request,
        "books/list.html",
        {
            "book": book,
            "wksbm": tenant,
            "page": page,
            "columns": columns,
            "rows": [(_url(book, "detail", tenant, pk=o.pk), row_html(o, columns)) for o in page],
            "urls": _urls(book, tenant),
            "filter_params": [(k, v) for k, v in request.GET.items() if k != "halaman"],
            "totals": book.total_row(book.totals(qs), columns),
            "subtotals": book.subtotal_rows(qs, columns),
            "boleh_ubah": tenancy().can_write(request.user, tenant, book.writers),
            "boleh_data_pribadi": tenancy().can_see_personal_data(request.user, tenant)
            and any(c.sensitive for c in columns),
            "qs_tanpa_halaman": querystring_without_page(request),
            "query": request.GET.urlencode(),
            **widgets,
        },
    )


def _object(request, book: type[Book], tenant, pk: int):
    return get_object_or_404(book.queryset(tenant), pk=pk)


def book_detail(request: HttpRequest, wksbm: int, pk: int, book: type[Book]) -> HttpResponse:
    tenant = _tenant(request, wksbm, book)
    obj = _object(request, book, tenant, pk)
    return render(
        request,
        book.detail_template,
        {
            "book": book,
            "wksbm": tenant,
            "obj": obj,
            "fields": book.detail_rows(obj),
            "urls": _urls(book, tenant, obj),
            "crumbs": _crumbs(book, tenant),
            "boleh_ubah": tenancy().can_write(request.user, tenant, book.writers),
            "riwayat": LogEntry.objects.get_for_object(obj).select_related("actor")[:5]
            if book.history
            else None,
            **book.detail_context(obj, tenant=tenant, user=request.user),
        },
    )


def _form_page(request, book, tenant, instance=None) -> HttpResponse:
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    # A new row may be prefilled from the query string (e.g. ?ppks=12 from a PPKS's page);
    # choice fields only offer the tenant's own rows, so a foreign id shows nothing.
    initial = request.GET.dict() if data is None and instance is None else None
    # The row's date before the form changes it: neither it nor the new one may be in a
    # locked period (wksbm.kunci).
    tanggal_lama = getattr(instance, book.date_field or "", None)
    form = book.form(
        data, files, instance=instance, initial=initial, **book.form_kwargs(tenant, request.user)
    )
    formsets = [
        formset_class(
            data,
            files,
            instance=instance or book.model(),
            prefix=prefix,
            form_kwargs={"wksbm": tenant},
        )
        for prefix, formset_class in book.formsets.items()
    ]
    valid = form.is_valid() if form.is_bound else False
    valid = all([valid, *(fs.is_valid() for fs in formsets)])
    valid = valid and book.validate(form, formsets)
    if request.method == "POST" and valid:
        try:
            with transaction.atomic():
                tanggal_baru = getattr(form.instance, book.date_field or "", None)
                kunci.periksa(tenant, tanggal_lama, tanggal_baru)
                obj = book.save(form, tenant=tenant, user=request.user)
                for fs in formsets:
                    fs.instance = obj
                    fs.save()
        except ValidationError as exc:  # a rule checked while saving (e.g. under a lock)
            form.add_error(None, exc)
            valid = False
    if request.method == "POST" and valid:
        messages.success(
            request, f"{book.singular[:1].upper()}{book.singular[1:]} disimpan di {book.title}."
        )
        for warning in book.warnings(obj, tenant=tenant):
            messages.warning(request, warning)
        return redirect(_url(book, "detail", tenant, pk=obj.pk))
    judul = f"Ubah {book.singular}" if instance else f"Tambah {book.singular}"
    return render(
        request,
        "books/form.html",
        {
            "book": book,
            "wksbm": tenant,
            "form": form,
            "formsets": formsets,
            "obj": instance,
            "judul": judul,
            "urls": _urls(book, tenant, instance),
            "crumbs": _crumbs(book, tenant, instance),
        },
        status=400 if form.is_bound else 200,
    )


def book_create(request: HttpRequest, wksbm: int, book: type[Book]) -> HttpResponse:
    return _form_page(request, book, _tenant(request, wksbm, book, write=True))


def book_edit(request: HttpRequest, wksbm: int, pk: int, book: type[Book]) -> HttpResponse:
    tenant = _tenant(request, wksbm, book, write=True)
    return _form_page(request, book, tenant, _object(request, book, tenant, pk))


def book_history(request: HttpRequest, wksbm: int, pk: int, book: type[Book]) -> HttpResponse:
    tenant = _tenant(request, wksbm, book)
    obj = _object(request, book, tenant, pk)
    entries = LogEntry.objects.get_for_object(obj).select_related("actor")
    return render(
        request,
        "books/history.html",
        {
            "book": book,
            "wksbm": tenant,
            "obj": obj,
            "page": paginate(request, entries),
            "crumbs": _crumbs(book, tenant, obj),
        },
    )


def _file_name(book, tenant, periode: Periode, ext: str) -> str:
    return f"{slugify(book.title)}_{tenancy().slug(tenant)}_{periode.slug}.{ext}"


def _personal(request, tenant) -> bool:
    """Personal data goes out only on an explicit choice by a pengurus of this WKSBM."""
    return request.GET.get("data_pribadi") == "ya" and tenancy().can_see_personal_data(
        request.user, tenant
    )


def _background(request, book: type[Book], tenant, qs, widgets, fmt: str):
    """A big export (over EKSPOR_LATAR_*_BARIS rows, or the PDF of a whole year) is made by
    the task worker: GET says so and offers the button, POST records the job (once for the
    same request while it is pending) and redirects to its progress page. None: export now.
    (Excel streams in constant memory, so only its row count sends it to the background.)"""
    limit = settings.EKSPOR_LATAR_PDF_BARIS if fmt == "pdf" else settings.EKSPOR_LATAR_XLSX_BARIS
    periode = widgets["periode"]
    whole_year = (
        fmt == "pdf"
        and bool(periode.dari and periode.sampai)
        and (periode.sampai - periode.dari).days + 1 >= settings.EKSPOR_LATAR_HARI
    )
    count = qs.count()
    if count <= limit and not whole_year:
        return None
    return di_latar(
        request,
        nama=book.title,
        isi=f"berisi {count} baris",
        fmt=fmt,
        wksbm=tenant,
        crumbs=_crumbs(book, tenant),
        tenant_id=tenant.pk,
        jenis=f"buku-{fmt}",
        sumber=book.slug,
        judul=f"{book.title} ({fmt.upper()}) · {_filter_label(widgets)}",
        parameter=parameter_dari(request),
        baris_total=count,
        data_pribadi=fmt == "xlsx" and _personal(request, tenant),
    )


def _watermark(user, book: type[Book], tenant, qs, fmt: str, *, personal: bool = False) -> str:
    """An export of a book naming people, or with their NIK, is logged (who, when, which
    book, how many rows) and carries that on every page: the watermark; else ""."""
    if user is None or not (book.personal or personal):  # no user: a benchmark
        return ""
    label = f"{book.title} ({fmt}{', dengan NIK/No. KK' if personal else ''})"
    return tenancy().log_personal_export(user=user, tenant=tenant, book=label, rows=qs.count())


def pdf_context(book: type[Book], tenant, qs, widgets, *, user=None) -> dict:
    """Everything the book's print template needs but its rows."""
    columns = book.columns
    return {
        "watermark": _watermark(user, book, tenant, qs, "PDF"),
        "book": book,
        "judul": book.title,
        "periode": _filter_label(widgets),
        "columns": columns,
        "widths": print_widths(columns),
        "totals": book.total_row(book.totals(qs), columns),
        "subtotals": book.subtotal_rows(qs, columns),
        "tanggal_cetak": timezone.localdate(),
        "nomor_awal": 0,  # the rows are numbered on from here (a chunk of a big PDF)
        **tenancy().print_context(tenant, book.signers),
    }


def print_rows(book: type[Book], qs):
    return rows(qs.order_by(*book.print_order()).iterator(chunk_size=2000), book.columns)


def book_pdf(request: HttpRequest, wksbm: int, book: type[Book]) -> HttpResponse:
    tenant = _tenant(request, wksbm, book)
    qs, widgets = _filtered(request, book, tenant)
    if (background := _background(request, book, tenant, qs, widgets, "pdf")) is not None:
        return background
    context = {
        **pdf_context(book, tenant, qs, widgets, user=request.user),
        "rows": print_rows(book, qs),
    }
    pdf = render_pdf(book.print_template, context)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = _file_name(book, tenant, widgets["periode"], "pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def book_xlsx(request: HttpRequest, wksbm: int, book: type[Book]) -> HttpResponse:
    tenant = _tenant(request, wksbm, book)
    if _personal(request, tenant) and not reauth.is_fresh(request):
        return reauth.ask(request)  # NIK/No. KK: the password or a code again (10 minutes)
    qs, widgets = _filtered(request, book, tenant)
    if (background := _background(request, book, tenant, qs, widgets, "xlsx")) is not None:
        return background
    return FileResponse(
        xlsx_file(request, book, tenant, qs, widgets),
        as_attachment=True,
        filename=_file_name(book, tenant, widgets["periode"], "xlsx"),
        content_type=excel.XLSX_TYPE,
    )


def xlsx_file(request, book: type[Book], tenant, qs, widgets):
    """The book's Excel file as a stream (personal data only on an explicit, logged ask)."""
    personal = _personal(request, tenant)
    columns = book.export_columns(personal=personal)
    sheet = excel.Sheet(
        title=book.title,
        subtitle=[str(tenant), f"Periode: {_filter_label(widgets)}"],
        headers=[c.label for c in columns],
        kinds=[c.kind for c in columns],
        widths=[c.width for c in columns],
        watermark=_watermark(request.user, book, tenant, qs, "Excel", personal=personal),
    )
    rows_in_order = qs.order_by(*book.print_order()).iterator(chunk_size=2000)  # as on paper
    data = ([c.cell(obj) for c in columns] for obj in rows_in_order)
    totals = book.total_row(book.totals(qs), columns, typed=True)
    footer = book.subtotal_rows(qs, columns, typed=True)
    return excel.write(sheet, data, totals, footer=footer)
