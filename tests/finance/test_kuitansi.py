"""Kuitansi, its public verification, tanda terima and the donor statement."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from finance import kuitansi, natura, services
from finance.models import KuitansiCetak, menunggu_kuitansi
from registry.models import Donatur, Jabatan, Pengurus
from tests import bookcheck

pytestmark = pytest.mark.django_db


def url_kuitansi(entri, **query) -> str:
    url = reverse("finance:pemasukan-kuitansi", args=[entri.wksbm_id, entri.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def url_verifikasi(entri) -> str:
    return reverse("finance:kuitansi-verifikasi", args=[entri.token])


def url_laporan(donatur, tahun) -> str:
    url = reverse("finance:donatur-laporan", args=[donatur.wksbm_id, donatur.pk])
    return f"{url}?tahun={tahun}"


def url_donasi(donatur) -> str:
    return reverse("finance:donatur-donasi", args=[donatur.wksbm_id, donatur.pk])


def nama_bendahara(dunia) -> str:
    return Pengurus.objects.get(kepengurusan=dunia.a.kepengurusan, jabatan=Jabatan.BENDAHARA).nama


def donatur(wksbm, **kwargs) -> Donatur:
    data = {"kode": "D-0001", "nama": "Haji Slamet Riyadi", "jenis": "perseorangan"}
    data.update(kwargs)
    return Donatur.objects.create(wksbm=wksbm, **data)


def isi_pdf(response) -> str:
    """The PDF's text with line breaks (table cells wrap) read as spaces."""
    return " ".join(bookcheck.pdf_text(response).split())


def ukuran_halaman(response) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(response.content)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


# --- kuitansi ----------------------------------------------------------------------------


def test_kuitansi_memuat_terbilang_jumlah_dan_bendahara(client, buku, dunia):
    entri = buku.masuk("1001000", penerima="Bapak Sukardi", uraian="Sumbangan santunan lansia")
    client.force_login(dunia.bendahara_a)

    teks = isi_pdf(client.get(url_kuitansi(entri)))

    assert "KUITANSI" in teks
    assert entri.nomor_kuitansi in teks
    assert "Telah terima dari" in teks and "Bapak Sukardi" in teks
    assert "satu juta seribu rupiah" in teks
    assert "Rp1.001.000,00" in teks
    assert "Sumbangan santunan lansia" in teks
    assert "Bantul, 5 Oktober 2026" in teks
    assert nama_bendahara(dunia) in teks
    assert "Meterai" not in teks and "DIBATALKAN" not in teks


def test_donatur_anonim_tercetak_hamba_allah(client, buku, dunia):
    d = donatur(buku.wksbm, anonim=True)
    entri = buku.masuk("250000", donatur=d)
    client.force_login(dunia.bendahara_a)

    teks = isi_pdf(client.get(url_kuitansi(entri)))

    assert "Hamba Allah" in teks and "Slamet" not in teks


@pytest.mark.parametrize(("jumlah", "meterai"), [("5000001", True), ("5000000", False)])
def test_meterai_hanya_di_atas_lima_juta(client, buku, dunia, jumlah, meterai):
    entri = buku.masuk(jumlah)
    client.force_login(dunia.bendahara_a)

    teks = isi_pdf(client.get(url_kuitansi(entri)))

    assert ("Meterai" in teks) is meterai
    assert ("Rp10.000" in teks) is meterai


def test_kuitansi_a5_mendatar_dan_a4(client, buku, dunia):
    entri = buku.masuk("150000")
    client.force_login(dunia.bendahara_a)

    a5 = client.get(url_kuitansi(entri))
    a4 = client.get(url_kuitansi(entri, ukuran="a4"))

    assert ukuran_halaman(a5) == (595, 420)  # A5 landscape, 210 × 148 mm
    assert ukuran_halaman(a4) == (595, 842)  # A4 portrait
    assert len(PdfReader(io.BytesIO(a5.content)).pages) == 1
    assert "KUITANSI" in isi_pdf(a4)


def test_ukuran_kertas_tak_dikenal_400(client, buku, dunia):
    entri = buku.masuk("150000")
    client.force_login(dunia.bendahara_a)

    response = client.get(url_kuitansi(entri, ukuran="folio"))

    assert response.status_code == 400
    assert "pilih a5 atau a4" in response.content.decode()
    assert not KuitansiCetak.objects.exists()


