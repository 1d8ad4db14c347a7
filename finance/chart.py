"""A bar chart of money in and out per month, as server-side SVG (the same markup on the
page and in the PDF: WeasyPrint renders inline SVG).

Accessible: role="img" named by its <title> and described by a <desc> that lists every value;
each bar carries its own <title>; the page also shows the numbers as a table. Colours: dark
blue and dark orange (told apart with red-green colour blindness), each above 4.5:1 against
white, plus a legend in words.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from wksbm.formatting import BULAN, angka, rupiah

WARNA_MASUK = "#1d4e89"  # 8.6:1 on white
WARNA_KELUAR = "#a3480b"  # 6.0:1 on white
WARNA_TEKS = "#1f2328"
WARNA_GARIS = "#c9d1d9"

LEBAR, TINGGI = 720, 280
KIRI, KANAN, ATAS, BAWAH = 84, 12, 36, 44


@dataclass(frozen=True)
class ArusBulan:
    tahun: int
    bulan: int
    masuk: Decimal
    keluar: Decimal

    @property
    def nama(self) -> str:
        return f"{BULAN[self.bulan - 1]} {self.tahun}"

    @property
    def selisih(self) -> Decimal:
        return self.masuk - self.keluar


def singkat(nilai: Decimal | int) -> str:
    """An axis label: Rp0, Rp250 rb, Rp1,5 jt, Rp2 M."""
    nilai = Decimal(nilai)
    for besar, satuan in ((10**9, "M"), (10**6, "jt"), (10**3, "rb")):
        if nilai >= besar:
            return f"Rp{angka((nilai / besar).quantize(Decimal('0.1'), ROUND_HALF_UP))} {satuan}"
    return f"Rp{angka(nilai)}"


def _langkah(tertinggi: Decimal) -> Decimal:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) giving about four gridlines."""
    kasar = tertinggi / 4
    pangkat = Decimal(10) ** math.floor(math.log10(kasar))
    for m in ("1", "2", "2.5", "5", "10"):
        if Decimal(m) * pangkat >= kasar:
            return Decimal(m) * pangkat
    return 10 * pangkat  # pragma: no cover (the loop always returns)


def _teks(x: float, y: float, isi: str, anchor: str = "middle", size: int = 11) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{WARNA_TEKS}">{escape(isi)}</text>'
    )


def batang_bulanan(data: Sequence[ArusBulan], *, judul: str, id_awal: str = "grafik") -> SafeString:
    """Paired bars (penerimaan, pengeluaran) per month, with a y axis in Rupiah."""
    tertinggi = max((max(b.masuk, b.keluar) for b in data), default=Decimal(0))
    langkah = _langkah(tertinggi) if tertinggi > 0 else Decimal(1)
    puncak = langkah * max(1, math.ceil(tertinggi / langkah))
    lebar_plot, tinggi_plot = LEBAR - KIRI - KANAN, TINGGI - ATAS - BAWAH

    def y(nilai: Decimal) -> float:
        return ATAS + tinggi_plot * float(1 - nilai / puncak)

    deskripsi = "; ".join(
        f"{b.nama}: penerimaan {rupiah(b.masuk)}, pengeluaran {rupiah(b.keluar)}" for b in data
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" viewBox="0 0 {LEBAR} {TINGGI}" '
        f'width="{LEBAR}" height="{TINGGI}" role="img" '
        f'aria-labelledby="{id_awal}-judul {id_awal}-desc" font-family="DejaVu Sans, sans-serif">',
        f'<title id="{id_awal}-judul">{escape(judul)}</title>',
        f'<desc id="{id_awal}-desc">{escape(deskripsi or "Belum ada data.")}</desc>',
    ]
    garis = 0
    while garis * langkah <= puncak:
        nilai = garis * langkah
        parts.append(
            f'<line x1="{KIRI}" x2="{LEBAR - KANAN}" y1="{y(nilai):.1f}" y2="{y(nilai):.1f}" '
            f'stroke="{WARNA_GARIS}" stroke-width="1"/>'
        )
        parts.append(_teks(KIRI - 6, y(nilai) + 4, singkat(nilai), anchor="end", size=10))
        garis += 1
    lebar_kelompok = lebar_plot / max(len(data), 1)
    lebar_batang = lebar_kelompok * 0.36
    for i, b in enumerate(data):
        x0 = KIRI + i * lebar_kelompok + lebar_kelompok * 0.14
        for j, (nilai, warna, arti) in enumerate(
            ((b.masuk, WARNA_MASUK, "Penerimaan"), (b.keluar, WARNA_KELUAR, "Pengeluaran"))
        ):
            atas = y(max(nilai, Decimal(0)))  # a month of reversals only nets below zero
            label = escape(f"{arti} {b.nama}: {rupiah(nilai)}")
            parts.append(
                f'<rect x="{x0 + j * lebar_batang:.1f}" y="{atas:.1f}" '
                f'width="{lebar_batang:.1f}" height="{ATAS + tinggi_plot - atas:.1f}" '
                f'fill="{warna}"><title>{label}</title></rect>'
            )
        tengah = x0 + lebar_batang
        parts.append(_teks(tengah, TINGGI - BAWAH + 16, BULAN[b.bulan - 1][:3], size=10))
        if i == 0 or b.bulan == 1:
            parts.append(_teks(tengah, TINGGI - BAWAH + 30, str(b.tahun), size=10))
    parts.append(
        f'<line x1="{KIRI}" x2="{LEBAR - KANAN}" y1="{ATAS + tinggi_plot}" '
        f'y2="{ATAS + tinggi_plot}" stroke="{WARNA_TEKS}" stroke-width="1"/>'
    )
    for k, (warna, arti) in enumerate(((WARNA_MASUK, "Penerimaan"), (WARNA_KELUAR, "Pengeluaran"))):
        x = KIRI + k * 140
        parts.append(f'<rect x="{x}" y="10" width="14" height="14" fill="{warna}"/>')
        parts.append(_teks(x + 20, 22, arti, anchor="start"))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)
