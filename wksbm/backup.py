"""Backups that restore: the database and the private media files in one archive.

`manage.py backup` writes one `wksbm-backup-YYYYmmdd-HHMMSS.tar.gz` holding `manifest.json`
(first), the database (SQLite: a copy made with the online backup API, safe while the app
runs; PostgreSQL: `pg_dump -Fc` from one snapshot) and `media/` (the default
FileSystemStorage's files). The manifest lists the latest applied migration per app, every
table's row count and every file's size and SHA-256, read from the same snapshot as the
dump, so `manage.py restore` can prove the restore complete. Only counts, table names and
hashes are ever printed: never a row's content. See docs/deploy.md §7.
"""

import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import django
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import CommandError
from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DUMPS = {"sqlite": "db.sqlite3", "postgresql": "db.dump"}
# The connection settings pg_dump/pg_restore read from the environment: the password never
# appears on a command line or in a log.
PG_ENV = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}


@dataclass
class Hasil:
    """What a backup wrote or a restore verified."""

    path: Path
    manifest: dict
    masalah: list[str] = field(default_factory=list)
    migrasi_tertunda: int = 0

    @property
    def tabel(self) -> int:
        return len(self.manifest["tables"])

    @property
    def baris(self) -> int:
        return sum(self.manifest["tables"].values())

    @property
    def berkas(self) -> int:
        return len(self.manifest["files"])


def backup(output: Path, *, using: str = "default") -> Hasil:
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise CommandError(f"Basis data {vendor} belum didukung (hanya SQLite dan PostgreSQL).")
    output.mkdir(parents=True, exist_ok=True)
    created = timezone.now()
    target = output / f"wksbm-backup-{timezone.localtime(created):%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory(dir=output, prefix=".wksbm-backup-") as tmp:
        dump = Path(tmp) / DUMPS[vendor]
        dumper = _dump_sqlite if vendor == "sqlite" else _dump_postgresql
        tables, migrations = dumper(connection, dump)
        root = _media_root()
        files = [_file_entry(root, path) for path in _media_files(root)] if root else []
        manifest = {
            "format": FORMAT,
            "created_at": created.isoformat(),
            "django": django.get_version(),
            "vendor": vendor,
            "database": DUMPS[vendor],
            "migrations": migrations,
            "tables": tables,
            "media": root is not None,
            "files": files,
        }
        partial = Path(tmp) / target.name
        # Personal data: readable by the owner only.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f, tarfile.open(fileobj=f, mode="w:gz") as tar:
            raw = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(raw), int(created.timestamp()), 0o600
            tar.addfile(info, io.BytesIO(raw))
            tar.add(dump, arcname=DUMPS[vendor])
            for entry in files:
                tar.add(root / entry["path"], arcname=f"{MEDIA}/{entry['path']}")
        os.replace(partial, target)
    return Hasil(target, manifest)


def restore(archive: Path, *, force: bool = False, using: str = "default") -> Hasil:
    connection = connections[using]
    with tarfile.open(archive, "r:gz") as tar, tempfile.TemporaryDirectory() as tmp:
        first = tar.next()
        if first is None or first.name != MANIFEST:
            raise CommandError(f"{archive} bukan cadangan WKSBM Admin (manifest tidak ada).")
        manifest = json.load(tar.extractfile(first))
        if manifest.get("format") != FORMAT:
            raise CommandError(f"Format cadangan {manifest.get('format')} tidak dikenal.")
        if manifest["vendor"] != connection.vendor:
            raise CommandError(
                f"Cadangan ini dari basis data {manifest['vendor']}, sedangkan basis data "
                f"yang dikonfigurasi adalah {connection.vendor}."
            )
        existing = connection.introspection.table_names()
        if existing and not force:
            raise CommandError(
                f"Basis data tujuan tidak kosong ({len(existing)} tabel). Pemulihan akan "
                "menimpa isinya: ulangi dengan --force bila memang diinginkan."
            )
        root = _media_root()
        if manifest["files"] and root is None:
            raise CommandError(
                "Penyimpanan berkas bukan FileSystemStorage: berkas tidak bisa dipulihkan."
            )
        wanted = {f"{MEDIA}/{_safe(entry['path'])}" for entry in manifest["files"]}
        loaded = False  # the database comes right after the manifest, before any file
        for member in tar:
            if member is first:
                continue
            if member.name == manifest["database"] and member.isfile():
                dump = Path(tmp) / DUMPS[manifest["vendor"]]
                with tar.extractfile(member) as src, open(dump, "wb") as dst:
                    _copy(src, dst)
                (_load_sqlite if connection.vendor == "sqlite" else _load_postgresql)(
                    connection, dump
                )
                loaded = True
            elif not loaded:
                break
            elif member.name in wanted and member.isfile():
                path = root / member.name.removeprefix(f"{MEDIA}/")
                path.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as src, open(path, "wb") as dst:
                    _copy(src, dst)
        if not loaded:
            raise CommandError(f"Arsip {archive} tidak memuat basis data: cadangan rusak.")
    return verify(manifest, archive, using=using)


