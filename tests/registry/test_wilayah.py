"""Region data (load_wilayah) and the padukuhan page of a kalurahan."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from registry import wilayah_data
from registry.models import Desa, Kabupaten, Kecamatan, Padukuhan, Peran, Provinsi, Wksbm

DIY = {"provinsi": 1, "kabupaten": 5, "kecamatan": 78, "desa": 438}
DKI = {"provinsi": 1, "kabupaten": 6, "kecamatan": 44, "desa": 267}
PONCOSARI = "34.02.01.2001"  # Kalurahan Poncosari, Kapanewon Srandakan, Kabupaten Bantul
TRIMURTI = "34.02.01.2002"


def jumlah_di_db() -> dict[str, int]:
    return {
        "provinsi": Provinsi.objects.count(),
        "kabupaten": Kabupaten.objects.count(),
        "kecamatan": Kecamatan.objects.count(),
        "desa": Desa.objects.count(),
    }


@pytest.fixture(autouse=True)
def _pengaturan_uji(settings):
    # Without DJANGO_DEBUG the settings are production ones: plain HTTP is redirected to HTTPS
    # and static URLs need a collectstatic manifest. The test client needs neither.
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def diy(db):
    wilayah_data.load(["34"])


@pytest.fixture
def lurah_poncosari(diy):
    user = User.objects.create_user("lurah.poncosari")
    Peran.objects.create(user=user, jenis=Peran.Jenis.LURAH, desa_id=PONCOSARI)
    return user


@pytest.fixture
def lurah_trimurti(diy):
    user = User.objects.create_user("lurah.trimurti")
    Peran.objects.create(user=user, jenis=Peran.Jenis.LURAH, desa_id=TRIMURTI)
    return user


@pytest.fixture
def pengurus_poncosari(diy):
    wksbm = Wksbm.objects.create(
        nama="WKSBM Poncosari",
        tingkat=Wksbm.Tingkat.KALURAHAN,
        desa_id=PONCOSARI,
        alamat="Balai Kalurahan Poncosari",
    )
    user = User.objects.create_user("ketua.poncosari")
    Peran.objects.create(user=user, jenis=Peran.Jenis.PENGURUS, wksbm=wksbm, jabatan="ketua")
    return user


def url_padukuhan(desa: str = PONCOSARI) -> str:
    return reverse("registry:padukuhan-list", args=[desa])


# --- loading --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_memuat_diy_menghasilkan_5_kabupaten_78_kapanewon_438_kalurahan():
    counts = wilayah_data.load(["34"])

    assert counts == DIY
    assert jumlah_di_db() == DIY
    assert Provinsi.objects.get(pk="34").nama == "Daerah Istimewa Yogyakarta"
    assert Kabupaten.objects.get(pk="34.02").nama == "Kabupaten Bantul"
    poncosari = Desa.objects.select_related("kecamatan__kabupaten").get(pk=PONCOSARI)
    assert poncosari.nama == "Poncosari"
    assert poncosari.kecamatan.nama == "Srandakan"
    assert poncosari.kecamatan.kabupaten_id == "34.02"


@pytest.mark.django_db
def test_memuat_ulang_memulihkan_nama_tanpa_duplikat():
    wilayah_data.load(["34"])
    Kabupaten.objects.filter(pk="34.02").update(nama="Bantul (salah ketik)")
    Desa.objects.filter(pk=PONCOSARI).update(nama="Ponco")

    counts = wilayah_data.load(["34"])

    assert counts == DIY
    assert jumlah_di_db() == DIY
    assert Kabupaten.objects.get(pk="34.02").nama == "Kabupaten Bantul"
    assert Desa.objects.get(pk=PONCOSARI).nama == "Poncosari"


@pytest.mark.django_db
def test_memuat_dua_provinsi():
    counts = wilayah_data.load(["34", "31"])

    jumlah = {key: DIY[key] + DKI[key] for key in DIY}
    assert counts == jumlah
    assert jumlah_di_db() == jumlah
    assert set(Provinsi.objects.values_list("kode", flat=True)) == {"31", "34"}
    assert Desa.objects.filter(kode__startswith="31.").count() == DKI["desa"]


@pytest.mark.django_db
def test_memuat_provinsi_kedua_tidak_mengubah_yang_pertama():
    wilayah_data.load(["34"])
    wilayah_data.load(["31"])

    assert jumlah_di_db() == {key: DIY[key] + DKI[key] for key in DIY}


@pytest.mark.django_db
def test_kode_provinsi_tidak_dikenal_ditolak_tanpa_menulis_apa_pun():
    with pytest.raises(ValueError, match="Kode provinsi tidak dikenal: 99"):
        wilayah_data.load(["34", "99"])

    assert Provinsi.objects.count() == 0


@pytest.mark.django_db
def test_perintah_load_wilayah_mencetak_jumlah_per_tingkat():
    out = StringIO()

    call_command("load_wilayah", "--provinsi", "34", stdout=out)

    assert "Provinsi: 1, Kabupaten/kota: 5, Kapanewon/kecamatan: 78, Kalurahan/desa: 438" in (
        out.getvalue()
    )
    assert jumlah_di_db() == DIY


@pytest.mark.django_db
def test_perintah_load_wilayah_menerima_beberapa_provinsi():
    out = StringIO()

    call_command("load_wilayah", "--provinsi", "34", "--provinsi", "31", stdout=out)

    assert "Provinsi: 2, Kabupaten/kota: 11," in out.getvalue()


@pytest.mark.django_db
def test_perintah_load_wilayah_menolak_kode_tidak_dikenal():
    with pytest.raises(CommandError, match="Kode provinsi tidak dikenal: 99"):
        call_command("load_wilayah", "--provinsi", "99", stdout=StringIO())


# --- padukuhan page -------------------------------------------------------------------------


@pytest.mark.django_db
def test_lurah_menambah_padukuhan(client, lurah_poncosari):
    client.force_login(lurah_poncosari)

    response = client.post(url_padukuhan(), {"nama": "  Jopaten  "})

    assert response.status_code == 302
    assert response.url == url_padukuhan()
    padukuhan = Padukuhan.objects.get()
    assert (padukuhan.desa_id, padukuhan.nama) == (PONCOSARI, "Jopaten")
    page = client.get(url_padukuhan())
    assert page.status_code == 200
    assert "Jopaten" in page.content.decode()


@pytest.mark.django_db
def test_daftar_padukuhan_jumlah_query_tetap(
    client, lurah_poncosari, django_assert_max_num_queries
):
    for i in range(30):
        Padukuhan.objects.create(desa_id=PONCOSARI, nama=f"Padukuhan {i:02}")
    client.force_login(lurah_poncosari)

    # session, user, roles (akses), desa with kecamatan and kabupaten, padukuhan count, one page
    # of padukuhan, session save (savepoint, update, release), the second-factor device:
    # never one per padukuhan.
    with django_assert_max_num_queries(10):
        response = client.get(url_padukuhan())

    assert response.status_code == 200
    assert "Padukuhan 29" in response.content.decode()


@pytest.mark.django_db
def test_nama_padukuhan_ganda_ditolak_dan_isian_dipertahankan(client, lurah_poncosari):
    Padukuhan.objects.create(desa_id=PONCOSARI, nama="Jopaten")
    client.force_login(lurah_poncosari)

    response = client.post(url_padukuhan(), {"nama": "jopaten"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Padukuhan dengan nama ini sudah ada di kalurahan ini." in html
    assert 'value="jopaten"' in html
    assert Padukuhan.objects.count() == 1


@pytest.mark.django_db
def test_nama_yang_sama_boleh_di_kalurahan_lain(client, lurah_poncosari):
    Padukuhan.objects.create(desa_id=TRIMURTI, nama="Jopaten")
    client.force_login(lurah_poncosari)

    response = client.post(url_padukuhan(), {"nama": "Jopaten"})

    assert response.status_code == 302
    assert Padukuhan.objects.filter(nama="Jopaten").count() == 2


@pytest.mark.django_db
def test_lurah_kalurahan_lain_mendapat_403(client, lurah_trimurti):
    client.force_login(lurah_trimurti)

    assert client.get(url_padukuhan()).status_code == 403
    assert client.post(url_padukuhan(), {"nama": "Jopaten"}).status_code == 403
    assert not Padukuhan.objects.exists()


@pytest.mark.django_db
def test_pengurus_mendapat_403(client, pengurus_poncosari):
    client.force_login(pengurus_poncosari)

    assert client.get(url_padukuhan()).status_code == 403
    assert client.post(url_padukuhan(), {"nama": "Jopaten"}).status_code == 403
    assert not Padukuhan.objects.exists()


@pytest.mark.django_db
def test_anonim_diarahkan_ke_halaman_masuk(client, diy):
    for response in (client.get(url_padukuhan()), client.post(url_padukuhan(), {"nama": "X"})):
        assert response.status_code == 302
        assert response.url.startswith("/masuk/?next=")
    assert not Padukuhan.objects.exists()
