"""Data donatur: automatic codes, commitments, anonymity, the extension point, Excel import."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Template
from openpyxl import Workbook

from registry.buku import donatur as buku_donatur
from registry.contoh import donatur as contoh
from registry.models import NAMA_ANONIM, Donatur
from tests import bookcheck

pytestmark = pytest.mark.django_db

FORM = {
    "kode": "",
    "nama": "Bambang Wicaksono",
    "jenis": "perantau",
    "alamat": "Cempaka Putih, Jakarta Pusat",
    "telepon": "0811 9088 2210",
    "email": "bambang@contoh.id",
    "donatur_tetap": "on",
    "komitmen": "250000",
    "satuan_komitmen": "rupiah_bulan",
    "tujuan": "santunan_lansia",
    "sejak": "2026-01-10",
}


def donatur(wksbm, n=1, **kwargs) -> list[Donatur]:
    rows = []
    start = Donatur.objects.filter(wksbm=wksbm).count()
    for i in range(start, start + n):
        data = {
            "wksbm": wksbm,
            "kode": f"D-{i + 1:04d}",
            "nama": f"Donatur {i:03d}",
            "jenis": Donatur.Jenis.PERSEORANGAN,
            "telepon": "0812 2700 1234",
            "sejak": date(2026, 1, i % 28 + 1),
        }
        data.update(kwargs)
        rows.append(Donatur.objects.create(**data))
    return rows


def tambah(client, wksbm, **changes):
    return client.post(bookcheck.url("donatur", "create", wksbm), {**FORM, **changes})


def test_persona_data_donatur(client, dunia):
    (obj,) = donatur(dunia.a.wksbm)
    bookcheck.check_personas(client, dunia, "donatur", obj)


def test_kode_otomatis_berurutan_dan_kode_manual_dilewati(client, dunia):
    client.force_login(dunia.pengurus_a)
    assert tambah(client, dunia.a.wksbm).status_code == 302
    assert tambah(client, dunia.a.wksbm, nama="Sri Handayani").status_code == 302
    assert tambah(client, dunia.a.wksbm, nama="Hj. Siti Maryam", kode=" d-0003 ").status_code == 302
    assert tambah(client, dunia.a.wksbm, nama="Dwi Kurniawan").status_code == 302
    kode = dict(Donatur.objects.filter(wksbm=dunia.a.wksbm).values_list("nama", "kode"))
    assert kode == {
        "Bambang Wicaksono": "D-0001",
        "Sri Handayani": "D-0002",
        "Hj. Siti Maryam": "D-0003",
        "Dwi Kurniawan": "D-0004",  # D-0003 was taken by hand
    }
    # Codes are per WKSBM: B starts at D-0001 too.
    client.force_login(dunia.pengurus_b)
    assert tambah(client, dunia.b.wksbm).status_code == 302
    assert Donatur.objects.get(wksbm=dunia.b.wksbm).kode == "D-0001"


def test_kode_kembar_ditolak(client, dunia):
    donatur(dunia.a.wksbm)
    client.force_login(dunia.pengurus_a)
    response = tambah(client, dunia.a.wksbm, kode="D-0001")
    assert response.status_code == 400
    assert "Kode D-0001 sudah dipakai donatur lain." in response.content.decode()
    assert Donatur.objects.count() == 1


def test_isian_salah_kembali_dengan_pesan_dan_nilai(client, dunia):
    client.force_login(dunia.pengurus_a)
    response = tambah(
        client, dunia.a.wksbm, komitmen="", telepon="0812-abc-99", email="bambang@", kode="D 1"
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Bambang Wicaksono" in html and "0812-abc-99" in html and "bambang@" in html
    assert "Donatur tetap wajib mengisi komitmen per bulan." in html
    assert "Nomor telepon hanya boleh berisi angka" in html
    assert "alamat email yang valid" in html
    assert "Kode hanya boleh berisi huruf, angka" in html
    assert not Donatur.objects.exists()


@pytest.mark.parametrize("komitmen", ["0", "-5000"])
def test_komitmen_harus_lebih_dari_nol(client, dunia, komitmen):
    client.force_login(dunia.pengurus_a)
    response = tambah(client, dunia.a.wksbm, komitmen=komitmen)
    assert response.status_code == 400
    assert "Komitmen harus lebih dari nol." in response.content.decode()
    assert not Donatur.objects.exists()


def test_donatur_tetap_wajib_satuan_dan_donatur_lepas_tanpa_komitmen(client, dunia):
    client.force_login(dunia.pengurus_a)
    response = tambah(client, dunia.a.wksbm, satuan_komitmen="")
    assert response.status_code == 400
    assert "Pilih satuan komitmen" in response.content.decode()

    assert tambah(client, dunia.a.wksbm, donatur_tetap="").status_code == 302
    obj = Donatur.objects.get()
    assert (obj.donatur_tetap, obj.komitmen, obj.satuan_komitmen) == (False, None, "")


def test_komitmen_beras_dalam_kg(client, dunia):
    client.force_login(dunia.pengurus_a)
    tambah(client, dunia.a.wksbm, komitmen="2.5", satuan_komitmen="kg_beras_bulan")
    obj = Donatur.objects.get()
    assert obj.komitmen == Decimal("2.5") and obj.get_satuan_komitmen_display() == (
        "kg beras per bulan"
    )


def test_nomor_dari_excel_tanpa_nol_di_depan_dipulihkan(dunia):
    assert buku_donatur.clean_telepon("81227001234") == "081227001234"
    assert buku_donatur.clean_telepon("+62 812-2700-1234") == "+62 812-2700-1234"


def test_donatur_anonim_tidak_tercantum_di_daftar_cetakan_excel_dan_pencarian(client, dunia):
    (anonim,) = donatur(
        dunia.a.wksbm,
        nama="Sutrisno Adi",
        alamat="Dusun Kaligondang RT 01",
        telepon="0812 2755 0034",
        email="sutrisno@contoh.id",
        anonim=True,
    )
    donatur(dunia.a.wksbm, nama="Toko Kelontong Barokah", alamat="Jl. Samas")
    rahasia = ["Sutrisno", "Kaligondang", "2755", "sutrisno@"]
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("donatur", "list", dunia.a.wksbm)
    html = client.get(target).content.decode()
    assert NAMA_ANONIM in html and "Toko Kelontong Barokah" in html
    assert not [r for r in rahasia if r in html]
    for q in ("Sutrisno", "Kaligondang"):
        found = client.get(target, {"q": q}).content.decode()
        assert "Belum ada donatur yang cocok" in found and "D-0001" not in found
    assert "D-0001" in client.get(target, {"q": "hamba"}).content.decode()

    text = bookcheck.pdf_text(client.get(bookcheck.url("donatur", "pdf", dunia.a.wksbm)))
    assert NAMA_ANONIM in text and "Toko Kelontong" in text
    assert not [r for r in rahasia if r in text]
    rows = bookcheck.xlsx_rows(client.get(bookcheck.url("donatur", "xlsx", dunia.a.wksbm)))
    assert [r[1] for r in rows[5:]] == [NAMA_ANONIM, "Toko Kelontong Barokah"]
    assert not [r for r in rahasia for row in rows for cell in row if r in str(cell)]

    # The donor's own page keeps the real data, marked as not published.
    detail = client.get(bookcheck.url("donatur", "detail", dunia.a.wksbm, anonim)).content
    detail = detail.decode()
    assert 'Nama sebenarnya (tidak dicantumkan)</dt><dd class="col-sm-8">Sutrisno Adi' in detail
    assert 'HP/WA sebenarnya (tidak dicantumkan)</dt><dd class="col-sm-8">0812 2755' in detail
    assert "Dusun Kaligondang RT 01" in detail and "sutrisno@contoh.id" in detail
    assert str(anonim) == f"D-0001 · {NAMA_ANONIM}"


def test_daftar_jumlah_kueri_tetap(client, dunia, django_assert_max_num_queries):
    donatur(dunia.a.wksbm, 3)
    donatur(dunia.b.wksbm, 2, nama="Donatur WKSBM lain")
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("donatur", "list", dunia.a.wksbm)
    sedikit = bookcheck.queries(client, target)
    donatur(
        dunia.a.wksbm,
        57,
        donatur_tetap=True,
        komitmen=Decimal("50000"),
        satuan_komitmen="rupiah_bulan",
    )
    # session, user, roles, WKSBM, count, page rows (+ savepoints of the test client)
    with django_assert_max_num_queries(sedikit):
        html = client.get(target).content.decode()
    assert "Donatur WKSBM lain" not in html
    assert html.count("(lihat rincian)") == 25


def test_rincian_jumlah_kueri_tetap(client, dunia, django_assert_max_num_queries):
    (obj,) = donatur(dunia.a.wksbm)
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("donatur", "detail", dunia.a.wksbm, obj)
    sedikit = bookcheck.queries(client, target)
    for i in range(8):
        obj.keterangan = f"Catatan {i}"
        obj.save()
    # session, user, roles, WKSBM, the donor, the last 5 history entries
    with django_assert_max_num_queries(sedikit):
        client.get(target)


def test_saringan_jenis_dan_donatur_tetap(client, dunia):
    donatur(dunia.a.wksbm, nama="Paguyuban Perantau Jabodetabek", jenis="perantau")
    donatur(
        dunia.a.wksbm,
        nama="Warung Bu Sum",
        jenis="dunia_usaha",
        donatur_tetap=True,
        komitmen=Decimal("50000"),
        satuan_komitmen="rupiah_bulan",
    )
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("donatur", "list", dunia.a.wksbm)
    html = client.get(target, {"jenis": "perantau"}).content.decode()
    assert "Paguyuban Perantau" in html and "Warung Bu Sum" not in html
    html = client.get(target, {"donatur_tetap": "ya"}).content.decode()
    assert "Warung Bu Sum" in html and "Paguyuban Perantau" not in html
    html = client.get(target, {"donatur_tetap": "tidak"}).content.decode()
    assert "Paguyuban Perantau" in html and "Warung Bu Sum" not in html
    # jenis, donatur tetap, tujuan: "Semua" rather than "---------"
    assert len(re.findall(r'<option value=""( selected)?>Semua</option>', html)) == 3


def test_excel_donatur_bertipe(client, dunia):
    donatur(
        dunia.a.wksbm,
        nama="Kelompok Tani Ngudi Makmur",
        donatur_tetap=True,
        komitmen=Decimal("10"),
        satuan_komitmen="kg_beras_bulan",
    )
    client.force_login(dunia.dinsos)
    response = client.get(bookcheck.url("donatur", "xlsx", dunia.a.wksbm))
    assert "data-donatur_wksbm-ngudi-rahayu_semua.xlsx" in response["Content-Disposition"]
    sheet = bookcheck.xlsx_sheet(response)
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Data Donatur"
    header = rows[4]
    assert header[:3] == ("Kode", "Nama", "Jenis")
    row = dict(zip(header, rows[5], strict=True))
    assert row["Kode"] == "D-0001" and row["Nama"] == "Kelompok Tani Ngudi Makmur"
    assert row["Komitmen per bulan"] == 10 and row["Satuan"] == "kg beras per bulan"
    assert row["Donatur tetap"] == "Ya" and row["Anonim"] == "Tidak"
    sejak = sheet.cell(row=6, column=header.index("Sejak") + 1)
    assert sejak.is_date and sejak.value.date() == date(2026, 1, 1)


def test_pdf_donatur_berkop_dan_bertanda_tangan(client, dunia):
    donatur(dunia.a.wksbm, 2)
    client.force_login(dunia.lurah_a)
    text = bookcheck.pdf_text(client.get(bookcheck.url("donatur", "pdf", dunia.a.wksbm)))
    assert "Data Donatur" in text and "WKSBM NGUDI RAHAYU" in text
    assert "Donatur 001" in text and "D-0002" in text
    ketua = dunia.a.kepengurusan.anggota.get(jabatan="ketua")
    sekretaris = dunia.a.kepengurusan.anggota.get(jabatan="sekretaris")
    assert ketua.nama in text and sekretaris.nama in text and "Mengetahui," in text


def test_halaman_donatur_dapat_diisi_aplikasi_lain(client, dunia, monkeypatch):
    (obj,) = donatur(dunia.a.wksbm)
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("donatur", "detail", dunia.a.wksbm, obj)
    html = client.get(target).content.decode()
    assert "Riwayat sumbangan" not in html  # no placeholder while nobody fills it

    monkeypatch.setattr(buku_donatur, "panel_donatur", [])
    template = Template('<section><h2 class="h5">Riwayat sumbangan</h2>{{ panel.total }}</section>')

    @buku_donatur.tambah_panel
    def sumbangan(d, wksbm, user):
        return {"template": template, "total": f"Total {d.kode} untuk {wksbm.nama}"}

    buku_donatur.tambah_panel(sumbangan)  # registering twice adds it once
    html = client.get(target).content.decode()
    assert "Riwayat sumbangan" in html
    assert html.count("Total D-0001 untuk WKSBM Ngudi Rahayu") == 1


def test_contoh_mengisi_donatur_sekali_saja(dunia):
    wksbm = dunia.a.wksbm
    contoh.isi(wksbm, user=dunia.pengurus_a)
    semua = Donatur.objects.filter(wksbm=wksbm)
    assert semua.count() >= 25
    assert semua.filter(jenis="perantau", alamat__contains="Jakarta").exists()
    assert semua.filter(jenis="dunia_usaha").count() >= 5
    assert semua.filter(satuan_komitmen="kg_beras_bulan").exists()
    assert semua.filter(anonim=True).exists()
    kode = sorted(semua.values_list("kode", flat=True))
    assert kode[0] == "D-0001" and kode[-1] == f"D-{semua.count():04d}"
    assert LogEntry.objects.filter(actor=dunia.pengurus_a).count() == semua.count()
    contoh.isi(wksbm, user=dunia.pengurus_a)
    assert Donatur.objects.filter(wksbm=wksbm).count() == len(kode)


# --- Excel import --------------------------------------------------------------------------

HEADER = ["Kode", "Nama", "Jenis", "Alamat", "HP/WA", "Email", "Donatur tetap"]
HEADER += ["Komitmen per bulan", "Satuan", "Tujuan", "Anonim", "Sejak", "Ket."]


def xlsx(rows: list[list], header: list[str] = HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Data Donatur"])
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def unggah(client, wksbm, content: bytes, name: str = "donatur.xlsx"):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(bookcheck.url("donatur", "import", wksbm), {"berkas": upload})


def simpan(client, wksbm):
    return client.post(bookcheck.url("donatur", "import-commit", wksbm))


def baris(kode="", nama="Sri Handayani", **kw) -> list:
    data = {
        "jenis": "Perantau",
        "alamat": "Bekasi Timur",
        "telepon": "0813 1422 7765",
        "email": "",
        "tetap": "Ya",
        "komitmen": 150000,
        "satuan": "Rupiah per bulan",
        "tujuan": "Pendidikan",
        "anonim": "Tidak",
        "sejak": date(2026, 1, 18),
        "ket": "",
    }
    data.update(kw)
    return [kode, nama, *data.values()]


def test_templat_impor_berisi_kolom_yang_sama_dengan_ekspor(client, dunia):
    client.force_login(dunia.pengurus_a)
    response = client.get(bookcheck.url("donatur", "import-template", dunia.a.wksbm))
    rows = bookcheck.xlsx_rows(response)
    assert rows[0][0] == "Data Donatur"
    assert list(rows[4]) == HEADER
    assert len(rows) == 5  # no data rows


def test_impor_campuran_tidak_mengubah_apa_pun_dan_melaporkan_tiap_baris(client, dunia):
    (lama,) = donatur(dunia.a.wksbm, nama="Nama Lama")
    client.force_login(dunia.pengurus_a)
    content = xlsx(
        [
            baris(nama="Baris baik"),  # line 4
            baris(nama="Tanpa komitmen", komitmen=None),  # line 5
            baris(nama="Email rusak", email="rusak@"),  # line 6
            baris(kode="D-0001", nama="Nama Baru"),  # line 7: a good update
            baris(nama="Jenis aneh", jenis="Donatur gelap"),  # line 8
            baris(kode="D-0001", nama="Kembar"),  # line 9
            baris(nama="Nol", komitmen=0, telepon="12ab"),  # line 10
        ]
    )
    response = unggah(client, dunia.a.wksbm, content)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>5 bermasalah</strong>" in html
    laporan = {
        5: "Komitmen: Donatur tetap wajib mengisi komitmen per bulan.",
        6: "Email: Masukkan alamat email yang valid.",
        8: "Jenis: Masukkan pilihan yang valid. Donatur gelap bukan salah satu dari pilihan",
        9: "D-0001 sudah muncul di baris 7.",
        10: "Komitmen: Komitmen harus lebih dari nol.",
    }
    bermasalah = dict(re.findall(r"<tr><td>(\d+)</td><td>(.*?)</td></tr>", html, re.S))
    assert sorted(bermasalah, key=int) == ["5", "6", "8", "9", "10"]
    for line, reason in laporan.items():
        assert f"<li>{reason}" in bermasalah[str(line)], line
    assert "HP/WA: Nomor telepon hanya boleh berisi angka" in bermasalah["10"]

    response = simpan(client, dunia.a.wksbm)
    assert response.status_code == 400
    assert Donatur.objects.count() == 1
    lama.refresh_from_db()
    assert lama.nama == "Nama Lama"


def test_impor_berkas_baik_menambah_dan_mengubah(client, dunia):
    (lama,) = donatur(dunia.a.wksbm, nama="Bengkel Jaya")
    client.force_login(dunia.pengurus_a)
    content = xlsx(
        [
            baris(nama="Sri Handayani"),
            baris(nama="Sutrisno Adi", tetap="Ya", komitmen=5, satuan="kg beras per bulan"),
            baris(
                kode="d-0001",  # typed in lower case
                nama="Bengkel Motor Jaya Abadi",
                jenis="Dunia usaha/CSR",
                tetap="Tidak",
                komitmen=None,
                satuan=None,
                telepon=81227001234,
            ),
        ]
    )
    html = unggah(client, dunia.a.wksbm, content).content.decode()
    assert "3 baris dibaca: 2 baru, 1 diubah, 0 tetap" in html
    assert "Bengkel Jaya" in html and "Bengkel Motor Jaya Abadi" in html  # old → new
    response = simpan(client, dunia.a.wksbm)
    assert response.status_code == 302
    semua = {d.kode: d for d in Donatur.objects.filter(wksbm=dunia.a.wksbm)}
    assert set(semua) == {"D-0001", "D-0002", "D-0003"}
    assert semua["D-0001"].nama == "Bengkel Motor Jaya Abadi"
    assert semua["D-0001"].telepon == "081227001234"
    assert semua["D-0001"].jenis == "dunia_usaha" and not semua["D-0001"].donatur_tetap
    sutrisno = next(d for d in semua.values() if d.nama == "Sutrisno Adi")
    assert sutrisno.komitmen == Decimal("5") and sutrisno.satuan_komitmen == "kg_beras_bulan"
    assert sutrisno.sejak == date(2026, 1, 18)
    assert LogEntry.objects.get_for_object(lama).count() == 2  # created, then changed


def test_ekspor_lalu_impor_tidak_mengubah_apa_pun(client, dunia):
    wksbm = dunia.a.wksbm
    donatur(wksbm, nama="Sutrisno Adi", anonim=True, email="sutrisno@contoh.id", alamat="RT 01")
    donatur(
        wksbm,
        nama="Hj. Siti Maryam",
        donatur_tetap=True,
        komitmen=Decimal("500000"),
        satuan_komitmen="rupiah_bulan",
        tujuan="zakat",
        keterangan="Zakat maal tiap Ramadan",
    )
    donatur(
        wksbm,
        nama="Kelompok Tani",
        jenis="lembaga",
        donatur_tetap=True,
        komitmen=Decimal("2.5"),
        satuan_komitmen="kg_beras_bulan",
        sejak=None,
        telepon="",
    )
    log_awal = LogEntry.objects.count()
    client.force_login(dunia.pengurus_a)
    exported = b"".join(client.get(bookcheck.url("donatur", "xlsx", wksbm)).streaming_content)
    html = unggah(client, wksbm, exported).content.decode()
    assert "3 baris dibaca: 0 baru, 0 diubah, 3 tetap" in html
    assert "Sutrisno" not in html
    assert simpan(client, wksbm).status_code == 302
    assert LogEntry.objects.count() == log_awal
    anonim = Donatur.objects.get(kode="D-0001")  # the real data, not what the export shows
    assert (anonim.nama, anonim.alamat, anonim.telepon, anonim.email) == (
        "Sutrisno Adi",
        "RT 01",
        "0812 2700 1234",
        "sutrisno@contoh.id",
    )


def test_impor_nama_baru_untuk_donatur_anonim_tetap_bisa(client, dunia):
    (obj,) = donatur(dunia.a.wksbm, nama="Sutrisno", anonim=True)
    client.force_login(dunia.pengurus_a)
    content = xlsx([baris(kode="D-0001", nama="Sutrisno Adi", anonim="Tidak")])
    assert "1 diubah" in unggah(client, dunia.a.wksbm, content).content.decode()
    simpan(client, dunia.a.wksbm)
    obj.refresh_from_db()
    assert (obj.nama, obj.anonim) == ("Sutrisno Adi", False)


@pytest.mark.parametrize(
    "content,name,pesan",
    [
        (b"kode;nama\nD-1;Sri\n", "donatur.csv", "Berkas bukan file Excel (.xlsx) yang sah."),
        (b"PK\x03\x04 bukan zip", "donatur.xlsx", "Berkas bukan file Excel (.xlsx) yang sah."),
        (b"PK\x03\x04" + b"0" * (10 * 1024 * 1024), "besar.xlsx", "Berkas lebih dari 10 MB."),
        (xlsx([baris()], HEADER + ["Warna favorit"]), "d.xlsx", "Kolom tidak dikenal: warna"),
        (xlsx([baris()], HEADER[1:]), "d.xlsx", "kolom “kode” wajib ada"),
    ],
    ids=["bukan-xlsx", "zip-rusak", "lebih-10-mb", "kolom-asing", "tanpa-kode"],
)
def test_berkas_buruk_mendapat_pesan_jelas(client, dunia, content, name, pesan):
    client.force_login(dunia.pengurus_a)
    response = unggah(client, dunia.a.wksbm, content, name)
    assert response.status_code == 400
    assert pesan in response.content.decode()
    assert not Donatur.objects.exists()