def verify(manifest: dict, path: Path, *, using: str = "default") -> Hasil:
    """Compare the configured database and MEDIA_ROOT with a backup's manifest."""
    connection = connections[using]
    masalah = []
    with connection.cursor() as cursor:
        tables, migrations = _snapshot(
            cursor, connection.introspection.table_names(cursor), connection
        )
    for table, count in manifest["tables"].items():
        if table not in tables:
            masalah.append(f"tabel {table} tidak ada.")
        elif tables[table] != count:
            masalah.append(f"tabel {table}: {tables[table]} baris, seharusnya {count}.")
    for app, name in manifest["migrations"].items():
        if migrations.get(app) != name:
            masalah.append(f"migrasi {app}: {migrations.get(app)}, seharusnya {name}.")
    root = _media_root()
    for entry in manifest["files"]:
        file = root / _safe(entry["path"])
        if not file.is_file():
            masalah.append(f"berkas {entry['path']} tidak ada.")
        elif _file_entry(root, file) != entry:
            masalah.append(f"berkas {entry['path']} berbeda (ukuran/SHA-256).")
    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    return Hasil(path, manifest, masalah, pending)


def _snapshot(cursor, tables, connection) -> tuple[dict[str, int], dict[str, str]]:
    """Every table's row count and the latest applied migration per app."""
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    migrations = {}
    if "django_migrations" in counts:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations = dict(cursor.fetchall())  # the last name of each app wins
    return counts, migrations


def _dump_sqlite(connection, dump: Path):
    connection.ensure_connection()
    copy = sqlite3.connect(dump)
    try:
        connection.connection.backup(copy)  # online: a consistent copy while others write
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        tables = [
            name
            for (name,) in copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return _snapshot(copy.cursor(), tables, connection)
    finally:
        copy.close()


def _load_sqlite(connection, dump: Path) -> None:
    source = sqlite3.connect(dump)
    try:
        connection.ensure_connection()
        source.backup(connection.connection)  # page by page into the configured file
    finally:
        source.close()
        connection.close()


def _dump_postgresql(connection, dump: Path):
    # pg_dump reads the snapshot this transaction exports, so the counts and the dump agree.
    connection.ensure_connection()
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        _pg(connection, "pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={dump}")
        return _snapshot(cursor, connection.introspection.table_names(cursor), connection)


def _load_postgresql(connection, dump: Path) -> None:
    connections.close_all()
    _pg(
        connection,
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        str(dump),
    )


def _pg(connection, program: str, *args: str) -> None:
    settings = connection.settings_dict
    env = {**os.environ, "PGDATABASE": settings["NAME"]}
    env.update({var: str(settings[key]) for key, var in PG_ENV.items() if settings.get(key)})
    if sslmode := settings.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    dbname = [f"--dbname={settings['NAME']}"] if program == "pg_restore" else []
    try:
        result = subprocess.run(
            [program, *dbname, *args], env=env, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise CommandError(f"{program} tidak ditemukan: pasang postgresql-client.") from None
    if result.returncode:
        raise CommandError(
            f"{program} gagal (kode {result.returncode}): {tanpa_isi_baris(result.stderr)}"
        )


def tanpa_isi_baris(message: str) -> str:
    """An error of pg_dump/pg_restore without row content: PostgreSQL's DETAIL and CONTEXT
    lines quote values (`Key (nik)=(…)`, a COPY line), and a long run of digits may be a NIK."""
    lines = [
        line
        for line in message.strip().splitlines()
        if "DETAIL:" not in line and "CONTEXT:" not in line
    ]
    return re.sub(r"\d{6,}", "…", " ".join(lines))


def _media_root() -> Path | None:
    """MEDIA_ROOT of the default storage; None for other storages (e.g. S3: use the
    bucket's own versioning)."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def _media_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _file_entry(root: Path, path: Path) -> dict:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return {
        "path": path.relative_to(root).as_posix(),
        "size": path.stat().st_size,
        "sha256": digest.hexdigest(),
    }


def _safe(name: str) -> str:
    """A manifest path that stays inside MEDIA_ROOT."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise CommandError(f"Jalur berkas tidak sah di cadangan: {name}")
    return path.as_posix()


def _copy(src, dst) -> None:
    while chunk := src.read(1 << 20):
        dst.write(chunk)
