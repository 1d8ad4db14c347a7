"""Long exports in the background (wksbm.ekspor): a big book PDF or Excel file becomes a job
with a progress page, run by the task worker, downloaded privately, expired after 7 days."""

import io
import re
from datetime import date, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook
from pypdf import PdfReader

from registry.models import Tamu
from tests import bookcheck
from tests.conftest import masuk
from wksbm.ekspor import jobs as ekspor
from wksbm.ekspor.pdf import render_chunked
from wksbm.models import Ekspor
from wksbm.pdf import render_pdf

pytestmark = pytest.mark.django_db

BARIS = 501  # one over EKSPOR_LATAR_PDF_BARIS


def _tamu(wksbm, n: int) -> None:
    # Straight to the table: audited managers refuse bulk writes, and history is not the point.
    Tamu._base_manager.bulk_create(
        Tamu(
            wksbm=wksbm,
            tanggal=date(2026, 1, 1) + timedelta(days=i % 300),
            jam=time(9),
            nama=f"Tamu {i + 1:04d}",
            keperluan="Silaturahmi",
        )
        for i in range(n)
    )


def _minta_pdf(client, dunia, **params) -> Ekspor:
    target = bookcheck.url("tamu", "pdf", dunia.a.wksbm)
    response = client.post(target + ("?" + "&".join(f"{k}={v}" for k, v in params.items())))
    assert response.status_code == 302, response.status_code
    job = Ekspor.objects.get()
    assert response["Location"] == f"/w/{dunia.a.wksbm.pk}/ekspor/{job.pk}/"
    return job


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_besar_menjadi_ekspor_latar_dengan_halaman_kemajuan(
    client, dunia, settings, django_capture_on_commit_callbacks
):
    settings.EKSPOR_PDF_BAGIAN_BARIS = 200
    _tamu(dunia.a.wksbm, BARIS)
    masuk(client, dunia.pengurus_a)
    target = bookcheck.url("tamu", "pdf", dunia.a.wksbm)

    # GET says what happens and asks for the POST; nothing is recorded yet.
    page = client.get(target).content.decode()
    assert "Ekspor ini berisi 501 baris" in page and 'method="post"' in page
    assert not Ekspor.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        job = _minta_pdf(client, dunia)
    assert (job.user, job.tenant_id, job.sumber, job.baris_total) == (
        dunia.pengurus_a,
        dunia.a.wksbm.pk,
        "tamu",
        BARIS,
    )
    assert job.kedaluwarsa - job.dibuat == timedelta(days=7)
    job.refresh_from_db()
    # Enqueued for the worker (database backend) after commit.
    queued = DBTaskResult.objects.get(id=job.task_id)
    assert queued.task_path == "wksbm.ekspor.jobs.jalankan_ekspor" and queued.args_kwargs[
        "args"
    ] == [job.pk]
    # The same request while it is pending: the same job.
    _minta_pdf(client, dunia)

    Ekspor.objects.filter(pk=job.pk).update(status="berjalan", baris_selesai=200)
    html = client.get(f"/w/{dunia.a.wksbm.pk}/ekspor/{job.pk}/").content.decode()
    # Polled by static/js/app.js (no timed page refresh: WCAG 2.2.1); without JS, a link.
    assert 'id="kemajuan" aria-live="polite" data-perbarui="3"' in html and "http-equiv" not in html
    assert f'<a href="/w/{dunia.a.wksbm.pk}/ekspor/{job.pk}/">perbarui halaman ini</a>' in html
    assert '<progress id="kemajuan-ekspor"' in html and 'value="39"' in html
    assert '<label for="kemajuan-ekspor"' in html and "200 dari 501 baris (39%)" in html

    Ekspor.objects.filter(pk=job.pk).update(status="menunggu", baris_selesai=0)
    assert ekspor.jalankan_ekspor.call(job.pk) == "selesai"
    job.refresh_from_db()
    assert job.status == "selesai" and job.baris_selesai == BARIS
    assert job.berkas.name.startswith("ekspor/") and "tamu" not in job.berkas.name

    html = client.get(f"/w/{dunia.a.wksbm.pk}/ekspor/{job.pk}/").content.decode()
    assert "http-equiv" not in html
    unduh = f"/w/{dunia.a.wksbm.pk}/ekspor/{job.pk}/unduh/"
    assert f'href="{unduh}"' in html
    response = client.get(unduh)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    data = b"".join(response.streaming_content)
    reader = PdfReader(io.BytesIO(data))
    n = len(reader.pages)
    assert n > 3
    text = _text(data)
    flat = re.sub(r"\s+", " ", text)
    assert "1 Kamis, 1 Januari 2026 09.00 Tamu 0001" in flat
    assert "501 Selasa, 27 Oktober 2026 09.00 Tamu 0300" in flat  # the last printed row
    for i, page in enumerate(reader.pages, start=1):
        assert f"Halaman {i} dari {n}" in page.extract_text(), i
    # The kop once, the signatures once; the table header on every page.
    assert flat.count("Wahana Kesejahteraan Sosial Berbasis Masyarakat") == 1
    assert flat.count("Mengetahui,") == 1
    pages = [page.extract_text() for page in reader.pages]
    assert all("Keperluan" in page for page in pages if "Silaturahmi" in page)
    assert sum("Silaturahmi" in page for page in pages) >= n - 1

    # "Ekspor saya" lists it (count + page).
    with_queries = client.get("/ekspor/")
    assert "Buku Tamu (PDF)" in with_queries.content.decode()


