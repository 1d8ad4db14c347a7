"""Buku agenda surat (A.7) and buku ekspedisi (A.8): numbering, disposisi, scans, exports."""

import threading
import time
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils import timezone

from registry.buku.surat import daftarkan
from registry.contoh import surat as contoh
from registry.models import Disposisi, PengaturanSurat, Surat
from registry.models.surat import periksa_pola, singkatan
from tests import bookcheck
from tests.factories import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


def surat(wksbm, n=1, arah="masuk", tanggal=date(2026, 3, 2), **kwargs) -> list[Surat]:
    rows = []
    for i in range(n):
        data = {
            "wksbm": wksbm,
            "arah": arah,
            "tanggal": tanggal,
            "tanggal_surat": tanggal - timedelta(days=2),
            "nomor_surat": f"{i + 1:03d}/UND/III/2026" if arah == "masuk" else "",
            "pihak": f"Pengirim {i:03d}" if arah == "masuk" else f"Tujuan {i:03d}",
            "isi_singkat": f"Perihal {i:03d}",
        }
        data.update(kwargs)
        rows.append(daftarkan(Surat(**data)))
    return rows


def form_data(disposisi: list[dict] | None = None, **kwargs) -> dict:
    data = {
        "arah": "masuk",
        "tanggal": "2026-03-12",
        "nomor_surat": "460/0153/Dinsos",
        "tanggal_surat": "2026-03-10",
        "pihak": "Dinas Sosial Kabupaten Bantul",
        "isi_singkat": "Permintaan pemutakhiran data PPKS semester I",
        "keterangan": "",
        "disposisi-TOTAL_FORMS": str(len(disposisi or [])),
        "disposisi-INITIAL_FORMS": "0",
        "disposisi-MIN_NUM_FORMS": "0",
        "disposisi-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(disposisi or []):
        data.update({f"disposisi-{i}-{k}": v for k, v in row.items()})
    data.update(kwargs)
    return data


def pdf_text(response) -> str:
    """The PDF's text with cell line breaks undone (narrow columns wrap)."""
    return " ".join(bookcheck.pdf_text(response).split())


def sekretaris(dunia):
    return dunia.a.kepengurusan.anggota.get(jabatan="sekretaris")


# --- access -----------------------------------------------------------------------------------


def test_persona_agenda_surat(client, dunia):
    (obj,) = surat(dunia.a.wksbm)
    bookcheck.check_personas(client, dunia, "surat", obj)


def test_persona_ekspedisi_dan_surat_masuk_tidak_ada_di_ekspedisi(client, dunia):
    (keluar,) = surat(dunia.a.wksbm, arah="keluar")
    (masuk,) = surat(dunia.a.wksbm)
    bookcheck.check_personas(client, dunia, "ekspedisi", keluar)
    target = bookcheck.url("ekspedisi", "detail", dunia.a.wksbm, masuk)
    assert bookcheck.status_of(client, dunia.pengurus_a, "get", target) == 404


def test_bendahara_hanya_membaca_agenda(client, dunia):
    (obj,) = surat(dunia.a.wksbm)
    for target in bookcheck.write_urls("surat", dunia.a.wksbm, obj):
        assert bookcheck.status_of(client, dunia.bendahara_a, "get", target) == 403
    target = bookcheck.url("surat", "list", dunia.a.wksbm)
    assert bookcheck.status_of(client, dunia.bendahara_a, "get", target) == 200


def test_pengaturan_dibaca_semua_diubah_ketua_dan_sekretaris(client, dunia):
    target = bookcheck.url("surat", "pengaturan", dunia.a.wksbm)
    for pengatur in (dunia.pengurus_a, dunia.a.sekretaris):
        client.force_login(pengatur)
        assert 'name="pola_nomor_keluar"' in client.get(target).content.decode()
    for pembaca in (dunia.bendahara_a, dunia.lurah_a, dunia.dinsos):
        client.force_login(pembaca)
        html = client.get(target).content.decode()
        assert "{urut:03d}/WKSBM-{kode}/{bulan_romawi}/{tahun}" in html
        assert 'name="pola_nomor_keluar"' not in html
        assert bookcheck.status_of(client, pembaca, "post", target) == 403
    assert bookcheck.status_of(client, dunia.pengurus_b, "post", target) == 404
    client.logout()
    assert client.get(target)["Location"].startswith("/masuk/")


# --- numbering --------------------------------------------------------------------------------


def test_nomor_urut_berurutan_per_arah_per_tahun_per_wksbm(dunia):
    a, b = dunia.a.wksbm, dunia.b.wksbm
    m1, m2 = surat(a, 2)
    (k1,) = surat(a, arah="keluar")
    (lama,) = surat(a, tanggal=date(2025, 12, 30))
    (lain,) = surat(b)
    (m3,) = surat(a, tanggal=date(2026, 1, 2))
    assert [m1.nomor_urut, m2.nomor_urut, m3.nomor_urut] == [1, 2, 3]
    assert (k1.nomor_urut, lama.nomor_urut, lama.tahun, lain.nomor_urut) == (1, 1, 2025, 1)


def test_nomor_yang_tidak_tersimpan_tidak_membuat_celah(dunia):
    class Batal(Exception):
        pass

    with pytest.raises(Batal), transaction.atomic():
        surat(dunia.a.wksbm)
        raise Batal
    (obj,) = surat(dunia.a.wksbm)
    assert obj.nomor_urut == 1


def test_surat_keluar_bernomor_menurut_pola_bawaan(client, dunia):
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("surat", "create", dunia.a.wksbm)
    data = form_data(arah="keluar", nomor_surat="", pihak="Lurah Poncosari")
    assert client.post(target, data).status_code == 302
    assert client.post(target, {**data, "tanggal_surat": "2026-03-12"}).status_code == 302
    nomor = list(
        Surat.objects.filter(arah="keluar").order_by("nomor_urut").values_list("nomor_surat")
    )
    assert nomor == [("001/WKSBM-NR/III/2026",), ("002/WKSBM-NR/III/2026",)]


def test_nomor_surat_keluar_tidak_diketik_sendiri(client, dunia):
    client.force_login(dunia.pengurus_a)
    data = form_data(arah="keluar", nomor_surat="99/BUATAN/2026")
    response = client.post(bookcheck.url("surat", "create", dunia.a.wksbm), data)
    assert response.status_code == 400
    assert "dibuat otomatis menurut pola penomoran" in response.content.decode()
    assert not Surat.objects.exists()


def test_pola_nomor_diatur_ketua_dan_dipakai_surat_berikutnya(client, dunia):
    hari_ini = timezone.localdate()
    surat(dunia.a.wksbm, arah="keluar", tanggal=hari_ini, tanggal_surat=hari_ini)
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("surat", "pengaturan", dunia.a.wksbm)
    assert "002/WKSBM-NR/" in client.get(target).content.decode()  # the next number, previewed
    pola = {"pola_nomor_keluar": "{kode}.{urut:04d}/{bulan:02d}/{tahun}", "kode": "WNR"}
    assert client.post(target, pola).status_code == 302
    (obj,) = surat(dunia.a.wksbm, arah="keluar", tanggal=hari_ini, tanggal_surat=hari_ini)
    assert obj.nomor_surat == f"WNR.0002/{hari_ini.month:02d}/{hari_ini.year}"
    # Another WKSBM keeps the default pattern.
    (lain,) = surat(dunia.b.wksbm, arah="keluar")
    assert lain.nomor_surat == "001/WKSBM-SR/II/2026"


@pytest.mark.parametrize(
    ("pola", "pesan"),
    [
        ("{urut}/{nama}/{tahun}", "Isian tidak dikenal: {nama}"),
        ("{urut}/WKSBM/{tahun", "tidak berpasangan"),
        ("SURAT/{kode}/{tahun}", "harus memuat {urut} dan {tahun}"),
        ("{urut:xyz}/{tahun}", "Format isian tidak sah"),
        ("{urut.__class__}/{tahun}", "Isian tidak dikenal"),
    ],
)
def test_pola_salah_ditolak_dengan_pesan(client, dunia, pola, pesan):
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("surat", "pengaturan", dunia.a.wksbm)
    response = client.post(target, {"pola_nomor_keluar": pola, "kode": "NR"})
    html = response.content.decode()
    assert response.status_code == 400
    assert pesan in html
    assert not PengaturanSurat.objects.exists()


def test_pola_dan_singkatan():
    periksa_pola("{urut:03d}/WKSBM-{kode}/{bulan_romawi}/{tahun}")
    assert singkatan("WKSBM Ngudi Rahayu") == "NR"
    assert singkatan("WKSBM Sejahtera") == "SEJAHT"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Uji penomoran bersamaan butuh PostgreSQL (SELECT ... FOR UPDATE); SQLite "
    "menjalankan penulisan satu per satu.",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_surat_dicatat_bersamaan_mendapat_nomor_unik_tanpa_celah(dunia):
    wksbm = dunia.a.wksbm
    mulai = threading.Barrier(2)
    galat = []

    def catat(pekerja: int) -> None:
        try:
            mulai.wait()
            for i in range(8):
                with transaction.atomic():
                    surat(wksbm, arah="keluar", pihak=f"Tujuan {pekerja}-{i}")
                    time.sleep(0.005)  # hold the counter lock while the other thread waits
        except Exception as exc:  # noqa: BLE001 (reported to the main thread)
            galat.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=catat, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert galat == []
    rows = Surat.objects.filter(wksbm=wksbm, arah="keluar")
    assert sorted(rows.values_list("nomor_urut", flat=True)) == list(range(1, 17))
    assert len(set(rows.values_list("nomor_surat", flat=True))) == 16


# --- forms ------------------------------------------------------------------------------------


def test_pengurus_mencatat_surat_masuk_dengan_disposisi_dan_riwayat(client, dunia):
    client.force_login(dunia.pengurus_a)
    pengurus = sekretaris(dunia)
    disposisi = [
        {
            "pengurus": pengurus.pk,
            "instruksi": "Hubungi para dukuh",
            "tanggal": "2026-03-13",
        },
        {"kepada": "Pak Dukuh Kaligondang", "instruksi": "Mohon data", "tanggal": "2026-03-14"},
    ]
    target = bookcheck.url("surat", "create", dunia.a.wksbm)
    response = client.post(target, form_data(disposisi))
    obj = Surat.objects.get()
    assert response.status_code == 302
    assert (obj.wksbm, obj.arah, obj.nomor_urut, obj.tahun) == (dunia.a.wksbm, "masuk", 1, 2026)
    assert [d.kepada for d in obj.disposisi.all()] == [str(pengurus), "Pak Dukuh Kaligondang"]

    detail = client.get(bookcheck.url("surat", "detail", dunia.a.wksbm, obj)).content.decode()
    assert "Hubungi para dukuh" in detail and "Pengirim" in detail

    edit = bookcheck.url("surat", "edit", dunia.a.wksbm, obj)
    data = form_data(isi_singkat="Pemutakhiran data PPKS dan PSKS", arah="keluar")
    assert client.post(edit, data).status_code == 302
    obj.refresh_from_db()
    assert obj.arah == "masuk"  # the direction is fixed once numbered
    history = client.get(bookcheck.url("surat", "history", dunia.a.wksbm, obj)).content.decode()
    assert "Pemutakhiran data PPKS dan PSKS" in history and "Suparno" in history


@pytest.mark.parametrize(
    ("ubahan", "pesan"),
    [
        ({"tanggal": "bukan tanggal"}, "Masukkan tanggal yang valid"),
        ({"pihak": ""}, "Bidang ini tidak boleh kosong"),
        ({"tanggal_surat": "2026-03-20"}, "Tanggal surat tidak boleh sesudah tanggal penerimaan"),
        ({"arah": "", "isi_singkat": ""}, "Bidang ini tidak boleh kosong"),
    ],
)
def test_isian_salah_ditolak_dengan_pesan_dan_nilai_tetap(client, dunia, ubahan, pesan):
    client.force_login(dunia.pengurus_a)
    response = client.post(bookcheck.url("surat", "create", dunia.a.wksbm), form_data(**ubahan))
    html = response.content.decode()
    assert response.status_code == 400
    assert pesan in html
    assert 'value="460/0153/Dinsos"' in html  # typed values kept
    assert not Surat.objects.exists()


def test_disposisi_salah_ditolak(client, dunia):
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("surat", "create", dunia.a.wksbm)
    dini = [{"kepada": "Sekretaris", "instruksi": "Tindak lanjuti", "tanggal": "2026-03-01"}]
    html = client.post(target, form_data(dini)).content.decode()
    assert "Tanggal disposisi tidak boleh sebelum surat diterima." in html
    keluar = form_data(
        [{"kepada": "Sekretaris", "instruksi": "Arsipkan", "tanggal": "2026-03-13"}],
        arah="keluar",
        nomor_surat="",
    )
    assert (
        "Disposisi hanya dicatat pada surat masuk." in client.post(target, keluar).content.decode()
    )
    tanpa = [{"instruksi": "Tanpa penerima", "tanggal": "2026-03-13"}]
    response = client.post(target, form_data(tanpa))
    assert response.status_code == 400
    assert "Pilih pengurus atau tulis nama penerima disposisi." in response.content.decode()
    pengurus_b = dunia.b.kepengurusan.anggota.first()
    asing = [{"pengurus": pengurus_b.pk, "instruksi": "X", "tanggal": "2026-03-13"}]
    assert client.post(target, form_data(asing)).status_code == 400
    assert not Surat.objects.exists() and not Disposisi.objects.exists()


def test_tahun_agenda_tidak_dapat_diubah(client, dunia):
    (obj,) = surat(dunia.a.wksbm)
    client.force_login(dunia.pengurus_a)
    edit = bookcheck.url("surat", "edit", dunia.a.wksbm, obj)
    response = client.post(edit, form_data(tanggal="2027-01-04"))
    assert response.status_code == 400
    assert "Tahun tidak dapat diubah" in response.content.decode()
    obj.refresh_from_db()
    assert obj.tanggal == date(2026, 3, 2)


def test_nomor_surat_masuk_ganda_hanya_peringatan(client, dunia):
    surat(dunia.a.wksbm, nomor_surat="460/0153/Dinsos", pihak="Dinas Sosial Kabupaten Bantul")
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("surat", "create", dunia.a.wksbm)
    response = client.post(target, form_data(), follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and Surat.objects.count() == 2
    assert "sudah tercatat sebagai surat masuk No. 1/2026" in html
    lain = form_data(pihak="Kapanewon Srandakan")
    html = client.post(target, lain, follow=True).content.decode()
    assert "sudah tercatat" not in html and Surat.objects.count() == 3


# --- scanned letters --------------------------------------------------------------------------


def test_pindaian_surat_diperiksa_dan_hanya_lewat_tampilan_berlingkup(client, dunia, settings):
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("surat", "create", dunia.a.wksbm)
    pdf = SimpleUploadedFile("scan surat.pdf", pdf_bytes(), content_type="application/pdf")
    assert client.post(target, {**form_data(), "berkas": pdf}).status_code == 302
    obj = Surat.objects.get()
    assert obj.berkas.name.startswith("surat/") and "scan" not in obj.berkas.name

    berkas = bookcheck.url("surat", "berkas", dunia.a.wksbm, obj)
    response = client.get(berkas)
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    detail = client.get(bookcheck.url("surat", "detail", dunia.a.wksbm, obj)).content.decode()
    assert berkas in detail and settings.MEDIA_URL not in detail
    assert bookcheck.status_of(client, dunia.lurah_a, "get", berkas) == 200
    assert bookcheck.status_of(client, dunia.pengurus_b, "get", berkas) == 404
    client.logout()
    assert client.get(berkas)["Location"].startswith("/masuk/")


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b"MZ bukan dokumen", "Berkas harus berupa PDF, JPEG, atau PNG yang sah."),
        (b"%PDF-" + b"0" * (5 * 1024 * 1024), "melebihi batas 5,0 MB"),
    ],
)
def test_pindaian_palsu_atau_besar_ditolak(client, dunia, isi, pesan):
    client.force_login(dunia.pengurus_a)
    berkas = SimpleUploadedFile("surat.pdf", isi, content_type="application/pdf")
    response = client.post(
        bookcheck.url("surat", "create", dunia.a.wksbm), {**form_data(), "berkas": berkas}
    )
    assert response.status_code == 400
    assert pesan in response.content.decode()
    assert not Surat.objects.exists()


