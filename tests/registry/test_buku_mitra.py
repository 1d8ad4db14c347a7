"""Data PSKS and Data Jejaring Kerja: two books over one table, kept apart in every view."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError

from registry.contoh import mitra as contoh
from registry.kategori import PSKS, sync_psks
from registry.models import KategoriPsks, Mitra
from tests import bookcheck

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kategori_psks(db):
    sync_psks(KategoriPsks)


def kategori(kode: str) -> KategoriPsks:
    return KategoriPsks.objects.get(kode=kode)


def psks(wksbm, n=1, **kwargs) -> list[Mitra]:
    rows = []
    for i in range(n):
        data = {
            "wksbm": wksbm,
            "peran": Mitra.Peran.PSKS,
            "nama": f"PSKS {i:03d}",
            "subjek": Mitra.Subjek.PERORANGAN,
            "kategori": kategori("PSM"),
            "telepon": "0812 2700 1234",
            "sejak": date(2026, 3, i % 28 + 1),
        }
        data.update(kwargs)
        rows.append(Mitra.objects.create(**data))
    return rows


def jejaring(wksbm, n=1, **kwargs) -> list[Mitra]:
    rows = []
    for i in range(n):
        data = {
            "wksbm": wksbm,
            "peran": Mitra.Peran.JEJARING,
            "nama": f"Jejaring {i:03d}",
            "jenis": Mitra.Jenis.PKK,
            "bentuk_kerja_sama": ["pendataan"],
            "dasar": Mitra.Dasar.LISAN,
            "sejak": date(2026, 2, i % 28 + 1),
        }
        data.update(kwargs)
        rows.append(Mitra.objects.create(**data))
    return rows


def test_dua_belas_kategori_resmi_dan_tambahan_setempat():
    resmi = list(KategoriPsks.objects.filter(resmi=True).values_list("nomor", "nama"))
    assert len(resmi) == 12
    assert resmi[0] == (1, "Pekerja Sosial Profesional")
    assert resmi[10] == (11, "Tenaga Kesejahteraan Sosial Kecamatan")
    assert resmi[11] == (12, "Dunia Usaha")
    lokal = set(KategoriPsks.objects.filter(resmi=False).values_list("kode", flat=True))
    assert lokal == {"PKK", "RELAWAN", "PKH"}

    # Idempotent; an admin's edit of a local category survives, an official name is restored.
    KategoriPsks.objects.filter(kode="PKH").update(nama="Pendamping PKH dan BPNT")
    KategoriPsks.objects.filter(kode="PSM").update(nama="salah ketik")
    sync_psks(KategoriPsks)
    assert KategoriPsks.objects.count() == len(PSKS) + 3
    assert kategori("PKH").nama == "Pendamping PKH dan BPNT"
    assert kategori("PSM").nama == "Pekerja Sosial Masyarakat"


def test_persona_data_psks(client, dunia):
    (obj,) = psks(dunia.a.wksbm)
    bookcheck.check_personas(client, dunia, "psks", obj)


def test_persona_data_jejaring(client, dunia):
    (obj,) = jejaring(dunia.a.wksbm)
    bookcheck.check_personas(client, dunia, "jejaring", obj)


def test_pengurus_mencatat_psks_dan_mengubahnya_dengan_riwayat(client, dunia):
    client.force_login(dunia.pengurus_a)
    data = {
        "nama": "Agus Setiawan",
        "subjek": "perorangan",
        "kategori": kategori("TKSK").pk,
        "wilayah": "luar",
        "tingkat": "kapanewon",
        "telepon": "0813-2811-4420",
        "email": "agus@contoh.id",
        "sejak": "2026-01-12",
    }
    response = client.post(bookcheck.url("psks", "create", dunia.a.wksbm), data)
    obj = Mitra.objects.get(nama="Agus Setiawan")
    assert response.status_code == 302
    assert (obj.wksbm, obj.peran, obj.kategori.kode) == (dunia.a.wksbm, "psks", "TKSK")
    assert obj.wilayah == Mitra.Wilayah.LUAR and obj.jenis == ""

    data["nama"] = "Agus Setiawan, S.Sos."
    client.post(bookcheck.url("psks", "edit", dunia.a.wksbm, obj), data)
    detail = client.get(bookcheck.url("psks", "detail", dunia.a.wksbm, obj)).content.decode()
    assert "Tenaga Kesejahteraan Sosial Kecamatan" in detail and "Di luar wilayah" in detail
    assert "Agus Setiawan → Agus Setiawan, S.Sos." in detail  # the history on the page
    assert "Suparno" in detail


def test_pengurus_mencatat_jejaring_dengan_beberapa_bentuk_kerja_sama(client, dunia):
    client.force_login(dunia.pengurus_a)
    data = {
        "nama": "Puskesos Poncosari",
        "jenis": "puskesos",
        "wilayah": "dalam",
        "tingkat": "kalurahan",
        "nama_kontak": "Wahyu Nugroho",
        "bentuk_kerja_sama": ["rujukan", "pendataan"],
        "dasar": "sk",
        "sejak": "2026-01-15",
    }
    response = client.post(bookcheck.url("jejaring", "create", dunia.a.wksbm), data)
    obj = Mitra.objects.get(nama="Puskesos Poncosari")
    assert response.status_code == 302
    assert obj.peran == "jejaring" and obj.kategori is None
    assert obj.bentuk_kerja_sama == ["rujukan", "pendataan"]
    detail = client.get(response["Location"]).content.decode()
    assert "Rujukan, Pendataan" in detail and "Data Jejaring Kerja" in detail


def test_psks_tanpa_kategori_dan_kontak_salah_kembali_dengan_pesan(client, dunia):
    client.force_login(dunia.pengurus_a)
    data = {
        "nama": "Tagana Bantul",
        "subjek": "lembaga",
        "kategori": "",
        "wilayah": "luar",
        "tingkat": "kabupaten",
        "telepon": "0274-36x",
        "email": "tagana@",
    }
    response = client.post(bookcheck.url("psks", "create", dunia.a.wksbm), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Tagana Bantul" in html and "0274-36x" in html  # typed values kept
    assert "Pilih kategori PSKS." in html
    assert "Nomor telepon hanya boleh berisi angka" in html
    assert "alamat email yang valid" in html
    assert not Mitra.objects.exists()


def test_jejaring_wajib_berjenis_dan_nomor_terlalu_pendek_ditolak(client, dunia):
    client.force_login(dunia.pengurus_a)
    data = {"nama": "Takmir Al-Ikhlas", "wilayah": "dalam", "tingkat": "padukuhan"}
    data["telepon"] = "0812"
    response = client.post(bookcheck.url("jejaring", "create", dunia.a.wksbm), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Pilih jenis mitra jejaring." in html
    assert "8 sampai 15 angka" in html
    assert not Mitra.objects.exists()


def test_basis_data_menolak_psks_tanpa_kategori(dunia):
    with pytest.raises(IntegrityError):
        psks(dunia.a.wksbm, kategori=None)


def test_basis_data_menolak_jejaring_tanpa_jenis(dunia):
    with pytest.raises(IntegrityError):
        jejaring(dunia.a.wksbm, jenis="")


def test_kedua_buku_terpisah_di_daftar_rincian_dan_ubah(client, dunia):
    (p,) = psks(dunia.a.wksbm, nama="Karang Taruna Tunas Muda", kategori=kategori("KT"))
    (j,) = jejaring(dunia.a.wksbm, nama="Posyandu Lansia Mugi Waras")
    client.force_login(dunia.pengurus_a)
    daftar_psks = client.get(bookcheck.url("psks", "list", dunia.a.wksbm)).content.decode()
    daftar_jejaring = client.get(bookcheck.url("jejaring", "list", dunia.a.wksbm)).content
    assert "Karang Taruna Tunas Muda" in daftar_psks
    assert "Posyandu Lansia Mugi Waras" not in daftar_psks
    assert b"Posyandu Lansia Mugi Waras" in daftar_jejaring
    assert b"Karang Taruna Tunas Muda" not in daftar_jejaring
    for slug, other in (("psks", j), ("jejaring", p)):
        for action in ("detail", "edit", "history"):
            target = bookcheck.url(slug, action, dunia.a.wksbm, other)
            assert client.get(target).status_code == 404, target


def test_ubah_lewat_buku_lain_tidak_memindahkan_baris(client, dunia):
    (p,) = psks(dunia.a.wksbm)
    client.force_login(dunia.pengurus_a)
    data = {"nama": "Pindah?", "jenis": "pkk", "wilayah": "dalam", "tingkat": "kalurahan"}
    response = client.post(bookcheck.url("jejaring", "edit", dunia.a.wksbm, p), data)
    assert response.status_code == 404
    p.refresh_from_db()
    assert (p.peran, p.nama) == ("psks", "PSKS 000")


@pytest.mark.parametrize("slug,buat", [("psks", psks), ("jejaring", jejaring)])
def test_daftar_jumlah_kueri_tetap(client, dunia, django_assert_max_num_queries, slug, buat):
    buat(dunia.a.wksbm, 3)
    buat(dunia.b.wksbm, 2, nama="Milik WKSBM lain")
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url(slug, "list", dunia.a.wksbm)
    sedikit = bookcheck.queries(client, target)
    buat(dunia.a.wksbm, 57)
    # session, user, roles, WKSBM, filter choices (kategori PSKS), count, page rows with
    # their kategori (select_related), savepoints of the test client
    with django_assert_max_num_queries(sedikit):
        html = client.get(target).content.decode()
    assert "Milik WKSBM lain" not in html
    assert html.count("(lihat rincian)") == 25  # one full page


def test_saringan_psks_kategori_wilayah_dan_pencarian(client, dunia):
    psks(dunia.a.wksbm, 1, nama="Ibu Ngatinem", kategori=kategori("WPKS"))
    psks(dunia.a.wksbm, 1, nama="Tagana Bantul", kategori=kategori("TAGANA"), wilayah="luar")
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("psks", "list", dunia.a.wksbm)
    html = client.get(target, {"kategori": kategori("WPKS").pk}).content.decode()
    assert "Ibu Ngatinem" in html and "Tagana Bantul" not in html
    html = client.get(target, {"wilayah": "luar"}).content.decode()
    assert "Tagana Bantul" in html and "Ibu Ngatinem" not in html
    html = client.get(target, {"q": "siaga"}).content.decode()  # by category name
    assert "Tagana Bantul" in html and "Ibu Ngatinem" not in html


def test_saringan_jejaring_menurut_bentuk_kerja_sama(client, dunia):
    jejaring(dunia.a.wksbm, 1, nama="UPZ Al-Falah", jenis="baznas", bentuk_kerja_sama=["pendanaan"])
    jejaring(dunia.a.wksbm, 1, nama="Kader Mugi Waras", bentuk_kerja_sama=["pendataan", "rujukan"])
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("jejaring", "list", dunia.a.wksbm)
    html = client.get(target, {"kerja_sama": "pendanaan"}).content.decode()
    assert "UPZ Al-Falah" in html and "Kader Mugi Waras" not in html
    html = client.get(target, {"kerja_sama": "rujukan", "jenis": "pkk"}).content.decode()
    assert "Kader Mugi Waras" in html and "UPZ Al-Falah" not in html


def test_excel_psks_dan_jejaring_terpisah_dan_bertipe(client, dunia):
    psks(dunia.a.wksbm, 2, kategori=kategori("LKS"))
    jejaring(dunia.a.wksbm, 3, bentuk_kerja_sama=["rujukan", "pelayanan"])
    client.force_login(dunia.lurah_a)
    response = client.get(bookcheck.url("psks", "xlsx", dunia.a.wksbm))
    assert "data-psks_wksbm-ngudi-rahayu_semua.xlsx" in response["Content-Disposition"]
    sheet = bookcheck.xlsx_sheet(response)
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Data PSKS" and rows[1][0] == "WKSBM Ngudi Rahayu"
    assert rows[4][:3] == ("Nama lembaga/perorangan", "Lembaga/perorangan", "Kategori PSKS")
    assert [r[0] for r in rows[5:]] == ["PSKS 000", "PSKS 001"]
    assert rows[5][2] == "Lembaga Kesejahteraan Sosial"
    sejak = sheet.cell(row=6, column=rows[4].index("Sejak") + 1)
    assert sejak.is_date and sejak.value.date() == date(2026, 3, 1)

    rows = bookcheck.xlsx_rows(client.get(bookcheck.url("jejaring", "xlsx", dunia.a.wksbm)))
    assert rows[0][0] == "Data Jejaring Kerja"
    assert [r[0] for r in rows[5:]] == ["Jejaring 000", "Jejaring 001", "Jejaring 002"]
    assert rows[5][rows[4].index("Bentuk kerja sama")] == "Rujukan, Pelayanan"
    assert rows[5][rows[4].index("Jenis")] == "PKK"


def test_pdf_psks_dan_jejaring_dicetak_sebagai_dua_buku(client, dunia):
    psks(dunia.a.wksbm, 1, nama="TKSK Srandakan", kategori=kategori("TKSK"))
    jejaring(dunia.a.wksbm, 1, nama="Majelis Taklim Nurul Huda", jenis="majelis_taklim")
    client.force_login(dunia.dinsos)
    ketua = dunia.a.kepengurusan.anggota.get(jabatan="ketua")
    sekretaris = dunia.a.kepengurusan.anggota.get(jabatan="sekretaris")

    text = bookcheck.pdf_text(client.get(bookcheck.url("psks", "pdf", dunia.a.wksbm)))
    assert "Data PSKS" in text and "WKSBM NGUDI RAHAYU" in text
    assert "TKSK Srandakan" in text and "Majelis Taklim" not in text
    assert ketua.nama in text and sekretaris.nama in text and "Mengetahui," in text

    text = bookcheck.pdf_text(client.get(bookcheck.url("jejaring", "pdf", dunia.a.wksbm)))
    text = " ".join(text.split())  # cells wrap long names over lines
    assert "Data Jejaring Kerja" in text and "WKSBM NGUDI RAHAYU" in text
    assert "Majelis Taklim Nurul Huda" in text and "TKSK Srandakan" not in text
    assert ketua.nama in text and sekretaris.nama in text


def test_rincian_jumlah_kueri_tetap(client, dunia, django_assert_max_num_queries):
    (obj,) = psks(dunia.a.wksbm)
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("psks", "detail", dunia.a.wksbm, obj)
    sedikit = bookcheck.queries(client, target)
    for i in range(10):
        obj.nama = f"PSKS diubah {i}"
        obj.save()
    # session, user, roles, WKSBM, the row with its kategori, the last 5 history entries
    with django_assert_max_num_queries(sedikit):
        client.get(target)


def test_contoh_mengisi_kedua_buku_sekali_saja(dunia):
    wksbm = dunia.a.wksbm
    contoh.isi(wksbm, user=dunia.pengurus_a)
    semua = Mitra.objects.filter(wksbm=wksbm)
    assert semua.filter(peran="psks").count() >= 12
    assert semua.filter(peran="jejaring").count() >= 10
    assert semua.filter(peran="psks", wilayah="luar").exists()  # "in and beyond the area"
    assert semua.filter(nama="TKSK Kapanewon Srandakan", peran="jejaring").exists()
    assert LogEntry.objects.filter(actor=dunia.pengurus_a).count() == semua.count()
    jumlah = semua.count()
    contoh.isi(wksbm, user=dunia.pengurus_a)
    assert Mitra.objects.filter(wksbm=wksbm).count() == jumlah
