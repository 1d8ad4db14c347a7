"""Data PPKS: identity rules, categories, status history, personal data, import."""

import io
import itertools
from datetime import date

import pytest
from openpyxl import Workbook

from registry.buku.ppks import BukuPpks, ubah_status_ppks
from registry.models import EksporDataPribadi, KategoriPpks, Ppks, PpksKategori
from tests import bookcheck
from tests.factories import nik_sah

pytestmark = pytest.mark.django_db


_urut = itertools.count(1000)


def ppks(wksbm, n=1, kategori="LUT", **kwargs) -> list[Ppks]:
    kat = KategoriPpks.objects.get(kode=kategori)
    rows = []
    for i in range(n):
        data = {
            "wksbm": wksbm,
            "nomor": f"{Ppks.objects.filter(wksbm=wksbm).count() + 1:05d}",
            "nama": f"Warga {i:03d}",
            "nik": nik_sah(next(_urut)),
            "no_kk": f"3402012001{next(_urut):06d}",
            "jenis_kelamin": "L",
            "tanggal_lahir": date(1950, 1, 1),
            "alamat": "Dusun Kaligondang",
            "tanggal_pendataan": date(2026, 3, 1),
        }
        data.update(kwargs)
        obj = Ppks.objects.create(**data)
        PpksKategori.objects.create(ppks=obj, kategori=kat)
        rows.append(obj)
    return rows


def form_data(**kwargs) -> dict:
    lut = KategoriPpks.objects.get(kode="LUT")
    data = {
        "jenis_subjek": "perseorangan",
        "nama": "Mbah Karto Wiyono",
        "nik": nik_sah(7),
        "jenis_kelamin": "L",
        "tanggal_lahir": "1945-07-12",
        "alamat": "Padukuhan Ngentak",
        "tanggal_pendataan": "2026-11-01",
        "program": ["PKH", "PBI-JK"],
        "asesmen-TOTAL_FORMS": "2",
        "asesmen-INITIAL_FORMS": "0",
        "asesmen-MIN_NUM_FORMS": "0",
        "asesmen-MAX_NUM_FORMS": "1000",
        "asesmen-0-kategori": str(lut.pk),
        "asesmen-0-tanggal_asesmen": "2026-11-01",
        "asesmen-0-pelapor": "Dukuh Ngentak",
    }
    data.update(kwargs)
    return data


def test_26_kategori_resmi_termuat():
    resmi = KategoriPpks.objects.filter(resmi=True)
    assert resmi.count() == 26
    assert resmi.get(nomor=23).kode == "PRSE"
    assert KategoriPpks.objects.get(kode="PD").perlu_jenis_disabilitas


def test_persona_data_ppks(client, dunia):
    (obj,) = ppks(dunia.a.wksbm)
    bookcheck.check_personas(client, dunia, "ppks", obj)


def test_pengurus_mendaftarkan_ppks_dengan_nomor_register(client, dunia):
    client.force_login(dunia.pengurus_a)
    response = client.post(bookcheck.url("ppks", "create", dunia.a.wksbm), form_data())
    obj = Ppks.objects.get(nama="Mbah Karto Wiyono")
    assert response.status_code == 302
    assert obj.nomor == "00001" and obj.program == ["PKH", "PBI-JK"]
    assert obj.kode_kategori() == "LUT"
    assert obj.asesmen.get().pelapor == "Dukuh Ngentak"


@pytest.mark.parametrize(
    ("ubahan", "pesan"),
    [
        ({"nik": "3402011234"}, "NIK harus terdiri atas 16 angka."),
        ({"nik": "3402019913450001"}, "NIK tidak sah"),
        ({"no_kk": "12345"}, "No. KK harus terdiri atas 16 angka."),
        ({"jenis_kelamin": ""}, "Jenis kelamin wajib diisi untuk perseorangan."),
        (
            {"asesmen-0-kategori": "", "asesmen-0-tanggal_asesmen": "", "asesmen-0-pelapor": ""},
            "Pilih sedikitnya satu kategori PPKS.",
        ),
    ],
)
def test_isian_salah_ditolak_dengan_pesan_dan_nilai_tetap(client, dunia, ubahan, pesan):
    client.force_login(dunia.pengurus_a)
    response = client.post(bookcheck.url("ppks", "create", dunia.a.wksbm), form_data(**ubahan))
    html = response.content.decode()
    assert response.status_code == 400
    assert pesan in html
    assert "Mbah Karto Wiyono" in html
    assert not Ppks.objects.exists()


