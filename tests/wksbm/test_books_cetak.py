"""The printed book (the Book machinery's PDF): the order and the columns of a paper book."""

import io
import re
from datetime import date, time
from decimal import Decimal

import pytest
from pypdf import PdfReader

from registry.models import Barang, KategoriPpks, Ppks, PpksKategori, Tamu
from tests import bookcheck

pytestmark = pytest.mark.django_db


def _tamu(wksbm, hari: int, nama: str) -> Tamu:
    return Tamu.objects.create(
        wksbm=wksbm, tanggal=date(2026, 11, hari), jam=time(9), nama=nama, keperluan="Silaturahmi"
    )


def test_buku_tercetak_dari_yang_terlama_dan_bernomor_urut(client, dunia):
    w = dunia.a.wksbm
    for hari, nama in [(24, "Tamu Kedua"), (30, "Tamu Ketiga"), (2, "Tamu Pertama")]:
        _tamu(w, hari, nama)
    client.force_login(dunia.pengurus_a)

    layar = client.get(bookcheck.url("tamu", "list", w)).content.decode()
    assert layar.index("Tamu Ketiga") < layar.index("Tamu Kedua") < layar.index("Tamu Pertama")

    text = re.sub(r"\s+", " ", bookcheck.pdf_text(client.get(bookcheck.url("tamu", "pdf", w))))
    # "No" counts 1..n down the printed page, whatever the screen's order.
    assert (
        "1 Senin, 2 November 2026 09.00 Tamu Pertama Silaturahmi "
        "2 Selasa, 24 November 2026 09.00 Tamu Kedua Silaturahmi "
        "3 Senin, 30 November 2026 09.00 Tamu Ketiga"
    ) in text, text


def test_hari_tanggal_buku_tamu_menyebut_nama_hari(client, dunia):
    obj = _tamu(dunia.a.wksbm, 24, "Ibu Warsini")
    client.force_login(dunia.pengurus_a)
    detail = client.get(bookcheck.url("tamu", "detail", dunia.a.wksbm, obj)).content.decode()
    assert "Selasa, 24 November 2026" in detail
    layar = client.get(bookcheck.url("tamu", "list", dunia.a.wksbm)).content.decode()
    assert "Selasa, 24 November 2026" in layar
    sheet = bookcheck.xlsx_sheet(client.get(bookcheck.url("tamu", "xlsx", dunia.a.wksbm)))
    assert sheet.cell(row=6, column=1).is_date  # Excel keeps a real date


def _halaman(response) -> list[str]:
    assert response["Content-Type"] == "application/pdf"
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def _teks_di_kertas(response) -> list[str]:
    """Each page's text that starts inside the printable area (left of the right margin),
    without spaces and line breaks (a narrow cell wraps its words)."""
    pages = []
    for page in PdfReader(io.BytesIO(response.content)).pages:
        batas = float(page.mediabox.right) - 15 / 25.4 * 72  # print.css: 15 mm right margin
        parts = []

        def visitor(text, cm, tm, font, size, parts=parts, batas=batas):
            if tm[4] * cm[0] + cm[4] < batas:
                parts.append(text)

        page.extract_text(visitor_text=visitor)
        pages.append(re.sub(r"\s", "", "".join(parts)))
    return pages


def test_jumlah_buku_hanya_sekali_di_halaman_terakhir(client, dunia):
    w = dunia.a.wksbm
    for i in range(90):
        Barang.objects.create(
            wksbm=w,
            kode=f"B{i:03d}",
            nama=f"Kursi lipat {i:03d}",
            jumlah=1,
            tanggal_perolehan=date(2026, 1, 1),
            asal=Barang.Asal.DIBELI,
            nilai=Decimal("10000"),
        )
    client.force_login(dunia.pengurus_a)
    pages = _halaman(client.get(bookcheck.url("inventaris", "pdf", w)))
    assert len(pages) >= 3
    (jumlah,) = [p for p in pages if "JUMLAH" in p]  # once, not as a total of every page
    assert "Kursi lipat 089" in jumlah and "Rp900.000,00" in jumlah  # after the last row


def test_buku_lebar_memuat_semua_kolom_di_kertas(client, dunia):
    w = dunia.a.wksbm
    kategori = KategoriPpks.objects.get(kode="LUT")
    for i in range(3):
        p = Ppks.objects.create(
            wksbm=w,
            nomor=f"{i + 1:05d}",
            nama=f"Mbah Karto Wiyono {i}",
            jenis_kelamin="L",
            tempat_lahir="Bantul",
            tanggal_lahir=date(1945, 7, 12),
            alamat="Padukuhan Ngentak RT 03",
            tanggal_pendataan=date(2026, 3, 1),
            catatan=f"Kunjungan rumah bulan {i + 3}",
        )
        PpksKategori.objects.create(ppks=p, kategori=kategori)
    client.force_login(dunia.pengurus_a)
    (page, *_) = _teks_di_kertas(client.get(bookcheck.url("ppks", "pdf", w)))
    # The last column's head and a value of it, not cut off at the page's edge.
    assert "Catatan" in page
    assert "Kunjunganrumahbulan5" in page
