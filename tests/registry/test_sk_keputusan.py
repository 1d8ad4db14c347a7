"""The SK as a Keputusan Lurah/Kepala Desa: the form of a village legal product, the desa's own
cap (never the WKSBM's stempel), Menimbang/Mengingat per kabupaten, and the region's own terms
(DIY: kalurahan, kapanewon, padukuhan; Kota Yogyakarta: kemantren, kelurahan)."""

import io
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from registry import wilayah_data
from registry.models import CapDesa, Desa, Kecamatan, Konsiderans
from registry.models.wilayah import istilah_wilayah
from tests import factories as f
from tests.conftest import masuk
from tests.registry.test_sk_pdf import sk_url, teks_pdf

pytestmark = pytest.mark.django_db


def pdf_sk(client, user, pengesahan) -> tuple[str, PdfReader]:
    masuk(client, user)
    response = client.get(sk_url(pengesahan))
    teks = teks_pdf(response)
    return " ".join(teks.split()), PdfReader(io.BytesIO(response.content))


def gambar_di_pdf(reader: PdfReader) -> list:
    return [img for page in reader.pages for img in page.images]


def url_cap(desa: str, gambar: bool = False) -> str:
    return reverse("registry:cap-desa-gambar" if gambar else "registry:cap-desa", args=[desa])


# --- the form of the decree ---------------------------------------------------------------------


def test_sk_berbentuk_keputusan_lurah_dengan_konsiderans_bawaan(client, dunia):
    p = dunia.a.pengesahan
    teks, _ = pdf_sk(client, dunia.lurah_a, p)
    urutan = [
        "PEMERINTAH KABUPATEN BANTUL",
        "KAPANEWON SRANDAKAN",
        "KALURAHAN PONCOSARI",
        "KEPUTUSAN LURAH PONCOSARI",
        f"NOMOR {p.nomor_sk} TAHUN {p.tanggal_sk.year}",
        "TENTANG",
        "PENGESAHAN PENGURUS WKSBM NGUDI RAHAYU",
        "LURAH PONCOSARI,",
        "Menimbang",
        "a. bahwa untuk meningkatkan kesejahteraan sosial",
        "b. bahwa kepengurusan WKSBM Ngudi Rahayu telah dibentuk",
        "c. bahwa berdasarkan pertimbangan",
        "perlu menetapkan Keputusan Lurah Poncosari tentang Pengesahan Pengurus WKSBM Ngudi "
        "Rahayu.",
        "Mengingat",
        "1. Undang-Undang Nomor 11 Tahun 2009 tentang Kesejahteraan Sosial;",
        "2. Keputusan Menteri Sosial Nomor 42/HUK/2004 tentang Pedoman Pelaksanaan",
        "MEMUTUSKAN:",
        "Menetapkan",
        "KESATU",
        "Mengesahkan susunan pengurus WKSBM Ngudi Rahayu",
        "KEDUA",
        "KETIGA",
        "Keputusan ini mulai berlaku pada tanggal ditetapkan",
        "Ditetapkan di Poncosari",
        "pada tanggal",
        "LURAH PONCOSARI,",
        "Bambang Sutrisno",
    ]
    posisi = 0
    for potongan in urutan:
        ketemu = teks.find(potongan, posisi)
        assert ketemu >= 0, f"{potongan!r} tidak ada (sesudah posisi {posisi}) dalam: {teks}"
        posisi = ketemu + len(potongan)
    assert "3. " not in teks.split("Mengingat")[1].split("MEMUTUSKAN")[0]  # no Perbup set
    assert "KECAMATAN" not in teks and "DESA PONCOSARI" not in teks


def test_menimbang_dan_mengingat_diatur_per_kabupaten(client, dunia):
    Konsiderans.objects.create(
        kabupaten=dunia.wilayah.bantul,
        menimbang="bahwa {wksbm} perlu disahkan;\nbahwa perlu menetapkan {keputusan}",
        mengingat="Undang-Undang Nomor 6 Tahun 2014 tentang Desa\n"
        "Undang-Undang Nomor 11 Tahun 2009 tentang Kesejahteraan Sosial",
        perbup="Peraturan Bupati Bantul Nomor 16 Tahun 2020 tentang Wahana Kesejahteraan Sosial "
        "Berbasis Masyarakat",
    )
    teks, _ = pdf_sk(client, dunia.lurah_a, dunia.a.pengesahan)
    assert "a. bahwa WKSBM Ngudi Rahayu perlu disahkan;" in teks
    assert "b. bahwa perlu menetapkan Keputusan Lurah Poncosari." in teks
    assert "1. Undang-Undang Nomor 6 Tahun 2014 tentang Desa;" in teks
    assert "3. Peraturan Bupati Bantul Nomor 16 Tahun 2020 tentang Wahana" in teks
    assert "42/HUK/2004" not in teks
    # Another kabupaten keeps the defaults.
    lain = f.wksbm_aktif(desa=dunia.wilayah.balecatur, nama="WKSBM Gamping")
    teks, _ = pdf_sk(client, lain.lurah, lain.pengesahan)
    assert "42/HUK/2004" in teks and "Peraturan Bupati" not in teks