def test_mencetak_mencatat_penyerahan_lurah_tidak(client, buku, dunia):
    entri, lain = buku.masuk("200000"), buku.masuk("300000")
    batal = buku.masuk("100000")
    services.batalkan(entri=batal, oleh=buku.bendahara, alasan="Salah catat")
    assert list(menunggu_kuitansi(buku.wksbm)) == [entri, lain]

    for pembaca in (dunia.lurah_a, dunia.dinsos):
        client.force_login(pembaca)
        assert client.get(url_kuitansi(entri)).status_code == 200
    assert not KuitansiCetak.objects.exists()
    assert list(menunggu_kuitansi(buku.wksbm)) == [entri, lain]

    client.force_login(dunia.bendahara_a)
    client.get(url_kuitansi(entri, ukuran="a4"))

    cetak = KuitansiCetak.objects.get()
    assert (cetak.jurnal, cetak.dicetak_oleh, cetak.ukuran) == (entri, dunia.bendahara_a, "a4")
    assert list(menunggu_kuitansi(buku.wksbm)) == [lain]


def test_kuitansi_yang_dibatalkan_dicap(client, buku, dunia):
    entri = buku.masuk("400000")
    services.batalkan(entri=entri, oleh=buku.bendahara, alasan="Dana salah")
    client.force_login(dunia.bendahara_a)

    assert "DIBATALKAN" in isi_pdf(client.get(url_kuitansi(entri)))


def test_entri_pembatalan_tidak_punya_kuitansi(client, buku, dunia):
    entri = buku.masuk("400000")
    balik = services.batalkan(entri=entri, oleh=buku.bendahara, alasan="Dana salah")
    client.force_login(dunia.bendahara_a)

    url = reverse("finance:pemasukan-kuitansi", args=[buku.wksbm.pk, balik.pk])

    assert client.get(url).status_code == 404


def test_persona_dokumen_pribadi(client, buku, dunia):
    d = donatur(buku.wksbm)
    masuk = buku.masuk("500000", donatur=d)
    keluar = buku.keluar("100000", penerima="Mbah Karto")
    urls = [
        url_kuitansi(masuk),
        reverse("finance:pengeluaran-tanda-terima", args=[buku.wksbm.pk, keluar.pk]),
        url_laporan(d, 2026),
        url_donasi(d),
    ]
    for url in urls:
        for orang in (dunia.pengurus_a, dunia.bendahara_a, dunia.lurah_a, dunia.dinsos):
            assert bookcheck.status_of(client, orang, "get", url) == 200, url
        assert bookcheck.status_of(client, dunia.pengurus_b, "get", url) == 404, url
        client.logout()
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/masuk/"), url


def test_halaman_entri_menautkan_kuitansi_dan_tanda_terima(client, buku, dunia):
    masuk = buku.masuk("500000")
    keluar = buku.keluar("100000")
    balik = services.batalkan(entri=keluar, oleh=buku.bendahara, alasan="Salah")
    client.force_login(dunia.bendahara_a)
    tanda_terima = reverse("finance:pengeluaran-tanda-terima", args=[buku.wksbm.pk, keluar.pk])

    html = client.get(bookcheck.url("pemasukan", "detail", buku.wksbm, masuk)).content.decode()
    assert url_kuitansi(masuk) in html and f"{url_kuitansi(masuk)}?ukuran=a4" in html
    html = client.get(bookcheck.url("pengeluaran", "detail", buku.wksbm, keluar)).content.decode()
    assert tanda_terima in html
    html = client.get(bookcheck.url("pemasukan", "detail", buku.wksbm, balik)).content.decode()
    assert "Cetak kuitansi" not in html


# --- public verification ----------------------------------------------------------------


def test_verifikasi_publik_sah_lalu_dibatalkan_tanpa_nama_donatur(client, buku):
    d = donatur(buku.wksbm)
    entri = buku.masuk("1250000", donatur=d, uraian="Infak bulanan keluarga Riyadi")

    response = client.get(url_verifikasi(entri))
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "SAH" in html and "DIBATALKAN" not in html
    for teks in (entri.nomor_kuitansi, "5 Oktober 2026", "Rp1.250.000,00", "WKSBM Ngudi Rahayu"):
        assert teks in html

    services.batalkan(entri=entri, oleh=buku.bendahara, alasan="Tercatat ganda")
    html = client.get(url_verifikasi(entri)).content.decode()

    assert "DIBATALKAN" in html
    for pribadi in ("Slamet", "Riyadi", "D-0001", "Tercatat ganda"):
        assert pribadi not in html


def test_token_tak_dikenal_404(client, buku):
    buku.masuk("1000")
    response = client.get(reverse("finance:kuitansi-verifikasi", args=["bukan-token"]))
    assert response.status_code == 404


# --- tanda terima -----------------------------------------------------------------------


