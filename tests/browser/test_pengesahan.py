"""End to end in headless Chromium: pengurus submit, the lurah approves, the SK PDF downloads."""

import io
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from registry.models import Pengesahan, Wksbm

pytestmark = pytest.mark.browser

NOMOR_SK = "188/17/KEP/2026"


def test_pengurus_mengajukan_lurah_menyetujui_dan_sk_terunduh(halaman, alur):
    page = halaman.page

    halaman.masuk("ketua_mulya")
    expect(page.get_by_role("heading", level=1)).to_have_text("WKSBM Mulya Sejahtera")
    assert halaman.gagal == [], "Bootstrap/app CSS or JS did not load"
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")

    page.get_by_role("navigation", name="Buku WKSBM").get_by_role(
        "link", name="Kepengurusan"
    ).click()
    page.get_by_role("link", name="Kepengurusan 2026–2031").click()
    page.get_by_role("button", name="Ajukan pengesahan").click()
    expect(page.get_by_text("Pengesahan diajukan kepada lurah.")).to_be_visible()
    expect(page.locator(".status-teks")).to_have_text("Diajukan, menunggu lurah")

    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Masuk ke WKSBM Admin")

    halaman.masuk("lurah_sidomulyo")
    menunggu = page.get_by_role("table", name="Pengesahan yang menunggu keputusan lurah")
    menunggu.get_by_role("row", name="WKSBM Mulya Sejahtera").get_by_role(
        "link", name="Periksa"
    ).click()
    page.get_by_label("Nomor Keputusan Lurah (SK)").fill(NOMOR_SK)
    page.get_by_label("Tanggal SK").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Periksa lalu setujui").click()
    page.get_by_label("Saya sudah memeriksa").check()
    page.get_by_role("button", name="Setujui dan terbitkan SK").click()
    expect(page.get_by_text("Pengesahan disetujui. SK dapat diunduh.")).to_be_visible()
    expect(page.locator(".status-teks")).to_have_text("Disahkan")

    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Unduh SK (PDF)").click()
    pdf = unduhan.value.path().read_bytes()
    if folder := os.environ.get("WKSBM_SCREENSHOT_DIR"):
        Path(folder, "sk.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    teks = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert NOMOR_SK in teks
    assert unduhan.value.suggested_filename == f"sk_wksbm_{alur.wksbm.pk}.pdf"

    pengesahan = Pengesahan.objects.get(kepengurusan=alur.kepengurusan)
    assert pengesahan.status == Pengesahan.Status.DISAHKAN
    assert pengesahan.disahkan_oleh == alur.lurah
    assert Wksbm.objects.get(pk=alur.wksbm.pk).status == Wksbm.Status.AKTIF
