"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live_server.

Playwright never downloads a browser here (no `playwright install`): it launches the system
Chromium through `executable_path`. Without /usr/bin/chromium the tests are skipped, unless
WKSBM_BROWSER_TESTS=required (set by .ci/run), in which case they fail.
"""

import io
import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.test.utils import override_settings

from registry import services
from registry.access import forget, wajib_dua_faktor
from registry.models import (
    LANGKAH_SEBELUM_PENGESAHAN,
    Desa,
    Jabatan,
    Kabupaten,
    Kecamatan,
    Kepengurusan,
    LangkahPenumbuhan,
    Pengurus,
    Peran,
    Provinsi,
    Wksbm,
)
from tests import akun

# Playwright's sync API runs an asyncio event loop in the test thread; Django refuses ORM
# calls from a thread with a running loop unless told that this is intended.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PASSWORD = "sandi-uji-browser-2026"
STATIC_FILES_FROM_FINDERS = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # The manifest storage used when DEBUG is off needs collectstatic; tests read the sources.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The live server speaks plain http, while the production-like test settings expect https.
HTTP_SETTINGS = {
    "SESSION_COOKIE_SECURE": False,
    "CSRF_COOKIE_SECURE": False,
    "SECURE_SSL_REDIRECT": False,
    "SECURE_HSTS_SECONDS": 0,
    "STORAGES": STATIC_FILES_FROM_FINDERS,
    "WHITENOISE_USE_FINDERS": True,
    "WHITENOISE_AUTOREFRESH": True,
}


def _browser_unavailable(reason: str):
    if os.environ.get("WKSBM_BROWSER_TESTS") == "required":
        pytest.fail(f"{reason} (WKSBM_BROWSER_TESTS=required)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        _browser_unavailable(f"{CHROMIUM} tidak ada: pasang paket Debian `chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def _http_settings_at_start():
    override = override_settings(**HTTP_SETTINGS)
    override.enable()
    state = {"enabled": True}

    def lift() -> None:
        if state["enabled"]:
            override.disable()
            state["enabled"] = False

    yield lift
    lift()


@pytest.fixture(scope="session")
def live_server(_http_settings_at_start, live_server):
    """pytest-django's live_server, started while HTTP_SETTINGS are in force.

    SecurityMiddleware and WhiteNoise read their settings once, when the server thread builds
    its handler; the per-test `settings` fixture comes too late for them. The override is
    lifted as soon as the server runs, so tests outside this folder see the real settings.
    """
    _http_settings_at_start()
    return live_server


@pytest.fixture
def browser_settings(settings, tmp_path):
    for name, value in HTTP_SETTINGS.items():
        setattr(settings, name, value)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


@dataclass
class Halaman:
    """A Playwright page plus what the server answered while it was open."""

    page: object
    base_url: str
    gagal: list

    def buka(self, path: str):
        self.gagal.clear()
        return self.page.goto(self.base_url + path)

    def masuk(self, username: str, password: str = PASSWORD) -> None:
        """Log in through the real form at /masuk/, then the second step where the role
        requires it (a code from the user's authenticator, as the phone shows it)."""
        user = get_user_model().objects.get(username=username)
        device = akun.perangkat(user) if wajib_dua_faktor(user) else None
        forget(user)
        self.buka("/masuk/")
        self.page.get_by_label("Nama pengguna").fill(username)
        self.page.get_by_label("Kata sandi").fill(password)
        self.page.get_by_role("button", name="Masuk").click()
        self.page.wait_for_url(lambda url: "/masuk/" not in url)
        if device is not None:
            self.page.get_by_label("Kode verifikasi").fill(akun.kode(device))
            self.page.get_by_role("button", name="Verifikasi").click()
            self.page.wait_for_url(lambda url: "/dua-faktor/" not in url)

    def masuk_langsung(self, user) -> None:
        """Log in without the form (a session cookie), for tests about other pages."""
        client = Client()
        akun.force_login_terverifikasi(
            client, user, backend="django.contrib.auth.backends.ModelBackend"
        )
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        self.page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": self.base_url}]
        )


@pytest.fixture
def halaman(chromium, live_server, browser_settings, transactional_db):
    """A fresh browser context (own cookies) at desktop width; resize per test if needed."""
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="id-ID", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    gagal: list = []
    page.on(
        "response",
        lambda r: gagal.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    yield Halaman(page=page, base_url=live_server.url, gagal=gagal)
    context.close()


# --- data: a tiny region tree in Bantul, users with passwords, one WKSBM ready to submit -----


def _png_stempel() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (240, 240), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse((8, 8, 232, 232), outline=(40, 60, 160, 255), width=8)
    draw.ellipse((40, 40, 200, 200), outline=(40, 60, 160, 255), width=4)
    draw.text((82, 112), "WKSBM", fill=(40, 60, 160, 255))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _user(username: str, first: str, last: str = "", **extra):
    return get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=first, last_name=last, **extra
    )