def test_prse_hanya_untuk_perempuan_dan_pd_wajib_jenis_disabilitas(client, dunia):
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("ppks", "create", dunia.a.wksbm)
    prse = KategoriPpks.objects.get(kode="PRSE")
    response = client.post(target, form_data(**{"asesmen-0-kategori": str(prse.pk)}))
    assert "Kategori PRSE hanya untuk perempuan." in response.content.decode()
    pd = KategoriPpks.objects.get(kode="PD")
    response = client.post(target, form_data(**{"asesmen-0-kategori": str(pd.pk)}))
    assert "Kategori PD wajib jenis disabilitas." in response.content.decode()
    response = client.post(
        target,
        form_data(**{"asesmen-0-kategori": str(pd.pk), "jenis_disabilitas": "sensorik"}),
    )
    assert response.status_code == 302


def test_nik_unik_dalam_satu_wksbm(client, dunia):
    (lama,) = ppks(dunia.a.wksbm)
    client.force_login(dunia.pengurus_a)
    response = client.post(bookcheck.url("ppks", "create", dunia.a.wksbm), form_data(nik=lama.nik))
    assert f"NIK ini sudah terdaftar di WKSBM ini (No. register {lama.nomor})." in (
        response.content.decode()
    )


def test_nik_di_wksbm_lain_sekabupaten_hanya_peringatan_tanpa_membuka_data(client, dunia):
    (lain,) = ppks(dunia.b.wksbm, nama="Rahasia WKSBM B")
    client.force_login(dunia.pengurus_a)
    response = client.post(
        bookcheck.url("ppks", "create", dunia.a.wksbm), form_data(nik=lain.nik), follow=True
    )
    html = response.content.decode()
    assert Ppks.objects.filter(wksbm=dunia.a.wksbm, nik=lain.nik).exists()
    assert "juga terdaftar di WKSBM lain di kabupaten/kota yang sama" in html
    assert "Rahasia WKSBM B" not in html and "Sido Rukun" not in html


def test_nik_tersamar_di_tengah_dan_tidak_di_url(client, dunia):
    (obj,) = ppks(dunia.a.wksbm)
    client.force_login(dunia.pengurus_a)
    html = client.get(bookcheck.url("ppks", "list", dunia.a.wksbm)).content.decode()
    assert obj.nik not in html and obj.no_kk not in html
    assert f"{obj.nik[:4]}••••••••••{obj.nik[-2:]}" in html
    detail = client.get(bookcheck.url("ppks", "detail", dunia.a.wksbm, obj)).content.decode()
    assert obj.nik not in detail


def test_ekspor_bawaan_tanpa_nik_dan_dinsos_tidak_pernah_mendapatnya(client, dunia):
    (obj,) = ppks(dunia.a.wksbm)
    target = bookcheck.url("ppks", "xlsx", dunia.a.wksbm)
    client.force_login(dunia.pengurus_a)
    rows = bookcheck.xlsx_rows(client.get(target))
    assert "NIK" not in rows[4] and obj.nik not in str(rows)
    client.force_login(dunia.dinsos)
    rows = bookcheck.xlsx_rows(client.get(target, {"data_pribadi": "ya"}))
    assert "NIK" not in rows[4] and obj.nik not in str(rows)
    # The names are still personal data: the export is logged, without NIK.
    assert list(EksporDataPribadi.objects.values_list("buku", flat=True)) == [
        "Data PPKS (Excel)",
        "Data PPKS (Excel)",
    ]
    pdf = bookcheck.pdf_text(client.get(bookcheck.url("ppks", "pdf", dunia.a.wksbm)))
    assert obj.nik not in pdf


def test_ekspor_nik_atas_pilihan_pengurus_dicatat(client, dunia):
    ppks(dunia.a.wksbm, 3)
    client.force_login(dunia.pengurus_a)
    response = client.get(bookcheck.url("ppks", "xlsx", dunia.a.wksbm), {"data_pribadi": "ya"})
    rows = bookcheck.xlsx_rows(response)
    header = rows[4]
    assert "NIK" in header and "No. KK" in header
    niks = {r[header.index("NIK")] for r in rows[5:]}
    assert niks == set(Ppks.objects.values_list("nik", flat=True))
    log = EksporDataPribadi.objects.get()
    assert (
        log.user == dunia.pengurus_a
        and log.buku == "Data PPKS (Excel, dengan NIK/No. KK)"
        and log.jumlah_baris == 3
    )
    assert not any(c.isdigit() for c in response["Content-Disposition"].split("_")[-1][:5])


def test_excel_ppks_bertipe(client, dunia):
    ppks(dunia.a.wksbm, 2)
    client.force_login(dunia.pengurus_a)
    sheet = bookcheck.xlsx_sheet(client.get(bookcheck.url("ppks", "xlsx", dunia.a.wksbm)))
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[4]
    lahir = header.index("Tanggal lahir") + 1
    assert sheet.cell(row=6, column=lahir).is_date
    assert rows[5][header.index("Kode kategori")] == "LUT"
    assert rows[5][header.index("L/P")] == "Laki-laki"


