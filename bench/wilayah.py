"""Benchmark: load every province (83,762 desa) twice, fresh and re-run; each must take < 60 s.

    DJANGO_DEBUG=1 .venv/bin/python bench/wilayah.py

Uses a temporary SQLite file unless DATABASE_URL is set (then that database is migrated and
its region tables are upserted: use a scratch database).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

LIMIT_SECONDS = 60.0


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wksbm.settings")
    tmpdir = None
    if "DATABASE_URL" not in os.environ:
        tmpdir = tempfile.TemporaryDirectory(prefix="wksbm-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmpdir.name) / 'bench.sqlite3'}"

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection

    from registry import wilayah_data
    from registry.models import Desa

    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")

    ok = True
    for run in ("fresh", "re-run"):
        start = time.perf_counter()
        counts = wilayah_data.load(None)
        seconds = time.perf_counter() - start
        in_db = Desa.objects.count()
        ok &= seconds < LIMIT_SECONDS and counts["desa"] == in_db == 83762
        print(f"{run:7} {seconds:6.2f} s  {wilayah_data.ringkasan(counts)}; desa in DB: {in_db}")

    connection.close()
    if tmpdir is not None:
        tmpdir.cleanup()
    print("OK" if ok else f"FAILED: over {LIMIT_SECONDS:.0f} s or wrong count")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