def test_excel_besar_dan_setahun_penuh_juga_di_latar(client, dunia, settings):
    settings.EKSPOR_LATAR_XLSX_BARIS = 3
    _tamu(dunia.a.wksbm, 4)
    masuk(client, dunia.pengurus_a)
    target = bookcheck.url("tamu", "xlsx", dunia.a.wksbm)
    assert "Ekspor ini berisi 4 baris" in client.get(target).content.decode()
    response = client.post(target)
    job = Ekspor.objects.get()
    assert response["Location"] == f"/w/{dunia.a.wksbm.pk}/ekspor/{job.pk}/"
    assert not job.data_pribadi
    # With personal data (a pengurus's explicit choice): another job, marked as such.
    client.post(target + "?data_pribadi=ya")
    assert Ekspor.objects.exclude(pk=job.pk).get().data_pribadi
    ekspor.jalankan_ekspor.call(job.pk)
    job.refresh_from_db()
    wb = load_workbook(job.berkas.open("rb"))
    values = [c for row in wb.active.iter_rows(values_only=True) for c in row if c]
    assert "Tamu 0001" in values and "Tamu 0004" in values

    # A small PDF goes out at once, but a whole year of it is made in the background.
    pdf = bookcheck.url("tamu", "pdf", dunia.a.wksbm)
    assert client.get(pdf)["Content-Type"] == "application/pdf"
    setahun = client.get(pdf, {"dari": "2026-01-01", "sampai": "2026-12-31"})
    assert "Ekspor ini berisi 4 baris" in setahun.content.decode()


def _job(dunia, **kw) -> Ekspor:
    now = timezone.now()
    job = Ekspor.objects.create(
        user=dunia.pengurus_a,
        tenant_id=dunia.a.wksbm.pk,
        jenis="buku-pdf",
        sumber="tamu",
        judul="Buku Tamu (PDF) · Semua",
        kunci=kw.pop("kunci", "k"),
        status="selesai",
        nama_berkas="buku-tamu.pdf",
        dibuat=now,
        kedaluwarsa=now + timedelta(days=7),
        **kw,
    )
    job.berkas.save("buku-tamu.pdf", io.BytesIO(b"%PDF-1.4 uji"), save=True)
    return job


def test_ekspor_wksbm_lain_404_anonim_ke_login(client, dunia):
    job = _job(dunia)
    urls = [
        f"/w/{dunia.a.wksbm.pk}/ekspor/{job.pk}/",
        f"/w/{dunia.a.wksbm.pk}/ekspor/{job.pk}/unduh/",
    ]
    for url in urls:
        assert client.get(url)["Location"].startswith("/masuk/?next=")
    for orang in (dunia.pengurus_b, dunia.lurah_b):
        masuk(client, orang)
        for url in urls:
            assert client.get(url).status_code == 404, (orang, url)
        # Nor through B's own WKSBM in the URL.
        assert client.get(f"/w/{dunia.b.wksbm.pk}/ekspor/{job.pk}/").status_code == 404
        assert "Buku Tamu" not in client.get("/ekspor/").content.decode()
    # A reader of A (the lurah) may open a file without personal data; the requester too.
    for orang in (dunia.lurah_a, dunia.pengurus_a):
        masuk(client, orang)
        assert client.get(urls[1]).status_code == 200


