"""One settings module read from the environment, production-like by default."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def _impor_setelan(**env) -> subprocess.CompletedProcess:
    lingkungan = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_DEBUG")}
    lingkungan.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import wksbm.settings"],
        cwd=ROOT,
        env=lingkungan,
        capture_output=True,
        text=True,
        check=False,
    )


def test_tanpa_secret_key_ditolak_bila_debug_mati():
    hasil = _impor_setelan()
    assert hasil.returncode != 0
    assert "SECRET_KEY wajib diisi" in hasil.stderr


def test_debug_memakai_kunci_pengembangan():
    assert _impor_setelan(DJANGO_DEBUG="1").returncode == 0


def test_bahasa_dan_zona_waktu():
    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.USE_TZ
    assert not settings.DEBUG


def test_basis_data_siap_dipakai_sungguhan():
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        # Without these, concurrent writes fail with "database is locked".
        assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        assert db["OPTIONS"]["timeout"] >= 5
        assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    else:
        assert db["ENGINE"] == "django.db.backends.postgresql"
        assert db["CONN_HEALTH_CHECKS"]


def test_urutan_middleware():
    mw = settings.MIDDLEWARE
    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in mw
    # The session timeout leaves a message, so the message middleware must run before it.
    assert mw.index("django.contrib.messages.middleware.MessageMiddleware") < mw.index(
        "wksbm.middleware.SessionTimeoutMiddleware"
    )


def test_header_keamanan(client, db):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_http_diarahkan_ke_https(db):
    from django.test import Client

    response = Client().get(reverse("login"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