def test_tanda_terima_uang_dan_barang(buku, dunia):
    pdf = kuitansi.tanda_terima_pdf(
        wksbm=buku.wksbm,
        nomor="007/TT/2026",
        tanggal=date(2026, 11, 23),
        penerima="Mbah Karto Wiyono",
        uraian="Santunan lansia bulan November",
        jumlah=Decimal("1001000"),
        barang=[("Beras", Decimal("5"), "kg"), ("Minyak goreng", Decimal("2.5"), "liter")],
    )
    teks = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())

    assert "TANDA TERIMA" in teks and "007/TT/2026" in teks
    assert "Rp1.001.000,00" in teks and "satu juta seribu rupiah" in teks
    assert "Beras" in teks and "2,5" in teks and "liter" in teks
    assert "Mbah Karto Wiyono" in teks and nama_bendahara(dunia) in teks
    assert "Bantul, 23 November 2026" in teks


def test_tanda_terima_tanpa_uang_dan_barang_ditolak(buku):
    with pytest.raises(ValueError, match="jumlah uang atau daftar barang"):
        kuitansi.tanda_terima_pdf(
            wksbm=buku.wksbm, nomor="1", tanggal=date(2026, 1, 1), penerima="X", uraian="Y"
        )


def test_tanda_terima_pengeluaran(client, buku, dunia):
    """Money handed out gets a gap-free yearly tanda terima number (like a kuitansi), and a
    meterai box where the recipient signs for more than Rp5.000.000."""
    buku.masuk("20000000")
    keluar = buku.keluar("350000", penerima="Mbah Karto", nomor_bukti="BK-014")
    pas = buku.keluar("5000000", penerima="Panitia bedah rumah")
    besar = buku.keluar("5000000.01", penerima="Toko Bangunan Sido Makmur")
    assert [keluar.nomor_tanda_terima, pas.nomor_tanda_terima, besar.nomor_tanda_terima] == [
        "001/TT/WKSBM-NR/X/2026",
        "002/TT/WKSBM-NR/X/2026",
        "003/TT/WKSBM-NR/X/2026",
    ]
    client.force_login(dunia.pengurus_a)

    def teks(entri):
        url = reverse("finance:pengeluaran-tanda-terima", args=[buku.wksbm.pk, entri.pk])
        return isi_pdf(client.get(url))

    isi = teks(keluar)
    assert "Nomor: 001/TT/WKSBM-NR/X/2026" in isi and "Jurnal #" not in isi
    assert "Mbah Karto" in isi
    assert "Rp350.000,00" in isi and "tiga ratus lima puluh ribu rupiah" in isi
    assert "Meterai" not in isi and "Meterai" not in teks(pas)
    assert "Meterai Rp10.000" in teks(besar)
    # A new year starts again at 001.
    tahun_lalu = buku.keluar("1000", tanggal=date(2025, 12, 30))
    assert tahun_lalu.nomor_tanda_terima == "001/TT/WKSBM-NR/XII/2025"


def test_tanda_terima_barang_yang_disalurkan(client, buku, dunia):
    beras = natura.pastikan_beras(buku.wksbm)
    stok = {"wksbm": buku.wksbm, "oleh": buku.bendahara, "komoditas": beras, "dana": buku.umum}
    masuk = natura.terima_natura(**stok, tanggal=date(2026, 10, 5), jumlah=Decimal(20))
    keluar = natura.salurkan_natura(
        **stok,
        tanggal=date(2026, 10, 6),
        jumlah=Decimal(25),
        satuan="cangkir",
        nama_penerima="Mbah Karto Wiyono",
        uraian="Beras untuk lansia telantar",
    )
    url = reverse("finance:natura-tanda-terima", args=[buku.wksbm.pk, keluar.pk])
    client.force_login(dunia.pengurus_a)

    teks = isi_pdf(client.get(url))
    # The same yearly sequence as money handed out, never "Mutasi stok #n".
    assert keluar.nomor_tanda_terima == "001/TT/WKSBM-NR/X/2026"
    assert "Nomor: 001/TT/WKSBM-NR/X/2026" in teks and "Mutasi stok #" not in teks
    assert "Mbah Karto Wiyono" in teks
    assert "Beras untuk lansia telantar" in teks and "25" in teks and "cangkir" in teks
    assert "Rp" not in teks  # goods only
    assert url in client.get(keluar.get_absolute_url()).content.decode()
    # Only goods handed out have a tanda terima; another WKSBM's pengurus sees nothing.
    lain = reverse("finance:natura-tanda-terima", args=[buku.wksbm.pk, masuk.pk])
    assert client.get(lain).status_code == 404
    assert bookcheck.status_of(client, dunia.pengurus_b, "get", url) == 404