def test_berkas_data_pribadi_hanya_untuk_yang_meminta(client, dunia):
    job = _job(dunia, data_pribadi=True)
    url = f"/w/{dunia.a.wksbm.pk}/ekspor/{job.pk}/unduh/"
    for orang in (dunia.lurah_a, dunia.bendahara_a, dunia.dinsos):
        masuk(client, orang)
        assert client.get(url).status_code == 404, orang
    masuk(client, dunia.pengurus_a)
    assert client.get(url).status_code == 200


def test_kedaluwarsa_410_lalu_dihapus_beserta_berkasnya(client, dunia):
    job = _job(dunia)
    baru = _job(dunia, kunci="k2")
    Ekspor.objects.filter(pk=job.pk).update(kedaluwarsa=timezone.now() - timedelta(seconds=1))
    masuk(client, dunia.pengurus_a)
    for url in (
        f"/w/{dunia.a.wksbm.pk}/ekspor/{job.pk}/",
        f"/w/{dunia.a.wksbm.pk}/ekspor/{job.pk}/unduh/",
    ):
        response = client.get(url)
        assert response.status_code == 410
        assert "sudah kedaluwarsa dan dihapus" in response.content.decode()
    storage, name = job.berkas.storage, job.berkas.name
    assert storage.exists(name)
    out = io.StringIO()
    call_command("hapus_ekspor_kedaluwarsa", stdout=out)
    assert "1 ekspor kedaluwarsa dihapus" in out.getvalue()
    assert not storage.exists(name)
    assert list(Ekspor.objects.all()) == [baru] and storage.exists(baru.berkas.name)


def test_gagal_dengan_pesan_bahasa_indonesia(client, dunia):
    job = _job(dunia, kunci="g")
    Ekspor.objects.filter(pk=job.pk).update(status="menunggu", user=dunia.pengurus_b)
    assert ekspor.jalankan_ekspor.call(job.pk) == "gagal"  # B may not read A's books
    job.refresh_from_db()
    assert job.status == "gagal"
    assert job.pesan_galat == "Berkas tidak dibuat: Anda tidak lagi berhak membaca data WKSBM ini."


def _normal(data: bytes) -> list[str]:
    """The document's lines without page numbers, each line once (headers repeat per page)."""
    text = re.sub(r"Halaman \d+ dari \d+", "\n", _text(data))
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


def test_pdf_bertahap_sama_dengan_pdf_sekali_jalan(dunia):
    from django.http import HttpRequest

    from wksbm.books.views import _filtered, pdf_context, print_rows

    _tamu(dunia.a.wksbm, 7)
    book = bookcheck.book("tamu")
    request = HttpRequest()
    request.user = dunia.pengurus_a
    qs, widgets = _filtered(request, book, dunia.a.wksbm)
    context = pdf_context(book, dunia.a.wksbm, qs, widgets)
    once = render_pdf(book.print_template, {**context, "rows": print_rows(book, qs)})
    chunked = render_chunked(
        book.print_template, context, print_rows(book, qs), chunk_rows=3, workers=2
    ).read()
    assert _normal(chunked) == _normal(once)
    assert "Tamu 0007" in _normal(chunked)[-8:-1] or any("Tamu 0007" in x for x in _normal(chunked))
    n = len(PdfReader(io.BytesIO(chunked)).pages)
    assert f"Halaman {n} dari {n}" in _text(chunked)


@pytest.mark.parametrize("banyak", [1, 30])
def test_ekspor_saya_dan_halaman_ekspor_kueri_tetap(
    client, dunia, django_assert_max_num_queries, banyak
):
    jobs = [_job(dunia, kunci=f"k{i}") for i in range(banyak)]
    _job(dunia, kunci="lain").__class__.objects.filter(kunci="lain").update(user=dunia.lurah_a)
    masuk(client, dunia.pengurus_a)
    # session, user, the two-factor device, roles (menu), count, the page of jobs; the
    # session's "seen" stamp (savepoint, update, release)
    with django_assert_max_num_queries(9):
        html = client.get("/ekspor/").content.decode()
    assert html.count("/unduh/") == min(banyak, 25)
    # session, user, the two-factor device, roles, the WKSBM (tenancy), the job with its
    # requester
    with django_assert_max_num_queries(6):
        client.get(f"/w/{dunia.a.wksbm.pk}/ekspor/{jobs[-1].pk}/")
