"""The bendahara's pages: finance home, funds and cash accounts, the fund page with its SVG
chart and PDF, settings, reklasifikasi."""

import re
from datetime import date, timedelta
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from finance import chart, services
from finance.models import Dana, Jurnal, Kas, KuitansiCetak, PengaturanKeuangan, Saldo
from tests import bookcheck

pytestmark = pytest.mark.django_db


def u(name: str, wksbm, *args) -> str:
    return reverse(f"finance:{name}", args=[wksbm.pk, *args])


def baca(buku) -> list[str]:
    w = buku.wksbm
    return [
        u("keuangan-home", w),
        u("dana-list", w),
        u("dana-detail", w, buku.umum.pk),
        u("dana-pdf", w, buku.umum.pk),
    ]


def tulis(buku) -> list[str]:
    w = buku.wksbm
    return [
        u("dana-create", w),
        u("dana-edit", w, buku.umum.pk),
        u("kas-create", w),
        u("kas-edit", w, buku.kas.pk),
        u("pengaturan-edit", w),
        u("reklasifikasi-create", w),
    ]


def test_persona_halaman_keuangan(client, dunia, buku):
    for target in baca(buku):
        for user in (buku.bendahara, dunia.lurah_a, dunia.dinsos):
            assert bookcheck.status_of(client, user, "get", target) == 200, (target, user)
        assert bookcheck.status_of(client, dunia.pengurus_b, "get", target) == 404, target
        client.logout()
        assert client.get(target)["Location"].startswith("/masuk/"), target
    sekretaris = dunia.a.kepengurusan.anggota.get(jabatan="sekretaris").user
    for target in tulis(buku):
        assert bookcheck.status_of(client, buku.bendahara, "get", target) == 200, target
        assert bookcheck.status_of(client, buku.ketua, "get", target) == 200, target
        for reader in (dunia.lurah_a, dunia.dinsos, sekretaris):
            assert bookcheck.status_of(client, reader, "get", target) == 403, (target, reader)
            assert bookcheck.status_of(client, reader, "post", target) == 403, (target, reader)
        assert bookcheck.status_of(client, dunia.pengurus_b, "post", target) == 404, target


def test_dana_wksbm_lain_404(client, dunia, buku):
    services.pastikan_dana_bawaan(dunia.b.wksbm)
    dana_b = Dana.objects.filter(wksbm=dunia.b.wksbm).first()
    kas_b = Kas.objects.get(wksbm=dunia.b.wksbm)
    client.force_login(buku.bendahara)
    for target in (
        u("dana-detail", buku.wksbm, dana_b.pk),
        u("dana-edit", buku.wksbm, dana_b.pk),
        u("dana-pdf", buku.wksbm, dana_b.pk),
        u("kas-edit", buku.wksbm, kas_b.pk),
    ):
        assert client.get(target).status_code == 404, target


# --- the finance home -------------------------------------------------------------------