def test_perubahan_status_tercatat_dengan_tanggal_dan_alasan(client, dunia):
    (obj,) = ppks(dunia.a.wksbm)
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("ppks", "status", dunia.a.wksbm, obj)
    response = client.post(
        target, {"ke": "tertangani", "tanggal": "2026-10-01", "alasan": "Masuk panti wreda"}
    )
    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.status == "tertangani"
    riwayat = obj.riwayat_status.get()
    assert (riwayat.dari, riwayat.ke, riwayat.oleh) == ("aktif", "tertangani", dunia.pengurus_a)
    detail = client.get(bookcheck.url("ppks", "detail", dunia.a.wksbm, obj)).content.decode()
    assert "Masuk panti wreda" in detail
    client.force_login(dunia.lurah_a)
    assert (
        client.post(target, {"ke": "aktif", "tanggal": "2026-10-02", "alasan": "x"}).status_code
        == 403
    )
    client.force_login(dunia.pengurus_b)
    assert (
        client.post(target, {"ke": "aktif", "tanggal": "2026-10-02", "alasan": "x"}).status_code
        == 404
    )


def test_status_sama_ditolak(dunia):
    (obj,) = ppks(dunia.a.wksbm)
    with pytest.raises(ValueError, match="Status sudah"):
        ubah_status_ppks(
            ppks=obj, oleh=dunia.pengurus_a, ke="aktif", tanggal=date(2026, 1, 1), alasan="-"
        )


def test_daftar_dan_filter_ppks_kueri_tetap(client, dunia, django_assert_max_num_queries):
    ppks(dunia.a.wksbm, 3)
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("ppks", "list", dunia.a.wksbm)
    sedikit = bookcheck.queries(client, target)
    ppks(dunia.a.wksbm, 57, kategori="FM", jenis_kelamin="P", nama="Ibu")
    # session, user, roles, WKSBM, count, rows (+padukuhan), categories prefetch, totals-free
    with django_assert_max_num_queries(sedikit):
        client.get(target)
    fm = KategoriPpks.objects.get(kode="FM")
    html = client.get(target, {"kategori": fm.pk, "jenis_kelamin": "P"}).content.decode()
    assert "60 data" not in html and "57 data" in html


def test_detail_ppks_kueri_tetap(client, dunia, django_assert_max_num_queries):
    (obj,) = ppks(dunia.a.wksbm)
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("ppks", "detail", dunia.a.wksbm, obj)
    sedikit = bookcheck.queries(client, target)
    for kode in ("FM", "PD"):
        PpksKategori.objects.create(ppks=obj, kategori=KategoriPpks.objects.get(kode=kode))
    with django_assert_max_num_queries(sedikit):
        client.get(target)


def _xlsx(rows: list[list]) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "impor.xlsx"
    return out


HEADER = [
    "No. register",
    "Nama",
    "NIK",
    "L/P",
    "Tanggal lahir",
    "Kode kategori",
    "Jenis disabilitas",
]


def test_impor_campuran_tidak_mengubah_apa_pun_dan_melaporkan_tiap_baris(client, dunia):
    client.force_login(dunia.pengurus_a)
    berkas = _xlsx(
        [
            HEADER,
            ["", "Sarinah", nik_sah(21), "Perempuan", date(1950, 2, 3), "LUT", ""],
            ["", "Tukiyem", "123", "P", date(1951, 2, 3), "LUT", ""],
            ["", "Paijo", nik_sah(22), "L", date(1980, 2, 3), "XYZ", ""],
            ["", "Ngatinah", nik_sah(23), "L", date(1980, 2, 3), "PRSE", ""],
            ["", "Parmin", nik_sah(24), "L", date(1980, 2, 3), "PD", ""],
        ]
    )
    response = client.post(bookcheck.url("ppks", "import", dunia.a.wksbm), {"berkas": berkas})
    html = response.content.decode()
    assert "5 baris dibaca" in html and "4 bermasalah" in html
    for line, pesan in [
        (3, "NIK harus terdiri atas 16 angka."),
        (4, "Kode kategori tidak dikenal: XYZ."),
        (5, "Kategori PRSE hanya untuk perempuan."),
        (6, "Kategori PD wajib jenis disabilitas."),
    ]:
        assert f"<td>{line}</td>" in html and pesan in html
    response = client.post(bookcheck.url("ppks", "import-commit", dunia.a.wksbm))
    assert response.status_code == 400
    assert not Ppks.objects.exists()