def test_pindaian_png_diterima(client, dunia):
    client.force_login(dunia.pengurus_a)
    png = SimpleUploadedFile("foto.pdf", png_bytes(), content_type="application/pdf")
    client.post(bookcheck.url("surat", "create", dunia.a.wksbm), {**form_data(), "berkas": png})
    assert Surat.objects.get().berkas.name.endswith(".png")  # judged by content, not name


# --- lists, queries, exports ------------------------------------------------------------------


def test_daftar_dan_filter_agenda_kueri_tetap(client, dunia, django_assert_max_num_queries):
    surat(dunia.a.wksbm, 2)
    surat(dunia.a.wksbm, arah="keluar")
    surat(dunia.b.wksbm, pihak="Pengirim WKSBM lain")
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("surat", "list", dunia.a.wksbm)
    sedikit = bookcheck.queries(client, target)
    surat(dunia.a.wksbm, 30, tanggal=date(2025, 6, 1))
    surat(dunia.a.wksbm, 27, arah="keluar")
    # session, user, roles, WKSBM, years (filter), count, page rows (+ client savepoints)
    with django_assert_max_num_queries(sedikit):
        html = client.get(target).content.decode()
    assert "Pengirim WKSBM lain" not in html
    keluar = client.get(target, {"arah": "keluar", "tahun": "2026"}).content.decode()
    assert "Tujuan 026" in keluar and "Pengirim 001" not in keluar
    lama = client.get(target, {"tahun": "2025"}).content.decode()
    assert "Pengirim 029" in lama and "Tujuan 000" not in lama
    assert '<option value="2025">2025</option>' in html
    assert html.count('<option value="">Semua</option>') == 2  # jenis, tahun


