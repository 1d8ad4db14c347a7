"""Bad input gets a clear Indonesian message at the field, the typed values are kept, and
uploads are judged by content and size, stored under generated names, served only in scope."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from registry.models import Jabatan, Langkah, LangkahPenumbuhan, Pengurus, Wksbm
from tests import factories as f
from tests.conftest import masuk
from wksbm.uploads import MB


@pytest.fixture
def draf(db):
    """A WKSBM in penumbuhan with an editable draft board; its ketua is logged in."""
    w = f.wilayah()
    return f.wksbm_penumbuhan(desa=w.poncosari, nama="WKSBM Mulya Sejahtera")


def url_pengurus_baru(uji) -> str:
    return reverse("registry:pengurus-create", args=[uji.wksbm.pk, uji.kepengurusan.pk])


def url_ubah_wksbm(wksbm) -> str:
    return reverse("registry:wksbm-edit", args=[wksbm.pk])


def url_langkah(wksbm, langkah=Langkah.KOORDINASI_LURAH) -> str:
    return reverse("registry:langkah-edit", args=[wksbm.pk, langkah])


def data_wksbm(wksbm: Wksbm, **ubah) -> dict:
    data = {
        "nama": wksbm.nama,
        "tingkat": wksbm.tingkat,
        "alamat": "Jl. Samas Km 21, Poncosari",
        "telepon": "0274 367123",
        "email": "wksbm@contoh.desa.id",
        "tanggal_berdiri": "2025-01-05",
    }
    data.update(ubah)
    return data


def berkas(nama: str, isi: bytes, jenis: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, content_type=jenis)


# --- NIK --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nik", "pesan"),
    [
        ("3402123456789001", "NIK tidak sah"),  # day 34 does not exist
        ("3402013213850001", "NIK tidak sah"),  # month 13
        ("340201010185", "NIK harus terdiri atas 16 angka."),
        ("34020101018500AB", "NIK harus terdiri atas 16 angka."),
    ],
)
def test_nik_salah_pesan_indonesia_dan_isian_tetap(client, draf, nik, pesan):
    masuk(client, draf.ketua)
    response = client.post(
        url_pengurus_baru(draf),
        {
            "nama": "Sumarni Wulandari",
            "jabatan": Jabatan.BENDAHARA,
            "nik": nik,
            "telepon": "0812 2711 0099",
            "alamat": "Padukuhan Ngentak RT 03",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert pesan in html
    assert "Periksa kembali isian yang ditandai di bawah." in html
    for nilai in ("Sumarni Wulandari", "0812 2711 0099", "Padukuhan Ngentak RT 03", nik):
        assert f'value="{nilai}"' in html
    assert '<option value="bendahara" selected>' in html
    assert not Pengurus.objects.filter(nama="Sumarni Wulandari").exists()


def test_nik_sah_disimpan_dan_ditampilkan_tersamar(client, draf):
    masuk(client, draf.ketua)
    nik = f.nik_sah(4321)
    response = client.post(
        url_pengurus_baru(draf),
        {
            "nama": "Sumarni Wulandari",
            "jabatan": Jabatan.SEKSI,
            "nik": f"{nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]}",
        },
    )
    assert response.status_code == 302
    assert Pengurus.objects.get(nama="Sumarni Wulandari").nik == nik
    html = client.get(response["Location"]).content.decode()
    assert nik[:4] + "•" * 10 + nik[-2:] in html
    assert nik not in html


def test_nik_ganda_dalam_satu_kepengurusan_ditolak(client, draf):
    masuk(client, draf.ketua)
    response = client.post(
        url_pengurus_baru(draf),
        {"nama": "Orang Lain", "jabatan": Jabatan.SEKSI, "nik": draf.anggota[0].nik},
    )
    assert response.status_code == 200
    assert "NIK ini sudah tercatat di kepengurusan yang sama." in response.content.decode()


def test_pesan_tetap_indonesia_walau_browser_berbahasa_inggris(client, draf):
    masuk(client, draf.ketua)
    response = client.post(
        url_pengurus_baru(draf), {"nama": "", "jabatan": ""}, HTTP_ACCEPT_LANGUAGE="en-US,en"
    )
    html = response.content.decode()
    assert "Bidang ini tidak boleh kosong." in html
    assert "This field is required." not in html


# --- stempel ------------------------------------------------------------------------------------


def test_stempel_lebih_dari_1_mb_ditolak(client, draf):
    masuk(client, draf.ketua)
    besar = f.png_bytes() + b"\0" * MB
    response = client.post(
        url_ubah_wksbm(draf.wksbm),
        data_wksbm(draf.wksbm, stempel=berkas("stempel.png", besar, "image/png")),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "melebihi batas 1,0 MB" in html
    assert 'value="Jl. Samas Km 21, Poncosari"' in html
    draf.wksbm.refresh_from_db()
    assert not draf.wksbm.stempel
    assert draf.wksbm.alamat != "Jl. Samas Km 21, Poncosari"


@pytest.mark.parametrize(
    ("nama", "isi", "jenis"),
    [
        ("stempel.png", b"ini hanya teks, bukan gambar\n" * 20, "image/png"),
        (
            "stempel.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
        ),
        (
            "stempel.png",
            b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="5"/></svg>',
            "image/png",
        ),
        ("stempel.html", b"<html><body>halo</body></html>", "text/html"),
        ("stempel.jpg", f.pdf_bytes(), "image/jpeg"),
    ],
)
def test_stempel_palsu_ditolak(client, draf, nama, isi, jenis):
    masuk(client, draf.ketua)
    response = client.post(
        url_ubah_wksbm(draf.wksbm), data_wksbm(draf.wksbm, stempel=berkas(nama, isi, jenis))
    )
    assert response.status_code == 200
    assert "Berkas bukan gambar PNG atau JPEG yang sah." in response.content.decode()
    draf.wksbm.refresh_from_db()
    assert not draf.wksbm.stempel


def test_stempel_sah_disimpan_dengan_nama_buatan_dan_dilayani_lewat_view(client, draf, settings):
    masuk(client, draf.ketua)
    isi = f.png_bytes()
    response = client.post(
        url_ubah_wksbm(draf.wksbm),
        data_wksbm(draf.wksbm, stempel=berkas("stempel KETUA asli.png", isi, "image/png")),
    )
    assert response.status_code == 302

    draf.wksbm.refresh_from_db()
    nama = draf.wksbm.stempel.name
    assert nama.startswith("stempel/") and nama.endswith(".png")
    assert "KETUA" not in nama and "asli" not in nama
    assert len(nama.removeprefix("stempel/").removesuffix(".png")) == 32
    assert (settings.MEDIA_ROOT / nama).read_bytes() == isi

    url = reverse("registry:wksbm-stempel", args=[draf.wksbm.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == isi

    # No public media URL leads to it.
    assert client.get(f"{settings.MEDIA_URL}{nama}").status_code == 404
    assert client.get(f"/media/{nama}").status_code == 404

    # Another WKSBM's pengurus, and strangers, do not get it.
    lain = f.PeranPengurusFactory(wksbm=f.WksbmFactory(desa=draf.wksbm.desa)).user
    masuk(client, lain)
    assert client.get(url).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_jpeg_diterima_dengan_ekstensi_menurut_isi(client, draf):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (50, 50), (200, 30, 30)).save(out, format="JPEG")
    masuk(client, draf.ketua)
    response = client.post(
        url_ubah_wksbm(draf.wksbm),
        data_wksbm(draf.wksbm, stempel=berkas("stempel.png", out.getvalue(), "image/png")),
    )
    assert response.status_code == 302
    draf.wksbm.refresh_from_db()
    assert draf.wksbm.stempel.name.endswith(".jpg")


# --- lampiran langkah penumbuhan --------------------------------------------------------------


def test_lampiran_lebih_dari_5_mb_ditolak(client, draf):
    masuk(client, draf.ketua)
    besar = f.pdf_bytes() + b"\0" * (5 * MB)
    response = client.post(
        url_langkah(draf.wksbm),
        {
            "tanggal": "2026-01-12",
            "catatan": "Rapat di balai kalurahan.",
            "lampiran": berkas("berita-acara.pdf", besar, "application/pdf"),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "melebihi batas 5,0 MB" in html
    assert "Rapat di balai kalurahan." in html
    assert 'value="2026-01-12"' in html
    assert not LangkahPenumbuhan.objects.get(
        wksbm=draf.wksbm, langkah=Langkah.KOORDINASI_LURAH
    ).lampiran


def test_lampiran_bukan_pdf_atau_gambar_ditolak(client, draf):
    masuk(client, draf.ketua)
    response = client.post(
        url_langkah(draf.wksbm, Langkah.SOSIALISASI),
        {
            "tanggal": "2026-01-12",
            "lampiran": berkas("berita-acara.pdf", b"<html>bukan pdf</html>", "application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "Berkas harus berupa PDF, JPEG, atau PNG yang sah." in response.content.decode()


def test_lampiran_pdf_sah_diterima_dan_hanya_dilayani_dalam_lingkup(client, draf):
    masuk(client, draf.ketua)
    isi = f.pdf_bytes()
    response = client.post(
        url_langkah(draf.wksbm, Langkah.SOSIALISASI),
        {
            "tanggal": "2026-01-19",
            "catatan": "Sosialisasi di tiap padukuhan.",
            "lampiran": berkas("Berita Acara Sosialisasi.pdf", isi, "application/pdf"),
        },
    )
    assert response.status_code == 302
    catatan = LangkahPenumbuhan.objects.get(wksbm=draf.wksbm, langkah=Langkah.SOSIALISASI)
    assert catatan.lampiran.name.startswith("penumbuhan/")
    assert catatan.lampiran.name.endswith(".pdf")
    assert "Berita" not in catatan.lampiran.name
    assert catatan.dicatat_oleh == draf.ketua

    url = reverse("registry:langkah-lampiran", args=[draf.wksbm.pk, Langkah.SOSIALISASI])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == isi

    lain = f.PeranPengurusFactory(wksbm=f.WksbmFactory(desa=draf.wksbm.desa)).user
    masuk(client, lain)
    assert client.get(url).status_code == 404


def test_langkah_pengesahan_tidak_dapat_dicatat_manual(client, draf):
    masuk(client, draf.ketua)
    response = client.post(url_langkah(draf.wksbm, Langkah.PENGESAHAN), {"tanggal": "2026-01-19"})
    assert response.status_code == 404


# --- a lurah registers a WKSBM -------------------------------------------------------------


def test_lurah_mendaftarkan_wksbm_di_kalurahannya(client, draf):
    w = f.wilayah()
    masuk(client, draf.lurah)
    data = {
        "nama": "WKSBM Padukuhan Ngentak",
        "tingkat": Wksbm.Tingkat.KALURAHAN,
        "desa": w.poncosari.pk,
        "alamat": "Balai Padukuhan Ngentak",
    }
    response = client.post(reverse("registry:wksbm-create"), data)
    assert response.status_code == 302
    baru = Wksbm.objects.get(nama="WKSBM Padukuhan Ngentak")
    assert baru.status == Wksbm.Status.PENUMBUHAN
    assert baru.desa == w.poncosari


def test_lurah_tidak_dapat_mendaftarkan_wksbm_di_kalurahan_lain(client, draf):
    w = f.wilayah()
    masuk(client, draf.lurah)
    data = {
        "nama": "WKSBM Titipan",
        "tingkat": Wksbm.Tingkat.KALURAHAN,
        "desa": w.trimurti.pk,
        "alamat": "Balai Kalurahan Trimurti",
    }
    response = client.post(reverse("registry:wksbm-create"), data)
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid." in response.content.decode()
    assert 'value="WKSBM Titipan"' in response.content.decode()
    assert not Wksbm.objects.filter(nama="WKSBM Titipan").exists()


def test_wksbm_tingkat_padukuhan_wajib_memilih_padukuhan(client, draf):
    w = f.wilayah()
    masuk(client, draf.lurah)
    data = {
        "nama": "WKSBM Tanpa Padukuhan",
        "tingkat": Wksbm.Tingkat.PADUKUHAN,
        "desa": w.poncosari.pk,
        "alamat": "Ngentak",
    }
    response = client.post(reverse("registry:wksbm-create"), data)
    assert response.status_code == 200
    assert "wajib memilih padukuhannya" in response.content.decode()
