"""Shared fixtures: production-like settings (DEBUG off) made fast, and a small world.

The database is whatever DATABASE_URL says (SQLite by default, PostgreSQL in CI); nothing here
assumes one. SECRET_KEY is set by tests/testenv.py, which pytest loads before the settings.
"""

import os
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client

from finance import triggers
from tests import factories as f
from tests.akun import force_login_terverifikasi

# Also when this conftest is used on its own (e.g. `-p no:tests.testenv`).
os.environ.setdefault("SECRET_KEY", "test-only-insecure-key-0123456789-abcdefghijklmnopqrstuvwxyz")


@pytest.fixture(autouse=True)
def _setelan_uji(settings, tmp_path):
    # Fast hashing; the real list (Argon2 first) is checked in tests/registry/test_auth.py.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Uploaded files go to a fresh folder per test.
    settings.MEDIA_ROOT = tmp_path / "media"
    # WhiteNoise warns when STATIC_ROOT is missing (it exists after `collectstatic`).
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    # The manifest storage used with DEBUG off needs `collectstatic`; tests read the sources.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _pemicu_sqlite(request):
    """SQLite's append-only triggers: present for every test (also with --nomigrations), and
    dropped after a transactional test, whose teardown empties tables with DELETE."""
    if "db" in request.fixturenames or "transactional_db" in request.fixturenames:
        request.getfixturevalue("db" if "db" in request.fixturenames else "transactional_db")
        triggers.ensure(connection)
    yield
    if "transactional_db" in request.fixturenames:
        triggers.drop(connection)


class HttpsClient(Client):
    """Every request over HTTPS, as in production (SECURE_SSL_REDIRECT stays on)."""

    def request(self, **request):
        request.update({"wsgi.url_scheme": "https", "SERVER_PORT": "443"})
        return super().request(**request)

    def force_login(self, user, backend=None):
        # Logged in like a user who also passed the second step where the role requires it.
        force_login_terverifikasi(self, user, backend)


@pytest.fixture
def client():
    return HttpsClient()


def masuk(client: Client, user) -> Client:
    client.force_login(user)
    return client


@dataclass
class Dunia:
    """Two active WKSBMs in two kalurahan of Bantul, and everyone around them.

    A (Poncosari): pengurus_a is its ketua, bendahara_a its bendahara, lurah_a the lurah.
    B (Trimurti): pengurus_b is its ketua, lurah_b the lurah.
    dinsos reads Bantul, admin is a superuser, tanpa_peran has no role.
    """

    wilayah: f.Wilayah
    a: f.WksbmUji
    b: f.WksbmUji
    dinsos: object
    admin: object
    tanpa_peran: object

    @property
    def pengurus_a(self):
        return self.a.ketua

    @property
    def bendahara_a(self):
        return self.a.bendahara

    @property
    def lurah_a(self):
        return self.a.lurah

    @property
    def pengurus_b(self):
        return self.b.ketua

    @property
    def lurah_b(self):
        return self.b.lurah


@pytest.fixture
def dunia(db) -> Dunia:
    w = f.wilayah()
    a = f.wksbm_aktif(
        desa=w.poncosari,
        nama="WKSBM Ngudi Rahayu",
        ketua=f.UserFactory(username="pengurus_a", first_name="Suparno", last_name="Hadi"),
        lurah=f.PeranLurahFactory(
            desa=w.poncosari,
            user=f.UserFactory(username="lurah_a", first_name="Bambang", last_name="Sutrisno"),
        ).user,
    )
    b = f.wksbm_aktif(
        desa=w.trimurti,
        nama="WKSBM Sido Rukun",
        ketua=f.UserFactory(username="pengurus_b", first_name="Wagiman", last_name="Santoso"),
        lurah=f.PeranLurahFactory(
            desa=w.trimurti, user=f.UserFactory(username="lurah_b", first_name="Tri")
        ).user,
    )
    return Dunia(
        wilayah=w,
        a=a,
        b=b,
        dinsos=f.PeranDinsosFactory(
            kabupaten=w.bantul, user=f.UserFactory(username="dinsos", first_name="Dinsos")
        ).user,
        admin=f.AdminFactory(username="admin"),
        tanpa_peran=f.UserFactory(username="tanpa_peran"),
    )