def test_beranda_bendahara(client, buku):
    hari_ini = timezone.localdate()
    bulan_lalu = hari_ini.replace(day=1) - timedelta(days=1)
    buku.masuk("1250000", tanggal=hari_ini, uraian="Donasi Pak Suradi")
    buku.keluar("250000", tanggal=hari_ini)
    buku.masuk("300000", dana=buku.zakat, sumber="zakat_maal", tanggal=bulan_lalu)
    dicetak = buku.masuk("50000", tanggal=hari_ini, uraian="Donasi sudah dicetak")
    KuitansiCetak.objects.create(jurnal=dicetak, ukuran="a5", dicetak_oleh=buku.bendahara)
    services.reklasifikasi(
        wksbm=buku.wksbm,
        oleh=buku.bendahara,
        dari=buku.umum,
        ke=buku.jimpitan,
        kas=buku.kas,
        jumlah=Decimal(100000),
        alasan="Modal lumbung",
        tanggal=hari_ini,
    )
    client.force_login(buku.bendahara)
    response = client.get(u("keuangan-home", buku.wksbm))
    html = response.content.decode()
    assert "Dana Umum" in html and "Rp950.000,00" in html  # 1.250.000 + 50.000 − 250.000 − 100.000
    assert "Dana Zakat" in html and "Rp300.000,00" in html
    assert "Kas tunai" in html and "Rp1.350.000,00" in html
    # This month, without the reclassification pair.
    assert response.context["bulan_ini"] == {"masuk": Decimal(1300000), "keluar": Decimal(250000)}
    menunggu = [e.uraian for e in response.context["menunggu"]]
    assert "Donasi Pak Suradi" in menunggu and "Donasi sudah dicetak" not in menunggu
    assert response.context["jumlah_menunggu"] == 2
    nama_lalu = f"{services.BULAN[bulan_lalu.month - 1]} {bulan_lalu.year}"
    assert f"belum ditutup: {nama_lalu}" in html and "Belum pernah" in html
    for name in ("pemasukan-create", "pengeluaran-create"):
        assert reverse(f"finance:{name}", args=[buku.wksbm.pk]) in html
    for name in ("reklasifikasi-create", "tutup-buku-list", "kas-umum-list"):
        assert u(name, buku.wksbm) in html
    services.tutup_buku(
        wksbm=buku.wksbm, oleh=buku.bendahara, tahun=bulan_lalu.year, bulan=bulan_lalu.month
    )
    html = client.get(u("keuangan-home", buku.wksbm)).content.decode()
    assert "belum ditutup" not in html and f"{nama_lalu} — oleh" in html


def test_beranda_pembaca_tanpa_tombol_tulis(client, dunia, buku):
    client.force_login(dunia.lurah_a)
    html = client.get(u("keuangan-home", buku.wksbm)).content.decode()
    assert "Catat pemasukan" not in html and "Reklasifikasi" not in html
    assert "Buku kas umum" in html


def test_menu_wksbm_memuat_keuangan(client, buku):
    client.force_login(buku.bendahara)
    html = client.get(reverse("registry:wksbm-detail", args=[buku.wksbm.pk])).content.decode()
    assert f'href="{u("keuangan-home", buku.wksbm)}">Keuangan</a>' in html


def test_beranda_wksbm_tanpa_dana_membuat_dana_bawaan(client, dunia):
    client.force_login(dunia.pengurus_b)
    html = client.get(u("keuangan-home", dunia.b.wksbm)).content.decode()
    assert "Dana Umum" in html and "Dana Zakat" in html and "Kas tunai" in html


def _isi(buku, n):
    for i in range(n):
        buku.masuk(str(10000 + i), tanggal=date(2026, 10, 1 + i % 28))


def test_jumlah_kueri_tetap(client, buku, django_assert_max_num_queries):
    _isi(buku, 3)
    for e in Jurnal.objects.all()[:2]:
        KuitansiCetak.objects.create(jurnal=e, ukuran="a4", dicetak_oleh=buku.bendahara)
    client.force_login(buku.bendahara)
    sedikit = {t: bookcheck.queries(client, t) for t in baca(buku)}
    _isi(buku, 57)
    Dana.objects.create(
        wksbm=buku.wksbm, nama="Dana Beasiswa", jenis="infak_terikat", terbatas=True
    )
    # Home: session, user, roles, WKSBM, funds with balances, cash accounts with balances,
    # this month's totals, waiting receipts (5 rows + count), closing events, months since the
    # last closing. Fund list: funds, cash accounts, settings. Fund page: the fund with its
    # balance, the chain head, count, page rows (with their cash account), the twelve months.
    # Fund PDF: the fund, the twelve months, kop and signatures (board, SK).
    for target, n in sedikit.items():
        with django_assert_max_num_queries(n):
            assert client.get(target).status_code == 200, target


