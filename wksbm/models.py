"""Generic, app-agnostic tables of the core."""

from django.db import models, transaction


class Penomoran(models.Model):
    """Gap-free counters (letters, receipts, registers), one row per scope.

    The increment runs in the caller's transaction: if the record that takes the number is
    not saved, the number is not used either, so sequences have no gaps.
    """

    scope = models.CharField(max_length=120, unique=True)
    nilai = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "penomoran"
        verbose_name_plural = "penomoran"

    def __str__(self) -> str:
        return f"{self.scope}: {self.nilai}"


def next_number(scope: str) -> int:
    """The next number of `scope`; must run inside the transaction that uses it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside transaction.atomic()")
    Penomoran.objects.get_or_create(scope=scope)
    counter = Penomoran.objects.select_for_update().get(scope=scope)
    counter.nilai += 1
    counter.save(update_fields=["nilai"])
    return counter.nilai
