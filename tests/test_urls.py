"""Every URL of the project: login required (except the few public ones), and another WKSBM's
objects are a 404 for a pengurus (their existence is not revealed)."""

from urllib.parse import quote

import pytest

from tests import urlwalk
from tests.conftest import masuk

RUTE = urlwalk.semua_rute()
RUTE_WKSBM = [r for r in RUTE if r.milik_wksbm]


@pytest.fixture
def objek_a(dunia) -> urlwalk.Objek:
    return urlwalk.objek_wksbm(dunia.a)


def test_penjelajah_menemukan_rute_inti():
    nama = {r.nama for r in RUTE}
    for wajib in (
        "home",
        "login",
        "logout",
        "password_change",
        "verifikasi",
        "registry:wksbm-detail",
        "registry:pengesahan-setujui",
        "registry:pengesahan-sk",
        "registry:padukuhan-list",
    ):
        assert wajib in nama
    assert not any(r.pola.startswith("admin/") for r in RUTE)
    assert len(RUTE_WKSBM) >= 18


def test_penjelajah_gagal_keras_untuk_parameter_baru(objek_a):
    baru = urlwalk.Rute(
        nama="registry:contoh-baru", pola="w/<int:wksbm>/x/<int:pk>/", kwargs=("wksbm", "pk")
    )
    with pytest.raises(AssertionError, match="belum dikenal"):
        objek_a.isi(baru)
    aneh = urlwalk.Rute(nama="registry:contoh-aneh", pola="x/<slug:kode>/", kwargs=("kode",))
    with pytest.raises(AssertionError, match="belum dikenal"):
        objek_a.isi(aneh)


def test_anonim_diarahkan_ke_halaman_masuk(client, objek_a):
    salah = []
    for rute in RUTE:
        url = objek_a.url(rute)
        get = client.get(url)
        if rute.publik:
            if get.status_code != 200:
                salah.append(f"GET {url}: {get.status_code}, bukan 200")
            continue
        login = f"/masuk/?next={quote(url, safe='/')}"
        if get.status_code != 302 or get["Location"] != login:
            salah.append(f"GET {url}: {get.status_code} {get.get('Location')}")
        post = client.post(url, {})
        if post.status_code != 302 or not post["Location"].startswith("/masuk/"):
            salah.append(f"POST {url}: {post.status_code} {post.get('Location')}")
    assert not salah, "\n".join(salah)


@pytest.mark.parametrize("orang", ["pengurus_b", "lurah_b"])
def test_pengurus_wksbm_lain_mendapat_404(client, dunia, objek_a, orang):
    """Every URL naming an object of WKSBM A is a 404 for someone of WKSBM B (GET and POST)."""
    masuk(client, getattr(dunia, orang))
    salah = []
    hanya_post = []
    for rute in RUTE_WKSBM:
        url = objek_a.url(rute)
        get = client.get(url)
        post = client.post(url, {})
        if post.status_code != 404:
            salah.append(f"POST {url}: {post.status_code}")
        if get.status_code == 405:
            hanya_post.append(url)
        elif get.status_code != 404:
            salah.append(f"GET {url}: {get.status_code}")
    # A POST-only view refuses GET for everyone alike (its owner too), which reveals nothing.
    masuk(client, dunia.pengurus_a)
    for url in hanya_post:
        if client.get(url).status_code != 405:
            salah.append(f"GET {url}: 405 untuk orang luar, tetapi tidak untuk pemiliknya")
    assert not salah, "\n".join(salah)


@pytest.mark.parametrize("nama", ["home", "registry:wksbm-list", "registry:pengesahan-list"])
def test_halaman_bukan_objek_terbuka_bagi_pengurus_lain(client, dunia, objek_a, nama):
    rute = next(r for r in RUTE if r.nama == nama)
    masuk(client, dunia.pengurus_b)
    response = client.get(objek_a.url(rute), follow=True)
    assert response.status_code == 200
    assert dunia.a.wksbm.nama not in response.content.decode()


def test_padukuhan_kalurahan_lain_403(client, dunia, objek_a):
    rute = next(r for r in RUTE if r.nama == "registry:padukuhan-list")
    url = objek_a.url(rute)
    for user in (dunia.pengurus_b, dunia.lurah_b, dunia.pengurus_a, dunia.dinsos):
        masuk(client, user)
        assert client.get(url).status_code == 403, user
        assert client.post(url, {"nama": "Ngentak"}).status_code == 403, user
    masuk(client, dunia.lurah_a)
    assert client.get(url).status_code == 200


def test_daftarkan_wksbm_hanya_untuk_lurah(client, dunia):
    rute = next(r for r in RUTE if r.nama == "registry:wksbm-create")
    for user in (dunia.pengurus_b, dunia.dinsos):
        masuk(client, user)
        assert client.get(urlwalk.reverse(rute.nama)).status_code == 403
    masuk(client, dunia.lurah_a)
    assert client.get(urlwalk.reverse(rute.nama)).status_code == 200
