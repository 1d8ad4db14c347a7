"""The dashboards (/ and the WKSBM's own page /w/<id>/) as the demo shows them, with a late
meeting decision highlighted in red, for the ketua who acts on it and the Dinas Sosial who
reads it: WCAG 2.1 A/AA by axe-core on a phone and on a desktop screen."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from registry.models import Keputusan, Rapat
from tests.browser.test_a11y import DESKTOP, PHONE, _violations

pytestmark = pytest.mark.browser


@pytest.fixture
def dasbor(dunia):
    """An open decision past its deadline (a .table-danger row) and one still on time."""
    hari_ini = timezone.localdate()
    rapat = Rapat.objects.create(
        wksbm=dunia.a.wksbm,
        jenis=Rapat.Jenis.PENGURUS,
        judul="Evaluasi penyaluran triwulan III",
        tanggal=hari_ini - timedelta(days=40),
        jam_mulai=time(19, 30),
        tempat="Balai padukuhan",
        pimpinan="Suparno Hadi",
        notulis="Rina Wulandari",
    )
    Keputusan.objects.create(
        rapat=rapat,
        uraian="Laporan kegiatan triwulan III dikirim ke Dinas Sosial",
        penanggung_jawab="Sekretaris",
        tenggat=hari_ini - timedelta(days=10),
    )
    Keputusan.objects.create(
        rapat=rapat, uraian="Pendataan lansia baru", tenggat=hari_ini + timedelta(days=20)
    )
    return dunia


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
@pytest.mark.parametrize("peran", ["pengurus_a", "dinsos"])
def test_dasbor_aksesibel(halaman, dasbor, peran, viewport):
    page = halaman.page
    page.set_viewport_size(viewport)
    halaman.masuk_langsung(getattr(dasbor, peran))
    masalah = []
    ringkasan = reverse("registry:wksbm-detail", args=[dasbor.a.wksbm.pk])
    for url in [reverse("home"), ringkasan]:
        assert halaman.buka(url).status == 200
        if url == ringkasan:
            assert page.locator("tr.table-danger").count() == 1  # the late decision
        if laporan := _violations(page):
            masalah.append(f"{url}:\n{laporan}")
    assert not masalah, "\n".join(masalah)


def test_menu_buku_di_ponsel_berupa_daftar_yang_bisa_dibuka(halaman, dasbor):
    """On a 360 px phone the books are behind one button, then a grid of touch-sized links
    all within the screen (not a sideways strip); on a desktop the strip shows at once."""
    page = halaman.page
    page.set_viewport_size(PHONE)
    halaman.masuk_langsung(dasbor.pengurus_a)
    halaman.buka(reverse("registry:wksbm-detail", args=[dasbor.a.wksbm.pk]))
    menu = page.get_by_role("navigation", name="Buku WKSBM")
    tamu = menu.get_by_role("link", name="Buku Tamu")
    assert not tamu.is_visible()
    tombol = menu.get_by_role("button", name="Menu buku")
    tombol.click()
    tamu.wait_for(state="visible")
    assert tombol.get_attribute("aria-expanded") == "true"
    links = menu.get_by_role("link").all()
    assert len(links) >= 10
    for link in links:
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], link.inner_text()
        assert box["height"] >= 44, link.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    laporan = _violations(page)
    assert not laporan, laporan
    tamu.click()
    page.wait_for_url("**/tamu/")

    page.set_viewport_size(DESKTOP)
    halaman.buka(reverse("registry:wksbm-detail", args=[dasbor.a.wksbm.pk]))
    assert menu.get_by_role("link", name="Buku Tamu").is_visible()
    assert not menu.get_by_role("button", name="Menu buku").is_visible()
