"""Kuitansi for receipts, their public verification, tanda terima, and the donor statement.

The PDF builders are plain functions returning bytes (the distribution app reuses
`tanda_terima_pdf`); the views only fetch the scoped objects and wrap them.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from registry.access import boleh_menulis, get_wksbm
from registry.models import Donatur, Jabatan, Wksbm
from wksbm import formatting
from wksbm.books.tenancy import current as tenancy
from wksbm.listing import paginate, querystring_without_page
from wksbm.models import Jumlah
from wksbm.pdf import qr_data_uri, render_pdf

from .models import Jurnal, KuitansiCetak, Sumber, menunggu_kuitansi
from .models.natura import MutasiStok
from .services import PENULIS_KEUANGAN

__all__ = ["kuitansi_pdf", "laporan_donatur_pdf", "menunggu_kuitansi", "tanda_terima_pdf"]

# UU 10/2020 ps. 3(2)g: bea meterai on a receipt of MORE than this amount.
BATAS_METERAI = Decimal(5_000_000)
ZAKAT = (Sumber.ZAKAT_MAAL, Sumber.ZAKAT_FITRAH)
PANEL_TERAKHIR = 20


def _cetak(wksbm: Wksbm) -> dict:
    """Kop, place, stempel and the current board's ketua (left) and bendahara (right)."""
    return tenancy().print_context(wksbm, (Jabatan.KETUA, Jabatan.BENDAHARA))


