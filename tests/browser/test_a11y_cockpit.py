"""The issue's "done" scenario for the Dinas Sosial, in a browser on a phone (360 px): open the
cockpit from the home page, pick last quarter, see the totals by kapanewon and the chart,
download the recap Excel file and the bundle; WCAG 2.1 A/AA by axe-core on every page."""

import io
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.browser.test_a11y import PHONE, _violations
from tests.distribution.test_cockpit import NAMA_PPKS, _isi

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

    with page.expect_download() as unduh:
        page.get_by_role("link", name="Unduh rekap Excel").click()
    wb = load_workbook(io.BytesIO(Path(unduh.value.path()).read_bytes()))
    assert wb.sheetnames[0] == "Rekap per WKSBM"
    with page.expect_download() as unduh:
        page.get_by_role("link", name="Unduh semua (rekap dan laporan WKSBM, ZIP)").click()
    nama = zipfile.ZipFile(unduh.value.path()).namelist()
    assert any(n.endswith(".xlsx") for n in nama) and any(n.endswith(".pdf") for n in nama)

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
