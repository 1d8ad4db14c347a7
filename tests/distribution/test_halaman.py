"""The kegiatan and penyaluran pages: personas, constant queries, forms with their rules,
attachments, and every printable read back (PDF text, XLSX cells)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from distribution import services
from distribution.models import Kegiatan, Penerima
from finance.models import Jurnal
from tests import bookcheck
from tests import factories as f
from tests.conftest import masuk
from tests.distribution import bantu
from wksbm.ekspor import jobs as ekspor
from wksbm.models import Ekspor

D = Decimal


def _pdf(response) -> str:
    assert response.status_code == 200
    return " ".join(bookcheck.pdf_text(response).split())


@pytest.fixture
def ronde(dunia):
    """A money round of WKSBM A: three recipients (one handed over, one not delivered)."""
    a = dunia.a.wksbm
    bantu.isi_dana(a, dunia.bendahara_a, "1000000")
    obj = bantu.penyaluran(a, pagu={bantu.dana(a): "900000"}, judul="Santunan lansia November")
    rows = services.tambah_penerima(
        penyaluran=obj,
        oleh=dunia.bendahara_a,
        ppks=bantu.ppks(a, 3),
        dana=bantu.dana(a),
        jumlah=D("250000"),
    )
    services.serahkan(penerima=rows[0], oleh=dunia.bendahara_a, tanggal=date(2026, 11, 20))
    services.tidak_tersalurkan(penerima=rows[1], oleh=dunia.bendahara_a, alasan="pindah")
    return obj, rows


def _u(name, obj, *args):
    return reverse(f"distribution:penyaluran-{name}", args=[obj.wksbm_id, obj.pk, *args])


def test_persona_buku_penyaluran(client, dunia, ronde):
    obj, rows = ronde
    bookcheck.check_personas(client, dunia, "penyaluran", obj)
    baca = [
        _u("ceklis", obj),
        _u("penerima-serah", obj, rows[2].pk),
        _u("daftar-pdf", obj),
        _u("daftar-xlsx", obj),
        _u("laporan-pdf", obj),
        _u("laporan-xlsx", obj),
        _u("penerima-tanda-terima", obj, rows[0].pk),
    ]
    for target in baca:
        for reader in (dunia.lurah_a, dunia.dinsos):
            assert bookcheck.status_of(client, reader, "get", target) == 200, target
        assert bookcheck.status_of(client, dunia.pengurus_b, "get", target) == 404, target
    tulis = [
        _u("penerima-tambah", obj),
        _u("penerima-serah", obj, rows[2].pk),
        _u("penerima-hapus", obj, rows[2].pk),
        _u("penerima-batalkan", obj, rows[0].pk),
        _u("penerima-ulang", obj, rows[1].pk),
        _u("ceklis-simpan", obj, rows[2].pk),
    ]
    for target in tulis:
        for reader in (dunia.lurah_a, dunia.dinsos):
            assert bookcheck.status_of(client, reader, "post", target) == 403, target
        assert bookcheck.status_of(client, dunia.pengurus_b, "post", target) == 404, target
    assert bookcheck.status_of(client, dunia.lurah_a, "get", _u("penerima-tambah", obj)) == 403
    assert Jurnal.objects.filter(wksbm=obj.wksbm, arah="keluar").count() == 1
    assert not Jurnal.objects.filter(jenis="pembatalan").exists()


def test_halaman_penyaluran_menampilkan_dana_status_dan_peringatan(client, dunia, ronde):
    obj, rows = ronde
    masuk(client, dunia.lurah_a)
    html = client.get(obj.get_absolute_url()).content.decode()
    assert "Santunan lansia November" in html
    # budget; planned (the not-delivered row no longer counts); delivered; budget left
    for rp in ("Rp900.000,00", "Rp500.000,00", "Rp250.000,00", "Rp650.000,00"):
        assert rp in html
    assert "Diserahkan: <strong>1</strong>" in html
    assert "Tidak tersalurkan: <strong>1</strong>" in html
    assert "Tambah penerima" not in html  # read-only role: no write buttons


@pytest.mark.parametrize("banyak", [3, 30])
def test_halaman_penyaluran_kueri_tetap(client, dunia, django_assert_max_num_queries, banyak):
    a = dunia.a.wksbm
    obj = bantu.penyaluran(a, pagu={bantu.dana(a): "90000000"})
    services.tambah_penerima(
        penyaluran=obj,
        oleh=dunia.bendahara_a,
        ppks=bantu.ppks(a, banyak),
        dana=bantu.dana(a),
        jumlah=D(1000),
    )
    masuk(client, dunia.pengurus_a)
    client.get(obj.get_absolute_url())
    # session, user, roles, WKSBM, the round (with its sums), audit history, funds, sums per
    # fund, recipients with PPKS and fund, three warning queries, kabupaten of the WKSBM
    # (desa, kecamatan), menu and write check
    with django_assert_max_num_queries(18):
        response = client.get(obj.get_absolute_url())
    assert len(response.context["penerima"]) == banyak
    with django_assert_max_num_queries(12):
        response = client.get(_u("ceklis", obj))
    assert response.status_code == 200


@pytest.mark.parametrize("banyak", [3, 30])
def test_daftar_buku_kueri_tetap(client, dunia, django_assert_max_num_queries, banyak):
    a = dunia.a.wksbm
    for i in range(banyak):
        k = bantu.kegiatan_uji(None, dunia.a)
        k.mitra.add(f_mitra(a, i))
        obj = bantu.penyaluran(a, pagu={bantu.dana(a): "1000"}, kegiatan=k)
    masuk(client, dunia.pengurus_a)
    for slug in ("kegiatan", "penyaluran"):
        url = reverse(f"distribution:{slug}-list", args=[a.pk])
        client.get(url)
        # session, user, its second-factor device, roles, WKSBM, COUNT, one page of rows
        # (kegiatan: + mitra, anggaran with dana prefetched), filter choices (dana: 2)
        with django_assert_max_num_queries(11):
            response = client.get(url)
        assert len(response.context["page"]) == min(banyak, 25)
    assert obj.kegiatan.judul == "Penyuluhan bahaya narkoba"


def f_mitra(a, i):
    from registry.models import Mitra

    return Mitra.objects.create(wksbm=a, peran="jejaring", jenis="pkk", nama=f"PKK RT {i:02d}")


def test_daftar_penerima_pdf_dan_xlsx(client, dunia, ronde):
    obj, rows = ronde
    masuk(client, dunia.pengurus_a)
    teks = _pdf(client.get(_u("daftar-pdf", obj)))
    for r in rows:
        assert r.ppks.nama in teks
    assert "Tanda tangan / cap jempol" in teks
    assert "Rp750.000,00" in teks  # JUMLAH of the three planned rows
    assert "Tidak tersalurkan: pindah" in teks
    assert rows[0].ppks.nik not in teks  # no NIK on the field list
    sheet = bookcheck.xlsx_rows(client.get(_u("daftar-xlsx", obj)))
    assert sheet[0][0] == "Daftar Penerima Bantuan"
    kepala = next(i for i, r in enumerate(sheet) if r and r[0] == "No")
    data = sheet[kepala + 1 : kepala + 4]
    assert [r[2] for r in data] == sorted(r.ppks.nama for r in rows)
    jumlah = sheet[kepala].index("Jumlah (Rp)")
    assert all(r[jumlah] == 250000 for r in data)
    assert sheet[kepala + 4][0] == "JUMLAH" and sheet[kepala + 4][jumlah] == 750000


@pytest.mark.parametrize(
    ("nama", "judul"),
    [("daftar-pdf", "Daftar Penerima Bantuan"), ("laporan-pdf", "Laporan Penyaluran Bantuan")],
)
def test_pdf_penyaluran_besar_dibuat_di_latar(client, dunia, ronde, settings, nama, judul):
    """Over EKSPOR_LATAR_PDF_BARIS recipients: offered, made by the worker as the requester
    (logged, watermarked), downloaded by a reader of the WKSBM; another WKSBM gets 404."""
    settings.EKSPOR_LATAR_PDF_BARIS = 2
    obj, rows = ronde
    masuk(client, dunia.pengurus_a)
    url = _u(nama, obj)
    assert "Ekspor ini berisi 3 baris" in client.get(url).content.decode()
    response = client.post(url)
    job = Ekspor.objects.get(jenis="penyaluran-pdf")
    assert response["Location"] == job.url_detail and job.tenant_id == obj.wksbm_id
    assert ekspor.jalankan_ekspor.call(job.pk) == "selesai"
    job.refresh_from_db()
    assert job.nama_berkas.endswith(f"_penyaluran-{obj.nomor}.pdf")
    teks = _pdf(client.get(job.url_unduh))
    assert judul.upper() in teks.upper() and all(r.ppks.nama in teks for r in rows)
    assert f"diunduh oleh {dunia.pengurus_a.get_full_name()}" in teks  # logged as the requester
    masuk(client, dunia.pengurus_b)
    assert client.get(job.url_unduh).status_code == 404


def test_laporan_penyaluran_rencana_dan_realisasi(client, dunia, ronde):
    obj, rows = ronde
    masuk(client, dunia.dinsos)
    teks = _pdf(client.get(_u("laporan-pdf", obj)))
    assert "LAPORAN PENYALURAN BANTUAN" in teks.upper()
    assert "Dana Umum" in teks and "LUT" in teks
    assert "Rp250.000,00" in teks and "Rp750.000,00" in teks
    sheet = bookcheck.xlsx_rows(client.get(_u("laporan-xlsx", obj)))
    kepala = next(i for i, r in enumerate(sheet) if r and r[0] == "Kelompok")
    per_dana = sheet[kepala + 1]
    assert per_dana[:7] == ("Dana", "Dana Umum", 3, 1, 1, 750000, 250000)
    per_kategori = sheet[kepala + 2]
    assert per_kategori[0] == "Kategori PPKS" and per_kategori[1].startswith("LUT")
    assert sheet[kepala + 3][0] == "JUMLAH" and sheet[kepala + 3][5:7] == (750000, 250000)


def test_tanda_terima_penerima_terbilang_dan_meterai(client, dunia):
    a = dunia.a.wksbm
    bantu.isi_dana(a, dunia.bendahara_a, "6000000")
    obj = bantu.penyaluran(a, pagu={bantu.dana(a): "6000000"}, judul="Bantuan bedah rumah")
    kecil, besar = (
        services.tambah_penerima(
            penyaluran=obj,
            oleh=dunia.bendahara_a,
            ppks=bantu.ppks(a, 1),
            dana=bantu.dana(a),
            jumlah=D(jumlah),
        )[0]
        for jumlah in ("250000", "5500000")
    )
    masuk(client, dunia.bendahara_a)
    teks = _pdf(client.get(_u("penerima-tanda-terima", obj, kecil.pk)))
    assert "TANDA TERIMA" in teks and kecil.ppks.nama in teks
    assert "dua ratus lima puluh ribu rupiah" in teks
    assert "Meterai" not in teks
    teks = _pdf(client.get(_u("penerima-tanda-terima", obj, besar.pk)))
    assert "lima juta lima ratus ribu rupiah" in teks
    assert "Meterai" in teks


def test_serah_dengan_bukti_dan_wakil_lewat_halaman(client, dunia, ronde):
    obj, rows = ronde
    row = rows[2]
    masuk(client, dunia.bendahara_a)
    palsu = SimpleUploadedFile("bukti.pdf", b"bukan pdf", content_type="application/pdf")
    response = client.post(
        _u("penerima-serah", obj, row.pk),
        {"aksi": "serah", "tanggal": "2026-11-21", "diterima_oleh": "wakil", "bukti": palsu},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Berkas harus berupa PDF, JPEG, atau PNG yang sah." in html
    assert "Wajib diisi bila bantuan diterima wakil/wali." in html
    bukti = SimpleUploadedFile("cap-jempol.png", f.png_bytes(), content_type="image/png")
    response = client.post(
        _u("penerima-serah", obj, row.pk),
        {
            "aksi": "serah",
            "tanggal": "2026-11-21",
            "diterima_oleh": "wakil",
            "nama_wakil": "Painem",
            "hubungan_wakil": "menantu",
            "bukti": bukti,
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == Penerima.Status.DISERAHKAN and row.nama_wakil == "Painem"
    assert row.bukti.name.endswith(".png") and "cap-jempol" not in row.bukti.name
    unduh = client.get(_u("penerima-bukti", obj, row.pk))
    assert unduh.status_code == 200 and unduh["Content-Type"] == "image/png"
    masuk(client, dunia.pengurus_b)
    assert client.get(_u("penerima-bukti", obj, row.pk)).status_code == 404
    # Cancelling from the page reverses the pengeluaran.
    masuk(client, dunia.bendahara_a)
    client.post(_u("penerima-batalkan", obj, row.pk), {"alasan": "Salah penerima"})
    row.refresh_from_db()
    assert row.status == Penerima.Status.DIBATALKAN
    assert Jurnal.objects.filter(membatalkan=row.jurnal, alasan="Salah penerima").exists()


# --- kegiatan ------------------------------------------------------------------------------


def _isian_kegiatan(a, **kwargs):
    data = {
        "jenis": "pencegahan",
        "judul": "Sosialisasi kesehatan reproduksi remaja",
        "tanggal": "2026-11-14",
        "tempat": "Balai Kalurahan",
        "uraian": "Bersama Puskesmas",
        "peserta_anak_l": "12",
        "peserta_anak_p": "15",
        "peserta_dewasa_l": "2",
        "peserta_dewasa_p": "3",
        "peserta_lansia_l": "0",
        "peserta_lansia_p": "0",
        "anggaran-TOTAL_FORMS": "1",
        "anggaran-INITIAL_FORMS": "0",
        "anggaran-MIN_NUM_FORMS": "0",
        "anggaran-MAX_NUM_FORMS": "1000",
        "anggaran-0-dana": bantu.dana(a).pk,
        "anggaran-0-jumlah": "1.250.000",
        "lampiran-TOTAL_FORMS": "1",
        "lampiran-INITIAL_FORMS": "0",
        "lampiran-MIN_NUM_FORMS": "0",
        "lampiran-MAX_NUM_FORMS": "1000",
        "lampiran-0-keterangan": "Foto kegiatan",
    }
    data.update(kwargs)
    return data


def test_kegiatan_dicatat_dengan_anggaran_dan_foto(client, dunia):
    a = dunia.a.wksbm
    masuk(client, dunia.pengurus_a)
    url = reverse("distribution:kegiatan-create", args=[a.pk])
    palsu = SimpleUploadedFile("foto.jpg", b"<html>", content_type="image/jpeg")
    response = client.post(url, _isian_kegiatan(a, **{"lampiran-0-berkas": palsu}))
    assert response.status_code == 400
    assert "Berkas harus berupa PDF, JPEG, atau PNG yang sah." in response.content.decode()
    assert not Kegiatan.objects.exists()
    foto = SimpleUploadedFile("foto.png", f.png_bytes(), content_type="image/png")
    response = client.post(url, _isian_kegiatan(a, **{"lampiran-0-berkas": foto}))
    assert response.status_code == 302
    k = Kegiatan.objects.get()
    assert k.peserta == 32 and k.peserta_p == 18
    assert k.anggaran.get().jumlah == D("1250000")
    lampiran = k.lampiran.get()
    unduh = reverse("distribution:kegiatan-lampiran", args=[a.pk, k.pk, lampiran.pk])
    assert client.get(unduh)["Content-Type"] == "image/png"
    masuk(client, dunia.pengurus_b)
    assert client.get(unduh).status_code == 404
    masuk(client, dunia.dinsos)
    assert client.get(unduh).status_code == 200


def test_kegiatan_tanggal_selesai_sebelum_mulai_ditolak(client, dunia):
    a = dunia.a.wksbm
    masuk(client, dunia.pengurus_a)
    response = client.post(
        reverse("distribution:kegiatan-create", args=[a.pk]),
        _isian_kegiatan(a, tanggal_selesai="2026-11-01", **{"lampiran-TOTAL_FORMS": "0"}),
    )
    assert response.status_code == 400
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in response.content.decode()


@pytest.mark.parametrize("id_", [str(10**40), str(-(10**20)), f"+{10**20}", f" {2**63} "])
def test_mitra_dengan_id_di_luar_jangkauan_ditolak_bukan_500(client, dunia, id_):
    # Found by tests/test_fuzz.py: SQLite raised OverflowError on `id IN (10**40)`.
    a = dunia.a.wksbm
    masuk(client, dunia.pengurus_a)
    response = client.post(
        reverse("distribution:kegiatan-create", args=[a.pk]),
        _isian_kegiatan(a, mitra=id_, **{"lampiran-TOTAL_FORMS": "0"}),
    )
    assert response.status_code == 400
    (pesan,) = response.context["form"].errors["mitra"]
    assert f"{id_} bukan salah satu dari pilihan yang" in pesan
    assert not Kegiatan.objects.exists()


def test_persona_dan_ekspor_buku_kegiatan(client, dunia):
    k = bantu.kegiatan_uji(None, dunia.a)
    k.jenis = "penggalangan_dana"
    k.save()
    bookcheck.check_personas(client, dunia, "kegiatan", k)
    masuk(client, dunia.pengurus_a)
    a = dunia.a.wksbm
    teks = _pdf(client.get(reverse("distribution:kegiatan-pdf", args=[a.pk])))
    assert "Penyuluhan bahaya narkoba" in teks and "Penggalangan dana" in teks
    sheet = bookcheck.xlsx_rows(
        client.get(reverse("distribution:kegiatan-xlsx", args=[a.pk]) + "?jenis=penggalangan_dana")
    )
    kepala = next(i for i, r in enumerate(sheet) if r and r[0] == "Tanggal")
    assert sheet[kepala + 1][3] == "Penyuluhan bahaya narkoba"
    assert sheet[kepala + 1][0].date() == date(2026, 11, 2)
    kosong = bookcheck.xlsx_rows(
        client.get(reverse("distribution:kegiatan-xlsx", args=[a.pk]) + "?jenis=rujukan")
    )
    assert "Penyuluhan bahaya narkoba" not in [c for r in kosong for c in r]


def test_menu_wksbm_memuat_buku_kegiatan_dan_penyaluran(client, dunia):
    masuk(client, dunia.pengurus_a)
    html = client.get(dunia.a.wksbm.get_absolute_url()).content.decode()
    assert reverse("distribution:kegiatan-list", args=[dunia.a.wksbm.pk]) in html
    assert reverse("distribution:penyaluran-list", args=[dunia.a.wksbm.pk]) in html
    assert html.index("Data PPKS") > html.index("Laporan Penyaluran Bantuan")


def test_bentuk_penyaluran_tetap_setelah_ada_penerima(client, dunia, ronde):
    obj, _ = ronde
    masuk(client, dunia.bendahara_a)
    dana = obj.dana.get()
    data = {
        "judul": obj.judul,
        "tanggal": obj.tanggal.isoformat(),
        "jenis": obj.jenis,
        "bentuk": "jasa",
        "kas": obj.kas_id,
        "dana-TOTAL_FORMS": "1",
        "dana-INITIAL_FORMS": "1",
        "dana-MIN_NUM_FORMS": "0",
        "dana-MAX_NUM_FORMS": "1000",
        "dana-0-id": dana.pk,
        "dana-0-dana": dana.dana_id,
        "dana-0-pagu": "900.000",
    }
    url = bookcheck.url("penyaluran", "edit", obj.wksbm, obj)
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Tidak dapat diubah: penyaluran ini sudah mempunyai penerima." in (
        response.content.decode()
    )
    # Planned: one handed over and one waiting (Rp500.000); a budget below it is refused.
    response = client.post(url, {**data, "bentuk": "uang", "dana-0-pagu": "400.000"})
    assert response.status_code == 400
    assert "Anggaran Dana Umum lebih kecil dari yang sudah direncanakan." in (
        response.content.decode()
    )
    obj.refresh_from_db()
    assert obj.bentuk == "uang" and obj.dana.get().pagu == D(900000)


def test_riwayat_kegiatan_mencatat_perubahan(client, dunia):
    k = bantu.kegiatan_uji(None, dunia.a)
    masuk(client, dunia.pengurus_a)
    a = dunia.a.wksbm
    data = {
        "jenis": "rujukan",
        "judul": k.judul,
        "tanggal": "2026-11-02",
        "tempat": "Puskesmas Sewon I",
        **dict.fromkeys(_PESERTA, "0"),
        **{f"{p}-{k2}": v for p in ("anggaran", "lampiran") for k2, v in _KOSONG.items()},
        "lampiran-INITIAL_FORMS": "1",
        "lampiran-TOTAL_FORMS": "1",
        "lampiran-0-id": k.lampiran.get().pk,
        "lampiran-0-keterangan": "Daftar hadir",
    }
    response = client.post(bookcheck.url("kegiatan", "edit", a, k), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get(bookcheck.url("kegiatan", "history", a, k)).content.decode()
    assert "Puskesmas Sewon I" in html and "Balai padukuhan" in html


_PESERTA = [
    "peserta_anak_l",
    "peserta_anak_p",
    "peserta_dewasa_l",
    "peserta_dewasa_p",
    "peserta_lansia_l",
    "peserta_lansia_p",
]
_KOSONG = {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"}


def test_buku_penyaluran_pdf_dan_xlsx(client, dunia, ronde):
    obj, _ = ronde
    masuk(client, dunia.lurah_a)
    teks = _pdf(client.get(bookcheck.url("penyaluran", "pdf", obj.wksbm)))
    assert "Laporan Penyaluran Bantuan" in teks and "Santunan lansia November" in teks
    sheet = bookcheck.xlsx_rows(client.get(bookcheck.url("penyaluran", "xlsx", obj.wksbm)))
    kepala = next(i for i, r in enumerate(sheet) if r and r[0] == "No.")
    baris = dict(zip(sheet[kepala], sheet[kepala + 1], strict=True))
    assert baris["Penyaluran"] == "Santunan lansia November"
    assert baris["Penerima"] == 2 and baris["Tersalur"] == 1  # the not-delivered row left out
    assert baris["Rencana (Rp)"] == 500000 and baris["Tersalur (Rp)"] == 250000


def test_ubah_rencana_lewat_halaman_penerima(client, dunia, ronde):
    obj, rows = ronde
    masuk(client, dunia.bendahara_a)
    url = _u("penerima-serah", obj, rows[2].pk)
    response = client.post(url, {"aksi": "ubah", "jumlah": "900.000"})
    assert response.status_code == 400
    assert "Rencana melebihi anggaran Dana Umum" in response.content.decode()
    assert client.post(url, {"aksi": "ubah", "jumlah": "125.000,50"}).status_code == 302
    rows[2].refresh_from_db()
    assert rows[2].jumlah == D("125000.50")
    assert bookcheck.status_of(client, dunia.lurah_a, "post", url) == 403


def test_halaman_penyaluran_menampilkan_peringatan_bantuan_ganda(client, dunia, ronde):
    obj, rows = ronde
    a = obj.wksbm
    kedua = bantu.penyaluran(a, pagu={bantu.dana(a): "500000"}, judul="Paket sembako")
    services.tambah_penerima(
        penyaluran=kedua,
        oleh=dunia.bendahara_a,
        ppks=[rows[0].ppks],
        dana=bantu.dana(a),
        jumlah=D(100000),
    )
    masuk(client, dunia.pengurus_a)
    html = client.get(kedua.get_absolute_url()).content.decode()
    assert f"Sudah dibantu WKSBM ini pada bulan November 2026 (penyaluran No. {obj.nomor})." in html
    assert f'href="{_u("penerima-serah", kedua, kedua.penerima.get().pk)}"' in html