def test_detail_surat_kueri_tetap(client, dunia, django_assert_max_num_queries):
    (obj,) = surat(dunia.a.wksbm)
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("surat", "detail", dunia.a.wksbm, obj)
    sedikit = bookcheck.queries(client, target)
    for i in range(4):
        Disposisi.objects.create(
            surat=obj, pengurus=sekretaris(dunia), instruksi=f"Tugas {i}", tanggal=obj.tanggal
        )
    # session, user, roles, WKSBM, letter, disposisi (+pengurus), history (+actor)
    with django_assert_max_num_queries(sedikit):
        html = client.get(target).content.decode()
    assert "Tugas 3" in html


def test_ekspor_agenda_kueri_tetap(client, dunia, django_assert_max_num_queries):
    surat(dunia.a.wksbm, 3)
    client.force_login(dunia.pengurus_a)
    targets = [bookcheck.url("surat", a, dunia.a.wksbm) for a in ("xlsx", "pdf")]
    sedikit = {t: bookcheck.queries(client, t) for t in targets}
    surat(dunia.a.wksbm, 57, arah="keluar")
    for t in targets:
        # session, user, roles, WKSBM, rows (one iterator), kop: term, members, SK
        with django_assert_max_num_queries(sedikit[t]):
            response = client.get(t)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)


