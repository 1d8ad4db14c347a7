"""Locked periods: dates whose books take no new rows or changes.

An app that locks periods (distribution: a laporan submitted to the Dinas Sosial) registers a
checker at start-up:

    kunci.add(pesan_terkunci)   # (tenant, tanggal) -> the Indonesian message, or ""

and every place that writes a dated row asks before saving: the Book machinery (the row's
date before and after an edit), finance.services (every posting) and distribution.services
(hand-overs). `periksa` raises PeriodeTerkunci (a ValidationError, shown on the form).
"""

from collections.abc import Callable
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

Pemeriksa = Callable[[object, date], str]

_pemeriksa: list[Pemeriksa] = []


class PeriodeTerkunci(ValidationError):
    """A write into a locked period."""


def add(fungsi: Pemeriksa) -> None:
    if fungsi not in _pemeriksa:
        _pemeriksa.append(fungsi)


def alasan(tenant, tanggal) -> str:
    """Why `tanggal` is locked for `tenant` ("" when it is open, or is not a date)."""
    if isinstance(tanggal, datetime):
        tanggal = timezone.localdate(tanggal) if timezone.is_aware(tanggal) else tanggal.date()
    if tenant is None or not isinstance(tanggal, date):
        return ""
    for fungsi in _pemeriksa:
        pesan = fungsi(tenant, tanggal)
        if pesan:
            return pesan
    return ""


def periksa(tenant, *tanggal) -> None:
    """Raise PeriodeTerkunci when any of the dates is in a locked period of `tenant`."""
    for t in dict.fromkeys(tanggal):
        pesan = alasan(tenant, t)
        if pesan:
            raise PeriodeTerkunci(pesan, code="periode_terkunci")
