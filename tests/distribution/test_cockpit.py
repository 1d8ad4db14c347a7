"""The Dinas Sosial cockpit: figures equal the books, aggregates only, scoped to the area,
constant queries, and the recap files read back."""

import io
import zipfile
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from distribution import services
from distribution.cockpit import area as areas
from distribution.cockpit.data import rekap
from distribution.cockpit.periode import periode
from distribution.laporan import services as alur
from distribution.models import Kegiatan, Laporan, Penerima, VersiLaporan
from finance import services as keuangan
from finance.models import Jurnal
from registry.models import Ppks
from tests import factories as f
from tests.conftest import masuk
from tests.distribution import bantu
from wksbm import excel
from wksbm.ekspor import jobs as ekspor
from wksbm.models import Ekspor

D = Decimal
Q3 = {"jenis": "triwulan", "tahun": "2026", "ke": "3"}
NAMA_PPKS = "Mbah Sastro Wiyono"


def _isi(uji, *, hari=date(2026, 8, 10), sumbangan="1000000", serah=2):
    """A WKSBM's quarter: PPKS, money in (with a reversed receipt), a round with hand-overs,
    a kegiatan. Returns the PPKS."""
    w, bendahara = uji.wksbm, f.segar(uji.bendahara)
    orang = bantu.ppks(w, 2, kode="LUT") + bantu.ppks(w, 1, kode="FM", nama=NAMA_PPKS)
    bantu.isi_dana(w, bendahara, sumbangan, tanggal=hari)
    bantu.isi_dana(w, bendahara, "300000", sumber="infak", tanggal=hari)
    salah = bantu.isi_dana(w, bendahara, "50000", sumber="usaha", tanggal=hari)
    keuangan.batalkan(entri=salah, oleh=bendahara, alasan="Salah catat", tanggal=hari)
    round_ = bantu.penyaluran(w, pagu={bantu.dana(w): "600000"}, tanggal=hari)
    rows = services.tambah_penerima(
        penyaluran=round_, oleh=bendahara, ppks=orang, dana=bantu.dana(w), jumlah=D("150000")
    )
    for row in rows[:serah]:
        services.serahkan(penerima=row, oleh=bendahara, tanggal=hari)
    Kegiatan.objects.create(
        wksbm=w,
        jenis="pencegahan",
        judul="Penyuluhan",
        tanggal=hari,
        tempat="Balai",
        peserta_dewasa_l=7,
        peserta_dewasa_p=5,
    )
    return orang


@pytest.fixture
def isi(dunia):
    return _isi(dunia.a), _isi(dunia.b, sumbangan="2000000", serah=3)


def _laporan(uji, *, diketahui=True):
    """WKSBM `uji`'s Q3 2026 laporan, submitted by the ketua (and acknowledged by the lurah)."""
    lap = alur.buat(
        wksbm=uji.wksbm, oleh=f.segar(uji.ketua), jenis_periode="triwulan", tahun=2026, ke=3
    )
    alur.ajukan(laporan=lap, oleh=f.segar(uji.ketua))
    if diketahui:
        alur.ketahui(laporan=lap, oleh=f.segar(uji.lurah))
    lap.refresh_from_db()
    return lap