# --- cap, never stempel -------------------------------------------------------------------------


def test_sk_tidak_mencetak_stempel_wksbm_dan_mencetak_cap_desa_bila_ada(client, dunia):
    assert dunia.a.wksbm.stempel  # the WKSBM has a stempel (printed on its own books)
    _, reader = pdf_sk(client, dunia.lurah_a, dunia.a.pengesahan)
    assert gambar_di_pdf(reader) == []

    cap = CapDesa(desa=dunia.wilayah.poncosari)
    cap.cap.save("cap.png", ContentFile(f.png_bytes((210, 210))), save=True)
    _, reader = pdf_sk(client, dunia.lurah_a, dunia.a.pengesahan)
    # One image (pypdf may list it more than once): the cap, not the 120 px stempel.
    assert {(g.name, g.image.size) for g in gambar_di_pdf(reader)} == {
        (gambar_di_pdf(reader)[0].name, (210, 210))
    }


def test_lurah_mengunggah_cap_desanya_dan_melihatnya(client, dunia):
    masuk(client, dunia.lurah_a)
    desa = dunia.wilayah.poncosari.pk
    halaman = client.get(url_cap(desa)).content.decode()
    assert "Cap Kalurahan Poncosari" in halaman and "Belum ada cap." in halaman

    berkas = SimpleUploadedFile("cap.txt", f.png_bytes((150, 150)), content_type="text/plain")
    response = client.post(url_cap(desa), {"cap": berkas})
    assert response.status_code == 302
    cap = CapDesa.objects.get(desa_id=desa)
    assert cap.diunggah_oleh == dunia.lurah_a
    assert cap.cap.name.startswith("cap_desa/") and cap.cap.name.endswith(".png")

    gambar = client.get(url_cap(desa, gambar=True))
    assert gambar.status_code == 200 and gambar["Content-Type"] == "image/png"
    assert gambar["Cache-Control"] == "private, no-store"
    assert b"".join(gambar.streaming_content) == f.png_bytes((150, 150))


def test_cap_bukan_gambar_ditolak_dengan_pesan(client, dunia):
    masuk(client, dunia.lurah_a)
    palsu = SimpleUploadedFile("cap.png", b"<script>alert(1)</script>", content_type="image/png")
    response = client.post(url_cap(dunia.wilayah.poncosari.pk), {"cap": palsu})
    assert response.status_code == 200
    assert "Berkas bukan gambar PNG atau JPEG yang sah." in response.content.decode()
    assert not CapDesa.objects.exists()


def test_cap_desa_hanya_untuk_lurahnya_dan_admin(client, dunia):
    desa = dunia.wilayah.poncosari.pk
    cap = CapDesa(desa=dunia.wilayah.poncosari)
    cap.cap.save("cap.png", ContentFile(f.png_bytes()), save=True)
    for user in (dunia.lurah_b, dunia.pengurus_a, dunia.pengurus_b, dunia.dinsos):
        masuk(client, user)
        for url in (url_cap(desa), url_cap(desa, gambar=True)):
            assert client.get(url).status_code == 403, (user, url)
        berkas = SimpleUploadedFile("c.png", f.png_bytes(), content_type="image/png")
        assert client.post(url_cap(desa), {"cap": berkas}).status_code == 403
    masuk(client, dunia.admin)
    assert client.get(url_cap(desa, gambar=True)).status_code == 200
    berkas = SimpleUploadedFile("c.png", f.png_bytes((90, 90)), content_type="image/png")
    assert client.post(url_cap(desa), {"cap": berkas}).status_code == 302


def test_beranda_lurah_menautkan_cap_desa(client, dunia):
    masuk(client, dunia.lurah_a)
    html = client.get(reverse("home")).content.decode()
    assert url_cap(dunia.wilayah.poncosari.pk) in html
    assert "Cap kalurahan Poncosari" in html and "Kelola padukuhan Poncosari" in html


# --- DIY terms and national terms ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("kode", "desa", "kecamatan", "dusun", "kepala", "camat"),
    [
        ("34.02.15.2004", "kalurahan", "kapanewon", "padukuhan", "lurah", "panewu"),
        ("34.04.01.2001", "kalurahan", "kapanewon", "padukuhan", "lurah", "panewu"),
        ("34.71.01.1001", "kelurahan", "kemantren", "kampung", "lurah", "mantri pamong praja"),
        ("33.10.01.2001", "desa", "kecamatan", "dusun", "kepala desa", "camat"),
        ("31.71.01.1001", "kelurahan", "kecamatan", "lingkungan", "lurah", "camat"),
    ],
)
def test_istilah_wilayah(kode, desa, kecamatan, dusun, kepala, camat):
    istilah = istilah_wilayah(kode)
    assert (istilah.desa, istilah.kecamatan, istilah.dusun) == (desa, kecamatan, dusun)
    assert (istilah.kepala_desa, istilah.camat) == (kepala, camat)


