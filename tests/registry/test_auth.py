"""Login, throttling (django-axes), session lifetime, password change, password hashing."""

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone

import wksbm.settings as setelan_asli
from tests import factories as f
from tests.conftest import masuk
from wksbm.middleware import LOGIN_AT, SEEN_AT

LOGIN = "/masuk/"


@pytest.fixture
def pengguna(db):
    return f.UserFactory(username="suparno")


def coba_masuk(client, username: str, password: str, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def sudah_masuk(client) -> bool:
    return SESSION_KEY in client.session


# --- the login page -------------------------------------------------------------------------------


def test_halaman_masuk_berbahasa_indonesia(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    for teks in ("Masuk ke WKSBM Admin", "Nama pengguna", "Kata sandi", ">Masuk</button>"):
        assert teks in html
    assert "Password" not in html and "Username" not in html


def test_masuk_berhasil_menuju_beranda(client, pengguna):
    response = coba_masuk(client, "suparno", f.SANDI)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert sudah_masuk(client)


def test_sandi_salah_pesan_indonesia(client, pengguna):
    response = coba_masuk(client, "suparno", "salah")
    assert response.status_code == 200
    html = response.content.decode()
    assert "dan sandi yang benar" in html
    assert "Please enter" not in html
    assert not sudah_masuk(client)


def test_keluar_hanya_dengan_post(client, pengguna):
    masuk(client, pengguna)
    assert client.get("/keluar/").status_code == 405
    response = client.post("/keluar/")
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert not sudah_masuk(client)


# --- django-axes: username + IP, 5 failures, 15 minutes ------------------------------------


def test_setelan_axes():
    assert django_settings.AXES_FAILURE_LIMIT == 5
    jeda = django_settings.AXES_COOLOFF_TIME
    assert jeda == timedelta(minutes=15)
    assert django_settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_dikunci_setelah_5_kali_gagal_walau_sandi_benar(client, pengguna):
    for _ in range(5):
        coba_masuk(client, "suparno", "sandi-salah")

    response = coba_masuk(client, "suparno", f.SANDI)

    assert response.status_code == 429
    html = response.content.decode()
    assert "Akun dikunci sementara" in html
    assert "15 menit" in html
    assert not sudah_masuk(client)


def test_empat_kali_gagal_belum_dikunci(client, pengguna):
    for _ in range(4):
        assert coba_masuk(client, "suparno", "sandi-salah").status_code == 200
    response = coba_masuk(client, "suparno", f.SANDI)
    assert response.status_code == 302
    assert sudah_masuk(client)


def test_nama_pengguna_lain_dari_ip_sama_tidak_dikunci(client, pengguna):
    f.UserFactory(username="rina")
    for _ in range(6):
        coba_masuk(client, "suparno", "sandi-salah")
    response = coba_masuk(client, "rina", f.SANDI)
    assert response.status_code == 302
    assert sudah_masuk(client)


def test_nama_pengguna_sama_dari_ip_lain_tidak_dikunci(client, pengguna):
    for _ in range(6):
        coba_masuk(client, "suparno", "sandi-salah", REMOTE_ADDR="10.0.0.7")
    response = coba_masuk(client, "suparno", f.SANDI, REMOTE_ADDR="10.0.0.8")
    assert response.status_code == 302


def test_kunci_lepas_setelah_15_menit(client, pengguna):
    for _ in range(5):
        coba_masuk(client, "suparno", "sandi-salah")
    assert coba_masuk(client, "suparno", f.SANDI).status_code == 429

    # 14 minutes later: still locked.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    assert coba_masuk(client, "suparno", f.SANDI).status_code == 429

    # 16 minutes after the last failure: the lock is over.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = coba_masuk(client, "suparno", f.SANDI)
    assert response.status_code == 302
    assert sudah_masuk(client)


# --- session lifetime: 30 minutes idle, 12 hours in all ------------------------------------


def _stempel_sesi(client, **nilai):
    session = client.session
    session.update(nilai)
    session.save()


def test_sesi_berakhir_setelah_31_menit_diam(client, pengguna):
    masuk(client, pengguna)
    assert client.get(reverse("home")).status_code == 200
    sekarang = int(time.time())
    _stempel_sesi(client, **{SEEN_AT: sekarang - 31 * 60, LOGIN_AT: sekarang - 40 * 60})

    response = client.get(reverse("registry:wksbm-list"))

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={reverse('registry:wksbm-list')}"
    assert not sudah_masuk(client)
    html = client.get(response["Location"]).content.decode()
    assert "Sesi Anda telah berakhir" in html


def test_sesi_bertahan_setelah_29_menit_diam(client, pengguna):
    masuk(client, pengguna)
    client.get(reverse("home"))
    sekarang = int(time.time())
    _stempel_sesi(client, **{SEEN_AT: sekarang - 29 * 60, LOGIN_AT: sekarang - 60 * 60})
    assert client.get(reverse("registry:wksbm-list")).status_code == 200
    assert sudah_masuk(client)
    # The request refreshed the idle clock.
    assert client.session[SEEN_AT] >= sekarang


def test_sesi_berakhir_setelah_12_jam_walau_aktif(client, pengguna):
    masuk(client, pengguna)
    client.get(reverse("home"))
    sekarang = int(time.time())
    _stempel_sesi(client, **{SEEN_AT: sekarang - 60, LOGIN_AT: sekarang - 12 * 3600 - 60})

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not sudah_masuk(client)


def test_setelan_sesi_dan_kuki():
    assert django_settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert django_settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    assert django_settings.SESSION_COOKIE_HTTPONLY
    assert django_settings.SESSION_COOKIE_SECURE
    assert django_settings.CSRF_COOKIE_SECURE
    assert django_settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert not django_settings.DEBUG


def test_kuki_sesi_aman(client, pengguna):
    response = coba_masuk(client, "suparno", f.SANDI)
    kuki = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert kuki["secure"]
    assert kuki["httponly"]
    assert kuki["samesite"] == "Lax"


# --- password change and hashing -------------------------------------------------------------


def test_ganti_sandi(client, pengguna):
    masuk(client, pengguna)
    response = client.get(reverse("password_change"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ganti kata sandi" in html
    assert "Sandi lama" in html
    assert "Old password" not in html

    response = client.post(
        reverse("password_change"),
        {
            "old_password": f.SANDI,
            "new_password1": "Ngudi-Rahayu-Poncosari-77",
            "new_password2": "Ngudi-Rahayu-Poncosari-77",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    assert "Kata sandi diganti" in client.get(response["Location"]).content.decode()
    pengguna.refresh_from_db()
    assert pengguna.check_password("Ngudi-Rahayu-Poncosari-77")
    # Still logged in after the change.
    assert client.get(reverse("home")).status_code == 200


def test_ganti_sandi_lemah_ditolak_dengan_pesan_indonesia(client, pengguna):
    masuk(client, pengguna)
    response = client.post(
        reverse("password_change"),
        {"old_password": f.SANDI, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "terlalu umum" in html
    pengguna.refresh_from_db()
    assert pengguna.check_password(f.SANDI)


def test_argon2_pertama_di_password_hashers():
    # The real settings module, not the fast MD5 override of the tests.
    assert setelan_asli.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