def test_excel_agenda_bertipe_dua_bagian(client, dunia):
    surat(dunia.a.wksbm, tanggal=date(2026, 3, 2))
    (keluar,) = surat(dunia.a.wksbm, arah="keluar", tanggal=date(2026, 3, 5))
    client.force_login(dunia.pengurus_a)
    response = client.get(bookcheck.url("surat", "xlsx", dunia.a.wksbm))
    assert "buku-agenda-surat_wksbm-ngudi-rahayu_semua.xlsx" in response["Content-Disposition"]
    sheet = bookcheck.xlsx_sheet(response)
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Buku Agenda Surat" and rows[1][0] == "WKSBM Ngudi Rahayu"
    assert rows[4] == (
        "No. urut",
        "Tanggal penerimaan/pengiriman",
        "Nomor surat masuk",
        "Tanggal surat masuk",
        "Pengirim",
        "Isi singkat surat masuk",
        "Nomor surat keluar",
        "Tanggal surat keluar",
        "Ditujukan kepada",
        "Isi singkat surat keluar",
        "Keterangan",
    )
    lama, baru = rows[5], rows[6]  # oldest first, as on paper
    assert baru[0] == 1 and baru[1].date() == date(2026, 3, 5)
    assert baru[2:6] == (None, None, None, None)
    assert baru[6] == keluar.nomor_surat and baru[8] == "Tujuan 000"
    assert lama[2] == "001/UND/III/2026" and lama[4] == "Pengirim 000" and lama[6:10] == (None,) * 4
    assert sheet.cell(row=6, column=2).is_date and sheet.cell(row=7, column=8).is_date
    assert isinstance(sheet.cell(row=6, column=1).value, int)


