"""Generic, app-agnostic database pieces of the core: gap-free counters and exact sums."""

from decimal import Decimal

from django.db import models, transaction
from django.db.models import Sum, Value
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property


class Tepat(Coalesce):
    """COALESCE(expression, 0), exact to its field's decimal places on every database.

    SQLite sums decimals as binary floats (1,88 + 1,01 − 1,88 − 1,01 comes back as
    −2,2E−16, shown as "−Rp0,00"), so every computed money or quantity total goes through
    here."""

    def __init__(self, expression, *, output_field=None):
        super().__init__(expression, Value(0), output_field=output_field)

    def _resolve_output_field(self):
        return self.source_expressions[0].output_field

    @cached_property
    def convert_value(self):
        places = getattr(self.output_field, "decimal_places", None)
        if places is None:
            return super().convert_value
        unit = Decimal(1).scaleb(-places)

        def exact(value, expression, connection):
            # + 0 turns −0,00 into 0,00
            return None if value is None else Decimal(value).quantize(unit) + 0

        return exact


class Jumlah(Tepat):
    """The exact SUM(expression) over the rows [matching filter]; 0 over none."""

    def __init__(self, expression, *, filter=None, output_field=None):
        total = Sum(expression, filter=filter, output_field=output_field)
        super().__init__(total, output_field=output_field)


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