def _pdf_response(pdf: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{nama}.pdf"'
    return response


def _nama_berkas(*bagian: str) -> str:
    return "_".join(slugify(b.replace("/", "-")) for b in bagian)


# --- kuitansi -------------------------------------------------------------------------------


def verifikasi_url(entri: Jurnal) -> str:
    return settings.SITE_URL + reverse("finance:kuitansi-verifikasi", args=[entri.token])


def kuitansi_pdf(*, wksbm: Wksbm, entri: Jurnal, ukuran: str = KuitansiCetak.Ukuran.A5) -> bytes:
    """The kuitansi of one receipt, on A5 landscape or A4 (print.css: @page kuitansi-*)."""
    url = verifikasi_url(entri)
    return render_pdf(
        "finance/kuitansi_print.html",
        {
            **_cetak(wksbm),
            "judul": f"Kuitansi {entri.nomor_kuitansi}",
            "entri": entri,
            "ukuran": ukuran,
            "pemberi": entri.nama_pemberi(),
            "meterai": entri.jumlah > BATAS_METERAI,
            "dibatalkan": entri.dibatalkan,
            "qr": qr_data_uri(url),
            "verifikasi_url": url,
        },
    )


def _pemasukan(request: HttpRequest, wksbm: int, pk: int, book) -> tuple[Wksbm, Jurnal]:
    tenant = get_wksbm(request.user, wksbm)
    entri = get_object_or_404(
        book.queryset(tenant).filter(jenis=Jurnal.Jenis.BIASA).exclude(token=None), pk=pk
    )
    return tenant, entri


def kuitansi_view(request: HttpRequest, wksbm: int, pk: int, book) -> HttpResponse:
    tenant, entri = _pemasukan(request, wksbm, pk, book)
    ukuran = request.GET.get("ukuran", KuitansiCetak.Ukuran.A5)
    if ukuran not in KuitansiCetak.Ukuran.values:
        return HttpResponseBadRequest("Ukuran kertas kuitansi tidak dikenal: pilih a5 atau a4.")
    pdf = kuitansi_pdf(wksbm=tenant, entri=entri, ukuran=ukuran)
    if boleh_menulis(request.user, tenant, PENULIS_KEUANGAN):
        # Printed by the bendahara or ketua: the receipt is handed over.
        KuitansiCetak.objects.create(jurnal=entri, ukuran=ukuran, dicetak_oleh=request.user)
    return _pdf_response(pdf, _nama_berkas("kuitansi", entri.nomor_kuitansi))


@login_not_required
def kuitansi_verifikasi(request: HttpRequest, token: str) -> HttpResponse:
    """Public: is this kuitansi authentic, and still valid? Number, date, amount, WKSBM and
    status only: no donor, no personal data."""
    entri = get_object_or_404(
        Jurnal.objects.masuk()
        .filter(jenis=Jurnal.Jenis.BIASA)
        .select_related("wksbm", "pembatalan"),
        token=token,
    )
    response = render(request, "finance/kuitansi_verifikasi.html", {"entri": entri})
    response["X-Robots-Tag"] = "noindex"
    return response


# --- tanda terima ---------------------------------------------------------------------------


def tanda_terima_pdf(
    *,
    wksbm: Wksbm,
    nomor: str,
    tanggal: date,
    penerima: str,
    uraian: str,
    jumlah: Decimal | None = None,
    barang: Iterable[tuple[str, Decimal, str]] | None = None,
    dibatalkan: bool = False,
    watermark: str = "",
) -> bytes:
    """Proof that a recipient received money (`jumlah`, with terbilang) and/or goods
    (`barang`: rows of nama, jumlah, satuan) from the WKSBM, signed by both sides; `nomor` is
    the entry's `nomor_tanda_terima` (services.nomor_tanda_terima). The recipient signs over
    a meterai for money above BATAS_METERAI."""
    barang = [(nama, formatting.angka(banyak), satuan) for nama, banyak, satuan in barang or []]
    if jumlah is None and not barang:
        raise ValueError("Tanda terima memerlukan jumlah uang atau daftar barang.")
    return render_pdf(
        "finance/tanda_terima_print.html",
        {
            **_cetak(wksbm),
            "judul": f"Tanda Terima {nomor}",
            "nomor": nomor,
            "tanggal": tanggal,
            "penerima": penerima,
            "uraian": uraian,
            "jumlah": jumlah,
            "barang": barang,
            "meterai": jumlah is not None and jumlah > BATAS_METERAI,
            "dibatalkan": dibatalkan,
        },
        watermark=watermark,
    )


def tanda_terima_view(request: HttpRequest, wksbm: int, pk: int, book) -> HttpResponse:
    tenant = get_wksbm(request.user, wksbm)
    entri = get_object_or_404(book.queryset(tenant).filter(jenis=Jurnal.Jenis.BIASA), pk=pk)
    pdf = tanda_terima_pdf(
        wksbm=tenant,
        nomor=entri.nomor_tanda_terima,
        tanggal=entri.tanggal,
        penerima=entri.nama_penerima(),
        uraian=entri.uraian,
        jumlah=entri.jumlah,
        dibatalkan=entri.dibatalkan,
    )
    return _pdf_response(
        pdf, _nama_berkas("tanda-terima", entri.nomor_tanda_terima or str(entri.nomor))
    )


def tanda_terima_barang_view(request: HttpRequest, wksbm: int, pk: int, book) -> HttpResponse:
    """Goods handed to a recipient: a "disalurkan" movement of the stock book."""
    tenant = get_wksbm(request.user, wksbm)
    disalurkan = book.queryset(tenant).filter(jenis=MutasiStok.Jenis.DISALURKAN)
    mutasi = get_object_or_404(disalurkan.select_related("komoditas"), pk=pk)
    pdf = tanda_terima_pdf(
        wksbm=tenant,
        nomor=mutasi.nomor_tanda_terima,
        tanggal=mutasi.tanggal,
        penerima=mutasi.pihak(),
        uraian=mutasi.uraian or f"Penyaluran {mutasi.komoditas}",
        barang=[(str(mutasi.komoditas), mutasi.jumlah, mutasi.satuan)],
        dibatalkan=mutasi.dibatalkan,
    )
    nama = mutasi.nomor_tanda_terima or str(mutasi.nomor)
    return _pdf_response(pdf, _nama_berkas("tanda-terima-barang", nama))


# --- donor: donations, statement, panel -----------------------------------------------------


def donasi(donatur: Donatur) -> QuerySet:
    """A donor's receipts (reversed ones included: they show as dibatalkan)."""
    return (
        Jurnal.objects.milik(donatur.wksbm_id)
        .masuk()
        .filter(jenis=Jurnal.Jenis.BIASA, donatur=donatur)
        .select_related("dana", "pembatalan")
    )


def _total(**syarat) -> Jumlah:
    return Jumlah("jumlah", filter=Q(pembatalan__isnull=True, **syarat))


def rekap(qs: QuerySet) -> dict:
    """Totals of valid (not reversed) donations: all, zakat maal, zakat fitrah, the rest."""
    return qs.aggregate(
        total=_total(),
        zakat_maal=_total(sumber=Sumber.ZAKAT_MAAL),
        zakat_fitrah=_total(sumber=Sumber.ZAKAT_FITRAH),
        lainnya=Jumlah("jumlah", filter=Q(pembatalan__isnull=True) & ~Q(sumber__in=ZAKAT)),
    )


def laporan_donatur_pdf(*, wksbm: Wksbm, donatur: Donatur, tahun: int) -> bytes:
    """Every donation of one donor in one year, with totals (zakat stated apart)."""
    qs = donasi(donatur).filter(tanggal__year=tahun).order_by("tanggal", "nomor")
    return render_pdf(
        "finance/donatur_laporan_print.html",
        {
            **_cetak(wksbm),
            "judul": f"Laporan Donasi Tahun {tahun}",
            "periode": f"1 Januari {tahun} – 31 Desember {tahun}",
            "donatur": donatur,
            "tahun": tahun,
            "rows": qs,
            "rekap": rekap(qs),
            "tanggal_cetak": timezone.localdate(),
        },
    )


def _donatur(request: HttpRequest, wksbm: int, pk: int, book) -> tuple[Wksbm, Donatur]:
    tenant = get_wksbm(request.user, wksbm)
    return tenant, get_object_or_404(book.queryset(tenant), pk=pk)


TAHUN_SALAH = "Tahun tidak sah: tulis tahun dengan empat angka, misalnya 2026."


def _tahun(teks: str) -> int | None:
    """A year typed in a query string, or None when it is not one."""
    teks = teks.strip()
    return int(teks) if teks.isdigit() and 2000 <= int(teks) <= 2100 else None


def laporan_donatur_view(request: HttpRequest, wksbm: int, pk: int, book) -> HttpResponse:
    tenant, donatur = _donatur(request, wksbm, pk, book)
    tahun = _tahun(request.GET.get("tahun") or str(timezone.localdate().year))
    if tahun is None:
        return HttpResponseBadRequest(TAHUN_SALAH)
    pdf = laporan_donatur_pdf(wksbm=tenant, donatur=donatur, tahun=tahun)
    return _pdf_response(pdf, _nama_berkas("laporan-donasi", donatur.kode, str(tahun)))


def per_tahun(donatur: Donatur) -> list[dict]:
    """Per year, newest first: number of donations, valid total and zakat total."""
    return list(
        donasi(donatur)
        .select_related(None)
        .order_by()
        .values(tahun=ExtractYear("tanggal"))
        .annotate(banyak=Count("id"), total=_total(), zakat=_total(sumber__in=ZAKAT))
        .order_by("-tahun")
    )


def donasi_view(request: HttpRequest, wksbm: int, pk: int, book) -> HttpResponse:
    """All donations of a donor, paginated, optionally of one year."""
    tenant, donatur = _donatur(request, wksbm, pk, book)
    qs = donasi(donatur).order_by("-tanggal", "-nomor")
    diketik = request.GET.get("tahun", "").strip()
    tahun = _tahun(diketik) if diketik else None
    if tahun is not None:
        qs = qs.filter(tanggal__year=tahun)
    galat = TAHUN_SALAH if diketik and tahun is None else ""
    return render(
        request,
        "finance/donatur_donasi.html",
        {
            "wksbm": tenant,
            "donatur": donatur,
            "page": paginate(request, qs),
            "tahun": tahun,
            "diketik": diketik,
            "galat": galat,
            "per_tahun": per_tahun(donatur),
            "rekap": rekap(qs),
            "qs_tanpa_halaman": querystring_without_page(request),
            "crumbs": [
                (reverse(book.url_name("list"), args=[tenant.pk]), book.title),
                (reverse(book.url_name("detail"), args=[tenant.pk, donatur.pk]), str(donatur)),
            ],
        },
        status=400 if galat else 200,
    )


def panel_donasi(donatur: Donatur, wksbm: Wksbm, user) -> dict:
    """The donor's page (registry.buku.donatur.tambah_panel): last donations, yearly totals
    and the statement of each year."""
    terakhir = list(donasi(donatur).order_by("-tanggal", "-nomor")[:PANEL_TERAKHIR])
    tahunan = per_tahun(donatur)
    return {
        "template": "finance/_donatur_panel.html",
        "donasi": terakhir,
        "per_tahun": tahunan,
        "lebih": sum(t["banyak"] for t in tahunan) > len(terakhir),
    }