def test_sk_di_luar_diy_keputusan_kepala_desa(client, dunia):
    uji = f.wksbm_aktif(desa=dunia.wilayah.sengon, nama="WKSBM Sengon Makmur")
    teks, _ = pdf_sk(client, uji.lurah, uji.pengesahan)
    for potongan in (
        "PEMERINTAH KABUPATEN KLATEN",
        "KECAMATAN PRAMBANAN",
        "DESA SENGON",
        "KEPUTUSAN KEPALA DESA SENGON",
        "perlu menetapkan Keputusan Kepala Desa Sengon",
        "Ditetapkan di Sengon",
        "KEPALA DESA SENGON,",
    ):
        assert potongan in teks, potongan
    assert "KALURAHAN" not in teks and "KAPANEWON" not in teks and "LURAH SENGON" not in teks


def _kota_yogyakarta() -> Desa:
    kota = f.KabupatenFactory(kode="34.71", nama="Kota Yogyakarta", provinsi=f.ProvinsiFactory())
    tegalrejo = f.KecamatanFactory(kode="34.71.01", nama="Tegalrejo", kabupaten=kota)
    return f.DesaFactory(kode="34.71.01.1001", nama="Kricak", kecamatan=tegalrejo)


def test_sk_kota_yogyakarta_kemantren_dan_kelurahan(client, db):
    uji = f.wksbm_aktif(desa=_kota_yogyakarta(), nama="WKSBM RW 05 Kricak")
    teks, _ = pdf_sk(client, uji.lurah, uji.pengesahan)
    for potongan in ("PEMERINTAH KOTA YOGYAKARTA", "KEMANTREN TEGALREJO", "KELURAHAN KRICAK"):
        assert potongan in teks, potongan
    assert "KEPUTUSAN LURAH KRICAK" in teks and "KAPANEWON" not in teks


def test_halaman_memakai_istilah_wilayahnya(client, dunia):
    masuk(client, dunia.pengurus_a)
    html = client.get(dunia.a.wksbm.get_absolute_url()).content.decode()
    assert "Kalurahan Poncosari, Kapanewon Srandakan, Kabupaten Bantul" in html

    klaten = f.wksbm_aktif(desa=dunia.wilayah.sengon, nama="WKSBM Sengon Makmur")
    masuk(client, klaten.ketua)
    html = client.get(klaten.wksbm.get_absolute_url()).content.decode()
    assert "Desa Sengon, Kecamatan Prambanan, Kabupaten Klaten" in html
    assert "SK Kepala Desa Nomor" in html
    assert "Kalurahan" not in html and "Kapanewon" not in html

    # A list of Bantul's WKSBMs uses DIY's terms; the admin's list of several provinces both.
    masuk(client, dunia.dinsos)
    html = client.get(reverse("registry:wksbm-list")).content.decode()
    assert '<th scope="col">Kalurahan</th><th scope="col">Kapanewon</th>' in html
    masuk(client, dunia.admin)
    html = client.get(reverse("registry:wksbm-list")).content.decode()
    assert '<th scope="col">Kalurahan/desa</th><th scope="col">Kapanewon/kecamatan</th>' in html


def test_verifikasi_memakai_istilah_wilayahnya(client, db):
    uji = f.wksbm_aktif(desa=_kota_yogyakarta(), nama="WKSBM RW 05 Kricak")
    html = client.get(reverse("verifikasi", args=[uji.pengesahan.token])).content.decode()
    assert "Kelurahan Kricak, Kemantren Tegalrejo, Kota Yogyakarta" in html


def test_kemantren_dan_kelurahan_kota_yogyakarta_termuat():
    wilayah_data.load(["34"])
    kemantren = Kecamatan.objects.filter(kabupaten_id="34.71")
    assert kemantren.count() == 14
    kelurahan = Desa.objects.filter(kecamatan__kabupaten_id="34.71").select_related(
        "kecamatan__kabupaten"
    )
    assert kelurahan.count() == 45
    kricak = kelurahan.get(kode="34.71.01.1001")
    assert kricak.nama_lengkap == "Kelurahan Kricak, Kemantren Tegalrejo, Kota Yogyakarta"
    assert {d.istilah.desa for d in kelurahan} == {"kelurahan"}


def test_nomor_dan_tahun_sk_dari_tanggal_sk(client, dunia):
    uji = f.wksbm_penumbuhan(desa=dunia.wilayah.gadingsari, nama="WKSBM Gadingsari")
    f.ajukan(uji)
    f.setujui(uji, nomor_sk="21", tanggal_sk=date(2025, 12, 30))
    teks, _ = pdf_sk(client, uji.lurah, uji.pengesahan)
    assert "NOMOR 21 TAHUN 2025" in teks