def test_angka_sama_dengan_buku(dunia, isi):
    """Every total recomputed from the books themselves (finance's pemasukan/pengeluaran
    querysets, the hand-over rows, the PPKS register, the kegiatan)."""
    r = rekap(dunia.dinsos, areas.area(dunia.dinsos), periode("triwulan", 2026, 3))
    w = [dunia.a.wksbm, dunia.b.wksbm]
    jurnal = Jurnal.objects.filter(
        wksbm__in=w, tanggal__gte=date(2026, 7, 1), tanggal__lte=date(2026, 9, 30)
    ).exclude(jenis__in=["reklasifikasi", "saldo_awal"])
    buku_masuk = jurnal.penerimaan().dengan_nilai().aggregate(t=Sum("nilai"))["t"]
    buku_keluar = jurnal.pengeluaran().dengan_nilai().aggregate(t=Sum("nilai"))["t"]
    assert r.total.total_masuk == buku_masuk == D("3600000")  # the reversed Rp50.000 nets out
    assert r.total.total_keluar == buku_keluar == D("750000")
    assert r.total.masuk["donasi"] == D("3000000") and r.total.masuk["usaha"] == 0
    serah = Penerima.objects.filter(penyaluran__wksbm__in=w, status="diserahkan")
    assert r.total.uang == serah.aggregate(t=Sum("jumlah"))["t"]
    assert r.total.serah["uang"] == serah.count() == 5
    assert r.total.dilayani == serah.values("ppks").distinct().count() == 5
    assert r.total.ppks == Ppks.objects.filter(wksbm__in=w, status="aktif").count() == 6
    assert dict(r.total.kategori) == {"LUT": 4, "FM": 2}
    assert sum(r.total.kategori_dilayani.values()) == 5
    assert r.total.kegiatan["pencegahan"] == Kegiatan.objects.filter(wksbm__in=w).count() == 2
    assert r.total.peserta == 24
    # One kapanewon (both WKSBMs are in Srandakan); its row equals the total.
    (srandakan,) = r.kelompok
    assert srandakan.nama == "Srandakan" and srandakan.angka.total_masuk == buku_masuk
    # The months: August carries everything.
    agustus = {b.bulan: b for b in r.bulan}[8]
    assert (agustus.masuk, agustus.keluar, agustus.serah, agustus.kegiatan) == (
        D("3600000"),
        D("750000"),
        5,
        2,
    )


def test_status_tidak_aktif_tanpa_laporan_dua_periode(dunia, isi):
    _laporan(dunia.a)
    r = rekap(dunia.dinsos, areas.area(dunia.dinsos), periode("triwulan", 2026, 3))
    assert dict(r.total.status) == {"aktif": 1, "tidak_aktif": 1}
    per_wksbm = rekap(
        dunia.dinsos, areas.area(dunia.dinsos), periode("triwulan", 2026, 3), kunci="id"
    )
    status = {k.nama: next(iter(k.angka.status)) for k in per_wksbm.kelompok}
    assert status == {"WKSBM Ngudi Rahayu": "aktif", "WKSBM Sido Rukun": "tidak_aktif"}


def test_halaman_drill_down_tanpa_nama_dan_nik(client, dunia, isi):
    """Kabupaten → kapanewon → kalurahan → WKSBM → its laporan; numbers only, in every page."""
    _laporan(dunia.a)
    orang = Ppks.objects.get(nama=NAMA_PPKS, wksbm=dunia.a.wksbm)
    masuk(client, dunia.dinsos)
    halaman = [
        (reverse("distribution:cockpit"), ["Srandakan", "Rp3.600.000,00", "Kapanewon"]),
        (
            reverse("distribution:cockpit-wilayah", args=[dunia.wilayah.srandakan.pk]),
            ["Poncosari", "Trimurti", "Rp1.300.000,00", "Kalurahan"],
        ),
        (
            reverse("distribution:cockpit-wilayah", args=[dunia.wilayah.poncosari.pk]),
            ["WKSBM Ngudi Rahayu", reverse("distribution:cockpit-wksbm", args=[dunia.a.wksbm.pk])],
        ),
        (
            reverse("distribution:cockpit-wksbm", args=[dunia.a.wksbm.pk]),
            [
                "Laporan yang dikirim",
                "Triwulan III 2026",
                "Diketahui lurah",
                "Versi 1",
                reverse(
                    "distribution:laporan-pdf", args=[dunia.a.wksbm.pk, Laporan.objects.get().pk]
                ),
            ],
        ),
    ]
    for url, ada in halaman:
        html = client.get(url, Q3).content.decode()
        for teks in ada:
            assert teks in html, (url, teks)
        assert NAMA_PPKS not in html and orang.nik not in html, url
        assert "<svg" in html and 'role="img"' in html and "<title" in html
        assert "Angka tren per bulan" in html


def test_beranda_dinsos_menuju_dasbor(client, dunia):
    cockpit = reverse("distribution:cockpit")
    masuk(client, dunia.dinsos)
    assert f'href="{cockpit}"' in client.get(reverse("home")).content.decode()
    masuk(client, dunia.lurah_a)
    assert f'href="{cockpit}"' not in client.get(reverse("home")).content.decode()


