"""Excel import for books that declare an `import_key`.

Template → dry run (every bad row reported with its line number, every change shown) →
all-or-nothing commit in one transaction. Rows are validated by the book's own form, so
an import obeys exactly the rules of the form a person fills in.
"""

import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.text import slugify
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from wksbm import excel, kunci
from wksbm.forms import tulis_angka

from .core import Book, Column
from .tenancy import current as tenancy

MAX_BYTES = 10 * 1024 * 1024
HEADER_SCAN_ROWS = 15


class FileRejected(Exception):
    """The file as a whole can't be read; the message says why, in Indonesian."""


@dataclass(frozen=True)
class Formula:
    """A cell holding a formula: refused (its value is whatever the sheet computed last)."""

    text: str
    coordinate: str


@dataclass
class RowResult:
    line: int
    form: forms.ModelForm | None
    instance: object | None
    errors: list[str] = field(default_factory=list)
    changes: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def action(self) -> str:
        if self.errors:
            return "galat"
        if self.instance is None:
            return "baru"
        return "ubah" if self.changes else "tetap"


@dataclass
class ImportResult:
    rows: list[RowResult]

    @property
    def errors(self) -> list[RowResult]:
        return [r for r in self.rows if r.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def count_baru(self) -> int:
        return self.count("baru")

    @property
    def count_ubah(self) -> int:
        return self.count("ubah")

    @property
    def count_tetap(self) -> int:
        return self.count("tetap")


def import_columns(book: type[Book]) -> list[Column]:
    return [c for c in book.columns if c.import_field]


def _is_multiple(form_field: forms.Field) -> bool:
    return isinstance(form_field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)


def _cell_to_input(value, form_field: forms.Field) -> str | list[str]:
    multiple = _is_multiple(form_field)
    if value is None:
        return [] if multiple else ""
    if isinstance(form_field, forms.BooleanField):
        return "on" if str(value).strip().lower() in {"ya", "y", "1", "true", "benar"} else ""
    if isinstance(value, datetime):
        value = value.date() if isinstance(form_field, forms.DateField) else value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and isinstance(form_field, forms.DecimalField):
        # Exactly the number in the cell, written the way AngkaField reads it (1250000,5);
        # a text cell ("1.250.000,50") goes to the field as typed.
        try:
            return tulis_angka(Decimal(repr(value)), ribuan=False)
        except InvalidOperation:  # too large for any field: its own message says so
            return str(value)
    if isinstance(value, float):
        try:
            value = Decimal(repr(value)).quantize(Decimal("0.01"))
        except InvalidOperation:
            return str(value)
        value = value.normalize() if value == value.to_integral_value() else value
        return f"{value:f}"
    text = str(value).strip()
    if multiple:
        return [_choice_value(part.strip(), form_field) for part in text.split(",") if part.strip()]
    if isinstance(form_field, forms.ChoiceField | forms.ModelChoiceField):
        return _choice_value(text, form_field)
    return text


def _choice_value(text: str, form_field) -> str:
    """Accept a choice by its value or by its label (as the export writes it)."""
    lowered = text.lower()
    for value, label in form_field.choices:
        if str(value).lower() == lowered or str(label).lower() == lowered:
            return str(value)
    return text


def _initial(form: forms.ModelForm) -> MultiValueDict:
    """The form's current values as submitted data (what an unchanged row would post)."""
    data = MultiValueDict()
    for name, field_ in form.fields.items():
        value = form[name].value()
        if isinstance(value, list | tuple) or (value is None and _is_multiple(field_)):
            data.setlist(name, [str(v) for v in value or []])
        elif value is None:
            data[name] = ""
        elif isinstance(value, date | datetime):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
        if field_.show_hidden_initial:  # fields with a callable default compare against this
            data.setlist(form.add_initial_prefix(name), data.getlist(name))
    return data


def read_sheet(book: type[Book], handle) -> list[tuple[int, dict[str, object]]]:
    """Rows of the first sheet as (line number, {form field: cell value})."""
    try:
        wb = load_workbook(handle, read_only=True)  # formulas as formulas, to refuse them
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileRejected("Berkas bukan file Excel (.xlsx) yang sah.") from exc
    ws = wb.worksheets[0]
    by_label = {c.label.strip().lower(): c for c in book.columns}
    key_label = next(c.label.lower() for c in book.columns if c.import_field == book.import_key)
    header, header_line, rows = None, 0, []
    for line, cells in enumerate(ws.iter_rows(), start=1):
        values = [
            Formula(str(c.value), c.coordinate) if c.data_type == "f" else c.value for c in cells
        ]
        if header is None:
            labels = [str(v).strip().lower() if v is not None else "" for v in values]
            if key_label in labels:
                header, header_line = labels, line
                unknown = [v for v in labels if v and v not in by_label and v != "no"]
                if unknown:
                    wb.close()
                    raise FileRejected(
                        "Kolom tidak dikenal: " + ", ".join(unknown) + ". Gunakan templat impor."
                    )
            elif line >= HEADER_SCAN_ROWS:
                break
            continue
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        if str(values[0] or "").strip().upper() == "JUMLAH":
            break
        row = {}
        for label, value in zip(header, values, strict=False):
            column = by_label.get(label)
            if column is not None and column.import_field:
                row[column.import_field] = value
        rows.append((line, row))
    wb.close()
    if header is None:
        raise FileRejected(
            f"Baris judul kolom tidak ditemukan: kolom “{key_label}” wajib ada. "
            "Gunakan templat impor."
        )
    if not rows:
        raise FileRejected(f"Tidak ada baris data di bawah judul kolom (baris {header_line}).")
    return rows


def validate(book: type[Book], tenant, user, handle) -> ImportResult:
    """Dry run: every row through the book's form; nothing is written."""
    results, seen = [], {}
    kwargs = book.form_kwargs(tenant, user)
    form_class = book.import_form or book.form
    for line, values in read_sheet(book, handle):
        formulas = {n: v for n, v in values.items() if isinstance(v, Formula)}
        key = "" if book.import_key in formulas else str(values.get(book.import_key) or "")
        key = key.strip()
        instance = book.import_lookup(tenant, key, values)
        tanggal_lama = getattr(instance, book.date_field or "", None)
        blank = form_class(instance=instance, **kwargs)
        data = _initial(blank)  # model defaults for new rows, current values for old
        for name, value in values.items():
            if name not in blank.fields or name in formulas:
                continue
            converted = _cell_to_input(value, blank.fields[name])
            if isinstance(converted, list):
                data.setlist(name, converted)
            else:
                data[name] = converted
        form = form_class(data=data, files=None, instance=instance, **kwargs)
        row = RowResult(line=line, form=form, instance=instance)
        for name, formula in formulas.items():
            label = next(c.label for c in book.columns if c.import_field == name)
            row.errors.append(
                f"{label} (sel {formula.coordinate}) berisi rumus “{formula.text}”: "
                "impor hanya menerima nilai. Ketik nilainya, bukan rumus."
            )
        if not (form.is_valid() and book.validate(form, [])):
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else "Baris"
                row.errors += [f"{label}: {e}" for e in errors]
        tanggal_baru = getattr(form.instance, book.date_field or "", None)
        if pesan := kunci.alasan(tenant, tanggal_lama) or kunci.alasan(tenant, tanggal_baru):
            row.errors.append(pesan)  # a locked period (wksbm.kunci)
        if key and key in seen:
            row.errors.append(f"{key} sudah muncul di baris {seen[key]}.")
        elif key:
            seen[key] = line
        if instance is not None and not row.errors:
            row.changes = [
                (form.fields[n].label, str(blank[n].value() or "—"), str(form[n].value() or "—"))
                for n in form.changed_data
            ]
        results.append(row)
    return ImportResult(results)


@transaction.atomic
def commit(book: type[Book], tenant, user, handle) -> ImportResult:
    """All or nothing: validates again, then saves every row in one transaction."""
    result = validate(book, tenant, user, handle)
    if not result.ok:
        return result
    sid = transaction.savepoint()
    for row in result.rows:
        if row.action in {"baru", "ubah"}:
            try:
                book.save(row.form, tenant=tenant, user=user)
            except IntegrityError:
                transaction.savepoint_rollback(sid)
                row.errors.append(
                    "Bentrok dengan baris lain (data kembar); tidak ada yang disimpan."
                )  # noqa: E501
                return result
    return result


def _session_key(book, tenant) -> str:
    return f"impor:{book.slug}:{tenant.pk}"


def _stored(request, book, tenant):
    name = request.session.get(_session_key(book, tenant))
    if not name or not default_storage.exists(name):
        return None
    return name


def import_template(request: HttpRequest, wksbm: int, book: type[Book]) -> FileResponse:
    tenant = tenancy().get(request.user, wksbm, write=True, jabatan=book.writers)
    columns = import_columns(book)
    sheet = excel.Sheet(
        title=book.title,
        subtitle=[str(tenant), "Templat impor: isi mulai baris di bawah judul kolom."],
        headers=[c.label for c in columns],
        kinds=[c.kind for c in columns],
        widths=[c.width for c in columns],
    )
    return FileResponse(
        excel.write(sheet, []),
        as_attachment=True,
        filename=f"templat-impor_{slugify(book.title)}.xlsx",
        content_type=excel.XLSX_TYPE,
    )


class UploadForm(forms.Form):
    berkas = forms.FileField(label="Berkas Excel (.xlsx, maks. 10 MB)")

    def clean_berkas(self):
        upload = self.cleaned_data["berkas"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("Berkas lebih dari 10 MB. Bagi menjadi beberapa berkas.")
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":
            raise forms.ValidationError("Berkas bukan file Excel (.xlsx) yang sah.")
        return upload


def _page(request, book, tenant, *, form, result=None, file_error="", status=200):
    return render(
        request,
        "books/import.html",
        {
            "book": book,
            "wksbm": tenant,
            "form": form,
            "result": result,
            "file_error": file_error,
            "columns": import_columns(book),
            "key_label": next(c.label for c in book.columns if c.import_field == book.import_key),
            "urls": {
                "template": reverse(book.url_name("import-template"), args=[tenant.pk]),
                "commit": reverse(book.url_name("import-commit"), args=[tenant.pk]),
            },
            "crumbs": [(reverse(book.url_name("list"), args=[tenant.pk]), book.title)],
        },
        status=status,
    )


def import_upload(request: HttpRequest, wksbm: int, book: type[Book]) -> HttpResponse:
    tenant = tenancy().get(request.user, wksbm, write=True, jabatan=book.writers)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _page(request, book, tenant, form=form)
    if not form.is_valid():
        return _page(request, book, tenant, form=form, status=400)
    upload = form.cleaned_data["berkas"]
    old = _stored(request, book, tenant)
    if old:
        default_storage.delete(old)
    name = default_storage.save(f"impor/{uuid.uuid4().hex}.xlsx", ContentFile(upload.read()))
    request.session[_session_key(book, tenant)] = name
    try:
        with default_storage.open(name, "rb") as handle:
            result = validate(book, tenant, request.user, handle)
    except FileRejected as exc:
        return _page(request, book, tenant, form=UploadForm(), file_error=str(exc), status=400)
    return _page(request, book, tenant, form=UploadForm(), result=result)


def import_commit(request: HttpRequest, wksbm: int, book: type[Book]) -> HttpResponse:
    tenant = tenancy().get(request.user, wksbm, write=True, jabatan=book.writers)
    if request.method != "POST":
        return redirect(book.url_name("import"), wksbm=tenant.pk)
    name = _stored(request, book, tenant)
    if name is None:
        messages.error(request, "Berkas impor tidak ditemukan lagi. Unggah ulang berkasnya.")
        return redirect(book.url_name("import"), wksbm=tenant.pk)
    try:
        with default_storage.open(name, "rb") as handle:
            result = commit(book, tenant, request.user, handle)
    except FileRejected as exc:
        return _page(request, book, tenant, form=UploadForm(), file_error=str(exc), status=400)
    if not result.ok:
        return _page(request, book, tenant, form=UploadForm(), result=result, status=400)
    default_storage.delete(name)
    del request.session[_session_key(book, tenant)]
    messages.success(
        request,
        f"Impor selesai: {result.count('baru')} baru, {result.count('ubah')} diubah, "
        f"{result.count('tetap')} tetap.",
    )
    return redirect(book.url_name("list"), wksbm=tenant.pk)
