"""The buku kas umum on a 1280 px screen: every column, up to Saldo, is in view without
scrolling the table sideways (big amounts and long proof numbers included)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from finance import services
from finance.models import Dana, Kas
from tests.browser.test_a11y import DESKTOP

pytestmark = pytest.mark.browser


def test_kolom_saldo_terlihat_di_layar_1280(halaman, dunia):
    w = dunia.a.wksbm
    services.pastikan_dana_bawaan(w)
    umum, kas = Dana.objects.get(wksbm=w, jenis="umum"), Kas.objects.get(wksbm=w)
    common = {"wksbm": w, "oleh": dunia.bendahara_a, "dana": umum, "kas": kas}
    services.catat_pemasukan(
        **common,
        tanggal=date(2026, 9, 28),
        jumlah=Decimal("125000000.50"),
        sumber="donasi",
        uraian="Donasi CSR Bank Pembangunan Daerah untuk program rehabilitasi rumah lansia",
    )
    services.catat_pengeluaran(
        **common,
        tanggal=date(2026, 9, 29),
        jumlah=Decimal("17500000"),
        kegiatan="jaminan_sosial",
        uraian="Santunan lansia terlantar",
        nomor_bukti="INV/2026/IX/000123/TOKO-BANGUNAN-MAKMUR-JAYA",
    )
    page = halaman.page
    page.set_viewport_size(DESKTOP)
    halaman.masuk_langsung(dunia.bendahara_a)
    url = reverse("finance:kas-umum-list", args=[w.pk])
    assert halaman.buka(f"{url}?dari=2026-09-01&sampai=2026-09-30").status == 200
    saldo = page.get_by_role("columnheader", name="Saldo", exact=True)
    box = saldo.bounding_box()
    assert box["x"] + box["width"] <= DESKTOP["width"], box
    scroller = page.locator(".table-responsive").first
    lebar = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert lebar[0] <= lebar[1] + 1, f"tabel bergulir ke samping: {lebar}"