def test_dinsos_kabupaten_lain_404(client, dunia, isi):
    sleman = f.PeranDinsosFactory(kabupaten=dunia.wilayah.sleman).user
    masuk(client, sleman)
    w = dunia.wilayah
    for kode in (w.bantul.pk, w.srandakan.pk, w.poncosari.pk, w.diy.pk, "99.99"):
        for nama in (
            "cockpit-wilayah",
            "cockpit-xlsx-wilayah",
            "cockpit-pdf-wilayah",
            "cockpit-zip-wilayah",
        ):
            url = reverse(f"distribution:{nama}", args=[kode])
            assert client.get(url, Q3).status_code == 404, url
    assert (
        client.get(reverse("distribution:cockpit-wksbm", args=[dunia.a.wksbm.pk])).status_code
        == 404
    )
    # Its own cockpit and inbox open, without Bantul's WKSBMs or figures.
    for nama in ("cockpit", "cockpit-laporan"):
        html = client.get(reverse(f"distribution:{nama}"), Q3).content.decode()
        assert "Ngudi Rahayu" not in html and "Srandakan" not in html and "Rp3.600.000" not in html


def test_pengurus_dan_lurah_ditolak(client, dunia):
    semua = [
        reverse(f"distribution:{n}")
        for n in ("cockpit", "cockpit-xlsx", "cockpit-pdf", "cockpit-zip", "cockpit-laporan")
    ] + [reverse("distribution:cockpit-wilayah", args=[dunia.wilayah.poncosari.pk])]
    sendiri = reverse("distribution:cockpit-wksbm", args=[dunia.a.wksbm.pk])
    for user in (dunia.pengurus_a, dunia.bendahara_a, dunia.lurah_a, dunia.tanpa_peran):
        masuk(client, user)
        for url in semua:
            assert client.get(url).status_code == 403, (user, url)
        assert client.post(reverse("distribution:cockpit-laporan"), {}).status_code == 403
    # WKSBM A's page: its own pengurus and lurah see it exists (403); others not (404).
    for user, status in (
        (dunia.pengurus_a, 403),
        (dunia.lurah_a, 403),
        (dunia.pengurus_b, 404),
        (dunia.lurah_b, 404),
        (dunia.tanpa_peran, 404),
    ):
        masuk(client, user)
        assert client.get(sendiri).status_code == status, user


def test_jumlah_kueri_tetap(client, dunia, isi, django_assert_max_num_queries):
    """The cockpit: session, user, the user's OTP device (two-factor sign-in), roles (4), then
    1 the WKSBMs with their last laporan and PPKS counts, 2 aktif PPKS per category, 3 PPKS
    served per category, 4 the journal, 5 the hand-overs, 6 the kegiatan = 10, whatever the
    number of WKSBMs."""
    masuk(client, dunia.dinsos)
    url = reverse("distribution:cockpit")
    client.get(url, Q3)  # the first request after logging in also touches the session
    with CaptureQueriesContext(connection) as dua:
        assert client.get(url, Q3).status_code == 200
    for desa in (dunia.wilayah.gadingsari, dunia.wilayah.trimurti, dunia.wilayah.poncosari):
        _isi(f.wksbm_aktif(desa=desa))
    with django_assert_max_num_queries(10):
        response = client.get(url, Q3)
    assert "Sanden" in response.content.decode()  # the new kapanewon's row
    with CaptureQueriesContext(connection) as lima:
        client.get(url, Q3)
    assert len(lima) == len(dua)


