"""Tutup buku: the months and their state, closing (bendahara or ketua, finished months only),
reopening (ketua only, with a reason), and the monthly closing report with the chain head."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from finance import services
from finance.models import RantaiJurnal, TutupBuku
from tests import bookcheck

pytestmark = pytest.mark.django_db

AGU, SEP, OKT = date(2026, 8, 14), date(2026, 9, 10), date(2026, 10, 5)


def u(name: str, wksbm, *args) -> str:
    return reverse(f"finance:tutup-buku-{name}", args=[wksbm.pk, *args])


@pytest.fixture
def bulan(buku):
    buku.masuk("1000000", tanggal=AGU)
    buku.masuk("500000", tanggal=SEP, uraian="Donasi September")
    buku.keluar("200000", tanggal=SEP)
    buku.masuk("300000", dana=buku.zakat, sumber="zakat_maal", tanggal=SEP)
    buku.keluar("50000", dana=buku.zakat, asnaf="fakir", tanggal=SEP)
    buku.masuk("70000", tanggal=OKT)
    return buku


def test_persona_tutup_buku(client, dunia, bulan):
    w = bulan.wksbm
    for target in (u("list", w), u("pdf", w, 2026, 9)):
        for user in (bulan.bendahara, dunia.lurah_a, dunia.dinsos):
            assert bookcheck.status_of(client, user, "get", target) == 200, (target, user)
        assert bookcheck.status_of(client, dunia.pengurus_b, "get", target) == 404
        client.logout()
        assert client.get(target)["Location"].startswith("/masuk/")
    tutup, buka = u("tutup", w, 2026, 9), u("buka", w, 2026, 9)
    for user in (dunia.lurah_a, dunia.dinsos):
        assert bookcheck.status_of(client, user, "post", tutup) == 403
        assert bookcheck.status_of(client, user, "post", buka) == 403
    assert bookcheck.status_of(client, dunia.pengurus_b, "post", tutup) == 404
    assert bookcheck.status_of(client, dunia.pengurus_b, "post", buka) == 404
    assert bookcheck.status_of(client, bulan.bendahara, "get", tutup) == 405
    assert bookcheck.status_of(client, bulan.bendahara, "post", buka) == 403  # ketua only
    assert not TutupBuku.objects.exists()
    assert client.get(u("pdf", w, 2026, 13)).status_code == 404


def test_daftar_bulan_dan_tutup_oleh_bendahara(client, bulan):
    client.force_login(bulan.bendahara)
    response = client.get(u("list", bulan.wksbm))
    html = response.content.decode()
    nama = [s.nama for s, _, _ in response.context["page"]]
    hari_ini = timezone.localdate()
    assert nama[0] == f"{services.BULAN[hari_ini.month - 1]} {hari_ini.year}"
    assert nama[-3:] == ["Oktober 2026", "September 2026", "Agustus 2026"]
    assert html.count('action="/w/') >= 3  # close buttons for the finished months
    assert u("tutup", bulan.wksbm, hari_ini.year, hari_ini.month) not in html  # month running
    assert "Buka kembali" not in html  # nothing closed, and the bendahara may not reopen

    response = client.post(u("tutup", bulan.wksbm, 2026, 9))
    assert response.status_code == 302
    tutup = TutupBuku.objects.get()
    assert (tutup.oleh, tutup.aksi, tutup.bulan) == (bulan.bendahara, "tutup", 9)
    assert tutup.hash_kepala == RantaiJurnal.objects.get(wksbm=bulan.wksbm).hash_terakhir
    html = client.get(response["Location"]).content.decode()
    assert "Buku September 2026 ditutup." in html
    assert "Ditutup" in html and u("tutup", bulan.wksbm, 2026, 9) not in html


def test_tutup_bulan_berjalan_atau_dua_kali_400_dengan_pesan(client, bulan):
    client.force_login(bulan.ketua)
    hari_ini = timezone.localdate()
    response = client.post(u("tutup", bulan.wksbm, hari_ini.year, hari_ini.month))
    assert response.status_code == 400
    assert "Hanya bulan yang sudah berakhir yang dapat ditutup." in response.content.decode()
    assert client.post(u("tutup", bulan.wksbm, 2026, 9)).status_code == 302
    response = client.post(u("tutup", bulan.wksbm, 2026, 9))
    assert response.status_code == 400
    assert "September 2026 sudah ditutup." in response.content.decode()
    assert TutupBuku.objects.count() == 1


def test_buka_kembali_hanya_ketua_dengan_alasan_dan_tercatat(client, bulan):
    services.tutup_buku(wksbm=bulan.wksbm, oleh=bulan.bendahara, tahun=2026, bulan=9)
    client.force_login(bulan.bendahara)
    assert "Buka kembali" not in client.get(u("list", bulan.wksbm)).content.decode()
    client.force_login(bulan.ketua)
    assert (
        "Alasan membuka kembali September 2026"
        in client.get(u("list", bulan.wksbm)).content.decode()
    )

    response = client.post(u("buka", bulan.wksbm, 2026, 9), {"alasan": "  "})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Bidang ini tidak boleh kosong" in html and "is-invalid" in html
    response = client.post(u("buka", bulan.wksbm, 2026, 10), {"alasan": "Koreksi kuitansi"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Oktober 2026 tidak dalam keadaan tertutup." in html

    response = client.post(u("buka", bulan.wksbm, 2026, 9), {"alasan": "Kuitansi tertinggal"})
    assert response.status_code == 302
    assert not services.periode_tertutup(bulan.wksbm, SEP)
    html = client.get(u("list", bulan.wksbm)).content.decode()
    assert "Dibuka kembali oleh" in html and "alasan: Kuitansi tertinggal" in html
    assert "Tutup buku oleh" in html  # the history keeps the first closing


def test_alasan_tetap_tampil_bila_layanan_menolak(client, bulan):
    client.force_login(bulan.ketua)
    services.tutup_buku(wksbm=bulan.wksbm, oleh=bulan.bendahara, tahun=2026, bulan=9)
    services.buka_kembali(wksbm=bulan.wksbm, oleh=bulan.ketua, tahun=2026, bulan=9, alasan="a")
    services.tutup_buku(wksbm=bulan.wksbm, oleh=bulan.bendahara, tahun=2026, bulan=9)
    # Someone reopened it in another tab in the meantime.
    services.buka_kembali(wksbm=bulan.wksbm, oleh=bulan.ketua, tahun=2026, bulan=9, alasan="b")
    response = client.post(u("buka", bulan.wksbm, 2026, 9), {"alasan": "Salah input tanggal"})
    assert response.status_code == 400
    assert "September 2026 tidak dalam keadaan tertutup." in response.content.decode()


def test_laporan_penutupan_memuat_dana_dan_kepala_rantai(client, dunia, bulan):
    tutup = services.tutup_buku(wksbm=bulan.wksbm, oleh=bulan.bendahara, tahun=2026, bulan=9)
    # Posted after the closing: a later month, and an earlier month that is still open.
    bulan.masuk("999000", tanggal=OKT)
    bulan.masuk("111000", tanggal=AGU)
    client.force_login(dunia.lurah_a)
    response = client.get(u("pdf", bulan.wksbm, 2026, 9))
    assert "tutup-buku_wksbm-ngudi-rahayu_2026-09.pdf" in response["Content-Disposition"]
    text = bookcheck.pdf_text(response)
    assert "WKSBM NGUDI RAHAYU" in text and "Laporan Penutupan Buku Bulanan" in text
    assert "Periode: September 2026" in text
    flat = " ".join(text.split())
    # Dana Umum: opening 1.000.000, in 500.000, out 200.000, closing 1.300.000, 2 entries.
    assert "Dana Umum Rp1.000.000,00 Rp500.000,00 Rp200.000,00 Rp1.300.000,00 2" in flat
    assert "Dana Zakat (terikat) Rp0,00 Rp300.000,00 Rp50.000,00 Rp250.000,00 2" in flat
    assert "JUMLAH Rp1.000.000,00 Rp800.000,00 Rp250.000,00 Rp1.550.000,00 4" in flat
    assert tutup.hash_kepala in text.replace("\n", "")
    assert "menjangkarkan jurnal di luar basis data" in flat
    assert "Mengetahui," in text and "Ketua" in text and "Bendahara" in text
    assert "LAPORAN SEMENTARA" not in text


def test_laporan_bulan_terbuka_adalah_sementara_tanpa_kode(client, bulan):
    client.force_login(bulan.bendahara)
    text = bookcheck.pdf_text(client.get(u("pdf", bulan.wksbm, 2026, 10)))
    assert "LAPORAN SEMENTARA" in text and "belum ditutup" in text
    assert "Rp70.000,00" in text
    assert RantaiJurnal.objects.get(wksbm=bulan.wksbm).hash_terakhir not in text


def test_jumlah_kueri_tetap(client, buku, django_assert_max_num_queries):
    def isi(n):
        for i in range(n):
            buku.masuk(str(1000 + i), tanggal=date(2026, 3 + i % 8, 1 + i % 28))

    isi(3)
    services.tutup_buku(wksbm=buku.wksbm, oleh=buku.bendahara, tahun=2026, bulan=1)
    client.force_login(buku.ketua)
    targets = [u("list", buku.wksbm), u("pdf", buku.wksbm, 2026, 1), u("pdf", buku.wksbm, 2026, 3)]
    sedikit = {t: bookcheck.queries(client, t) for t in targets}
    isi(57)
    services.tutup_buku(wksbm=buku.wksbm, oleh=buku.bendahara, tahun=2026, bulan=2)
    # List: session, user, roles, WKSBM, entries per month (one grouped query), the closing
    # events with who closed. Report: the month's last event, funds per month (one grouped
    # query), the funds, kop and signatures — for 3 or 60 entries and any number of months.
    for target, n in sedikit.items():
        with django_assert_max_num_queries(n):
            assert client.get(target).status_code == 200, target
