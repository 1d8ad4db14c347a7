"""NIK: one validator (registry.nik) against the shipped Kemendagri table, used by the PPKS form,
the pengurus form and the PPKS import; the NIK's birth date and sex as non-blocking warnings."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from registry.models import Jabatan, Pengurus, Ppks
from registry.nik import bersihkan_nik, peringatan_nik
from tests import bookcheck
from tests import factories as f
from tests.conftest import masuk
from tests.registry.test_buku_ppks import HEADER, _xlsx, form_data

# One NIK of a man born 17-08-1985 (or a woman: day + 40) from each of the newest provinces
# and kabupaten, which python-stdnum's table did not know.
NIK_WILAYAH_BARU = {
    "Kalimantan Utara (Kabupaten Bulungan 65.01)": "6501011708850001",
    "Papua Barat (Kabupaten Manokwari Selatan 92.11)": "9211015708850002",
    "Papua Selatan (Kabupaten Merauke 93.01)": "9301021708850003",
    "Papua Tengah (Kabupaten Mimika 94.04)": "9404015708850004",
    "Papua Pegunungan (Kabupaten Jayawijaya 95.01)": "9501011708850005",
    "Papua Barat Daya (Kota Sorong 96.71)": "9671011708850006",
}


@pytest.mark.parametrize("nik", NIK_WILAYAH_BARU.values(), ids=NIK_WILAYAH_BARU.keys())
def test_nik_provinsi_dan_kabupaten_terbaru_sah(nik):
    assert bersihkan_nik(nik) == nik
    assert bersihkan_nik(f"{nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]}") == nik


@pytest.mark.parametrize(
    ("nik", "pesan"),
    [
        ("9971011708850001", "kode wilayah 99.71 bukan kode kabupaten/kota"),
        ("3499011708850001", "kode wilayah 34.99 bukan kode kabupaten/kota"),
        ("3402010008850001", "tanggal lahir di dalamnya tidak benar"),  # day 00
        ("3402013208850001", "tanggal lahir di dalamnya tidak benar"),  # day 32
        ("3402014008850001", "tanggal lahir di dalamnya tidak benar"),  # day 40
        ("3402017208850001", "tanggal lahir di dalamnya tidak benar"),  # day 72
        ("3402011713850001", "tanggal lahir di dalamnya tidak benar"),  # month 13
        ("3402011700850001", "tanggal lahir di dalamnya tidak benar"),  # month 00
        ("3402013102850001", "(31-02-85) tidak ada di kalender"),
        ("3402017102850001", "(31-02-85) tidak ada di kalender"),
        ("340201170885", "NIK harus terdiri atas 16 angka."),
        ("34020117088500AB", "NIK harus terdiri atas 16 angka."),
    ],
)
def test_nik_salah_ditolak_dengan_alasannya(nik, pesan):
    with pytest.raises(ValidationError) as err:
        bersihkan_nik(nik)
    assert pesan in err.value.messages[0]


def test_batas_tanggal_nik_sah():
    for nik in ("3402010101850001", "3402013112850001", "3402014101850001", "3402017112850001"):
        assert bersihkan_nik(nik) == nik
    assert bersihkan_nik("3402012902000001")  # 29-02-2000
    assert bersihkan_nik("") == ""


def test_peringatan_tanggal_lahir_dan_jenis_kelamin_dari_nik():
    nik = "9671015708850006"  # a woman born 17-08-85
    assert peringatan_nik(nik, tanggal_lahir=date(1985, 8, 17), jenis_kelamin="P") == []
    assert peringatan_nik(nik, tanggal_lahir=None, jenis_kelamin="") == []
    [tanggal] = peringatan_nik(nik, tanggal_lahir=date(1985, 8, 18), jenis_kelamin="P")
    assert "Tanggal lahir di NIK (17-08-85) berbeda" in tanggal and nik not in tanggal
    [kelamin] = peringatan_nik(nik, tanggal_lahir=date(1985, 8, 17), jenis_kelamin="L")
    assert "Menurut NIK, pemiliknya perempuan" in kelamin


# --- every place a NIK is entered --------------------------------------------------------------


def test_form_ppks_menerima_nik_papua_barat_daya(client, dunia):
    client.force_login(dunia.pengurus_a)
    nik = NIK_WILAYAH_BARU["Papua Barat Daya (Kota Sorong 96.71)"]
    ktp = f"{nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]}"  # typed in groups, as on the KTP
    data = form_data(nik=ktp, tanggal_lahir="1985-08-17", jenis_kelamin="L")
    response = client.post(bookcheck.url("ppks", "create", dunia.a.wksbm), data, follow=True)
    html = response.content.decode()
    assert Ppks.objects.get(wksbm=dunia.a.wksbm).nik == nik
    assert "Tanggal lahir di NIK" not in html and "Menurut NIK" not in html


def test_form_ppks_memperingatkan_bila_nik_tidak_cocok_tetapi_menyimpan(client, dunia):
    client.force_login(dunia.pengurus_a)
    data = form_data(nik="3402015708450001", tanggal_lahir="1945-07-12", jenis_kelamin="L")
    response = client.post(bookcheck.url("ppks", "create", dunia.a.wksbm), data, follow=True)
    html = response.content.decode()
    assert Ppks.objects.filter(wksbm=dunia.a.wksbm, nama="Mbah Karto Wiyono").exists()
    assert "Tanggal lahir di NIK (17-08-45) berbeda dengan tanggal lahir yang diisi (12-07-45)" in (
        html
    )
    assert "Menurut NIK, pemiliknya perempuan" in html


def test_ppks_lahir_di_masa_depan_ditolak(client, dunia):
    client.force_login(dunia.pengurus_a)
    besok = (date.today() + timedelta(days=2)).isoformat()
    data = form_data(tanggal_lahir=besok)
    response = client.post(bookcheck.url("ppks", "create", dunia.a.wksbm), data)
    assert response.status_code == 400
    assert "Tanggal lahir tidak boleh sesudah hari ini." in response.content.decode()
    assert not Ppks.objects.exists()


def test_impor_ppks_menerima_nik_kalimantan_utara_dan_menolak_kode_asing(client, dunia):
    client.force_login(dunia.pengurus_a)
    nik = NIK_WILAYAH_BARU["Kalimantan Utara (Kabupaten Bulungan 65.01)"]
    rows = [HEADER, ["", "Yohanes", nik, "L", date(1985, 8, 17), "LUT", ""]]
    client.post(bookcheck.url("ppks", "import", dunia.a.wksbm), {"berkas": _xlsx(rows)})
    response = client.post(bookcheck.url("ppks", "import-commit", dunia.a.wksbm))
    assert response.status_code == 302
    assert Ppks.objects.get(nama="Yohanes").nik == nik

    rows = [HEADER, ["", "Markus", "9971011708850001", "L", date(1985, 8, 17), "LUT", ""]]
    html = client.post(
        bookcheck.url("ppks", "import", dunia.a.wksbm), {"berkas": _xlsx(rows)}
    ).content.decode()
    assert "kode wilayah 99.71 bukan kode kabupaten/kota" in html


def test_form_pengurus_menerima_nik_papua_pegunungan(client, db):
    w = f.wilayah()
    draf = f.wksbm_penumbuhan(desa=w.poncosari, nama="WKSBM Mulya Sejahtera")
    masuk(client, draf.ketua)
    nik = NIK_WILAYAH_BARU["Papua Pegunungan (Kabupaten Jayawijaya 95.01)"]
    response = client.post(
        reverse("registry:pengurus-create", args=[draf.wksbm.pk, draf.kepengurusan.pk]),
        {"nama": "Sumarni Wulandari", "jabatan": Jabatan.BENDAHARA, "nik": nik},
    )
    assert response.status_code == 302
    assert Pengurus.objects.get(nama="Sumarni Wulandari").nik == nik
