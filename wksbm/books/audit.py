"""Audited models refuse bulk writes that signal-based history (django-auditlog) would miss."""

from django.db import models


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
