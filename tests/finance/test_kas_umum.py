"""Buku kas umum (C.4): opening balance, running saldo and cumulative spending, per fund and
over all funds; the page, its PDF and its Excel file."""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from finance import services
from finance.kasumum import KasUmum, Saring
from finance.models import Dana, Kas, Saldo
from tests import bookcheck
from wksbm.ekspor import jobs as ekspor
from wksbm.models import Ekspor

pytestmark = pytest.mark.django_db

SEP, OKT, NOV = date(2026, 9, 10), date(2026, 10, 5), date(2026, 11, 2)


def url(wksbm, action="list", **query) -> str:
    base = reverse(f"finance:kas-umum-{action}", args=[wksbm.pk])
    if not query:
        return base
    return base + "?" + "&".join(f"{k}={v}" for k, v in query.items())


@pytest.fixture
def tiga_bulan(buku):
    """September: 1.000.000 in, 250.000 out; October: 500.000 in (zakat 300.000), 120.000 out
    and a reversed 40.000; November: 75.000 in."""
    buku.masuk("1000000", tanggal=SEP)
    buku.keluar("250000", tanggal=SEP, uraian="Santunan September")
    buku.masuk("500000", tanggal=OKT, uraian="Donasi Oktober")
    buku.masuk("300000", dana=buku.zakat, sumber="zakat_maal", tanggal=OKT)
    buku.keluar("120000", tanggal=date(2026, 10, 20), uraian="Sembako lansia")
    salah = buku.masuk("40000", tanggal=date(2026, 10, 21), uraian="Salah catat")
    services.batalkan(entri=salah, oleh=buku.bendahara, alasan="Dobel", tanggal=date(2026, 10, 22))
    buku.masuk("75000", tanggal=NOV)
    return buku


def test_saldo_awal_dan_saldo_berjalan_per_dana(tiga_bulan):
    b = tiga_bulan
    oktober = Saring(dana=b.umum, dari=date(2026, 10, 1), sampai=date(2026, 10, 31))
    kas_umum = KasUmum(b.wksbm, oktober)
    total = kas_umum.ringkasan()
    assert total.saldo_awal == Decimal("750000")
    # The reversed 40.000 nets in the receipts column, not counted as spending.
    assert (total.penerimaan, total.pengeluaran) == (Decimal("500000"), Decimal("120000"))
    rows = list(kas_umum.semua(total))
    assert [r.entri.uraian for r in rows][:2] == ["Donasi Oktober", "Sembako lansia"]
    assert [r.saldo for r in rows] == [
        Decimal(v) for v in ("1250000", "1130000", "1170000", "1130000")
    ]
    assert [r.kumulatif for r in rows] == [Decimal(v) for v in ("0", "120000", "120000", "120000")]
    assert rows[-1].saldo == total.saldo_akhir == Decimal("1130000")
    assert rows[0].kode == "1.1" and rows[1].kode == "2.5"
    assert (
        rows[0].nomor_bukti.endswith("/KWT/WKSBM-NR/X/2026")
        and rows[1].nomor_bukti == "002/TT/WKSBM-NR/X/2026"  # the tanda terima
    )
    # The reversal keeps the code and the column of the receipt it reverses, negative.
    assert rows[3].entri.uraian.startswith("Pembatalan") and rows[3].kode == "1.1"
    assert (rows[3].penerimaan, rows[3].pengeluaran) == (Decimal("-40000"), None)


def test_saldo_akhir_semua_dana_sama_dengan_jumlah_saldo_dana(tiga_bulan):
    b = tiga_bulan
    services.reklasifikasi(
        wksbm=b.wksbm,
        oleh=b.bendahara,
        dari=b.umum,
        ke=b.jimpitan,
        kas=b.kas,
        jumlah=Decimal(100000),
        alasan="Modal lumbung",
        tanggal=NOV,
    )
    total = KasUmum(b.wksbm, Saring()).ringkasan()
    saldo_dana = Saldo.objects.filter(dana__wksbm=b.wksbm).aggregate(t=Sum("jumlah"))["t"]
    assert total.saldo_awal == 0
    assert total.saldo_akhir == saldo_dana == total.penerimaan - total.pengeluaran
    assert total.saldo_akhir == Decimal("1505000")
    rows = list(KasUmum(b.wksbm, Saring()).semua(total))
    assert rows[-1].saldo == saldo_dana


