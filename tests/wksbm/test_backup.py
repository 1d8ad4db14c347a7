"""The restore drill (issue 11 §3): fill the demo, back up, restore into a fresh database and
an empty MEDIA_ROOT, then prove it whole: `migrate --check`, `verify_ledger`, every table's
row count and every file's bytes equal.

Each step runs `manage.py` in a subprocess, as an operator would, on databases of its own
(not pytest-django's test database): on SQLite two files, on PostgreSQL (when DATABASE_URL
points there, as in CI's second run) two databases wksbm_drill_a / wksbm_drill_b created with
the role's CREATEDB right. The demo is filled once per module.
"""

import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings

from wksbm.backup import tanpa_isi_baris

ROOT = Path(settings.BASE_DIR)
DATABASE_URL = os.environ.get("DATABASE_URL", "")
VENDOR = "postgresql" if DATABASE_URL.startswith(("postgres://", "postgresql://")) else "sqlite"
DRILL_DBS = ("wksbm_drill_a", "wksbm_drill_b")

# Every table's row count, counted here rather than by the command under test.
COUNT_ROWS = """
import json
from django.db import connection
with connection.cursor() as c:
    counts = {}
    for t in connection.introspection.table_names(c):
        c.execute("SELECT COUNT(*) FROM " + connection.ops.quote_name(t))
        counts[t] = c.fetchone()[0]
print(json.dumps(counts))
"""


@dataclass
class Situs:
    """One installation: its database and its MEDIA_ROOT."""

    env: dict
    media: Path

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if check:
            assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
        return result

    def row_counts(self) -> dict[str, int]:
        return json.loads(self.manage("shell", "-c", COUNT_ROWS).stdout.strip().splitlines()[-1])

    def files(self) -> dict[str, str]:
        return {
            p.relative_to(self.media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.media.rglob("*"))
            if p.is_file()
        }


@dataclass
class Latihan:
    asal: Situs
    tujuan: Situs
    archive: Path
    backup_out: str
    restore_out: str
    backup_detik: float
    restore_detik: float


def _situs(database_url: str, media: Path) -> Situs:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "SECRET_KEY": "dev-only-insecure-wksbm-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
    }
    return Situs(env, media)


def _postgres_url(name: str) -> str:
    return urlunsplit(urlsplit(DATABASE_URL)._replace(path=f"/{name}"))


def _postgres_databases(action: str) -> None:
    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        for name in DRILL_DBS:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if action == "create":
                conn.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def latihan(request, tmp_path_factory):
    if request.param != VENDOR:
        pytest.skip(
            "the PostgreSQL drill runs when DATABASE_URL points to PostgreSQL (CI's second run)"
            if request.param == "postgresql"
            else "this run is on PostgreSQL; the SQLite drill runs in the SQLite run"
        )
    tmp = tmp_path_factory.mktemp(f"drill-{request.param}")
    if request.param == "postgresql":
        _postgres_databases("create")
        request.addfinalizer(lambda: _postgres_databases("drop"))
        urls = [_postgres_url(name) for name in DRILL_DBS]
    else:
        urls = [f"sqlite:///{tmp / 'a.sqlite3'}", f"sqlite:///{tmp / 'b.sqlite3'}"]
    asal, tujuan = _situs(urls[0], tmp / "media-a"), _situs(urls[1], tmp / "media-b")

    asal.manage("migrate", "--no-input")
    asal.manage("load_wilayah", "--provinsi", "34")
    asal.manage("seed_demo")

    mulai = time.monotonic()
    backup = asal.manage("backup", "--output", str(tmp / "cadangan"))
    backup_detik = time.monotonic() - mulai
    (archive,) = (tmp / "cadangan").glob("wksbm-backup-*.tar.gz")

    mulai = time.monotonic()
    restore = tujuan.manage("restore", str(archive))
    restore_detik = time.monotonic() - mulai
    return Latihan(
        asal, tujuan, archive, backup.stdout, restore.stdout, backup_detik, restore_detik
    )