# --- donor: statement, panel, donations page ---------------------------------------------


def donasi_setahun(buku, d, n=3):
    """n donations of Rp100.000 in 2026 plus zakat, a reversed one, and one in 2025."""
    for i in range(n):
        buku.masuk("100000", donatur=d, tanggal=date(2026, 3, i % 28 + 1))
    buku.masuk("2500000", donatur=d, dana=buku.zakat, sumber="zakat_maal", uraian="Zakat maal")
    buku.masuk("45000", donatur=d, dana=buku.zakat, sumber="zakat_fitrah", uraian="Zakat fitrah")
    batal = buku.masuk("999000", donatur=d, uraian="Salah ketik")
    services.batalkan(entri=batal, oleh=buku.bendahara, alasan="Salah ketik")
    buku.masuk("700000", donatur=d, tanggal=date(2025, 12, 30), uraian="Tahun lalu")


def test_laporan_donatur_menjumlah_tanpa_yang_dibatalkan(client, buku, dunia):
    d = donatur(buku.wksbm)
    donasi_setahun(buku, d)
    client.force_login(dunia.pengurus_a)

    teks = isi_pdf(client.get(url_laporan(d, 2026)))

    assert "LAPORAN DONASI TAHUN 2026" in teks and "Haji Slamet Riyadi" in teks
    assert "Salah ketik" in teks and "Dibatalkan" in teks
    assert "Tahun lalu" not in teks
    assert "Rp2.845.000,00" in teks  # 3 × 100.000 + 2.500.000 + 45.000
    assert "Zakat maal" in teks and "Rp2.500.000,00" in teks
    assert "Rp45.000,00" in teks
    assert "Rp300.000,00" in teks  # the rest
    assert nama_bendahara(dunia) in teks


def test_laporan_donatur_tahun_salah_400(client, buku, dunia):
    d = donatur(buku.wksbm)
    client.force_login(dunia.pengurus_a)

    response = client.get(url_laporan(d, "dua ribu"))

    assert response.status_code == 400
    assert "Tahun tidak sah" in response.content.decode()


def test_laporan_donatur_kueri_tetap(client, buku, dunia, django_assert_max_num_queries):
    d = donatur(buku.wksbm)
    donasi_setahun(buku, d, n=3)
    client.force_login(dunia.pengurus_a)
    sedikit = bookcheck.queries(client, url_laporan(d, 2026))
    d2 = donatur(buku.wksbm, kode="D-0002")
    donasi_setahun(buku, d2, n=60)

    # Session, user, roles, WKSBM, donor; kop, place and signers (term, members, SK);
    # the rows (one query, reversals joined) and their totals (one aggregate).
    with django_assert_max_num_queries(sedikit):
        response = client.get(url_laporan(d2, 2026))
    assert "Rp8.545.000,00" in isi_pdf(response)


def test_panel_donasi_di_halaman_donatur(client, buku, dunia, django_assert_max_num_queries):
    d = donatur(buku.wksbm)
    donasi_setahun(buku, d, n=3)
    client.force_login(dunia.pengurus_a)
    detail = bookcheck.url("donatur", "detail", buku.wksbm, d)
    sedikit = bookcheck.queries(client, detail)
    donasi_setahun(buku, d, n=60)

    # The donor page's own queries, plus the panel's two: the last 20 donations (reversals
    # joined) and the totals per year.
    with django_assert_max_num_queries(sedikit):
        html = client.get(detail).content.decode()

    assert html.count('class="badge text-bg-warning">dibatalkan') == 2
    assert url_laporan(d, 2026) in html and url_laporan(d, 2025) in html
    assert "Rp11.390.000,00" in html  # 2026: 63 × 100.000 + 2 × (2.500.000 + 45.000)
    assert url_donasi(d) in html


def test_halaman_donasi_kueri_tetap_dan_filter_tahun(
    client, buku, dunia, django_assert_max_num_queries
):
    d = donatur(buku.wksbm)
    donasi_setahun(buku, d, n=3)
    client.force_login(dunia.lurah_a)
    sedikit = bookcheck.queries(client, url_donasi(d))
    donasi_setahun(buku, d, n=60)

    # Session, user, roles, WKSBM, donor, the page's rows and count, totals, years.
    with django_assert_max_num_queries(sedikit):
        response = client.get(url_donasi(d))
    assert response.status_code == 200

    html = client.get(url_donasi(d) + "?tahun=2025").content.decode()
    assert "Tahun lalu" in html and "Zakat maal" not in html
    assert "Rp1.400.000,00" in html
    response = client.get(url_donasi(d) + "?tahun=abc")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Tahun tidak sah" in html and 'value="abc"' in html
