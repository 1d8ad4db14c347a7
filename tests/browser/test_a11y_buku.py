"""Every page of an active WKSBM (its books, money, forms, reports), on a 360 px phone, for
the ketua who writes and for the lurah and the Dinas Sosial who read: WCAG 2.1 A/AA by
axe-core, one <h1>, and no sideways scrolling of the page.

The pages come from tests/urlwalk.py, so a new page is checked here without being listed.
"""

import pytest
from django.test import Client

from tests import urlwalk
from tests.akun import force_login_terverifikasi
from tests.browser.test_a11y import PHONE, _violations

pytestmark = pytest.mark.browser


def _halaman_html(user, objek: urlwalk.Objek) -> list[str]:
    """The URLs that answer this user with an HTML page (not a file, not a POST action)."""
    client = Client()
    force_login_terverifikasi(client, user, backend="django.contrib.auth.backends.ModelBackend")
    return urlwalk.halaman_html(client, objek)


# Elements wider than the screen outside any scrolling box, innermost last.
TERLEBAR = """() => [...document.querySelectorAll('main *')]
    .filter(e => e.scrollWidth > innerWidth + 1 || e.getBoundingClientRect().right > innerWidth + 1)
    .filter(e => {
        for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
            if (getComputedStyle(p).overflowX !== 'visible') return false;
        return true;
    })
    .slice(-2)
    .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.trim().slice(0, 60)}`)"""


def _terlebar(page) -> list[str]:
    """What widens the page (to name in the failure)."""
    return page.evaluate(TERLEBAR)


@pytest.mark.parametrize("peran", ["pengurus_a", "lurah_a", "dinsos"])
def test_halaman_wksbm_aksesibel_di_ponsel(halaman, dunia, peran):
    objek = urlwalk.objek_wksbm(dunia.a)
    user = getattr(dunia, peran)
    urls = _halaman_html(user, objek)
    assert len(urls) >= 40, urls

    page = halaman.page
    page.set_viewport_size(PHONE)
    halaman.masuk_langsung(user)
    masalah = []
    for url in urls:
        response = halaman.buka(url)
        if response.status != 200:
            masalah.append(f"{url}: HTTP {response.status}")
            continue
        if (h1 := page.locator("h1").count()) != 1:
            masalah.append(f"{url}: {h1} <h1>")
        lebar = page.evaluate("document.documentElement.scrollWidth")
        if lebar > PHONE["width"]:
            masalah.append(
                f"{url}: {lebar}px lebar pada layar {PHONE['width']}px: {_terlebar(page)}"
            )
        if statis := [g for g in halaman.gagal if "/static/" in g]:
            masalah.append(f"{url}: {statis}")
        if laporan := _violations(page):
            masalah.append(f"{url}:\n{laporan}")
    assert not masalah, "\n".join(masalah)