def test_pdf_agenda_tata_letak_a7(client, dunia):
    surat(dunia.a.wksbm, tanggal=date(2026, 1, 5), isi_singkat="Undangan paling awal")
    surat(dunia.a.wksbm, arah="keluar", tanggal=date(2026, 2, 9), isi_singkat="Laporan terakhir")
    client.force_login(dunia.lurah_a)
    text = pdf_text(client.get(bookcheck.url("surat", "pdf", dunia.a.wksbm)))
    assert "Buku Agenda Surat" in text and "WKSBM NGUDI RAHAYU" in text
    for kepala in ("Surat masuk", "Surat keluar", "Ditujukan kepada", "Pengirim", "No. urut"):
        assert kepala in text
    assert text.index("Undangan paling awal") < text.index("Laporan terakhir")  # entry order
    rapat = text.replace(" ", "")  # numbers may wrap inside their cell
    assert "001/UND/III/2026" in rapat and "001/WKSBM-NR/II/2026" in rapat
    assert sekretaris(dunia).nama in text and "Mengetahui," in text
    ketua = dunia.a.kepengurusan.anggota.get(jabatan="ketua")
    assert ketua.nama in text


def test_pdf_dan_excel_ekspedisi_hanya_surat_keluar(client, dunia):
    surat(dunia.a.wksbm, isi_singkat="Surat masuk rahasia")
    (keluar,) = surat(
        dunia.a.wksbm,
        arah="keluar",
        tanggal=date(2026, 4, 15),
        tanggal_surat=date(2026, 4, 14),
        pihak="TKSK Kapanewon Srandakan",
        isi_singkat="Laporan kunjungan rumah",
    )
    client.force_login(dunia.dinsos)
    rows = bookcheck.xlsx_rows(client.get(bookcheck.url("ekspedisi", "xlsx", dunia.a.wksbm)))
    assert rows[0][0] == "Buku Ekspedisi"
    assert rows[4] == (
        "No. urut",
        "Tanggal pengiriman",
        "Tanggal dan nomor surat",
        "Isi singkat surat yang dikirim",
        "Ditujukan kepada",
        "Keterangan",
    )
    assert len(rows) == 6
    assert rows[5][0] == 1 and rows[5][1].date() == date(2026, 4, 15)
    assert rows[5][2] == "14 April 2026, No. 001/WKSBM-NR/IV/2026" == keluar.tanggal_dan_nomor()
    assert rows[5][4] == "TKSK Kapanewon Srandakan"
    text = pdf_text(client.get(bookcheck.url("ekspedisi", "pdf", dunia.a.wksbm)))
    assert "Buku Ekspedisi" in text and "WKSBM NGUDI RAHAYU" in text
    assert "Laporan kunjungan rumah" in text and "Surat masuk rahasia" not in text
    assert sekretaris(dunia).nama in text