def test_impor_baik_lalu_cocok_nik_menampilkan_perubahan(client, dunia):
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("ppks", "import", dunia.a.wksbm)
    rows = [
        HEADER,
        ["", "Sarinah", nik_sah(21), "Perempuan", date(1950, 2, 3), "LUT, FM", ""],
        ["", "Parmin", "", "Laki-laki", date(1980, 2, 3), "PD", "Fisik"],
    ]
    client.post(target, {"berkas": _xlsx(rows)})
    response = client.post(bookcheck.url("ppks", "import-commit", dunia.a.wksbm))
    assert response.status_code == 302
    sarinah = Ppks.objects.get(nama="Sarinah")
    assert sarinah.kode_kategori() == "LUT, FM" and sarinah.jenis_kelamin == "P"
    assert Ppks.objects.get(nama="Parmin").jenis_disabilitas == "fisik"

    rows = [HEADER, ["", "Sarinah Wulandari", nik_sah(21), "P", date(1950, 2, 3), "LUT", ""]]
    html = client.post(target, {"berkas": _xlsx(rows)}).content.decode()
    assert "0 baru, 1 diubah" in html
    assert "Sarinah Wulandari" in html
    client.post(bookcheck.url("ppks", "import-commit", dunia.a.wksbm))
    sarinah.refresh_from_db()
    assert sarinah.nama == "Sarinah Wulandari" and sarinah.kode_kategori() == "LUT"
    assert Ppks.objects.filter(wksbm=dunia.a.wksbm).count() == 2


def test_ekspor_impor_bolak_balik_tidak_mengubah_apa_pun(client, dunia):
    ppks(dunia.a.wksbm, 4, program=["PKH"], terdaftar_dtsen=True, desil=2)
    client.force_login(dunia.pengurus_a)
    before = list(Ppks.objects.order_by("pk").values())
    response = client.get(bookcheck.url("ppks", "xlsx", dunia.a.wksbm))
    berkas = io.BytesIO(b"".join(response.streaming_content))
    berkas.name = "ekspor.xlsx"
    html = client.post(bookcheck.url("ppks", "import", dunia.a.wksbm), {"berkas": berkas})
    assert "0 baru, 0 diubah, 4 tetap" in html.content.decode()
    client.post(bookcheck.url("ppks", "import-commit", dunia.a.wksbm))
    after = list(Ppks.objects.order_by("pk").values())
    for row in before + after:
        row.pop("diperbarui")
    assert before == after


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b"bukan excel sama sekali", "Berkas bukan file Excel (.xlsx) yang sah."),
        (b"PK\x03\x04rusak", "Berkas bukan file Excel (.xlsx) yang sah."),
    ],
)
def test_berkas_rusak_mendapat_pesan_jelas(client, dunia, isi, pesan):
    client.force_login(dunia.pengurus_a)
    berkas = io.BytesIO(isi)
    berkas.name = "data.xlsx"
    response = client.post(bookcheck.url("ppks", "import", dunia.a.wksbm), {"berkas": berkas})
    assert response.status_code == 400 and pesan in response.content.decode()


def test_berkas_terlalu_besar_dan_kolom_asing(client, dunia, settings):
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("ppks", "import", dunia.a.wksbm)
    besar = io.BytesIO(b"PK\x03\x04" + b"0" * (10 * 1024 * 1024 + 1))
    besar.name = "besar.xlsx"
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    html = client.post(target, {"berkas": besar}).content.decode()
    assert "Berkas lebih dari 10 MB" in html
    html = client.post(target, {"berkas": _xlsx([HEADER + ["Hobi"], ["", "X"]])}).content.decode()
    assert "Kolom tidak dikenal: hobi" in html


def test_templat_impor_berisi_judul_kolom(client, dunia):
    client.force_login(dunia.pengurus_a)
    rows = bookcheck.xlsx_rows(client.get(bookcheck.url("ppks", "import-template", dunia.a.wksbm)))
    header = rows[4]
    assert "No. register" in header and "NIK" in header and "Kode kategori" in header
    assert "Status" not in header  # changed only with a dated, reasoned status change
    assert BukuPpks.import_key == "nomor"


def test_riwayat_ppks_mencatat_perubahan_dengan_nik_tersamar(client, dunia):
    client.force_login(dunia.pengurus_a)
    client.post(bookcheck.url("ppks", "create", dunia.a.wksbm), form_data())
    obj = Ppks.objects.get()
    lama_nik = obj.nik
    data = form_data(nik=nik_sah(8), nama="Karto Wiyono")
    data.update({"asesmen-TOTAL_FORMS": "1", "asesmen-INITIAL_FORMS": "1"})
    data["asesmen-0-id"] = str(obj.asesmen.get().pk)
    data["asesmen-0-ppks"] = str(obj.pk)
    response = client.post(bookcheck.url("ppks", "edit", dunia.a.wksbm, obj), data)
    assert response.status_code == 302
    html = client.get(bookcheck.url("ppks", "history", dunia.a.wksbm, obj)).content.decode()
    assert "Mbah Karto Wiyono → Karto Wiyono" in html
    assert lama_nik not in html and nik_sah(8) not in html
    assert f"{lama_nik[:4]}••••••••••{lama_nik[-2:]}" in html
