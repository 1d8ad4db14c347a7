"""The installed packages are the ones pinned in requirements.lock (what the suite passed with)."""

import re
from importlib import metadata
from pathlib import Path

import pytest

LOCK = Path(__file__).resolve().parent.parent / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)\s*(?:;.*)?$")


def _pins() -> list[tuple[str, str]]:
    pins = []
    for line in LOCK.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = PIN.match(line)
        assert m, f"Baris lock tidak berbentuk nama==versi: {line!r}"
        pins.append((m[1], m[2]))
    return pins


def test_lock_memuat_dependensi_utama():
    names = {name.lower() for name, _ in _pins()}
    assert {"django", "babel", "weasyprint", "openpyxl", "pytest-django"} <= names


@pytest.mark.parametrize(("name", "version"), _pins())
def test_versi_terpasang_sama_dengan_lock(name, version):
    assert metadata.version(name) == version