def _wksbm(desa: Desa, nama: str, alamat: str) -> Wksbm:
    w = Wksbm.objects.create(
        nama=nama,
        tingkat=Wksbm.Tingkat.KALURAHAN,
        desa=desa,
        alamat=alamat,
        telepon="0274 367123",
        tanggal_berdiri=date(2026, 1, 5),
    )
    w.stempel.save("stempel.png", ContentFile(_png_stempel()))
    for i, langkah in enumerate(LANGKAH_SEBELUM_PENGESAHAN, start=1):
        LangkahPenumbuhan.objects.create(
            wksbm=w,
            langkah=langkah,
            tanggal=date(2026, 1, 1) + timedelta(days=4 + i * 7),
            catatan=f"Rapat {langkah.label.lower()} di balai kalurahan.",
        )
    return w


def _kepengurusan(wksbm: Wksbm, ketua, sekretaris: str) -> Kepengurusan:
    k = Kepengurusan.objects.create(
        wksbm=wksbm, periode_mulai=date(2026, 3, 1), periode_selesai=date(2031, 2, 28)
    )
    Pengurus.objects.create(
        kepengurusan=k,
        nama=ketua.get_full_name(),
        jabatan=Jabatan.KETUA,
        telepon="0812 2700 1234",
        user=ketua,
    )
    Pengurus.objects.create(kepengurusan=k, nama=sekretaris, jabatan=Jabatan.SEKRETARIS)
    Pengurus.objects.create(kepengurusan=k, nama="Sri Lestari", jabatan=Jabatan.BENDAHARA)
    return k


def _peran_pengurus(user, wksbm: Wksbm) -> None:
    Peran.objects.create(
        user=user,
        jenis=Peran.Jenis.PENGURUS,
        wksbm=wksbm,
        jabatan=Jabatan.KETUA,
        mulai=date(2026, 1, 1),
    )


@pytest.fixture
def alur(browser_settings, transactional_db):
    """The pengesahan flow's data: a WKSBM in penumbuhan whose draft board can be submitted."""
    provinsi = Provinsi.objects.create(kode="34", nama="DI Yogyakarta")
    kabupaten = Kabupaten.objects.create(kode="34.02", provinsi=provinsi, nama="Kabupaten Bantul")
    kecamatan = Kecamatan.objects.create(kode="34.02.05", kabupaten=kabupaten, nama="Bambanglipuro")
    desa = Desa.objects.create(kode="34.02.05.2001", kecamatan=kecamatan, nama="Sidomulyo")

    pengurus = _user("ketua_mulya", "Suparno", "Hadi")
    lurah = _user("lurah_sidomulyo", "Bambang", "Sutrisno")
    Peran.objects.create(user=lurah, jenis=Peran.Jenis.LURAH, desa=desa, mulai=date(2026, 1, 1))

    wksbm = _wksbm(desa, "WKSBM Mulya Sejahtera", "Jl. Samas Km 21, Sidomulyo")
    _peran_pengurus(pengurus, wksbm)
    kepengurusan = _kepengurusan(wksbm, pengurus, "Rina Wulandari")
    return SimpleNamespace(
        provinsi=provinsi,
        kabupaten=kabupaten,
        kecamatan=kecamatan,
        desa=desa,
        pengurus=pengurus,
        lurah=lurah,
        wksbm=wksbm,
        kepengurusan=kepengurusan,
    )


@pytest.fixture
def semua_peran(alur):
    """Every role and every state a page can show: draft, submitted and approved pengesahan."""
    d = alur
    d.dinsos = _user("dinsos_bantul", "Dinas Sosial", "Bantul")
    Peran.objects.create(
        user=d.dinsos, jenis=Peran.Jenis.DINSOS, kabupaten=d.kabupaten, mulai=date(2026, 1, 1)
    )
    d.admin = _user("admin_uji", "Admin", is_staff=True, is_superuser=True)

    d.pengurus_b = _user("ketua_rukun", "Wagiman")
    d.wksbm_b = _wksbm(d.desa, "WKSBM Sido Rukun", "Padukuhan Kaligondang RT 03")
    _peran_pengurus(d.pengurus_b, d.wksbm_b)
    d.pengesahan_b = services.ajukan_pengesahan(
        kepengurusan=_kepengurusan(d.wksbm_b, d.pengurus_b, "Tri Handayani"),
        oleh=d.pengurus_b,
        catatan="Mohon pengesahan; berita acara pembentukan terlampir.",
    )

    d.pengurus_c = _user("ketua_makmur", "Siti", "Aminah")
    d.wksbm_c = _wksbm(d.desa, "WKSBM Sidomulyo Makmur", "Jl. Bantul–Srandakan Km 9")
    _peran_pengurus(d.pengurus_c, d.wksbm_c)
    diajukan = services.ajukan_pengesahan(
        kepengurusan=_kepengurusan(d.wksbm_c, d.pengurus_c, "Dwi Rahayu"), oleh=d.pengurus_c
    )
    d.pengesahan_c = services.setujui_pengesahan(
        pengesahan=diajukan,
        oleh=d.lurah,
        nomor_sk="188/045/KEP/SDM/2026",
        tanggal_sk=date(2026, 4, 2),
    )
    return d
