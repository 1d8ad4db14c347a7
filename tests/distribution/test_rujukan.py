"""Buku Rujukan: a PPKS referred to a system source, followed up step by step."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from distribution import services
from distribution.models import Rujukan
from registry.models.mitra import KategoriPsks, Mitra
from tests.conftest import masuk
from tests.distribution import bantu
from tests.factories import segar

S = Rujukan.Status


_rujukan = bantu.rujukan


def _url(name, wksbm, **kw):
    return reverse(f"distribution:rujukan-{name}", kwargs={"wksbm": wksbm.pk, **kw})


def test_rujukan_baru_bernomor_dan_tenggat_bawaan(client, dunia):
    a = dunia.a.wksbm
    (orang,) = bantu.ppks(a)
    masuk(client, dunia.pengurus_a)
    response = client.post(
        _url("create", a),
        {
            "tanggal": "2026-11-10",
            "ppks": orang.pk,
            "kebutuhan": "Kursi roda dan terapi",
            "tujuan": "dinas_sosial",
            "nama_tujuan": "Dinas Sosial Kabupaten Bantul",
        },
    )
    assert response.status_code == 302
    rujukan = Rujukan.objects.get(wksbm=a)
    assert rujukan.nomor == 1 and rujukan.status == S.DIAJUKAN
    assert rujukan.tindak_lanjut_sebelum == date(2026, 11, 24)
    assert rujukan.tanggal_status == date(2026, 11, 10)
    page = client.get(response["Location"]).content.decode()
    assert "Dinas Sosial: Dinas Sosial Kabupaten Bantul" in page
    assert "Catat tindak lanjut" in page


def test_rujukan_salah_isi_kembali_dengan_pesan_dan_isian(client, dunia):
    a = dunia.a.wksbm
    (orang,) = bantu.ppks(a)
    besok = (timezone.localdate() + timedelta(days=1)).isoformat()
    masuk(client, dunia.pengurus_a)
    response = client.post(
        _url("create", a),
        {"tanggal": besok, "ppks": orang.pk, "kebutuhan": "Beasiswa sekolah", "tujuan": "psks"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tanggal rujukan tidak boleh di masa depan." in html
    assert "Pilih PSKS/jejaring tujuan dari register." in html
    assert "Beasiswa sekolah" in html
    assert not Rujukan.objects.exists()


def test_rujukan_ke_psks_dari_register(client, dunia):
    a = dunia.a.wksbm
    (orang,) = bantu.ppks(a)
    mitra = Mitra.objects.create(
        wksbm=a, peran="psks", nama="LKS Among Putro", kategori=KategoriPsks.objects.first()
    )
    masuk(client, dunia.pengurus_a)
    response = client.post(
        _url("create", a),
        {
            "tanggal": "2026-11-10",
            "ppks": orang.pk,
            "kebutuhan": "Asrama",
            "tujuan": "psks",
            "mitra": mitra.pk,
        },
    )
    assert response.status_code == 302
    assert (
        Rujukan.objects.get().tujuan_tampil()
        == "PSKS/jejaring kerja dari register: LKS Among Putro"
    )


def test_tindak_lanjut_berurutan_dan_tercatat(dunia):
    r = _rujukan(dunia.a.wksbm)
    ketua = segar(dunia.pengurus_a)
    with pytest.raises(services.TransaksiDitolak, match="tidak dapat menjadi “Selesai”"):
        services.tindak_lanjut_rujukan(
            rujukan=r,
            oleh=ketua,
            ke=S.SELESAI,
            tanggal=date(2026, 11, 5),
            catatan="x",
            berikutnya=None,
        )
    for ke, hari in ((S.DITERIMA, 5), (S.DITANGANI, 12), (S.SELESAI, 20)):
        r = services.tindak_lanjut_rujukan(
            rujukan=r,
            oleh=ketua,
            ke=ke,
            tanggal=date(2026, 11, hari),
            catatan=f"Catatan {ke}",
            berikutnya=date(2026, 11, hari + 7),
        )
    assert r.status == S.SELESAI and r.tindak_lanjut_sebelum is None
    langkah = list(r.tindak_lanjut.values_list("dari", "ke", "oleh"))
    assert langkah == [
        (S.DIAJUKAN, S.DITERIMA, ketua.pk),
        (S.DITERIMA, S.DITANGANI, ketua.pk),
        (S.DITANGANI, S.SELESAI, ketua.pk),
    ]
    with pytest.raises(services.TransaksiDitolak):
        services.tindak_lanjut_rujukan(
            rujukan=r,
            oleh=ketua,
            ke=S.DITOLAK,
            tanggal=date(2026, 11, 21),
            catatan="x",
            berikutnya=None,
        )


def test_tindak_lanjut_tidak_sebelum_status_terakhir_dan_bercatatan(dunia):
    r = _rujukan(dunia.a.wksbm, tanggal=date(2026, 11, 10))
    ketua = segar(dunia.pengurus_a)
    with pytest.raises(services.TransaksiDitolak, match="sebelum status terakhir"):
        services.tindak_lanjut_rujukan(
            rujukan=r,
            oleh=ketua,
            ke=S.DITERIMA,
            tanggal=date(2026, 11, 9),
            catatan="x",
            berikutnya=None,
        )
    with pytest.raises(services.TransaksiDitolak, match="catatan"):
        services.tindak_lanjut_rujukan(
            rujukan=r,
            oleh=ketua,
            ke=S.DITERIMA,
            tanggal=date(2026, 11, 11),
            catatan=" ",
            berikutnya=None,
        )
    assert not r.tindak_lanjut.exists()


def test_tindak_lanjut_lewat_halaman_dan_pesan_salah(client, dunia):
    a = dunia.a.wksbm
    r = _rujukan(a)
    masuk(client, dunia.pengurus_a)
    url = _url("tindak-lanjut", a, pk=r.pk)
    response = client.post(
        url, {"ke": "selesai", "tanggal": "2026-11-05", "catatan": "x"}, follow=True
    )
    assert "Tindak lanjut tidak dicatat" in response.content.decode()
    client.post(
        url,
        {
            "ke": "diterima",
            "tanggal": "2026-11-05",
            "catatan": "Diterima dokter",
            "berikutnya": "2026-11-19",
        },
    )
    r.refresh_from_db()
    assert r.status == S.DITERIMA and r.tindak_lanjut_sebelum == date(2026, 11, 19)


@pytest.mark.parametrize("pembaca", ["lurah_a", "dinsos"])
def test_pembaca_tidak_boleh_mencatat_tindak_lanjut(client, dunia, pembaca):
    a = dunia.a.wksbm
    r = _rujukan(a)
    masuk(client, getattr(dunia, pembaca))
    assert client.get(_url("detail", a, pk=r.pk)).status_code == 200
    response = client.post(
        _url("tindak-lanjut", a, pk=r.pk),
        {"ke": "diterima", "tanggal": "2026-11-05", "catatan": "x"},
    )
    assert response.status_code == 403
    assert client.post(_url("create", a), {}).status_code == 403
    r.refresh_from_db()
    assert r.status == S.DIAJUKAN


def test_pengurus_wksbm_lain_mendapat_404(client, dunia):
    a = dunia.a.wksbm
    r = _rujukan(a)
    masuk(client, dunia.pengurus_b)
    assert client.get(_url("detail", a, pk=r.pk)).status_code == 404
    assert client.post(_url("tindak-lanjut", a, pk=r.pk), {}).status_code == 404
    # Through B's own WKSBM the row is not found either.
    b = dunia.b.wksbm
    assert client.get(_url("detail", b, pk=r.pk)).status_code == 404


def test_rujukan_terlambat_di_dasbor(client, dunia):
    a = dunia.a.wksbm
    hari_ini = timezone.localdate()
    (lama,) = bantu.ppks(a, nama="Mbah Sastro Terlambat")
    _rujukan(a, lama, tanggal=hari_ini - timedelta(days=30), sebelum=hari_ini - timedelta(days=2))
    (baru,) = bantu.ppks(a, nama="Bu Rahmi Tepat")
    _rujukan(a, baru, tanggal=hari_ini - timedelta(days=1))
    dasbor = reverse("registry:wksbm-detail", args=[a.pk])
    html = masuk(client, dunia.pengurus_a).get(dasbor).content.decode()
    assert "Rujukan yang terlambat ditindaklanjuti" in html
    assert "Mbah Sastro Terlambat" in html and "Bu Rahmi Tepat" not in html
    # The Dinas Sosial reads the number, not the person.
    html = masuk(client, dunia.dinsos).get(dasbor).content.decode()
    assert "1 rujukan belum ditindaklanjuti tepat waktu" in html
    assert "Mbah Sastro Terlambat" not in html


def test_daftar_rujukan_jumlah_query_tetap(client, dunia, django_assert_max_num_queries):
    a = dunia.a.wksbm
    for _ in range(3):
        _rujukan(a)
    masuk(client, dunia.pengurus_a)
    client.get(_url("list", a))  # warm the per-process caches (menu, categories)
    # session, user, roles, WKSBM, settings, count, rows (with ppks, mitra, perujuk),
    # the filter's choices and the savepoints of the session middleware.
    with django_assert_max_num_queries(12) as few:
        client.get(_url("list", a))
    for _ in range(20):
        _rujukan(a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_url("list", a))
    assert response.content.decode().count("Pemeriksaan katarak") == 23


def test_pdf_dan_excel_rujukan_terbaca(client, dunia):
    a = dunia.a.wksbm
    (orang,) = bantu.ppks(a, nama="Pak Karto Rujuk")
    _rujukan(a, orang, kebutuhan='=HYPERLINK("http://x","klik")')
    masuk(client, dunia.pengurus_a)
    pdf = client.get(_url("pdf", a))
    text = " ".join(
        "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages).split()
    )
    assert "Buku Rujukan" in text and "Pak Karto Rujuk" in text and "Puskesmas Sewon I" in text
    xlsx = client.get(_url("xlsx", a))
    ws = load_workbook(BytesIO(b"".join(xlsx.streaming_content))).active
    values = [c for row in ws.iter_rows(values_only=True) for c in row]
    assert "Pak Karto Rujuk" in values and "Diajukan" in values
