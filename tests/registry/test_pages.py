"""Every page, for every role of the demo: it renders, with one <h1>, in Bahasa Indonesia;
list pages keep a constant number of queries as rows grow; search and pagination work."""

import html as html_lib
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from registry.models import Jabatan, Kepengurusan, Pengesahan, Wksbm
from tests import factories as f
from tests import urlwalk
from tests.conftest import masuk

# The demo accounts of seed_demo, by role (pengurus_b works on WKSBM B, the others see A).
ORANG = ["pengurus_a", "bendahara_a", "lurah_a", "dinsos", "admin", "pengurus_b"]

EKSPOR = (".pdf", ".xlsx")

# English words a page in Bahasa Indonesia should not show (Django's defaults included).
INGGRIS = re.compile(
    r"\b(Log ?in|Log ?out|Sign in|Password|Username|Submit|Save|Cancel|Delete|Edit|Search|"
    r"Next|Previous|Home|This field|is required|Welcome|Settings|Back to|Create|Update|"
    r"Download|Upload|Choose|Select an?|Currently|Change|Clear|Yes|Forbidden|Not Found|"
    r"Server Error|Print|Export|Import|History|Actions?|Show|Hide|Close|Toggle|Loading|"
    r"Page \d|of \d|No results|Nothing|Unknown|January|February|March|May|June|July|"
    r"August|October|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


def teks_tampak(html: str) -> str:
    """The visible text of a page plus the texts of placeholder/aria-label/title/alt."""
    atribut = re.findall(r'(?:placeholder|aria-label|title|alt)="([^"]*)"', html)
    badan = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    badan = re.sub(r"<[^>]+>", " ", badan)
    return html_lib.unescape(" ".join([badan, *atribut]))


def periksa_halaman(response, url: str) -> None:
    html = response.content.decode()
    assert '<html lang="id">' in html, url
    assert len(re.findall(r"<h1[\s>]", html)) == 1, url
    inggris = INGGRIS.findall(teks_tampak(html))
    assert not inggris, (url, inggris)


@pytest.fixture
def objek(dunia) -> dict[str, urlwalk.Objek]:
    return {"a": urlwalk.objek_wksbm(dunia.a), "b": urlwalk.objek_wksbm(dunia.b)}


@pytest.mark.parametrize("orang", ORANG)
def test_setiap_halaman_satu_h1_berbahasa_indonesia(client, dunia, objek, orang):
    milik = objek["b" if orang == "pengurus_b" else "a"]
    masuk(client, getattr(dunia, orang))
    halaman_html = 0
    for rute in urlwalk.semua_rute():
        if orang != "pengurus_a" and rute.pola.endswith(EKSPOR):
            continue  # files, not pages: rendered once (for pengurus_a) to keep the suite quick
        if orang != "dinsos" and rute.nama in urlwalk.PEMINTA_SAJA:
            continue
        url = milik.url(rute)
        response = client.get(url, follow=True)
        # 405: a POST-only action; 403: an action this role may not take. Never a 404 on
        # the role's own objects, never an error.
        assert response.status_code in (200, 403, 405), (url, response.status_code)
        if response.status_code == 405 or "text/html" not in response["Content-Type"]:
            continue
        periksa_halaman(response, url)
        halaman_html += 1
    assert halaman_html >= 15


def test_halaman_galat_berbahasa_indonesia(client, dunia):
    masuk(client, dunia.pengurus_b)
    response = client.get(dunia.a.wksbm.get_absolute_url())
    assert response.status_code == 404
    periksa_halaman(response, "404")
    assert "Halaman tidak ditemukan" in response.content.decode()
    response = client.get(reverse("registry:wksbm-create"))
    assert response.status_code == 403
    periksa_halaman(response, "403")
    assert "Akses ditolak" in response.content.decode()


def test_beranda_tiap_peran_berguna(client, dunia):
    # pengurus → the dashboard of their WKSBM
    masuk(client, dunia.pengurus_a)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == dunia.a.wksbm.get_absolute_url()
    # lurah → pending pengesahan and the WKSBMs of the desa
    uji = f.wksbm_penumbuhan(desa=dunia.wilayah.poncosari, lurah=dunia.lurah_a, nama="WKSBM Baru")
    f.ajukan(uji)
    masuk(client, dunia.lurah_a)
    html = client.get(reverse("home")).content.decode()
    assert "Pengesahan menunggu keputusan Anda" in html
    assert "WKSBM Baru" in html
    # dinas sosial → the WKSBMs of the area with their status
    masuk(client, dunia.dinsos)
    html = client.get(reverse("home")).content.decode()
    assert "WKSBM di wilayah kerja Anda" in html
    assert "Pengesahan menunggu keputusan Anda" not in html


# --- constant number of queries on list pages ---------------------------------------------


def tambah_wksbm(dunia, n: int) -> None:
    for _ in range(n):
        f.WksbmFactory(desa=dunia.wilayah.gadingsari)


def tambah_pengajuan(dunia, n: int) -> None:
    """n WKSBMs of Poncosari whose board waits for the lurah."""
    for _ in range(n):
        wksbm = f.WksbmFactory(desa=dunia.wilayah.poncosari)
        k = f.KepengurusanFactory(wksbm=wksbm)
        f.PengurusFactory(kepengurusan=k, jabatan=Jabatan.KETUA)
        Pengesahan.objects.create(
            wksbm=wksbm,
            kepengurusan=k,
            status=Pengesahan.Status.DIAJUKAN,
            diajukan_pada=timezone.now(),
        )


def buka(client, url):
    """First visit stamps the session (a write); later visits in the minute do not."""
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("baris", [3, 30])
def test_daftar_wksbm_kueri_tetap(client, dunia, django_assert_max_num_queries, baris):
    tambah_wksbm(dunia, baris)
    masuk(client, dunia.dinsos)
    url = reverse("registry:wksbm-list")
    buka(client, url)
    # session, user, roles (access), COUNT for the paginator, one page of WKSBMs joined with
    # desa/kecamatan/kabupaten/padukuhan
    # + the second-factor device of the signed-in user (django-otp's middleware)
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert len(response.context["page"]) == min(baris + 2, 25)


@pytest.mark.parametrize("baris", [3, 30])
def test_daftar_pengesahan_kueri_tetap(client, dunia, django_assert_max_num_queries, baris):
    tambah_pengajuan(dunia, baris)
    masuk(client, dunia.lurah_a)
    url = reverse("registry:pengesahan-list")
    buka(client, url)
    # session, user, roles, COUNT, one page of pengesahan joined with WKSBM, desa, kepengurusan
    # + the second-factor device of the signed-in user (django-otp's middleware)
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert len(response.context["page"]) == min(baris + 1, 25)


@pytest.mark.parametrize("baris", [3, 30])
def test_daftar_kepengurusan_kueri_tetap(client, dunia, django_assert_max_num_queries, baris):
    wksbm = dunia.a.wksbm
    for i in range(baris):
        mulai = dunia.a.kepengurusan.periode_mulai - timedelta(days=365 * (i + 1))
        f.KepengurusanFactory(wksbm=wksbm, periode_mulai=mulai)
    masuk(client, dunia.pengurus_a)
    url = reverse("registry:kepengurusan-list", args=[wksbm.pk])
    buka(client, url)
    # session, user, roles, the WKSBM (scoped), COUNT, one page of terms with their pengesahan
    # + the second-factor device of the signed-in user (django-otp's middleware)
    with django_assert_max_num_queries(7):
        response = client.get(url)
    assert len(response.context["page"]) == min(baris + 1, 25)
    assert Kepengurusan.objects.filter(wksbm=wksbm).count() == baris + 1


@pytest.mark.parametrize("baris", [3, 30])
def test_beranda_lurah_kueri_tetap(client, dunia, django_assert_max_num_queries, baris):
    tambah_pengajuan(dunia, baris)
    masuk(client, dunia.lurah_a)
    url = reverse("home")
    buka(client, url)
    # session, user, roles, totals per status (one aggregate), the lurah's desa, the pending
    # pengesahan joined with WKSBM and desa, the laporan waiting to be acknowledged (the
    # distribution panel)
    # + the second-factor device of the signed-in user (django-otp's middleware)
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert len(response.context["menunggu"]) == baris


@pytest.mark.parametrize("baris", [3, 30])
def test_beranda_dinsos_kueri_tetap(client, dunia, django_assert_max_num_queries, baris):
    tambah_wksbm(dunia, baris)
    masuk(client, dunia.dinsos)
    url = reverse("home")
    buka(client, url)
    # session, user, roles, totals per status (one aggregate)
    # + the second-factor device of the signed-in user (django-otp's middleware)
    with django_assert_max_num_queries(5):
        response = client.get(url)
    assert response.context["ringkasan"]["total"] == baris + 2


# --- search and pagination ------------------------------------------------------------------


def test_pencarian_daftar_wksbm(client, dunia):
    tambah_wksbm(dunia, 5)
    masuk(client, dunia.dinsos)
    url = reverse("registry:wksbm-list")

    html = client.get(url, {"q": "ngudi"}).content.decode()
    assert "WKSBM Ngudi Rahayu" in html
    assert "WKSBM Sido Rukun" not in html

    html = client.get(url, {"q": "Trimurti"}).content.decode()
    assert "WKSBM Sido Rukun" in html
    assert "WKSBM Ngudi Rahayu" not in html


def test_saring_status_daftar_wksbm(client, dunia):
    f.WksbmFactory(desa=dunia.wilayah.gadingsari, nama="WKSBM Masih Tumbuh")
    masuk(client, dunia.dinsos)
    html = client.get(reverse("registry:wksbm-list"), {"status": "penumbuhan"}).content.decode()
    assert "WKSBM Masih Tumbuh" in html
    assert "WKSBM Ngudi Rahayu" not in html


def test_halaman_daftar_wksbm(client, dunia):
    tambah_wksbm(dunia, 30)
    masuk(client, dunia.dinsos)
    url = reverse("registry:wksbm-list")

    satu = client.get(url)
    dua = client.get(url, {"halaman": 2})

    nama_satu = {w.nama for w in satu.context["page"]}
    nama_dua = {w.nama for w in dua.context["page"]}
    assert len(nama_satu) == 25 and len(nama_dua) == 7
    assert not nama_satu & nama_dua
    assert nama_satu | nama_dua == set(Wksbm.objects.values_list("nama", flat=True))
    html = satu.content.decode()
    assert "Halaman 1 dari 2" in html
    assert 'href="?halaman=2"' in html
    # The search is kept when paging.
    html = client.get(url, {"q": "Uji", "halaman": 2}).content.decode()
    assert "Halaman 2 dari 2" in html
    assert 'href="?q=Uji&amp;halaman=1"' in html


def test_beranda_dinsos_provinsi_kueri_tetap(client, dunia, django_assert_max_num_queries):
    diy = f.PeranDinsosProvinsiFactory(provinsi=dunia.wilayah.diy).user
    masuk(client, diy)
    url = reverse("home")
    buka(client, url)
    # session, user, roles (with their province, named in the top bar), totals per status
    # + the second-factor device of the signed-in user (django-otp's middleware)
    with django_assert_max_num_queries(5):
        response = client.get(url)
    assert "Dinas Sosial Daerah Istimewa Yogyakarta" in response.content.decode()
