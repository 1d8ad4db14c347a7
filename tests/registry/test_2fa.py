"""Two-factor sign-in (TOTP + recovery codes), who must use it, throttling, the admin's device
reset, and re-authentication before an export with NIK/No. KK."""

import io
import re
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.access import forget, wajib_dua_faktor
from registry.akun.services import buat_kode_cadangan
from registry.models import Jabatan, RiwayatAkun
from tests import bookcheck
from tests import factories as f
from tests.akun import kode
from tests.conftest import masuk
from wksbm import reauth
from wksbm.models import Ekspor

LOGIN = "/masuk/"
DAFTAR = reverse("akun:dua-faktor-daftar")
VERIFIKASI = reverse("akun:dua-faktor-verifikasi")


def masuk_sandi(client, user, password: str = f.SANDI):
    """The real login form (password only), as a person does it."""
    response = client.post(LOGIN, {"username": user.username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def terdaftar(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Ponsel", confirmed=True)


def sekretaris(dunia):
    user = f.UserFactory(username="sekretaris_a")
    f.PeranPengurusFactory(user=user, wksbm=dunia.a.wksbm, jabatan=Jabatan.SEKRETARIS)
    return user


# --- who must use it ------------------------------------------------------------------------


@pytest.mark.parametrize("siapa", ["pengurus_a", "bendahara_a", "lurah_a", "dinsos", "admin"])
def test_peran_yang_wajib_dua_langkah(dunia, siapa):
    assert wajib_dua_faktor(getattr(dunia, siapa))


def test_sekretaris_dan_tanpa_peran_tidak_wajib(dunia):
    assert not wajib_dua_faktor(sekretaris(dunia))
    assert not wajib_dua_faktor(dunia.tanpa_peran)


# --- enrolment ------------------------------------------------------------------------------


def test_ketua_belum_terdaftar_diarahkan_ke_pendaftaran_dan_tak_bisa_apa_pun(client, dunia):
    response = masuk_sandi(client, dunia.pengurus_a)
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == f"{DAFTAR}?next=/"
    wksbm_url = reverse("registry:wksbm-detail", kwargs={"wksbm": dunia.a.wksbm.pk})
    for url in [wksbm_url, reverse("akun:detail"), reverse("admin:index"), reverse("reauth")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(DAFTAR), url
    # Public pages stay public; logging out is allowed.
    assert client.get(reverse("login")).status_code in (200, 302)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")


def test_pendaftaran_qr_svg_lalu_kode_lalu_sepuluh_kode_cadangan(client, dunia, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # the wait outlasts a slow test machine
    user = dunia.pengurus_a
    masuk_sandi(client, user)
    response = client.get(DAFTAR, {"next": "/"})
    html = response.content.decode()
    assert response.status_code == 200
    # The QR code is inline SVG; no inline script (the CSP forbids it), no external image.
    assert "<svg" in html and not re.search(r"<script(?![^>]*\ssrc=)", html)
    assert "chart.googleapis" not in html and "<img" not in html.split("<main", 1)[-1]
    assert "Peran Anda mewajibkan verifikasi dua langkah" in html
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    # The same secret on reload (the QR code already scanned stays valid).
    client.get(DAFTAR)
    assert TOTPDevice.objects.filter(user=user).count() == 1

    response = client.post(DAFTAR, {"kode": "000000", "next": "/"})
    assert "Kode tidak cocok" in response.content.decode()
    response = client.post(DAFTAR, {"kode": "000001", "next": "/"})
    assert "Terlalu banyak kode salah. Coba lagi dalam 60 detik." in response.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # as after the wait
    response = client.post(DAFTAR, {"kode": kode(device), "next": "/"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    codes = re.findall(r"<li>([a-z0-9]{8})</li>", response.content.decode())
    assert len(set(codes)) == 10, response.content.decode()[-3000:]
    assert set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    ) == set(codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("akun:detail")).status_code == 200


def test_pengguna_opsional_masuk_tanpa_dua_langkah_dan_bisa_mendaftar(client, dunia):
    user = sekretaris(dunia)
    masuk_sandi(client, user)
    response = client.get(reverse("akun:detail"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Belum aktif" in html and "Aktifkan verifikasi dua langkah" in html
    client.get(DAFTAR)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(DAFTAR, {"kode": kode(device)})
    assert response.status_code == 200 and "Kode cadangan" in response.content.decode()
    # Once enrolled, the next sign-in asks for a code.
    client.post(reverse("logout"))
    masuk_sandi(client, user)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == f"{VERIFIKASI}?next=/"


# --- verification after the password --------------------------------------------------------


def test_pengguna_terdaftar_diminta_kode_setelah_sandi(client, dunia):
    user = dunia.lurah_a
    device = terdaftar(user)
    response = masuk_sandi(client, user)
    response = client.get(response["Location"])
    assert response["Location"] == f"{VERIFIKASI}?next=/"
    response = client.get(VERIFIKASI, {"next": "/"})
    assert "Ketik kode 6 angka" in response.content.decode()
    response = client.post(VERIFIKASI, {"kode": "123456", "next": "/"})
    assert "Kode tidak cocok." in response.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # as after the one-second wait
    response = client.post(VERIFIKASI, {"kode": kode(device), "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get(reverse("akun:detail")).status_code == 200


def test_kode_salah_berulang_diperlambat(client, dunia, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # the wait outlasts a slow test machine
    user = dunia.pengurus_a
    terdaftar(user)
    masuk_sandi(client, user)
    response = client.post(VERIFIKASI, {"kode": "111111"})
    assert "Kode tidak cocok." in response.content.decode()
    response = client.post(VERIFIKASI, {"kode": "222222"})
    assert "Terlalu banyak kode salah. Coba lagi dalam 60 detik." in response.content.decode()
    assert client.get("/").status_code == 302


def test_kode_cadangan_hanya_sekali(client, dunia):
    user = dunia.pengurus_a
    terdaftar(user)
    codes = buat_kode_cadangan(user=user)
    masuk_sandi(client, user)
    response = client.post(VERIFIKASI, {"kode": codes[0].upper(), "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert StaticToken.objects.filter(device__user=user).count() == 9
    client.post(reverse("logout"))
    masuk_sandi(client, user)
    response = client.post(VERIFIKASI, {"kode": codes[0], "next": "/"})
    assert "Kode tidak cocok." in response.content.decode()


def test_kode_cadangan_baru_menggantikan_yang_lama(client, dunia):
    lama = buat_kode_cadangan(user=dunia.pengurus_a)
    masuk(client, dunia.pengurus_a)
    response = client.post(reverse("akun:kode-cadangan"))
    baru = re.findall(r"<li>([a-z0-9]{8})</li>", response.content.decode())
    assert len(baru) == 10
    tokens = set(
        StaticToken.objects.filter(device__user=dunia.pengurus_a).values_list("token", flat=True)
    )
    assert tokens == set(baru) and not tokens & set(lama)


def test_kode_cadangan_baru_butuh_sesi_terverifikasi(client, dunia):
    user = sekretaris(dunia)
    client.force_login(user)
    assert client.post(reverse("akun:kode-cadangan")).status_code == 403


# --- the admin resets a device --------------------------------------------------------------


def test_admin_mengatur_ulang_perangkat_tercatat(client, dunia):
    korban = client.__class__()
    masuk(korban, dunia.pengurus_a)
    assert korban.get(reverse("akun:detail")).status_code == 200
    masuk(client, dunia.admin)
    html = client.get(reverse("akun:pengguna-list")).content.decode()
    assert "pengurus_a" in html and "Atur ulang dua langkah" in html
    url = reverse("akun:pengguna-reset-dua-faktor", kwargs={"pk": dunia.pengurus_a.pk})
    response = client.post(url, follow=True)
    assert "Verifikasi dua langkah pengurus_a diatur ulang" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=dunia.pengurus_a).exists()
    riwayat = RiwayatAkun.objects.get()
    assert (riwayat.aksi, riwayat.oleh, riwayat.untuk) == (
        RiwayatAkun.Aksi.RESET_DUA_FAKTOR,
        dunia.admin,
        dunia.pengurus_a,
    )
    # The session verified with the old device is verified no more: enrol again.
    response = korban.get(reverse("akun:detail"), follow=True)
    assert response.redirect_chain[-1][0].startswith(DAFTAR)


def test_ketua_tidak_boleh_mengatur_ulang_perangkat(client, dunia):
    masuk(client, dunia.pengurus_a)
    url = reverse("akun:pengguna-reset-dua-faktor", kwargs={"pk": dunia.bendahara_a.pk})
    assert client.post(url).status_code == 403
    assert not RiwayatAkun.objects.exists()


def test_daftar_akun_jumlah_kueri_tetap(client, dunia, django_assert_max_num_queries):
    masuk(client, dunia.admin)
    for i in range(5):
        f.UserFactory(username=f"warga{i}")
    # session, user, the verified device, roles (akses), the count, the page of users with
    # two EXISTS; the session's first "seen" stamp (savepoint, update, release).
    with django_assert_max_num_queries(9):
        response = client.get(reverse("akun:pengguna-list"))
    assert response.content.decode().count("Atur ulang kata sandi<") >= 10


# --- re-authentication before an export with NIK/No. KK --------------------------------------


def _ekspor_nik(dunia) -> str:
    return bookcheck.url("ppks", "xlsx", dunia.a.wksbm) + "?data_pribadi=ya"


def _basi(client) -> None:
    session = client.session
    session[reauth.REAUTH_AT] = int(time.time()) - 11 * 60
    session.save()


def test_ekspor_nik_meminta_konfirmasi_setelah_sepuluh_menit(client, dunia):
    masuk(client, dunia.pengurus_a)
    _basi(client)
    target = _ekspor_nik(dunia)
    response = client.get(target)
    assert response.status_code == 302
    konfirmasi = response["Location"]
    assert konfirmasi.startswith(reverse("reauth") + "?next=")
    html = client.get(konfirmasi).content.decode()
    assert "Ekspor ini memuat data pribadi" in html
    response = client.post(reverse("reauth"), {"rahasia": "salah-sekali", "next": target})
    assert "Kata sandi atau kode tidak cocok." in response.content.decode()
    response = client.post(reverse("reauth"), {"rahasia": f.SANDI, "next": target})
    assert response.status_code == 302 and response["Location"] == target
    rows = bookcheck.xlsx_rows(client.get(target))
    assert "NIK" in rows[4] and "No. KK" in rows[4]


def test_konfirmasi_dengan_kode_totp(client, dunia):
    masuk(client, dunia.pengurus_a)
    _basi(client)
    device = TOTPDevice.objects.get(user=dunia.pengurus_a)
    target = _ekspor_nik(dunia)
    response = client.post(reverse("reauth"), {"rahasia": kode(device), "next": target})
    assert response.status_code == 302 and response["Location"] == target
    assert client.get(target).status_code == 200


def test_ekspor_tanpa_nik_tidak_meminta_konfirmasi(client, dunia):
    masuk(client, dunia.pengurus_a)
    _basi(client)
    response = client.get(bookcheck.url("ppks", "xlsx", dunia.a.wksbm))
    assert response.status_code == 200
    assert "NIK" not in bookcheck.xlsx_rows(response)[4]


def test_konfirmasi_tidak_mengalihkan_ke_situs_lain(client, dunia):
    masuk(client, dunia.pengurus_a)
    response = client.post(
        reverse("reauth"), {"rahasia": f.SANDI, "next": "https://jahat.example/"}
    )
    assert response["Location"] == reverse("home")


def test_wajib_dihitung_ulang_setelah_lupa(dunia):
    user = dunia.tanpa_peran
    assert not wajib_dua_faktor(user)
    f.PeranPengurusFactory(user=user, wksbm=dunia.a.wksbm, jabatan=Jabatan.BENDAHARA)
    forget(user)
    assert wajib_dua_faktor(user)


def test_unduh_berkas_latar_dengan_nik_meminta_konfirmasi(client, dunia):
    now = timezone.now()
    job = Ekspor.objects.create(
        user=dunia.pengurus_a,
        tenant_id=dunia.a.wksbm.pk,
        jenis="buku-xlsx",
        sumber="ppks",
        judul="Data PPKS (XLSX) · Semua",
        kunci="k",
        status="selesai",
        nama_berkas="data-ppks.xlsx",
        dibuat=now,
        kedaluwarsa=now + timedelta(days=7),
        data_pribadi=True,
    )
    job.berkas.save("data-ppks.xlsx", io.BytesIO(b"PK uji"), save=True)
    url = reverse("wksbm:ekspor-unduh", kwargs={"wksbm": dunia.a.wksbm.pk, "pk": job.pk})
    masuk(client, dunia.pengurus_a)
    _basi(client)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("reauth") + "?next=")
    client.post(reverse("reauth"), {"rahasia": f.SANDI, "next": url})
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"PK uji"