def test_halaman_dana_berikutnya_jumlah_kueri_tetap(client, buku, django_assert_max_num_queries):
    _isi(buku, 30)
    client.force_login(buku.bendahara)
    target = u("dana-detail", buku.wksbm, buku.umum.pk) + "?halaman=2"
    n = bookcheck.queries(client, target)
    _isi(buku, 60)
    # A later page adds one aggregate (what was posted after its first row), whatever the rows.
    with django_assert_max_num_queries(n):
        assert client.get(target).status_code == 200


# --- funds and cash accounts ------------------------------------------------------------


def test_daftar_dana_dari_saldo_tersimpan(client, dunia, buku):
    buku.masuk("400000")
    buku.masuk("150000", dana=buku.zakat, sumber="zakat_maal")
    client.force_login(dunia.dinsos)
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(u("dana-list", buku.wksbm)).content.decode()
    assert not [q for q in ctx.captured_queries if "finance_jurnal" in q["sql"]]  # no scan
    assert "Rp400.000,00" in html and "Rp150.000,00" in html and "Rp550.000,00" in html
    assert "001/KWT/WKSBM-NR/XI/2026" in html  # an example of the receipt number
    assert "Tambah dana" not in html  # Dinas Sosial reads only


def test_tambah_dana_infak_terikat(client, buku):
    client.force_login(buku.bendahara)
    data = {"nama": "Dana Beasiswa Yatim", "jenis": "infak_terikat", "tujuan": ""}
    response = client.post(u("dana-create", buku.wksbm), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dana terikat wajib menyebut tujuannya" in html and "Dana Beasiswa Yatim" in html
    data["tujuan"] = "Beasiswa anak yatim Padukuhan Ngentak"
    response = client.post(u("dana-create", buku.wksbm), data)
    dana = Dana.objects.get(nama="Dana Beasiswa Yatim")
    assert response.status_code == 302 and response["Location"] == u(
        "dana-detail", buku.wksbm, dana.pk
    )
    assert dana.terbatas and dana.wksbm == buku.wksbm  # forced: infak terikat is restricted
    assert Saldo.objects.get(dana=dana).jumlah == 0
    log = LogEntry.objects.get_for_object(dana).get()
    assert log.actor == buku.bendahara and log.action == LogEntry.Action.CREATE


def test_dana_baru_tidak_boleh_zakat_atau_nama_kembar(client, buku):
    client.force_login(buku.ketua)
    response = client.post(u("dana-create", buku.wksbm), {"nama": "dana umum", "jenis": "umum"})
    assert response.status_code == 400
    assert "Nama dana ini sudah dipakai" in response.content.decode()
    response = client.post(u("dana-create", buku.wksbm), {"nama": "Zakat 2", "jenis": "zakat"})
    assert response.status_code == 400 and not Dana.objects.filter(nama="Zakat 2").exists()


def test_ubah_dana_yang_berentri_mengunci_jenis_dan_nama_bawaan(client, buku):
    buku.masuk("100000")
    client.force_login(buku.bendahara)
    data = {
        "nama": "Dana Bebas",
        "jenis": "lainnya",
        "terbatas": "on",
        "tujuan": "x",
        "aktif": "on",
    }
    response = client.post(u("dana-edit", buku.wksbm, buku.umum.pk), data)
    buku.umum.refresh_from_db()
    assert response.status_code == 302
    assert (buku.umum.nama, buku.umum.jenis, buku.umum.terbatas) == ("Dana Umum", "umum", False)
    assert buku.umum.tujuan == "x"
    data.pop("aktif")
    response = client.post(u("dana-edit", buku.wksbm, buku.umum.pk), data)
    assert response.status_code == 400
    assert "Dana Umum tidak dapat dinonaktifkan" in response.content.decode()


def test_dana_bersaldo_tidak_dapat_dinonaktifkan(client, buku):
    buku.masuk("5000", dana=buku.jimpitan, sumber="jimpitan")
    client.force_login(buku.bendahara)
    data = {"nama": "Dana Jimpitan", "jenis": "jimpitan", "tujuan": ""}
    response = client.post(u("dana-edit", buku.wksbm, buku.jimpitan.pk), data)
    assert response.status_code == 400
    assert "masih bersaldo" in response.content.decode()
    buku.jimpitan.refresh_from_db()
    assert buku.jimpitan.aktif


def test_tambah_dan_ubah_rekening_bank(client, buku):
    client.force_login(buku.bendahara)
    data = {"nama": "BRI Unit Srandakan", "jenis": "bank", "nomor_rekening": ""}
    response = client.post(u("kas-create", buku.wksbm), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Rekening bank wajib diisi nomor rekeningnya." in html and "BRI Unit Srandakan" in html
    data["nomor_rekening"] = "0123 0100 5678 501"
    assert client.post(u("kas-create", buku.wksbm), data).status_code == 302
    bank = Kas.objects.get(nama="BRI Unit Srandakan")
    assert bank.nomor_rekening == "012301005678501" and Saldo.objects.filter(kas=bank).exists()
    data["aktif"] = ""
    assert client.post(u("kas-edit", buku.wksbm, bank.pk), data).status_code == 302
    bank.refresh_from_db()
    assert not bank.aktif
    response = client.post(
        u("kas-edit", buku.wksbm, buku.kas.pk), {"nama": "Kas", "jenis": "tunai"}
    )
    assert response.status_code == 400 and "Kas tunai bawaan" in response.content.decode()


# --- settings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pola", "pesan"),
    [
        ("{urut}/KWT/{nama}/{tahun}", "Penanda {nama} tidak dikenal"),
        ("{urut}/KWT/{bulan_romawi}", "Pola wajib memuat {urut} dan {tahun}"),
        ("{urut/KWT/{tahun}", "setiap “{” harus ditutup"),
        ("{urut}/KWT/{tahun", "setiap “{” harus ditutup"),
        ("{urut:zz}/{tahun}", "Format penanda tidak sah"),
        ("{urut.__class__}/{tahun}", "Penanda {urut.__class__} tidak dikenal"),
        ("{}/{urut}/{tahun}", "Penanda {} tidak dikenal"),
        ("{urut!r}/{tahun}", "Penanda {urut} tidak dikenal"),
        ("{urut:0>90}/{tahun}", "terlalu panjang"),
    ],
)
def test_pola_kuitansi_divalidasi(client, buku, pola, pesan):
    client.force_login(buku.bendahara)
    data = {"pola_kuitansi": pola, "kode": "NR", "dasar_zakat": "tidak"}
    response = client.post(u("pengaturan-edit", buku.wksbm), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert pesan.replace("“", "&ldquo;").replace("”", "&rdquo;") in html or pesan in html
    assert 'value="NR"' in html


def test_pola_tanda_terima_divalidasi(client, buku):
    client.force_login(buku.bendahara)
    data = {
        "pola_kuitansi": "{urut:03d}/KWT/{tahun}",
        "pola_tanda_terima": "TT/{tahun}",
        "kode": "NR",
        "dasar_zakat": "tidak",
    }
    response = client.post(u("pengaturan-edit", buku.wksbm), data)
    assert response.status_code == 400
    pesan = " ".join(response.context["form"].errors["pola_tanda_terima"])
    assert "nomor tanda terima akan berulang" in pesan


def test_pengaturan_disimpan_dan_dipakai_untuk_nomor_kuitansi(client, buku):
    PengaturanKeuangan.objects.filter(wksbm=buku.wksbm).update(dasar_zakat="tidak")
    client.force_login(buku.ketua)
    data = {
        "pola_kuitansi": "KW-{kode}-{tahun}{bulan:02d}-{urut:04d}",
        "pola_tanda_terima": "TT-{kode}-{tahun}-{urut:04d}",
        "kode": "NGR",
        "dasar_zakat": "upz",
    }
    response = client.post(u("pengaturan-edit", buku.wksbm), data)
    assert response.status_code == 302
    aturan = PengaturanKeuangan.objects.get(wksbm=buku.wksbm)
    assert (aturan.kode, aturan.dasar_zakat) == ("NGR", "upz")
    assert buku.masuk("1000", tanggal=date(2026, 10, 5)).nomor_kuitansi == "KW-NGR-202610-0001"
    assert buku.keluar("500", tanggal=date(2026, 10, 6)).nomor_tanda_terima == "TT-NGR-2026-0001"
    log = LogEntry.objects.get_for_object(aturan).get()
    assert log.changes_dict["dasar_zakat"] == ["Tidak menangani zakat", "UPZ BAZNAS"]


# --- the fund page ----------------------------------------------------------------------


def test_halaman_dana_saldo_berjalan_terbaru_di_atas(client, buku):
    buku.masuk("1000000", tanggal=date(2026, 9, 1), uraian="Donasi pertama")
    for i in range(30):
        buku.keluar("10000", tanggal=date(2026, 10, 1 + i % 28), uraian=f"Santunan {i:02d}")
    client.force_login(buku.bendahara)
    target = u("dana-detail", buku.wksbm, buku.umum.pk)
    pertama = client.get(target).context["rows"]
    kedua = client.get(target, {"halaman": 2}).context["rows"]
    assert pertama[0][1] == Decimal(700000)  # the balance now, after the newest entry
    semua = pertama + kedua
    assert [s for _, s in semua] == [Decimal(700000 + 10000 * i) for i in range(30)] + [
        Decimal(1000000)
    ]
    assert semua[-1][0].uraian == "Donasi pertama"


def test_grafik_svg_dua_belas_bulan_dapat_diakses(client, buku):
    hari_ini = timezone.localdate()
    buku.masuk("1500000", tanggal=hari_ini)
    buku.keluar("400000", tanggal=hari_ini)
    client.force_login(buku.bendahara)
    response = client.get(u("dana-detail", buku.wksbm, buku.umum.pk))
    html = response.content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "grafik-judul grafik-desc"
    assert root.find(f"{ns}title").text == "Penerimaan dan pengeluaran Dana Umum per bulan"
    desc = root.find(f"{ns}desc").text
    nama = f"{services.BULAN[hari_ini.month - 1]} {hari_ini.year}"
    assert f"{nama}: penerimaan Rp1.500.000,00, pengeluaran Rp400.000,00" in desc
    bars = [r for r in root.iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
    assert len(bars) == 24
    assert "style=" not in svg  # CSP: presentation attributes only
    assert len(response.context["arus"]) == 12
    assert '<th scope="row" class="fw-normal">' + nama in html  # the data table fallback


def test_grafik_fungsi_murni():
    data = [
        chart.ArusBulan(2026, 1, Decimal(0), Decimal(0)),
        chart.ArusBulan(2026, 2, Decimal("2500000"), Decimal("125000.50")),
    ]
    svg = chart.batang_bulanan(data, judul="Uji <grafik>", id_awal="uji")
    root = ElementTree.fromstring(svg)
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Uji <grafik>"
    labels = re.findall(r">([^<]*)</text>", svg)
    assert labels == ["Rp0", "Rp1 jt", "Rp2 jt", "Rp3 jt", "Jan", "2026", "Feb"] + [
        "Penerimaan",
        "Pengeluaran",
    ]
    assert "Pengeluaran Februari 2026: Rp125.000,50" in svg
    assert chart.batang_bulanan([], judul="Kosong").count("<rect") == 2  # the legend only
    assert chart.singkat(Decimal("1250000000")) == "Rp1,3 M"
    assert chart.singkat(Decimal("250000")) == "Rp250 rb"


def test_pdf_laporan_dana_memuat_grafik_dan_angka(client, dunia, buku):
    hari_ini = timezone.localdate()
    buku.masuk("1500000", tanggal=hari_ini)
    buku.keluar("400000", tanggal=hari_ini)
    client.force_login(dunia.lurah_a)
    text = bookcheck.pdf_text(client.get(u("dana-pdf", buku.wksbm, buku.umum.pk)))
    assert "WKSBM NGUDI RAHAYU" in text and "Laporan Dana Umum" in text
    assert "Penerimaan" in text and "Pengeluaran" in text  # the chart's legend (inline SVG)
    assert "Rp1.500.000,00" in text and "Rp1.100.000,00" in text
    assert "Ketua" in text and "Bendahara" in text


# --- reklasifikasi ----------------------------------------------------------------------


def _reklas(buku, **kwargs) -> dict:
    data = {
        "dari": buku.umum.pk,
        "ke": buku.jimpitan.pk,
        "kas": buku.kas.pk,
        "jumlah": "150000",
        "tanggal": "2026-10-07",
        "alasan": "Tambahan modal lumbung",
    }
    data.update(kwargs)
    return data


def test_reklasifikasi_berhasil(client, buku):
    buku.masuk("400000")
    client.force_login(buku.bendahara)
    response = client.post(u("reklasifikasi-create", buku.wksbm), _reklas(buku))
    assert response.status_code == 302
    assert response["Location"] == u("dana-detail", buku.wksbm, buku.jimpitan.pk)
    assert Saldo.objects.get(dana=buku.jimpitan).jumlah == Decimal(150000)
    assert Jurnal.objects.filter(jenis="reklasifikasi").count() == 2


def test_reklasifikasi_ditolak_400_dengan_pesan_dan_nilai(client, buku):
    buku.masuk("100000")
    buku.masuk("100000", dana=buku.zakat, sumber="zakat_maal")
    terikat = Dana.objects.create(
        wksbm=buku.wksbm, nama="Dana Beasiswa", jenis="infak_terikat", terbatas=True, tujuan="x"
    )
    client.force_login(buku.bendahara)
    target = u("reklasifikasi-create", buku.wksbm)
    cases = [
        (_reklas(buku), "Saldo Dana Umum tidak cukup"),
        (_reklas(buku, dari=buku.zakat.pk, jumlah="1000"), "Dana Zakat hanya untuk 8 asnaf"),
        (_reklas(buku, dari=terikat.pk, jumlah="1000"), "adalah dana terikat"),
        (_reklas(buku, ke=buku.umum.pk), "Dana asal dan tujuan harus berbeda."),
        (_reklas(buku, jumlah="0"), "Jumlah harus lebih dari Rp0."),
        (_reklas(buku, alasan=""), "Bidang ini tidak boleh kosong"),
    ]
    for data, pesan in cases:
        response = client.post(target, data)
        html = response.content.decode()
        assert response.status_code == 400, pesan
        assert pesan in html, pesan
        assert "2026-10-07" in html
    assert not Jurnal.objects.filter(jenis="reklasifikasi").exists()


def test_reklasifikasi_dana_terikat_bila_tujuan_terpenuhi(client, buku):
    terikat = Dana.objects.create(
        wksbm=buku.wksbm, nama="Dana Beasiswa", jenis="infak_terikat", terbatas=True, tujuan="x"
    )
    buku.masuk("50000", dana=terikat, sumber="infak")
    client.force_login(buku.ketua)
    data = _reklas(buku, dari=terikat.pk, ke=buku.umum.pk, jumlah="50000", tujuan_terpenuhi="on")
    assert client.post(u("reklasifikasi-create", buku.wksbm), data).status_code == 302
    assert Saldo.objects.get(dana=terikat).jumlah == 0


def test_setiap_halaman_satu_h1_berbahasa_indonesia(client, dunia, buku):
    from tests.registry.test_pages import periksa_halaman

    buku.masuk("100000", tanggal=date(2026, 10, 5))
    services.tutup_buku(wksbm=buku.wksbm, oleh=buku.bendahara, tahun=2026, bulan=10)
    w = buku.wksbm
    halaman = [
        *baca(buku)[:3],
        *tulis(buku),
        u("kas-umum-list", w),
        u("tutup-buku-list", w),
    ]
    for user in (buku.ketua, dunia.lurah_a):
        client.force_login(user)
        for target in halaman:
            response = client.get(target)
            if response.status_code == 403:
                continue
            assert response.status_code == 200, target
            periksa_halaman(response, target)
