"""Password reset by the admin or a ketua (no e-mail): a temporary password shown once, a
forced change at the next login, recorded; a ketua reaches only their own WKSBM's pengurus."""

import re

import pytest
from django.urls import reverse

from registry.models import Jabatan, RiwayatAkun, SandiSementara
from tests import factories as f
from tests.conftest import masuk

LOGIN = "/masuk/"


@pytest.fixture
def sekretaris_a(dunia):
    user = f.UserFactory(username="sekretaris_a")
    f.PeranPengurusFactory(user=user, wksbm=dunia.a.wksbm, jabatan=Jabatan.SEKRETARIS)
    return user


def reset(client, user):
    return client.post(reverse("akun:pengguna-reset-sandi", kwargs={"pk": user.pk}))


def sandi_dari(response) -> str:
    return re.search(r'id="sandi-sementara">([^<]+)<', response.content.decode()).group(1)


def test_ketua_mengatur_ulang_sandi_pengurusnya_dan_wajib_diganti(client, dunia, sekretaris_a):
    lama = client.__class__()
    masuk(lama, sekretaris_a)
    masuk(client, dunia.pengurus_a)
    html = client.get(reverse("akun:pengguna-list")).content.decode()
    assert "sekretaris_a" in html and dunia.bendahara_a.username in html
    assert "pengurus_b" not in html and ">admin<" not in html
    assert "Atur ulang dua langkah" not in html  # the device reset is the admin's alone

    response = reset(client, sekretaris_a)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    sandi = sandi_dari(response)
    assert len(sandi) == 14
    riwayat = RiwayatAkun.objects.get()
    assert (riwayat.aksi, riwayat.oleh, riwayat.untuk) == (
        RiwayatAkun.Aksi.RESET_SANDI,
        dunia.pengurus_a,
        sekretaris_a,
    )
    assert SandiSementara.objects.filter(user=sekretaris_a).exists()
    # The old password and the open session are gone.
    assert lama.get(reverse("akun:detail"))["Location"].startswith(LOGIN)

    orang = client.__class__()
    response = orang.post(LOGIN, {"username": "sekretaris_a", "password": sandi})
    assert response.status_code == 302
    response = orang.get(reverse("akun:detail"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('password_change')}?next=/akun/"
    response = orang.get(response["Location"])
    assert "Anda masuk dengan kata sandi sementara" in response.content.decode()
    baru = "Sandi-Baru-Kalurahan-2026"
    response = orang.post(
        reverse("password_change"),
        {"old_password": sandi, "new_password1": baru, "new_password2": baru},
    )
    assert response["Location"] == reverse("password_change_done")
    assert not SandiSementara.objects.filter(user=sekretaris_a).exists()
    assert orang.get(reverse("akun:detail")).status_code == 200


@pytest.mark.parametrize("siapa", ["pengurus_b", "admin", "lurah_a", "dinsos", "tanpa_peran"])
def test_ketua_tidak_menjangkau_akun_di_luar_wksbmnya(client, dunia, siapa):
    masuk(client, dunia.pengurus_a)
    assert reset(client, getattr(dunia, siapa)).status_code == 404
    assert not RiwayatAkun.objects.exists()


def test_bukan_ketua_tidak_boleh_mengatur_ulang(client, dunia, sekretaris_a):
    masuk(client, sekretaris_a)
    assert client.get(reverse("akun:pengguna-list")).status_code == 403
    assert reset(client, dunia.bendahara_a).status_code == 403
    masuk(client, dunia.lurah_a)
    assert reset(client, dunia.bendahara_a).status_code == 403
    assert not RiwayatAkun.objects.exists()


def test_admin_mengatur_ulang_sandi_siapa_pun(client, dunia):
    masuk(client, dunia.admin)
    response = reset(client, dunia.pengurus_b)
    assert response.status_code == 200
    assert "Kata sandi sementara untuk pengurus_b" in response.content.decode()
    assert RiwayatAkun.objects.get().oleh == dunia.admin


def test_atur_ulang_hanya_lewat_post(client, dunia):
    masuk(client, dunia.admin)
    url = reverse("akun:pengguna-reset-sandi", kwargs={"pk": dunia.pengurus_b.pk})
    assert client.get(url).status_code == 405