def _unduh(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _lewat_latar(client, url: str, params=Q3, *, isi: str) -> tuple[Ekspor, object]:
    """A whole-area download: offered (GET), recorded (POST), made by the worker, downloaded."""
    query = f"{url}?{urlencode(params)}"
    offer = client.get(query).content.decode()
    assert f"Ekspor ini mencakup {isi} WKSBM" in offer and 'method="post"' in offer
    response = client.post(query)
    job = Ekspor.objects.get(sumber="cockpit", jenis=f"rekap-{url.rsplit('.', 1)[1]}")
    assert response.status_code == 302 and response["Location"] == job.url_detail
    assert job.tenant_id is None and job.parameter["wilayah"] is None
    assert "Menunggu giliran" in client.get(job.url_detail).content.decode()
    assert ekspor.jalankan_ekspor.call(job.pk) == "selesai"
    job.refresh_from_db()
    assert f'href="{job.url_unduh}"' in client.get(job.url_detail).content.decode()
    return job, client.get(job.url_unduh)


def test_rekap_excel_dibaca_kembali(client, dunia, isi):
    masuk(client, dunia.dinsos)
    job, response = _lewat_latar(client, reverse("distribution:cockpit-xlsx"), isi="2")
    assert response.status_code == 200
    assert (
        "rekap-wksbm_kabupaten-bantul_2026-07-01_2026-09-30.xlsx" in response["Content-Disposition"]
    )
    assert job.baris_total == job.baris_selesai == 2  # the area's WKSBMs
    wb = load_workbook(io.BytesIO(_unduh(response)))
    assert (
        wb.sheetnames[0] == "Rekap per WKSBM" and "Dana terhimpun menurut sumber" in wb.sheetnames
    )
    assert "Tren per bulan" in wb.sheetnames
    rows = list(wb["Rekap per WKSBM"].iter_rows(values_only=True))
    assert rows[1][0] == "Dinas Sosial Kabupaten Bantul"
    head = rows.index(next(r for r in rows if r and r[0] == "WKSBM"))
    data = {r[0]: r for r in rows[head + 1 :] if r and r[0]}
    a = data["WKSBM Ngudi Rahayu"]
    assert a[1:5] == ("Poncosari", "Srandakan", "Kabupaten Bantul", "Tidak aktif")
    assert a[5:11] == (3, 2, 1300000, 300000, 2, 300000)
    assert data["JUMLAH"][7] == 3600000
    masuk_rows = list(wb["Dana terhimpun menurut sumber"].iter_rows(values_only=True))
    assert ("Srandakan", 3000000, 600000, 3600000) in masuk_rows
    everything = " ".join(str(c) for ws in wb for r in ws.iter_rows(values_only=True) for c in r)
    assert NAMA_PPKS not in everything


def test_rekap_pdf_dibaca_kembali(client, dunia, isi):
    masuk(client, dunia.dinsos)
    _, response = _lewat_latar(client, reverse("distribution:cockpit-pdf"), isi="2")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    teks = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(_unduh(response))).pages)
    assert "DINAS SOSIAL KABUPATEN BANTUL" in teks
    assert "Triwulan III 2026" in teks and "Srandakan" in teks and "Rp3.600.000,00" in teks
    assert NAMA_PPKS not in teks


def test_bundel_zip(client, dunia, isi):
    _laporan(dunia.a)
    masuk(client, dunia.dinsos)
    job, response = _lewat_latar(client, reverse("distribution:cockpit-zip"), isi="2")
    assert response.status_code == 200
    assert job.baris_total == job.baris_selesai == 3  # 2 WKSBMs in the recap + 1 laporan
    z = zipfile.ZipFile(io.BytesIO(_unduh(response)))
    assert sorted(z.namelist()) == [
        "laporan/srandakan/wksbm-ngudi-rahayu_triwulan-iii-2026_v1.pdf",
        "rekap-wksbm_kabupaten-bantul_2026-07-01_2026-09-30.pdf",
        "rekap-wksbm_kabupaten-bantul_2026-07-01_2026-09-30.xlsx",
    ]
    versi = VersiLaporan.objects.get(laporan__wksbm=dunia.a.wksbm)
    with versi.pdf.open("rb") as f_:
        assert z.read("laporan/srandakan/wksbm-ngudi-rahayu_triwulan-iii-2026_v1.pdf") == f_.read()


def test_rekap_kapanewon_setriwulan_langsung_setahun_di_latar(client, dunia, isi):
    """A kapanewon for a quarter comes straight back; the same kapanewon for a year, and any
    bundle, go to the worker."""
    masuk(client, dunia.dinsos)
    kode = dunia.wilayah.srandakan.pk
    url = reverse("distribution:cockpit-xlsx-wilayah", args=[kode])
    langsung = client.get(url, Q3)
    assert langsung["Content-Type"] == excel.XLSX_TYPE
    rows = list(load_workbook(io.BytesIO(_unduh(langsung)))["Rekap per WKSBM"].values)
    assert any(r[0] == "WKSBM Ngudi Rahayu" for r in rows)
    setahun = {"jenis": "tahun", "tahun": "2026"}
    assert "Ekspor ini mencakup 2 WKSBM" in client.get(url, setahun).content.decode()
    zip_url = reverse("distribution:cockpit-zip-wilayah", args=[kode])
    assert 'method="post"' in client.get(zip_url, Q3).content.decode()
    assert not Ekspor.objects.exists()  # offered only: nothing recorded by a GET


