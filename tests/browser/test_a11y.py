"""Every page of the flow, for every role, on a 360 px phone: WCAG 2.1 A/AA by axe-core,
one <h1>, and no sideways scrolling of the page (wide tables scroll inside .table-responsive).

Set WKSBM_SCREENSHOT_DIR=/tmp/shots to keep a full-page screenshot of each page.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
axe = Axe()


def _wksbm(name: str, *args):
    """Path of a page of the pengurus' WKSBM (the one in penumbuhan, with a draft board)."""
    return lambda d: reverse(name, args=[d.wksbm.pk, *(a(d) if callable(a) else a for a in args)])


def _path(name: str):
    return lambda d: reverse(name)


def _draf(d):
    return d.kepengurusan.pk


# (role, page, path from the data, HTTP status). The role is the attribute of the
# `semua_peran` data holding the user, None for an anonymous visitor.
PAGES = [
    (None, "masuk", _path("login"), 200),
    (None, "verifikasi", lambda d: reverse("verifikasi", args=[d.pengesahan_c.token]), 200),
    (None, "404", lambda d: "/tidak-ada/", 404),
    ("pengurus", "beranda", _path("home"), 200),
    ("pengurus", "wksbm", _wksbm("registry:wksbm-detail"), 200),
    ("pengurus", "penumbuhan", _wksbm("registry:penumbuhan"), 200),
    ("pengurus", "langkah", _wksbm("registry:langkah-edit", "sosialisasi"), 200),
    ("pengurus", "kepengurusan-list", _wksbm("registry:kepengurusan-list"), 200),
    ("pengurus", "kepengurusan", _wksbm("registry:kepengurusan-detail", _draf), 200),
    ("pengurus", "pengurus-baru", _wksbm("registry:pengurus-create", _draf), 200),
    ("pengurus", "404", lambda d: d.wksbm_b.get_absolute_url(), 404),  # another WKSBM
    ("pengurus_b", "pengesahan", lambda d: d.pengesahan_b.get_absolute_url(), 200),
    ("lurah", "beranda", _path("home"), 200),
    ("lurah", "pengesahan-list", _path("registry:pengesahan-list"), 200),
    ("lurah", "pengesahan-diajukan", lambda d: d.pengesahan_b.get_absolute_url(), 200),
    ("lurah", "pengesahan-disahkan", lambda d: d.pengesahan_c.get_absolute_url(), 200),
    ("lurah", "wksbm-aktif", lambda d: d.wksbm_c.get_absolute_url(), 200),
    ("dinsos", "beranda", _path("home"), 200),
    ("dinsos", "wksbm-list", _path("registry:wksbm-list"), 200),
    ("dinsos", "pengesahan-list", _path("registry:pengesahan-list"), 200),
    ("admin", "beranda", _path("home"), 200),
]
# The pages also looked at on a desktop screen (and screenshotted at both widths).
DESKTOP_TOO = {
    ("pengurus", "beranda"),
    ("pengurus", "penumbuhan"),
    ("lurah", "pengesahan-diajukan"),
}


def _cases() -> list:
    cases = []
    for role, name, path, status in PAGES:
        cases.append(
            pytest.param(role, name, path, status, PHONE, id=f"{role or 'anonim'}-{name}-360")
        )
        if (role, name) in DESKTOP_TOO:
            cases.append(pytest.param(role, name, path, status, DESKTOP, id=f"{role}-{name}-1280"))
    return cases


def _violations(page) -> str:
    results = axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    return results.generate_report() if results.violations_count else ""


def _tangkap_layar(page, name: str) -> None:
    if folder := os.environ.get("WKSBM_SCREENSHOT_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(("role", "name", "path", "status", "viewport"), _cases())
def test_halaman_aksesibel_dan_muat_di_layar(
    halaman, semua_peran, role, name, path, status, viewport
):
    page = halaman.page
    page.set_viewport_size(viewport)
    if role:
        halaman.masuk_langsung(getattr(semua_peran, role))
    response = halaman.buka(path(semua_peran))

    assert response.status == status
    assert page.url.startswith(halaman.base_url + "/"), "redirected away (login?)"
    assert [g for g in halaman.gagal if "/static/" in g] == []
    assert page.locator("h1").count() == 1
    lebar = page.evaluate("document.documentElement.scrollWidth")
    assert lebar <= viewport["width"], f"page is {lebar}px wide on a {viewport['width']}px screen"
    laporan = _violations(page)
    assert not laporan, laporan
    _tangkap_layar(page, f"{role or 'anonim'}-{name}-{viewport['width']}")


def test_menu_terbuka_di_ponsel_tetap_aksesibel(halaman, semua_peran):
    """The collapsed top menu, opened on a phone: reachable, labelled, and within the screen."""
    page = halaman.page
    page.set_viewport_size(PHONE)
    halaman.masuk_langsung(semua_peran.lurah)
    halaman.buka(reverse("home"))
    tombol = page.get_by_role("button", name="Buka menu")
    tombol.click()
    page.get_by_role("button", name="Keluar").wait_for()
    assert tombol.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    laporan = _violations(page)
    assert not laporan, laporan
    _tangkap_layar(page, "lurah-menu-terbuka-360")
