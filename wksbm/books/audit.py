"""History (django-auditlog) shown for people; audited models refuse bulk writes it misses."""

from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.text import capfirst

from wksbm import formatting

KOSONG = "—"
# Said by the page itself: the row's number, and the WKSBM whose book it is.
TIDAK_DITAMPILKAN = {"id", "wksbm"}


def perubahan(entry) -> list[tuple[str, str, str]]:
    """(label, old, new) of each field a log entry changed, as a reader of the book says them:
    the field's verbose name, choice labels, the related row's name, Ya/Tidak, Indonesian
    dates and Rupiah, and a dash for nothing (auditlog stores None as the text "None")."""
    model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
    related: dict = {}
    rows = []
    for name, values in (entry.changes_dict or {}).items():
        if name in TIDAK_DITAMPILKAN:
            continue
        field = _field(model, name)
        label = capfirst(field.verbose_name if field else name.replace("_", " "))
        if isinstance(values, dict):  # many-to-many: {"operation": "add", "objects": [...]}
            objects = ", ".join(map(str, values.get("objects", []))) or KOSONG
            old, new = (KOSONG, objects) if values.get("operation") == "add" else (objects, KOSONG)
        else:
            old, new = (_nilai(field, v, related) for v in values)
        if old != new:  # e.g. None → "" of an empty field on creation
            rows.append((label, old, new))
    return rows


def _field(model, name: str):
    """The model's own field `name`; None for an unknown name or another model's relation to
    this one (auditlog also diffs reverse relations, e.g. a PPKS's referrals)."""
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None
    return None if field is not None and field.auto_created and not field.concrete else field


def _nilai(field, value, related: dict) -> str:
    if value is None or value in ("None", ""):
        return KOSONG
    value = str(value)
    if field is None:
        return value
    if field.choices:
        return str({str(k): v for k, v in field.flatchoices}.get(value, value))
    try:
        if isinstance(field, models.BooleanField):
            return {"True": "Ya", "False": "Tidak"}.get(value, value)
        if isinstance(field, models.DateTimeField):
            return formatting.tanggal_jam(datetime.fromisoformat(value))
        if isinstance(field, models.DateField):
            return formatting.tanggal(date.fromisoformat(value))
        if isinstance(field, models.TimeField):
            return time.fromisoformat(value).strftime("%H.%M")
        if isinstance(field, models.DecimalField):
            show = formatting.rupiah if field.decimal_places == 2 else formatting.angka
            return show(Decimal(value))
        if field.many_to_one or field.one_to_one:
            key = (field.related_model, value)
            if key not in related:
                obj = field.related_model._base_manager.filter(pk=value).first()
                related[key] = str(obj) if obj else f"(dihapus, #{value})"
            return related[key]
    except (ValueError, InvalidOperation, ValidationError):
        pass
    return value


class BulkWriteRefused(RuntimeError):
    pass


class AuditedQuerySet(models.QuerySet):
    """`update()`, `delete()` and `bulk_*` bypass model signals, so history would miss them.

    They are refused; `save_each()` is the explicit path, which saves row by row so that
    every change is recorded.
    """

    def _refuse(self, name: str):
        raise BulkWriteRefused(
            f"{self.model.__name__}.objects.{name}() melewati riwayat perubahan; "
            "gunakan save_each() atau simpan per baris."
        )

    def update(self, **kwargs):
        self._refuse("update")

    def delete(self):
        self._refuse("delete")

    def bulk_create(self, objs, *args, **kwargs):
        self._refuse("bulk_create")

    def bulk_update(self, objs, fields, *args, **kwargs):
        self._refuse("bulk_update")

    def save_each(self, **changes) -> int:
        """Set `changes` on every row and save it, so history records each change."""
        count = 0
        for obj in self:
            for name, value in changes.items():
                setattr(obj, name, value)
            obj.save(update_fields=list(changes))
            count += 1
        return count


class AuditedManager(models.Manager.from_queryset(AuditedQuerySet)):
    pass
