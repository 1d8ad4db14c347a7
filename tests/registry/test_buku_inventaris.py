"""Buku inventaris barang: items, mutations, the yearly A.3 table and the Excel import."""

import io
import itertools
from datetime import date, datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from registry.buku.inventaris import catat_mutasi
from registry.contoh import inventaris as contoh
from registry.models import Barang, MutasiBarang
from registry.models.inventaris import MutasiTidakSah, tabel_a3
from tests import bookcheck

pytestmark = pytest.mark.django_db

_kode = itertools.count(1)


def barang(wksbm, n=1, **kwargs) -> list[Barang]:
    rows = []
    for _ in range(n):
        i = next(_kode)
        data = {
            "wksbm": wksbm,
            "kode": f"UJI-{i:04d}",
            "nama": f"Kursi lipat {i:03d}",
            "merk_ukuran": "Chitose",
            "jumlah": 10,
            "satuan": "buah",
            "tanggal_perolehan": date(2026, 2, 1),
            "asal": Barang.Asal.DIBELI,
            "nilai": Decimal("1500000"),
            "lokasi": "Gudang balai padukuhan",
        }
        data.update(kwargs)
        rows.append(Barang.objects.create(**data))
    return rows


def mutasi(b: Barang, jenis: str, tanggal: str, jumlah: int, user=None, **kwargs):
    return catat_mutasi(
        barang=b,
        oleh=user,
        jenis=jenis,
        tanggal=date.fromisoformat(tanggal),
        jumlah=jumlah,
        **kwargs,
    )


def form_data(**kwargs) -> dict:
    data = {
        "kode": "",
        "nama": "Tenda dom",
        "merk_ukuran": "4x6 m",
        "jumlah": "4",
        "satuan": "unit",
        "tanggal_perolehan": "2026-03-10",
        "asal": "dibeli",
        "nilai": "12000000",
        "kondisi": "baik",
        "lokasi": "Gudang",
        "disewakan": "on",
        "keterangan": "",
    }
    data.update(kwargs)
    return data


# --- personas, forms, list, exports -------------------------------------------------------


def test_persona_buku_inventaris(client, dunia):
    (obj,) = barang(dunia.a.wksbm)
    bookcheck.check_personas(client, dunia, "inventaris", obj)


def test_persona_a3_dan_mutasi(client, dunia):
    (obj,) = barang(dunia.a.wksbm)
    a = dunia.a.wksbm
    for action in ("a3", "a3-pdf", "a3-xlsx"):
        target = bookcheck.url("inventaris", action, a) + "?tahun=2026"
        for reader in (dunia.pengurus_a, dunia.lurah_a, dunia.dinsos):
            assert bookcheck.status_of(client, reader, "get", target) == 200, target
        assert bookcheck.status_of(client, dunia.pengurus_b, "get", target) == 404, target
        client.logout()
        assert client.get(target)["Location"].startswith("/masuk/")
    target = bookcheck.url("inventaris", "mutasi", a, obj)
    assert bookcheck.status_of(client, dunia.pengurus_a, "get", target) == 200
    for reader in (dunia.lurah_a, dunia.dinsos):
        assert bookcheck.status_of(client, reader, "post", target) == 403
    assert bookcheck.status_of(client, dunia.pengurus_b, "post", target) == 404
    client.logout()
    assert client.post(target)["Location"].startswith("/masuk/")
    assert not MutasiBarang.objects.exists()


def test_pengurus_mencatat_barang_dengan_kode_otomatis_dan_riwayat(client, dunia):
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("inventaris", "create", dunia.a.wksbm)
    assert client.post(target, form_data()).status_code == 302
    client.post(target, form_data(nama="Kursi roda", asal="sumbangan", disewakan=""))
    tenda = Barang.objects.get(nama="Tenda dom")
    kursi = Barang.objects.get(nama="Kursi roda")
    assert (tenda.kode, kursi.kode) == ("INV-0001", "INV-0002")
    assert tenda.wksbm == dunia.a.wksbm and tenda.disewakan and not kursi.disewakan
    assert tenda.nilai == Decimal("12000000.00")

    edit = bookcheck.url("inventaris", "edit", dunia.a.wksbm, tenda)
    client.post(edit, form_data(kode="INV-0001", lokasi="Rumah Pak Dukuh"))
    history = client.get(bookcheck.url("inventaris", "history", dunia.a.wksbm, tenda))
    assert "Gudang → Rumah Pak Dukuh" in history.content.decode()


