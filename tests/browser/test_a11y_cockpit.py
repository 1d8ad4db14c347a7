"""The issue's "done" scenario for the Dinas Sosial, in a browser on a phone (360 px): open the
cockpit from the home page, pick last quarter, see the totals by kapanewon and the chart,
download the recap Excel file and the bundle (made by the worker); WCAG 2.1 A/AA by axe-core
on every page."""

import io
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.browser.test_a11y import PHONE, _violations
from tests.distribution.test_cockpit import NAMA_PPKS, _isi
from wksbm.ekspor import jobs as ekspor
from wksbm.models import Ekspor

pytestmark = pytest.mark.browser


def test_dinsos_membuka_dasbor_di_ponsel(halaman, dunia):
    _isi(dunia.a)
    _isi(dunia.b, sumbangan="2000000", serah=3)
    page = halaman.page
    page.set_viewport_size(PHONE)
    halaman.masuk_langsung(dunia.dinsos)
    masalah = []

    assert halaman.buka(reverse("home")).status == 200
    page.get_by_role("link", name="Buka dasbor Dinas Sosial").click()
    page.wait_for_url(lambda url: "/dinsos/" in url)
    # Last quarter: Triwulan III 2026 (the demo's clock is in December 2026).
    page.get_by_label("Jenis periode").select_option("triwulan")
    page.get_by_label("Tahun").fill("2026")
    page.get_by_label("Ke-", exact=False).fill("3")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url(lambda url: "ke=3" in url)
    assert "Triwulan III 2026" in page.locator("h2#judul-periode").inner_text()
    tabel = page.locator("section[aria-labelledby='judul-masuk'] table")
    assert "Srandakan" in tabel.inner_text() and "Rp3.600.000,00" in tabel.inner_text()
    grafik = page.locator("svg.grafik[role='img']")
    assert grafik.count() == 1 and "Dana terhimpun" in grafik.locator("title").first.text_content()
    assert NAMA_PPKS not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if laporan := _violations(page):
        masalah.append(f"dasbor:\n{laporan}")

    dasbor = page.url
    berkas = _lewat_latar(halaman, "Unduh rekap Excel", "XLSX", masalah)
    wb = load_workbook(io.BytesIO(berkas))
    assert wb.sheetnames[0] == "Rekap per WKSBM"
    page.goto(dasbor)
    berkas = _lewat_latar(halaman, "Unduh semua (rekap dan laporan WKSBM, ZIP)", "ZIP", masalah)
    nama = zipfile.ZipFile(io.BytesIO(berkas)).namelist()
    assert any(n.endswith(".xlsx") for n in nama) and any(n.endswith(".pdf") for n in nama)
    page.goto(dasbor)

    # Drill down to a kalurahan, and the inbox.
    page.get_by_role("link", name="Srandakan").first.click()
    page.wait_for_url(lambda url: "/wilayah/" in url)
    assert "Poncosari" in page.content()
    if laporan := _violations(page):
        masalah.append(f"kapanewon:\n{laporan}")
    assert halaman.buka(reverse("distribution:cockpit-laporan")).status == 200
    if laporan := _violations(page):
        masalah.append(f"kotak laporan:\n{laporan}")
    assert not masalah, "\n".join(masalah)


def _lewat_latar(halaman, tautan: str, fmt: str, masalah: list[str]) -> bytes:
    """A whole-kabupaten download: the offer, the button, the progress page; the worker's job
    run here; then the download link appears on the same page."""
    page = halaman.page
    page.get_by_role("link", name=tautan).click()
    tombol = page.get_by_role("button", name=f"Buat berkas {fmt} di latar belakang")
    tombol.wait_for()
    if laporan := _violations(page):
        masalah.append(f"tawaran {fmt}:\n{laporan}")
    tombol.click()
    page.wait_for_url(lambda url: "/ekspor/" in url)
    if laporan := _violations(page):
        masalah.append(f"kemajuan {fmt}:\n{laporan}")
    job = Ekspor.objects.get(jenis=f"rekap-{fmt.lower()}")
    assert ekspor.jalankan_ekspor.call(job.pk) == "selesai"
    job.refresh_from_db()
    # static/js/app.js polls the page and swaps in the download link: no reload here.
    link = page.get_by_role("link", name=f"Unduh {job.nama_berkas}")
    link.wait_for(timeout=15_000)
    with page.expect_download() as unduh:
        link.click()
    return Path(unduh.value.path()).read_bytes()