def test_saldo_awal_sama_dengan_atau_tanpa_saldo_tersimpan(tiga_bulan):
    """The opening balance read from the cached balance equals the sum of earlier rows
    (a fund and a cash account together have no cached balance)."""
    b = tiga_bulan
    periode = {"dari": date(2026, 10, 6), "sampai": date(2026, 10, 31)}
    dari_saldo = KasUmum(b.wksbm, Saring(dana=b.umum, **periode)).ringkasan()
    dari_entri = KasUmum(b.wksbm, Saring(dana=b.umum, kas=b.kas, **periode)).ringkasan()
    assert dari_saldo == dari_entri
    assert dari_saldo.saldo_awal == Decimal("1250000")
    per_kas = KasUmum(b.wksbm, Saring(kas=b.kas, **periode)).ringkasan()
    assert per_kas.saldo_awal == Decimal("1550000")


def test_dibaca_pada_satu_nomor_jurnal(tiga_bulan):
    """An entry posted while a page is being read stays out of all of that page's numbers."""
    b = tiga_bulan
    kas_umum = KasUmum(b.wksbm, Saring(dana=b.umum, dari=date(2026, 11, 1)))
    sebelum = kas_umum.nomor_terakhir
    b.masuk("999000", tanggal=NOV)
    assert kas_umum.entri().count() == 1
    total = kas_umum.ringkasan()
    assert total.penerimaan == Decimal("75000") and total.saldo_awal == Decimal("1130000")
    assert KasUmum(b.wksbm, Saring()).nomor_terakhir == sebelum + 1


def test_halaman_berikut_melanjutkan_saldo(client, buku):
    for i in range(30):
        buku.masuk(str(10000 + i), tanggal=date(2026, 10, 1 + i % 28))
        buku.keluar("5000", tanggal=date(2026, 10, 1 + i % 28))
    client.force_login(buku.bendahara)
    params = {"dana": buku.umum.pk, "dari": "2026-10-01", "sampai": "2026-10-31"}
    semua = KasUmum(buku.wksbm, Saring(dana=buku.umum, dari=date(2026, 10, 1)))
    harapan = list(semua.semua(semua.ringkasan()))
    for halaman in (1, 2, 3):
        response = client.get(url(buku.wksbm), {**params, "halaman": halaman})
        rows = response.context["rows"]
        awal = (halaman - 1) * 25
        assert [r.saldo for r in rows] == [r.saldo for r in harapan[awal : awal + 25]]
        assert [r.kumulatif for r in rows] == [r.kumulatif for r in harapan[awal : awal + 25]]
        assert rows[0].urut == awal + 1
    html = response.content.decode()
    assert "Saldo pindahan" in html


def test_persona_kas_umum(client, dunia, tiga_bulan):
    for target in (url(dunia.a.wksbm), url(dunia.a.wksbm, "pdf"), url(dunia.a.wksbm, "xlsx")):
        for user in (dunia.pengurus_a, dunia.lurah_a, dunia.dinsos):
            assert bookcheck.status_of(client, user, "get", target) == 200, (target, user)
        assert bookcheck.status_of(client, dunia.pengurus_b, "get", target) == 404
        client.logout()
        assert client.get(target)["Location"].startswith("/masuk/")


def test_halaman_kas_umum_bulan_ini_secara_bawaan(client, buku):
    hari_ini = timezone.localdate()
    buku.masuk("125000", tanggal=hari_ini, uraian="Donasi bulan ini")
    buku.masuk("99000", tanggal=date(2026, 1, 5), uraian="Donasi lama")
    client.force_login(buku.bendahara)
    html = client.get(url(buku.wksbm)).content.decode()
    assert "Donasi bulan ini" in html and "Donasi lama" not in html
    assert "Rp125.000,00" in html and "Saldo awal" in html and "JUMLAH" in html
    assert f'value="{hari_ini.replace(day=1).isoformat()}"' in html
    semua = client.get(url(buku.wksbm, dari="", sampai="")).content.decode()
    assert "Donasi lama" in semua


