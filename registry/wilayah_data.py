"""Load the national region data (Kemendagri codes) shipped in `registry/data/wilayah/`.

The data is idn-area-data (fityannugroho), ODbL 1.0: see `registry/data/wilayah/README.md`.
Loading is idempotent: rows are upserted by `kode`, so a re-run updates names (and parents)
and never duplicates. Padukuhan have no national code and are not touched here.
"""

import csv
import functools
import gzip
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from django.db import models, transaction

from .models import Desa, Kabupaten, Kecamatan, Provinsi

DATA_DIR = Path(__file__).resolve().parent / "data" / "wilayah"

# Rows per INSERT … ON CONFLICT statement. Django further splits a batch to respect the
# backend's limit on query parameters (999 on SQLite in Django 5.2: 333 rows of 3 columns).
BATCH_SIZE = 2000

# (count key, label printed by the command, model, file, columns after `kode`)
LEVELS: list[tuple[str, str, type[models.Model], str, list[str]]] = [
    ("provinsi", "Provinsi", Provinsi, "provinces.csv.gz", ["nama"]),
    ("kabupaten", "Kabupaten/kota", Kabupaten, "regencies.csv.gz", ["provinsi", "nama"]),
    ("kecamatan", "Kapanewon/kecamatan", Kecamatan, "districts.csv.gz", ["kabupaten", "nama"]),
    ("desa", "Kalurahan/desa", Desa, "villages.csv.gz", ["kecamatan", "nama"]),
]
LABELS = {key: label for key, label, *_ in LEVELS}


def _rows(filename: str) -> Iterator[list[str]]:
    """The data rows of one shipped CSV file, streamed (header skipped)."""
    with gzip.open(DATA_DIR / filename, "rt", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        yield from reader


def kode_provinsi_tersedia() -> dict[str, str]:
    """Every province in the shipped data: kode → nama."""
    return dict(_rows("provinces.csv.gz"))


@functools.cache
def kode_kabupaten_tersedia() -> frozenset[str]:
    """Every kabupaten/kota code of the shipped data, undotted ("3402", "9601"), read once."""
    return frozenset(kode.replace(".", "") for kode, *_ in _rows("regencies.csv.gz"))


def _upsert(
    model: type[models.Model], objs: Iterable[models.Model], *, update_fields: list[str]
) -> int:
    """Insert-or-update `objs` by primary key `kode` in batches; returns the number of rows."""
    total = 0
    objs = iter(objs)
    while batch := list(islice(objs, BATCH_SIZE)):
        model.objects.bulk_create(
            batch,
            update_conflicts=True,
            unique_fields=["kode"],
            update_fields=update_fields,
        )
        total += len(batch)
    return total


def load(provinsi: list[str] | None = None) -> dict[str, int]:
    """Load the given provinces (Kemendagri codes, e.g. ["34"]), or all of them when None.

    Returns the number of rows loaded per level: {"provinsi", "kabupaten", "kecamatan", "desa"}.
    Raises ValueError for an unknown province code, before anything is written.
    """
    wanted: set[str] | None = None
    if provinsi is not None:
        wanted = {kode.strip() for kode in provinsi}
        if not wanted:
            raise ValueError("Sebutkan minimal satu kode provinsi.")
        unknown = sorted(wanted - kode_provinsi_tersedia().keys())
        if unknown:
            raise ValueError(f"Kode provinsi tidak dikenal: {', '.join(unknown)}.")

    counts: dict[str, int] = {}
    with transaction.atomic():
        for key, _label, model, filename, columns in LEVELS:
            # The CSV columns are the model's fields in declaration order (kode, parent, nama),
            # so rows build instances positionally: the cheapest way to make ~84,000 of them.
            fields = [f.name for f in model._meta.concrete_fields]
            if fields != ["kode", *columns]:
                raise RuntimeError(f"{model.__name__} fields {fields} do not match {filename}.")
            objs = (
                model(*row) for row in _rows(filename) if wanted is None or row[0][:2] in wanted
            )
            counts[key] = _upsert(model, objs, update_fields=columns)
    return counts


def ringkasan(counts: dict[str, int]) -> str:
    """The command's summary, e.g. `Provinsi: 1, Kabupaten/kota: 5, Kapanewon/kecamatan: 78, …`."""
    return ", ".join(f"{LABELS[key]}: {n}" for key, n in counts.items())