def test_cadangan_satu_arsip_dengan_manifest_basis_data_dan_berkas(latihan):
    assert latihan.archive.stat().st_mode & 0o077 == 0  # personal data: owner only
    with tarfile.open(latihan.archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert names[0] == "manifest.json"
    assert manifest["vendor"] == VENDOR
    assert manifest["database"] in names
    assert manifest["tables"] == latihan.asal.row_counts()
    assert manifest["migrations"]["finance"].startswith("0")
    assert manifest["tables"]["finance_jurnal"] > 0
    berkas = latihan.asal.files()
    assert berkas, "the demo has stempel images"
    assert {e["path"]: e["sha256"] for e in manifest["files"]} == berkas
    assert {f"media/{p}" for p in berkas} <= set(names)
    own = [re.search(r"[\d,]+ detik", out)[0] for out in (latihan.backup_out, latihan.restore_out)]
    print(
        f"\n[{VENDOR}] backup {latihan.backup_detik:.1f} s, restore {latihan.restore_detik:.1f} s"
        f" (as manage.py runs; the commands' own work: {own[0]} and {own[1]}), archive"
        f" {latihan.archive.stat().st_size} bytes, {sum(manifest['tables'].values())} rows,"
        f" {len(berkas)} files"
    )


def test_pulih_ke_basis_data_baru_lulus_migrate_check_dan_verify_ledger(latihan):
    assert "Pemulihan selesai dan terverifikasi." in latihan.restore_out
    latihan.tujuan.manage("migrate", "--check")
    ledger = latihan.tujuan.manage("verify_ledger")
    assert "Semua jurnal utuh." in ledger.stdout
    assert re.search(r": [1-9]\d* entri utuh", ledger.stdout), ledger.stdout


def test_pulih_setiap_tabel_dan_setiap_berkas_sama(latihan):
    asal = latihan.asal.row_counts()
    assert sum(asal.values()) > 1000
    assert latihan.tujuan.row_counts() == asal
    assert latihan.tujuan.files() == latihan.asal.files()


def test_keluaran_tanpa_nik_atau_isi_baris(latihan):
    for out in (latihan.backup_out, latihan.restore_out):
        assert not re.search(r"\d{16}", out)
    assert "dicadangkan dalam" in latihan.backup_out


def test_pulih_menolak_basis_data_tidak_kosong_tanpa_force(latihan):
    result = latihan.asal.manage("restore", str(latihan.archive), check=False)
    assert result.returncode != 0
    assert "Basis data tujuan tidak kosong" in result.stderr
    assert "--force" in result.stderr


def test_cadangan_sqlite_berjalan_saat_aplikasi_sedang_menulis(latihan, tmp_path):
    """The online backup API copies the committed state while another connection holds an
    open write transaction (the app at work): no lock error, the open write left out."""
    if VENDOR != "sqlite":
        pytest.skip("SQLite's online backup API; PostgreSQL dumps from a snapshot")
    db = latihan.asal.env["DATABASE_URL"].removeprefix("sqlite:///")
    writer = sqlite3.connect(db, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "INSERT INTO django_content_type (app_label, model) VALUES ('uji', 'sedang_ditulis')"
        )
        latihan.asal.manage("backup", "--output", str(tmp_path))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    (archive,) = tmp_path.glob("wksbm-backup-*.tar.gz")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["tables"] == latihan.asal.row_counts()


def test_pulih_melaporkan_berkas_yang_berbeda_dari_manifest(latihan, tmp_path):
    """A file altered in the archive (the manifest unchanged) fails the verification."""
    rusak = tmp_path / "rusak.tar.gz"
    with tarfile.open(latihan.archive) as src, tarfile.open(rusak, "w:gz") as dst:
        diubah = None
        for member in src:
            data = src.extractfile(member)
            if member.name.startswith("media/") and diubah is None:
                diubah, raw = member.name, data.read() + b"x"
                member.size = len(raw)
                dst.addfile(member, io.BytesIO(raw))
            else:
                dst.addfile(member, data)
    result = latihan.tujuan.manage("restore", str(rusak), "--force", check=False)
    assert result.returncode != 0
    assert f"berkas {diubah.removeprefix('media/')} berbeda" in result.stderr
    assert "Pemulihan tidak sesuai manifest: 1 perbedaan." in result.stderr


def test_galat_pg_restore_tanpa_isi_baris():

    stderr = (
        'pg_restore: error: COPY failed for table "registry_ppks": ERROR:  duplicate key value'
        ' violates unique constraint "ppks_nik"\n'
        "DETAIL:  Key (nik)=(3402011234560001) already exists.\n"
        'CONTEXT:  COPY registry_ppks, line 1: "7\tSuminah\t3402011234560001"\n'
        "pg_restore: error: NIK 3402011234560001 in a message\n"
    )
    text = tanpa_isi_baris(stderr)
    assert "registry_ppks" in text and "duplicate key value" in text
    assert "Suminah" not in text and "3402011234560001" not in text