def test_saringan_salah_400_dengan_pesan_dan_nilai(client, dunia, buku):
    client.force_login(buku.bendahara)
    response = client.get(url(buku.wksbm, dari="2026-10-31", sampai="2026-10-01"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in html
    assert 'value="2026-10-31"' in html
    services.pastikan_dana_bawaan(dunia.b.wksbm)
    dana_b = Dana.objects.filter(wksbm=dunia.b.wksbm).first()
    response = client.get(url(buku.wksbm, dana=dana_b.pk))
    assert response.status_code == 400
    assert "Masukkan pilihan yang valid" in response.content.decode()
    xlsx = client.get(url(buku.wksbm, "xlsx", dari="2026-10-31", sampai="2026-10-01"))
    assert xlsx.status_code == 400 and "Tanggal akhir" in xlsx.content.decode()


def _baris(buku, n, dana=None):
    for i in range(n):
        buku.masuk(str(20000 + i), dana=dana, tanggal=date(2026, 10, 1 + i % 28))


def test_jumlah_kueri_tetap(client, buku, django_assert_max_num_queries):
    _baris(buku, 3)
    _baris(buku, 3, dana=buku.jimpitan)
    client.force_login(buku.bendahara)
    targets = [
        url(buku.wksbm, dari="2026-10-01", sampai="2026-10-31"),
        url(buku.wksbm, dari="2026-10-01", sampai="2026-10-31", halaman=2),
        url(buku.wksbm, "xlsx", dari="2026-10-01"),
        url(buku.wksbm, "pdf", dari="2026-10-01"),
        url(buku.wksbm, "xlsx", dana=buku.umum.pk, kas=buku.kas.pk, dari="2026-10-02"),
    ]
    sedikit = {t: bookcheck.queries(client, t) for t in targets}
    _baris(buku, 57)
    # session, user, roles, WKSBM, fund and cash choices of the filter, the chain head with
    # the cached balance, count, page rows, one aggregate (opening balance, totals and the
    # running values before the page) — the same for 3 or 60 rows. Exports stream their rows
    # through one cursor; the PDF adds the kop and signatures (board, SK).
    for target, n in sedikit.items():
        with django_assert_max_num_queries(n):
            assert client.get(target).status_code == 200, target


def test_excel_kas_umum_bertipe_dan_jumlahnya_cocok(client, tiga_bulan):
    b = tiga_bulan
    client.force_login(b.bendahara)
    response = client.get(url(b.wksbm, "xlsx", dana=b.umum.pk, dari="2026-10-01", sampai=""))
    assert (
        "buku-kas-umum_wksbm-ngudi-rahayu_dana-umum_2026-10-01_kini.xlsx"
        in response["Content-Disposition"]
    )
    sheet = bookcheck.xlsx_sheet(response)
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Buku Kas Umum" and rows[1][0] == "WKSBM Ngudi Rahayu"
    assert rows[2][0] == "Dana: Dana Umum" and "sejak 1 Oktober 2026" in rows[3][0]
    header = rows[5]
    assert header == (
        "No",
        "Tgl",
        "Kode",
        "Uraian",
        "Penerimaan",
        "Pengeluaran",
        "No. bukti",
        "Jumlah kumulatif",
        "Saldo",
    )
    awal, *data, jumlah = rows[6:]
    assert awal[3] == "Saldo awal" and awal[8] == 750000
    assert len(data) == 5
    assert jumlah[0] == "JUMLAH"
    assert jumlah[4] == sum(r[4] or 0 for r in data) == 575000
    assert jumlah[5] == sum(r[5] or 0 for r in data) == 120000
    saldo_dana = Saldo.objects.get(dana=b.umum).jumlah
    assert data[-1][8] == jumlah[8] == saldo_dana == Decimal("1205000")
    cell = sheet.cell(row=8, column=5)
    assert isinstance(cell.value, int | float | Decimal) and cell.number_format == '"Rp"#,##0.00'
    assert sheet.cell(row=8, column=2).is_date
    assert sheet.cell(row=8, column=9).number_format == '"Rp"#,##0.00'


def test_excel_semua_dana_punya_kolom_dana_dan_berakhir_di_jumlah_saldo(client, tiga_bulan):
    b = tiga_bulan
    client.force_login(b.ketua)
    sheet = bookcheck.xlsx_sheet(client.get(url(b.wksbm, "xlsx", dari="", sampai="")))
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[5][4] == "Dana"
    *data, jumlah = rows[7:]
    saldo_dana = Saldo.objects.filter(dana__wksbm=b.wksbm).aggregate(t=Sum("jumlah"))["t"]
    assert data[-1][9] == jumlah[9] == saldo_dana
    assert {r[4] for r in data} == {"Dana Umum", "Dana Zakat"}


def test_pdf_kas_umum_berkop_saldo_awal_dan_jumlah(client, dunia, tiga_bulan):
    b = tiga_bulan
    client.force_login(dunia.lurah_a)
    response = client.get(
        url(b.wksbm, "pdf", dana=b.umum.pk, dari="2026-10-01", sampai="2026-10-31")
    )
    text = bookcheck.pdf_text(response)
    assert "WKSBM NGUDI RAHAYU" in text and "Buku Kas Umum" in text
    assert "Saldo awal" in text and "Rp750.000,00" in text
    assert "Sembako lansia" in text and "Rp1.130.000,00" in text
    assert "JUMLAH" in text and "Rp500.000,00" in text and "Rp120.000,00" in text
    assert "Periode: 1 Oktober 2026 s.d. 31 Oktober 2026" in text
    assert "Mengetahui," in text and "Ketua" in text and "Bendahara" in text
    assert "Halaman 1 dari 1" in text


def test_kas_tanpa_entri_dan_dana_baru(client, buku):
    bank = Kas.objects.create(wksbm=buku.wksbm, nama="BRI", jenis="bank", nomor_rekening="123")
    total = KasUmum(buku.wksbm, Saring(kas=bank, dari=date(2026, 1, 1))).ringkasan()
    assert (total.saldo_awal, total.saldo_akhir) == (0, 0)
    client.force_login(buku.bendahara)
    assert client.get(url(buku.wksbm, kas=bank.pk)).status_code == 200


def test_pdf_kas_umum_setahun_dibuat_di_latar(client, dunia, tiga_bulan, settings):
    """A whole year (or over EKSPOR_LATAR_PDF_BARIS entries) goes to the worker; the file is
    the same book, and the period recorded stays the one asked for."""
    b = tiga_bulan
    client.force_login(dunia.bendahara_a)
    tahun = url(b.wksbm, "pdf", dari="2026-01-01", sampai="2026-12-31")
    halaman = client.get(tahun).content.decode()
    assert "Ekspor ini berisi 8 baris" in halaman  # 7 entries and one reversal
    response = client.post(tahun)
    job = Ekspor.objects.get(jenis="kas-umum-pdf")
    assert response["Location"] == job.url_detail
    assert job.parameter["dari"] == ["2026-01-01"] and job.baris_total == 8
    assert ekspor.jalankan_ekspor.call(job.pk) == "selesai"
    job.refresh_from_db()
    text = bookcheck.pdf_text(client.get(job.url_unduh))
    assert "Buku Kas Umum" in text and "Sembako lansia" in text and "Rp75.000,00" in text
    assert "Periode: 1 Januari 2026 s.d. 31 Desember 2026" in text
    # Over the row limit, a single month too.
    settings.EKSPOR_LATAR_PDF_BARIS = 3
    bulan = url(b.wksbm, "pdf", dari="2026-10-01", sampai="2026-10-31")
    assert "Ekspor ini berisi 5 baris" in client.get(bulan).content.decode()
    client.force_login(dunia.pengurus_b)
    assert client.get(job.url_unduh).status_code == 404
