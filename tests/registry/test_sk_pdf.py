"""The SK PDF (read back with pypdf) and its public verification page."""

import io
import re

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from registry import services
from registry.models import Pengesahan
from tests.conftest import masuk


def sk_url(p: Pengesahan) -> str:
    return reverse("registry:pengesahan-sk", args=[p.wksbm_id, p.pk])


def teks_pdf(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return "\n".join(page.extract_text() for page in reader.pages)


def tanpa_spasi(teks: str) -> str:
    return re.sub(r"\s+", "", teks)


def test_pdf_sk_memuat_nomor_nama_lurah_halaman_dan_url_verifikasi(client, dunia):
    p = dunia.a.pengesahan
    masuk(client, dunia.pengurus_a)

    response = client.get(sk_url(p))

    teks = teks_pdf(response)
    assert p.nomor_sk in teks
    assert "WKSBM NGUDI RAHAYU" in teks.upper()
    assert "Bambang Sutrisno" in teks  # the lurah
    assert "Halaman 1 dari" in teks
    verifikasi = f"{settings.SITE_URL}/verifikasi/{p.token}/"
    # The URL is printed in a narrow cell and may wrap: compare without line breaks.
    assert verifikasi in tanpa_spasi(teks)
    # The file name carries no personal data.
    assert response["Content-Disposition"] == f'attachment; filename="sk_wksbm_{p.wksbm_id}.pdf"'


def test_pdf_sk_memuat_susunan_pengurus(client, dunia):
    masuk(client, dunia.lurah_a)
    teks = teks_pdf(client.get(sk_url(dunia.a.pengesahan)))
    for anggota in dunia.a.anggota:
        assert anggota.nama in teks
        assert anggota.nik not in tanpa_spasi(teks)


def test_pdf_sk_belum_terbit_sebelum_disetujui(client, dunia):
    from tests import factories as f

    uji = f.wksbm_penumbuhan(desa=dunia.wilayah.poncosari, lurah=dunia.lurah_a)
    p = f.ajukan(uji)
    masuk(client, uji.ketua)
    response = client.get(sk_url(p))
    assert response.status_code == 302
    assert response["Location"] == p.get_absolute_url()


def test_pdf_sk_wksbm_lain_404(client, dunia):
    masuk(client, dunia.pengurus_b)
    assert client.get(sk_url(dunia.a.pengesahan)).status_code == 404


def test_verifikasi_tanpa_login_menyatakan_sah(client, dunia):
    p = dunia.a.pengesahan

    response = client.get(reverse("verifikasi", args=[p.token]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "SK SAH" in html
    assert "TIDAK BERLAKU" not in html
    assert "WKSBM Ngudi Rahayu" in html
    assert p.nomor_sk in html
    assert "Poncosari" in html
    assert response["X-Robots-Tag"] == "noindex"


def test_verifikasi_tidak_menampilkan_data_pribadi(client, dunia):
    html = client.get(reverse("verifikasi", args=[dunia.a.pengesahan.token])).content.decode()
    for anggota in dunia.a.anggota:
        assert anggota.nama not in html
        assert anggota.nik not in html
        assert anggota.nik[:4] + "•" not in html
        assert anggota.telepon not in html
    assert dunia.pengurus_a.username not in html


@pytest.mark.parametrize("perubahan", ["dicabut", "digantikan"])
def test_verifikasi_sk_yang_tidak_berlaku_lagi(client, dunia, perubahan):
    p = dunia.a.pengesahan
    if perubahan == "dicabut":
        services.cabut_pengesahan(pengesahan=p, oleh=dunia.lurah_a, alasan="Tidak aktif.")
    else:
        Pengesahan.objects.filter(pk=p.pk).update(status=Pengesahan.Status.DIGANTIKAN)

    response = client.get(reverse("verifikasi", args=[p.token]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "TIDAK BERLAKU" in html
    assert "SK SAH" not in html


def test_verifikasi_token_tidak_dikenal_404(client, dunia):
    token = dunia.a.pengesahan.token
    assert client.get(reverse("verifikasi", args=["tidak-ada"])).status_code == 404
    assert client.get(reverse("verifikasi", args=[token[:-1]])).status_code == 404
    assert client.get(reverse("verifikasi", args=[token.upper()])).status_code == 404