def test_kode_otomatis_melewati_kode_yang_sudah_diketik(client, dunia):
    barang(dunia.a.wksbm, kode="INV-0001")
    client.force_login(dunia.pengurus_a)
    client.post(bookcheck.url("inventaris", "create", dunia.a.wksbm), form_data())
    assert Barang.objects.filter(nama="Tenda dom").get().kode == "INV-0002"


def test_isian_salah_kembali_dengan_pesan_dan_nilai(client, dunia):
    client.force_login(dunia.pengurus_a)
    data = form_data(jumlah="0", nilai="-5", asal="dicuri", tanggal_perolehan="2099-01-01")
    response = client.post(bookcheck.url("inventaris", "create", dunia.a.wksbm), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Jumlah sedikitnya 1." in html
    assert "Nilai tidak boleh negatif." in html
    assert "Tanggal perolehan tidak boleh di masa depan." in html
    assert "Masukkan pilihan yang valid" in html  # Django's own Indonesian message for a choice
    assert 'value="Tenda dom"' in html and 'value="4x6 m"' in html
    assert not Barang.objects.exists()


def test_kode_unik_per_wksbm(client, dunia):
    barang(dunia.a.wksbm, kode="INV-0007", nama="Printer Epson")
    barang(dunia.b.wksbm, kode="INV-0008")
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("inventaris", "create", dunia.a.wksbm)
    response = client.post(target, form_data(kode="INV-0007"))
    assert response.status_code == 400
    assert "Kode INV-0007 sudah dipakai untuk “Printer Epson”." in response.content.decode()
    assert client.post(target, form_data(kode="INV-0008")).status_code == 302  # B's code


def test_daftar_inventaris_jumlah_kueri_tetap(client, dunia, django_assert_max_num_queries):
    for b in barang(dunia.a.wksbm, 3):
        mutasi(b, "rusak", "2026-03-01", 2)
    barang(dunia.b.wksbm, 2, nama="Barang WKSBM lain")
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("inventaris", "list", dunia.a.wksbm)
    sedikit = bookcheck.queries(client, target)
    for b in barang(dunia.a.wksbm, 57):
        mutasi(b, "dijual", "2026-03-01", 1, nilai_jual=Decimal(100000))
    # session, user, roles, WKSBM, count, page rows, their mutations (one prefetch), JUMLAH
    with django_assert_max_num_queries(sedikit):
        html = client.get(target).content.decode()
    assert "Barang WKSBM lain" not in html
    found = client.get(target, {"q": "Kursi lipat 003"}).content.decode()
    assert "Kursi lipat 003" in found and "Kursi lipat 004" not in found


def test_rincian_jumlah_kueri_tetap(client, dunia, django_assert_max_num_queries):
    (obj,) = barang(dunia.a.wksbm, jumlah=100)
    mutasi(obj, "rusak", "2026-03-01", 1, user=dunia.pengurus_a)
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("inventaris", "detail", dunia.a.wksbm, obj)
    sedikit = bookcheck.queries(client, target)
    for hari in range(2, 22):
        mutasi(obj, "rusak", f"2026-03-{hari:02d}", 1, user=dunia.bendahara_a)
    # session, user, roles, WKSBM, the item, its mutations with who recorded them, history
    with django_assert_max_num_queries(sedikit):
        html = client.get(target).content.decode()
    assert html.count("<td>Rusak</td>") == 21
    assert "Sisa <strong>100 buah</strong> dari 100 yang diperoleh: 79 baik, 21 rusak." in html


def test_saring_barang_disewakan_dan_asal(client, dunia):
    barang(dunia.a.wksbm, nama="Tenda dom", disewakan=True)
    barang(dunia.a.wksbm, nama="Kursi roda", asal=Barang.Asal.SUMBANGAN)
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("inventaris", "list", dunia.a.wksbm)
    html = client.get(target, {"disewakan": "true"}).content.decode()
    assert "Tenda dom" in html and "Kursi roda" not in html
    html = client.get(target, {"asal": "sumbangan", "disewakan": ""}).content.decode()
    assert "Kursi roda" in html and "Tenda dom" not in html


def test_ekspor_jumlah_kueri_tetap(client, dunia, django_assert_max_num_queries):
    def isi(n):
        for b in barang(dunia.a.wksbm, n, tanggal_perolehan=date(2025, 5, 5)):
            mutasi(b, "rusak", "2026-03-01", 2)
            mutasi(b, "dijual", "2026-04-01", 1, nilai_jual=Decimal(50000))

    isi(3)
    client.force_login(dunia.pengurus_a)
    targets = [
        bookcheck.url("inventaris", "xlsx", dunia.a.wksbm),
        bookcheck.url("inventaris", "pdf", dunia.a.wksbm),
        bookcheck.url("inventaris", "a3-xlsx", dunia.a.wksbm) + "?tahun=2026",
        bookcheck.url("inventaris", "a3-pdf", dunia.a.wksbm) + "?tahun=2026",
    ]
    sedikit = [bookcheck.queries(client, t) for t in targets]
    isi(37)
    for target, n in zip(targets, sedikit, strict=True):
        # session, user, roles, WKSBM, items, their mutations (one prefetch per chunk),
        # JUMLAH; for a PDF also the board, its members and the SK for the signatures
        with django_assert_max_num_queries(n):
            bookcheck.queries(client, target)


def test_excel_inventaris_bertipe(client, dunia):
    (obj,) = barang(dunia.a.wksbm, nama="Tenda dom", jumlah=4, satuan="unit", disewakan=True)
    mutasi(obj, "dijual", "2026-04-11", 1, nilai_jual=Decimal(750000))
    barang(dunia.a.wksbm, nama="Printer", tanggal_perolehan=date(2024, 1, 5))
    client.force_login(dunia.pengurus_a)
    response = client.get(
        bookcheck.url("inventaris", "xlsx", dunia.a.wksbm), {"dari": "2026-01-01"}
    )
    sheet = bookcheck.xlsx_sheet(response)
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Buku Inventaris Barang"
    header = rows[4]
    assert header[:4] == ("Kode", "Nama barang", "Merk/ukuran", "Jumlah")
    row = dict(zip(header, rows[5], strict=True))
    assert row["Nama barang"] == "Tenda dom" and rows[6][0] == "JUMLAH"
    assert row["Jumlah"] == 4 and row["Sisa"] == 3 and row["Sisa rusak"] == 0
    assert row["Tanggal perolehan"] == datetime(2026, 2, 1)
    assert row["Nilai (Rp)"] == 1500000 and row["Asal"] == "Dibeli sendiri"
    assert row["Disewakan"] == "Ya"
    assert sheet.cell(row=6, column=8).number_format == '"Rp"#,##0.00'


def test_pdf_inventaris_berkop_dan_bertanda_tangan(client, dunia):
    barang(dunia.a.wksbm, 2, nama="Sound system Yamaha")
    client.force_login(dunia.dinsos)
    text = " ".join(
        bookcheck.pdf_text(client.get(bookcheck.url("inventaris", "pdf", dunia.a.wksbm))).split()
    )
    assert "Buku Inventaris Barang" in text
    assert "WKSBM NGUDI RAHAYU" in text
    assert "Sound system Yamaha" in text and "Rp3.000.000,00" in text  # a row and JUMLAH
    ketua = dunia.a.kepengurusan.anggota.get(jabatan="ketua")
    sekretaris = dunia.a.kepengurusan.anggota.get(jabatan="sekretaris")
    assert ketua.nama in text and sekretaris.nama in text


# --- mutations ----------------------------------------------------------------------------


def test_mutasi_dicatat_dari_halaman_rincian(client, dunia):
    (tenda,) = barang(dunia.a.wksbm, nama="Tenda dom", jumlah=4, satuan="unit")
    client.force_login(dunia.pengurus_a)
    detail = bookcheck.url("inventaris", "detail", dunia.a.wksbm, tenda)
    target = bookcheck.url("inventaris", "mutasi", dunia.a.wksbm, tenda)
    assert f'action="{target}"' in client.get(detail).content.decode()

    data = {"jenis": "rusak", "tanggal": "2026-02-14", "jumlah": "1", "keterangan": "Sobek"}
    assert client.post(target, data).status_code == 302
    data = {"jenis": "dijual", "tanggal": "2026-05-20", "jumlah": "1", "nilai_jual": "750000"}
    response = client.post(target, data, follow=True)
    html = response.content.decode()
    assert "Mutasi dicatat: Dijual 1 (20 Mei 2026)." in html
    assert "Sisa <strong>3 unit</strong> dari 4 yang diperoleh: 3 baik, 0 rusak." in html
    assert "Rp750.000,00" in html and "Sobek" in html and "Suparno" in html
    tenda = Barang.objects.get(pk=tenda.pk)
    assert tenda.jumlah == 4 and tenda.jumlah_tersisa == 3  # derived, not stored
    dijual = tenda.mutasi.get(jenis="dijual")
    assert dijual.oleh == dunia.pengurus_a and dijual.nilai_jual == Decimal(750000)
    assert LogEntry.objects.get_for_object(dijual).get().actor == dunia.pengurus_a


def test_mutasi_tidak_boleh_melepas_lebih_dari_sisa(client, dunia):
    (tenda,) = barang(dunia.a.wksbm, jumlah=4, satuan="unit")
    mutasi(tenda, "dijual", "2026-03-01", 3, nilai_jual=Decimal(0))
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("inventaris", "mutasi", dunia.a.wksbm, tenda)
    data = {"jenis": "disumbangkan", "tanggal": "2026-04-01", "jumlah": "2", "keterangan": "TPA"}
    response = client.post(target, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Sisa barang pada 1 April 2026 hanya 1 unit; tidak bisa melepas 2 unit" in html
    assert 'value="2026-04-01"' in html and "TPA" in html  # typed values kept
    assert MutasiBarang.objects.count() == 1


def test_mutasi_mundur_tanggal_tidak_boleh_merusak_mutasi_sesudahnya(dunia):
    (tenda,) = barang(dunia.a.wksbm, jumlah=4, satuan="unit")
    mutasi(tenda, "dijual", "2026-05-01", 4, nilai_jual=Decimal(2000000))
    with pytest.raises(MutasiTidakSah, match="Sisa barang pada 1 Mei 2026 hanya 3 unit"):
        mutasi(tenda, "disumbangkan", "2026-04-01", 1)
    with pytest.raises(MutasiTidakSah, match="sebelum tanggal perolehan"):
        mutasi(tenda, "rusak", "2026-01-01", 1)
    with pytest.raises(MutasiTidakSah, match="di masa depan"):
        mutasi(tenda, "rusak", "2099-01-01", 1)
    with pytest.raises(MutasiTidakSah, match="sedikitnya 1"):
        mutasi(tenda, "rusak", "2026-05-01", 0)
    assert tenda.mutasi.count() == 1


def test_aturan_rusak_diperbaiki_dan_nilai_jual(client, dunia):
    (kursi,) = barang(dunia.a.wksbm, jumlah=10)
    with pytest.raises(MutasiTidakSah, match="hanya ada 0 buah yang rusak"):
        mutasi(kursi, "diperbaiki", "2026-03-01", 1)
    mutasi(kursi, "rusak", "2026-03-01", 4)
    with pytest.raises(MutasiTidakSah, match="hanya ada 6 buah dalam keadaan baik"):
        mutasi(kursi, "rusak", "2026-03-02", 7)
    mutasi(kursi, "diperbaiki", "2026-03-03", 1)
    mutasi(kursi, "dihapus", "2026-03-04", 4)  # the 3 damaged ones first, then 1 good
    assert kursi.keadaan(date(2026, 3, 4)).baik == 6
    assert kursi.keadaan(date(2026, 3, 4)).rusak == 0

    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("inventaris", "mutasi", dunia.a.wksbm, kursi)
    for data, pesan in [
        ({"jenis": "dijual", "jumlah": "1"}, "Isi nilai jual untuk barang yang dijual."),
        (
            {"jenis": "rusak", "jumlah": "1", "nilai_jual": "5000"},
            "Nilai jual hanya diisi untuk barang yang dijual.",
        ),
        ({"jenis": "rusak", "jumlah": "0"}, "Pastikan nilai ini lebih besar dari atau sama"),
        (
            {"jenis": "rusak", "jumlah": "1", "tanggal": "2099-01-01"},
            "Tanggal mutasi tidak boleh di masa depan.",
        ),
    ]:
        response = client.post(target, {"tanggal": "2026-04-01", **data})
        assert response.status_code == 400 and pesan in response.content.decode(), pesan
    assert kursi.mutasi.count() == 3


def test_ubah_barang_harus_cocok_dengan_mutasi(client, dunia):
    (tenda,) = barang(dunia.a.wksbm, kode="INV-0001", jumlah=4, satuan="unit")
    mutasi(tenda, "dijual", "2026-05-01", 3, nilai_jual=Decimal(0))
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("inventaris", "edit", dunia.a.wksbm, tenda)
    response = client.post(target, form_data(kode="INV-0001", jumlah="2"))
    assert response.status_code == 400
    assert "Tidak cocok dengan mutasi yang sudah dicatat" in response.content.decode()
    response = client.post(target, form_data(kode="INV-0001", tanggal_perolehan="2026-06-01"))
    assert "Tidak boleh sesudah mutasi pertama (1 Mei 2026)." in response.content.decode()
    assert Barang.objects.get(pk=tenda.pk).jumlah == 4


# --- the A.3 table ------------------------------------------------------------------------


def contoh_a3(wksbm) -> dict[str, Barang]:
    """A small inventory with a known A.3 table for 2025 and 2026."""
    b = {
        "tenda": barang(wksbm, nama="Tenda dom", merk_ukuran="4x6 m", satuan="unit", jumlah=4,
                        tanggal_perolehan=date(2025, 3, 10), asal="dibeli")[0],
        "kursi_roda": barang(wksbm, nama="Kursi roda", merk_ukuran="", jumlah=2,
                             tanggal_perolehan=date(2026, 6, 1), asal="sumbangan")[0],
        "kursi": barang(wksbm, nama="Kursi lipat", jumlah=50,
                        tanggal_perolehan=date(2024, 1, 15), asal="kabupaten")[0],
        "printer": barang(wksbm, nama="Printer", merk_ukuran="Epson", satuan="unit", jumlah=1,
                          tanggal_perolehan=date(2023, 1, 16), asal="dibeli")[0],
        "lemari": barang(wksbm, nama="Lemari arsip", jumlah=1, kondisi="rusak_ringan",
                         tanggal_perolehan=date(2022, 11, 20), asal="provinsi")[0],
        "genset": barang(wksbm, nama="Genset", satuan="unit", jumlah=1,
                         tanggal_perolehan=date(2025, 1, 25), asal="pemerintah")[0],
    }  # fmt: skip
    mutasi(b["tenda"], "rusak", "2026-02-14", 1)
    mutasi(b["tenda"], "dijual", "2026-05-20", 1, nilai_jual=Decimal(750000))
    mutasi(b["kursi"], "rusak", "2025-08-17", 5)
    mutasi(b["kursi"], "dihapus", "2025-09-01", 2)
    mutasi(b["kursi"], "diperbaiki", "2026-03-03", 2)
    mutasi(b["kursi"], "disumbangkan", "2026-07-01", 10)
    mutasi(b["kursi"], "rusak", "2026-11-02", 4)
    mutasi(b["printer"], "dihapus", "2025-12-01", 1)
    mutasi(b["lemari"], "diperbaiki", "2026-04-04", 1)
    return b


def test_tabel_a3_dihitung_dari_barang_dan_mutasi(dunia):
    contoh_a3(dunia.a.wksbm)
    barang(dunia.b.wksbm, nama="Barang WKSBM lain")
    # asal (dibeli, pemerintah, provinsi, kab/kota, sumbangan) · awal (baik, rusak) ·
    # penghapusan (rusak, dijual, disumbangkan) · akhir (baik, rusak)
    tahun_2026 = {
        r.barang.nama: (r.jumlah(), r.tanggal_hapus) for r in tabel_a3(dunia.a.wksbm, 2026)
    }
    assert tahun_2026 == {
        "Tenda dom": ([4, 0, 0, 0, 0, 4, 0, 0, 1, 0, 3, 0], [date(2026, 5, 20)]),
        "Kursi roda": ([0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 0], []),
        "Kursi lipat": ([0, 0, 0, 48, 0, 45, 3, 0, 0, 10, 34, 4], [date(2026, 7, 1)]),
        "Lemari arsip": ([0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0], []),
        "Genset": ([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0], []),
    }  # the printer was written off in 2025: not held in 2026
    tahun_2025 = {r.barang.nama: r.jumlah() for r in tabel_a3(dunia.a.wksbm, 2025)}
    assert tahun_2025 == {
        "Tenda dom": [4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0],
        "Kursi lipat": [0, 0, 0, 50, 0, 50, 0, 2, 0, 0, 45, 3],
        "Printer": [1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0],
        "Lemari arsip": [0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1],
        "Genset": [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0],
    }  # the wheelchairs came in 2026
    for rows in (tabel_a3(dunia.a.wksbm, 2025), tabel_a3(dunia.a.wksbm, 2026)):
        for r in rows:  # asal − penghapusan = akhir tahun, on every row
            n = r.jumlah()
            assert sum(n[:5]) - sum(n[7:10]) == n[10] + n[11], r.barang.nama
    assert tabel_a3(dunia.a.wksbm, 2021) == []


def test_halaman_a3_dua_tingkat_judul(client, dunia, django_assert_max_num_queries):
    contoh_a3(dunia.a.wksbm)
    client.force_login(dunia.lurah_a)
    target = bookcheck.url("inventaris", "a3", dunia.a.wksbm)
    sedikit = bookcheck.queries(client, target + "?tahun=2026")
    for b in barang(dunia.a.wksbm, 30, tanggal_perolehan=date(2025, 5, 5)):
        mutasi(b, "rusak", "2026-03-01", 1)
    # session, user, roles, WKSBM, items, their mutations
    with django_assert_max_num_queries(sedikit):
        response = client.get(target, {"tahun": "2026"})
    html = response.content.decode()
    assert '<div class="table-responsive" tabindex="0">' in html  # scrolls, by keyboard too
    assert 'colspan="5" class="text-center">Asal barang</th>' in html
    assert 'colspan="4" class="text-center">Penghapusan barang</th>' in html
    assert 'rowspan="2">Jenis barang/bangunan</th>' in html
    assert "Tenda dom, 4x6 m (unit)" in html and "20 Mei 2026" in html
    assert "Printer" not in html
    assert "Buku Inventaris Barang (Model A.3) Tahun 2026" in html


def test_halaman_a3_tahun_tidak_sah(client, dunia):
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("inventaris", "a3", dunia.a.wksbm)
    response = client.get(target, {"tahun": "dua ribu"})
    assert (
        response.status_code == 400
        and "Masukkan keseluruhan angka bilangan." in response.content.decode()
    )
    response = client.get(bookcheck.url("inventaris", "a3-pdf", dunia.a.wksbm), {"tahun": "3000"})
    assert response.status_code == 400


def test_pdf_a3_mendatar_bernomor_kolom(client, dunia):
    contoh_a3(dunia.a.wksbm)
    client.force_login(dunia.dinsos)
    response = client.get(bookcheck.url("inventaris", "a3-pdf", dunia.a.wksbm), {"tahun": "2026"})
    assert "a3_wksbm-ngudi-rahayu_2026.pdf" in response["Content-Disposition"]
    text = " ".join(bookcheck.pdf_text(response).split())
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    assert "Buku Inventaris Barang (Model A.3) Tahun 2026" in text
    assert "WKSBM NGUDI RAHAYU" in text
    assert "Penghapusan barang" in text and "Keadaan barang akhir tahun" in text
    assert " ".join(str(n) for n in range(1, 17)) in text  # numbered column heads
    assert "Kursi lipat, Chitose (buah)" in text and "dijual Rp750.000,00" in text
    ketua = dunia.a.kepengurusan.anggota.get(jabatan="ketua")
    assert ketua.nama in text and "Mengetahui," in text


def test_excel_a3_angka_bertipe(client, dunia):
    contoh_a3(dunia.a.wksbm)
    client.force_login(dunia.pengurus_a)
    response = client.get(bookcheck.url("inventaris", "a3-xlsx", dunia.a.wksbm), {"tahun": "2026"})
    rows = bookcheck.xlsx_rows(response)
    header = rows[4]
    assert len(header) == 16
    assert header[2] == "Asal barang: Dibeli sendiri"
    assert header[12] == "Penghapusan barang: Tgl penghapusan"
    data = {r[1]: r for r in rows[5:]}
    kursi = data["Kursi lipat, Chitose (buah)"]
    assert kursi[5] == 48 and kursi[7:9] == (45, 3) and kursi[11] == 10
    assert kursi[12] == datetime(2026, 7, 1) and kursi[13:15] == (34, 4)
    assert all(isinstance(v, int) for v in kursi[2:12])
    assert data["Kursi roda (buah)"][6] == 2


# --- Excel import -------------------------------------------------------------------------


def _template(client, wksbm) -> bytes:
    response = client.get(bookcheck.url("inventaris", "import-template", wksbm))
    return b"".join(response.streaming_content)


def _with_rows(template: bytes, rows: list[list]) -> bytes:
    wb = load_workbook(io.BytesIO(template))
    for row in rows:
        wb.worksheets[0].append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(client, wksbm, content: bytes, name="inventaris.xlsx"):
    berkas = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(bookcheck.url("inventaris", "import", wksbm), {"berkas": berkas})


def _commit(client, wksbm):
    return client.post(bookcheck.url("inventaris", "import-commit", wksbm))


def test_templat_impor_berisi_judul_kolom(client, dunia):
    client.force_login(dunia.pengurus_a)
    template = _template(client, dunia.a.wksbm)
    rows = list(load_workbook(io.BytesIO(template)).worksheets[0].iter_rows(values_only=True))
    assert rows[4] == (
        "Kode", "Nama barang", "Merk/ukuran", "Jumlah", "Satuan", "Tanggal perolehan", "Asal",
        "Nilai (Rp)", "Kondisi saat diperoleh", "Lokasi", "Disewakan", "Ket.",
    )  # fmt: skip


BAIK = ["", "Tenda dom", "4x6 m", 4, "unit", date(2026, 3, 10), "Dibeli sendiri", 12000000,
        "Baik", "Gudang", "Ya", ""]  # fmt: skip


def test_impor_campuran_tidak_menyimpan_apa_pun_dan_melaporkan_baris(client, dunia):
    client.force_login(dunia.pengurus_a)
    rows = [
        BAIK,
        ["", "Kursi lipat", "", 0, "buah", date(2026, 3, 10), "Dibeli sendiri", 0, "Baik",
         "", "Tidak", ""],
        ["", "Sound system", "", 1, "set", "kemarin", "Dicuri", -5, "Baik", "", "", ""],
        ["INV-0009", "Kursi roda", "", 2, "buah", date(2026, 6, 1), "Sumbangan", 0, "Baik",
         "", "", ""],
    ]  # fmt: skip
    response = _upload(client, dunia.a.wksbm, _with_rows(_template(client, dunia.a.wksbm), rows))
    html = response.content.decode()
    assert "2 bermasalah" in html
    assert "<td>7</td>" in html and "Jumlah diperoleh: Jumlah sedikitnya 1." in html
    assert "<td>8</td>" in html and "Tanggal perolehan: Masukkan tanggal yang valid." in html
    assert "Nilai perolehan (Rp): Nilai tidak boleh negatif." in html
    assert "Asal barang: Masukkan pilihan yang valid." in html
    assert "<td>6</td>" not in html and "<td>9</td>" not in html
    assert _commit(client, dunia.a.wksbm).status_code == 400
    assert not Barang.objects.exists()


def test_impor_berkas_baik_disimpan(client, dunia):
    barang(dunia.a.wksbm, kode="INV-0009", nama="Kursi roda", jumlah=1)
    client.force_login(dunia.pengurus_a)
    rows = [
        BAIK,
        ["INV-0009", "Kursi roda", "lipat", 2, "buah", date(2026, 6, 1), "sumbangan", 0,
         "rusak ringan", "Rumah Ketua", "", "Dipinjamkan bergilir"],
    ]  # fmt: skip
    response = _upload(client, dunia.a.wksbm, _with_rows(_template(client, dunia.a.wksbm), rows))
    html = response.content.decode()
    assert "1 baru, 1 diubah, 0 tetap" in html and "0 bermasalah" in html
    assert Barang.objects.count() == 1  # a dry run
    assert _commit(client, dunia.a.wksbm).status_code == 302
    tenda = Barang.objects.get(nama="Tenda dom")
    assert tenda.kode == "INV-0001" and tenda.disewakan and tenda.jumlah == 4
    assert tenda.tanggal_perolehan == date(2026, 3, 10) and tenda.nilai == Decimal(12000000)
    kursi = Barang.objects.get(kode="INV-0009")
    assert kursi.jumlah == 2 and kursi.asal == "sumbangan" and kursi.kondisi == "rusak_ringan"


def test_ekspor_lalu_impor_tidak_mengubah_apa_pun(client, dunia):
    (tenda,) = barang(dunia.a.wksbm, nama="Tenda dom", jumlah=4, disewakan=True,
                      nilai=Decimal("12500000.50"), keterangan="Untuk hajatan")  # fmt: skip
    mutasi(tenda, "dijual", "2026-04-11", 1, nilai_jual=Decimal(750000))
    barang(dunia.a.wksbm, 3, kondisi="rusak_berat", asal="kabupaten", merk_ukuran="")
    client.force_login(dunia.pengurus_a)
    exported = client.get(bookcheck.url("inventaris", "xlsx", dunia.a.wksbm))
    sebelum = list(Barang.objects.order_by("pk").values())
    log_sebelum = LogEntry.objects.count()
    response = _upload(client, dunia.a.wksbm, b"".join(exported.streaming_content))
    assert "4 baris dibaca: 0 baru, 0 diubah, 4 tetap" in response.content.decode()
    assert _commit(client, dunia.a.wksbm).status_code == 302
    assert list(Barang.objects.order_by("pk").values()) == sebelum
    assert LogEntry.objects.count() == log_sebelum


def test_berkas_impor_yang_salah_mendapat_pesan_jelas(client, dunia):
    client.force_login(dunia.pengurus_a)
    a = dunia.a.wksbm
    response = _upload(client, a, b"Nama;Jumlah\nTenda;4\n", name="inventaris.csv")
    assert response.status_code == 400
    assert "Berkas bukan file Excel (.xlsx) yang sah." in response.content.decode()

    response = _upload(client, a, b"PK\x03\x04 bukan zip sungguhan")
    assert response.status_code == 400
    assert "Berkas bukan file Excel (.xlsx) yang sah." in response.content.decode()

    response = _upload(client, a, b"PK\x03\x04" + b"\0" * (10 * 1024 * 1024))
    assert response.status_code == 400
    assert "Berkas lebih dari 10 MB." in response.content.decode()

    wb = Workbook()
    wb.active.append(["Kode", "Nama barang", "Warna", "Jumlah"])
    wb.active.append(["", "Tenda", "biru", 4])
    out = io.BytesIO()
    wb.save(out)
    response = _upload(client, a, out.getvalue())
    assert response.status_code == 400
    assert "Kolom tidak dikenal: warna." in response.content.decode()
    assert not Barang.objects.exists()


# --- demo data ----------------------------------------------------------------------------


def test_contoh_inventaris_realistis_dan_idempoten(dunia):
    contoh.isi(dunia.a.wksbm, user=dunia.pengurus_a)
    jumlah = Barang.objects.filter(wksbm=dunia.a.wksbm).count()
    assert jumlah >= 20
    assert MutasiBarang.objects.filter(barang__wksbm=dunia.a.wksbm).count() >= 5
    kode = set(Barang.objects.values_list("kode", flat=True))
    assert "INV-0001" in kode and len(kode) == jumlah
    assert Barang.objects.filter(nama="Tenda dom", disewakan=True).exists()
    contoh.isi(dunia.a.wksbm, user=dunia.pengurus_a)
    assert Barang.objects.filter(wksbm=dunia.a.wksbm).count() == jumlah
    nama = {r.barang.nama for r in tabel_a3(dunia.a.wksbm, 2026)}
    assert {"Kursi lipat", "Tenda dom", "Kursi roda anak", "Printer"} <= nama
