"""Per PPKS: what each one received and every referral; PPKS belum terbantu per category."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from distribution import services
from distribution.bantuan import belum_terbantu, mundur_bulan
from tests.conftest import masuk
from tests.distribution import bantu

D = Decimal


def _teks_pdf(response) -> str:
    pages = PdfReader(BytesIO(response.content)).pages
    return " ".join("".join(p.extract_text() for p in pages).split())


def _sel(response) -> list:
    ws = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    return [c for row in ws.iter_rows(values_only=True) for c in row]


def _salurkan(wksbm, oleh, orang, *, tanggal, jumlah="150000", judul="Santunan lansia"):
    umum = bantu.dana(wksbm)
    ronde = bantu.penyaluran(wksbm, pagu={umum: "1000000"}, judul=judul, tanggal=tanggal)
    (row,) = services.tambah_penerima(
        penyaluran=ronde, oleh=oleh, ppks=[orang], dana=umum, jumlah=D(jumlah)
    )
    return services.serahkan(penerima=row, oleh=oleh, tanggal=tanggal)


@pytest.mark.parametrize(
    ("hari", "bulan", "hasil"),
    [
        (date(2026, 12, 3), 6, date(2026, 6, 3)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2028, 3, 31), 1, date(2028, 2, 29)),
        (date(2026, 1, 15), 13, date(2024, 12, 15)),
    ],
)
def test_mundur_bulan(hari, bulan, hasil):
    assert mundur_bulan(hari, bulan) == hasil


def test_halaman_ppks_menunjukkan_bantuan_per_tahun_dan_rujukan(
    client, dunia, django_assert_max_num_queries
):
    a, bendahara = dunia.a.wksbm, dunia.bendahara_a
    bantu.isi_dana(a, bendahara, "1000000", tanggal=date(2025, 11, 1))
    (orang,) = bantu.ppks(a, nama="Mbah Tumini")
    _salurkan(a, bendahara, orang, tanggal=date(2025, 12, 10), jumlah="100000")
    _salurkan(a, bendahara, orang, tanggal=date(2026, 3, 10), jumlah="150000")
    _salurkan(
        a, bendahara, orang, tanggal=date(2026, 9, 10), jumlah="200000", judul="Santunan HUT RI"
    )
    bantu.rujukan(a, orang, kebutuhan="Operasi katarak", nama_tujuan="RSUD Panembahan Senopati")
    url = reverse("registry:ppks-detail", args=[a.pk, orang.pk])
    masuk(client, dunia.pengurus_a)
    client.get(url)
    # The PPKS page's own queries, plus two for this section (hand-overs, referrals).
    with django_assert_max_num_queries(30) as sedikit:
        html = client.get(url).content.decode()
    assert "Bantuan yang diterima" in html
    assert "Rp350.000,00" in html and "Rp100.000,00" in html  # 2026 and 2025 totals
    assert "Santunan HUT RI" in html
    assert "RSUD Panembahan Senopati" in html and "Diajukan" in html
    _salurkan(a, bendahara, orang, tanggal=date(2026, 10, 10), jumlah="50000")
    bantu.rujukan(a, orang)
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        html = client.get(url).content.decode()
    assert "Rp400.000,00" in html


def test_belum_terbantu_tanpa_bantuan_dan_rujukan(dunia):
    a, bendahara = dunia.a.wksbm, dunia.bendahara_a
    hari_ini = timezone.localdate()
    bantu.isi_dana(a, bendahara, "1000000", tanggal=hari_ini - timedelta(days=400))
    dibantu, dirujuk, lama, belum = bantu.ppks(a, 4)
    (pindah,) = bantu.ppks(a, status="pindah")
    _salurkan(a, bendahara, dibantu, tanggal=hari_ini - timedelta(days=20))
    bantu.rujukan(a, dirujuk, tanggal=hari_ini - timedelta(days=10))
    _salurkan(a, bendahara, lama, tanggal=mundur_bulan(hari_ini, 8))
    enam = set(belum_terbantu(a, mundur_bulan(hari_ini, 6)))
    assert enam == {lama, belum}
    assert set(belum_terbantu(a, mundur_bulan(hari_ini, 12))) == {belum}
    assert pindah not in enam


def test_halaman_pdf_excel_belum_terbantu_per_kategori(
    client, dunia, django_assert_max_num_queries
):
    a = dunia.a.wksbm
    bantu.ppks(a, 2, kode="LUT", nama=None)
    (anak,) = bantu.ppks(a, kode="AT", nama="Bagus Anak Telantar")
    url = reverse("distribution:belum-terbantu", args=[a.pk])
    masuk(client, dunia.pengurus_a)
    client.get(url)
    with django_assert_max_num_queries(14) as sedikit:
        html = client.get(url).content.decode()
    assert "Bagus Anak Telantar" in html and "belum pernah" in html
    bantu.ppks(a, 10, kode="LUT")
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        client.get(url)

    teks = _teks_pdf(client.get(reverse("distribution:belum-terbantu-pdf", args=[a.pk])))
    assert "PPKS Belum Terbantu" in teks and "Bagus Anak Telantar" in teks
    assert "AT Anak Telantar 1 1" in teks and "LUT Lanjut Usia Telantar 12 12" in teks
    sel = _sel(client.get(reverse("distribution:belum-terbantu-xlsx", args=[a.pk])))
    assert "Bagus Anak Telantar" in sel and "Terakhir dibantu" in sel

    # Filter by category, and a different period.
    html = client.get(url, {"bulan": "3", "kategori": anak.kategori.first().pk}).content.decode()
    assert "Bagus Anak Telantar" in html and "3 bulan terakhir" in html
    assert "Penerima Uji" not in html.split("judul-daftar")[1]
    html = client.get(url, {"bulan": "99"}).content.decode()
    assert "lebih kecil dari atau sama dengan 36" in html


@pytest.mark.parametrize("pembaca", ["lurah_a", "dinsos"])
def test_lurah_dan_dinsos_melihat_angka_tanpa_nama(client, dunia, pembaca):
    a = dunia.a.wksbm
    bantu.ppks(a, kode="AT", nama="Bagus Anak Telantar")
    masuk(client, getattr(dunia, pembaca))
    html = client.get(reverse("distribution:belum-terbantu", args=[a.pk])).content.decode()
    assert "Belum terbantu" in html and "Bagus Anak Telantar" not in html
    teks = _teks_pdf(client.get(reverse("distribution:belum-terbantu-pdf", args=[a.pk])))
    assert "AT" in teks and "Bagus Anak Telantar" not in teks
    sel = _sel(client.get(reverse("distribution:belum-terbantu-xlsx", args=[a.pk])))
    assert "Belum terbantu" in sel and "Bagus Anak Telantar" not in sel


def test_pengurus_wksbm_lain_mendapat_404(client, dunia):
    a = dunia.a.wksbm
    masuk(client, dunia.pengurus_b)
    for name in ("belum-terbantu", "belum-terbantu-pdf", "belum-terbantu-xlsx"):
        assert client.get(reverse(f"distribution:{name}", args=[a.pk])).status_code == 404


def test_dasbor_menghitung_ppks_belum_terbantu(client, dunia):
    a = dunia.a.wksbm
    bantu.ppks(a, 3)
    html = masuk(client, dunia.pengurus_a).get(reverse("registry:wksbm-detail", args=[a.pk]))
    assert "<strong>3</strong> PPKS aktif belum menerima bantuan" in html.content.decode()