def test_penulisan_massal_ditolak_agar_riwayat_lengkap(dunia):
    from wksbm.books.audit import BulkWriteRefused

    surat(dunia.a.wksbm, 2)
    with pytest.raises(BulkWriteRefused):
        Surat.objects.filter(wksbm=dunia.a.wksbm).update(nomor_urut=9)
    with pytest.raises(BulkWriteRefused):
        Surat.objects.filter(wksbm=dunia.a.wksbm).delete()


# --- demo data --------------------------------------------------------------------------------


def test_data_contoh_lengkap_bernomor_dan_tidak_berulang(dunia):
    wksbm = dunia.a.wksbm
    contoh.isi(wksbm, user=dunia.pengurus_a)
    contoh.isi(wksbm, user=dunia.pengurus_a)
    rows = Surat.objects.filter(wksbm=wksbm)
    for arah in ("masuk", "keluar"):
        nomor = sorted(rows.filter(arah=arah).values_list("nomor_urut", flat=True))
        assert nomor == list(range(1, 16))
    assert rows.get(arah="keluar", nomor_urut=1).nomor_surat == "001/WKSBM-NR/I/2026"
    assert Disposisi.objects.filter(surat__wksbm=wksbm).count() >= 5
    assert all(s.tanggal_surat <= s.tanggal for s in rows)