def test_ekspor_rekap_hanya_untuk_yang_meminta_dan_wilayahnya(client, dunia, isi):
    masuk(client, dunia.dinsos)
    job, _ = _lewat_latar(client, reverse("distribution:cockpit-xlsx"), isi="2")
    sleman = f.PeranDinsosFactory(kabupaten=dunia.wilayah.sleman).user
    rekan = f.PeranDinsosFactory(kabupaten=dunia.wilayah.bantul).user  # same area, not its owner
    for user in (sleman, rekan, dunia.pengurus_a, dunia.lurah_a):
        masuk(client, user)
        for url in (job.url_detail, job.url_unduh):
            assert client.get(url).status_code == 404, (user, url)
        assert job.judul not in client.get(reverse("wksbm:ekspor-list")).content.decode()
    # The requester who lost the role loses the file too (the area is checked again).
    masuk(client, dunia.dinsos)
    assert client.get(job.url_unduh).status_code == 200
    dunia.dinsos.peran.all().delete()
    assert client.get(job.url_unduh).status_code == 403


def test_kotak_laporan_terima_dan_kembalikan(client, dunia, isi):
    lap_a = _laporan(dunia.a)
    masuk(client, dunia.dinsos)
    url = reverse("distribution:cockpit-laporan")
    html = client.get(url, Q3).content.decode()
    assert "1 sudah mengirim, 1 belum" in html
    assert "Terlambat" in html  # B sent nothing, the deadline passed
    assert f'name="laporan" value="{lap_a.pk}"' in html
    # Returning needs a reason: refused with a message, nothing changes.
    r = client.post(
        url + "?jenis=triwulan&tahun=2026&ke=3",
        {"laporan": lap_a.pk, "aksi": "kembalikan", "alasan": " "},
        follow=True,
    )
    assert "Alasan wajib diisi." in r.content.decode()
    lap_a.refresh_from_db()
    assert lap_a.status == "diketahui"
    client.post(url, {"laporan": lap_a.pk, "aksi": "terima"})
    lap_a.refresh_from_db()
    assert lap_a.status == "diterima"
    assert lap_a.riwayat.last().oleh == dunia.dinsos


def test_kotak_laporan_kembalikan_dengan_alasan(client, dunia, isi):
    lap_b = _laporan(dunia.b)
    masuk(client, dunia.dinsos)
    client.post(
        reverse("distribution:cockpit-laporan"),
        {"laporan": lap_b.pk, "aksi": "kembalikan", "alasan": "Lampirkan daftar hadir"},
    )
    lap_b.refresh_from_db()
    assert lap_b.status == "dikembalikan"
    assert lap_b.riwayat.last().alasan == "Lampirkan daftar hadir"
    # The Dinas Sosial of another kabupaten cannot even find it.
    masuk(client, f.PeranDinsosFactory(kabupaten=dunia.wilayah.sleman).user)
    r = client.post(
        reverse("distribution:cockpit-laporan"), {"laporan": lap_b.pk, "aksi": "terima"}
    )
    assert r.status_code == 404


def test_kategori_dilayani_tetap_setelah_status_berubah(dunia, isi):
    """A PPKS served in the period and no longer aktif counts as served in its category, not as
    aktif; a category with no aktif and no served PPKS has no figure at all."""
    dilayani = Penerima.objects.get(ppks=isi[0][0], status="diserahkan").ppks  # a LUT of WKSBM A
    dilayani.status = Ppks.Status.MENINGGAL
    dilayani.save()
    bantu.ppks(dunia.a.wksbm, 1, kode="KBA", status=Ppks.Status.MENINGGAL)
    r = rekap(dunia.dinsos, areas.area(dunia.dinsos), periode("triwulan", 2026, 3))
    assert dict(r.total.kategori) == {"LUT": 3, "FM": 2}
    assert dict(r.total.kategori_dilayani) == {"LUT": 4, "FM": 1}
    assert "KBA" not in r.kategori
