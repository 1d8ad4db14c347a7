"""The laporan as PDF (print layout, charts, signatures, stempel, QR) and as Excel (a sheet
per table, typed cells), from one Rekap."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from finance.chart import batang_bulanan
from registry.models import Peran
from wksbm import excel
from wksbm.books.tenancy import current as tenancy
from wksbm.pdf import qr_data_uri, render_pdf

from .rekap import Rekap

LEBAR_KOLOM = {"text": 34, "int": 14, "money": 20, "decimal": 16}


def verifikasi_url(token: str) -> str:
    return settings.SITE_URL + reverse("distribution:laporan-verifikasi", args=[token])


def nama_lurah(wksbm) -> str:
    peran = (
        Peran.objects.berlaku()
        .filter(jenis=Peran.Jenis.LURAH, desa_id=wksbm.desa_id)
        .select_related("user")
        .order_by("-mulai", "pk")
        .first()
    )
    return (peran.user.get_full_name() or peran.user.get_username()) if peran else ""


def grafik(rekap: Rekap, id_awal: str = "grafik-arus") -> str:
    return batang_bulanan(
        rekap.arus,
        judul=f"Penerimaan dan pengeluaran per bulan, {rekap.periode.nama}",
        id_awal=id_awal,
    )


def pdf(laporan, rekap: Rekap, *, versi) -> bytes:
    """The laporan as submitted: `versi` (unsaved is fine) gives its number, token and date."""
    wksbm = laporan.wksbm
    url = verifikasi_url(versi.token)
    return render_pdf(
        "distribution/laporan_print.html",
        {
            **tenancy().print_context(wksbm, ("ketua", "bendahara")),
            "judul": f"Laporan Kegiatan dan Penyaluran {wksbm.nama}",
            "periode": f"{rekap.periode.nama} (versi {versi.nomor})",
            "laporan": laporan,
            "versi": versi,
            "tabel": rekap.tabel(),
            "grafik": grafik(rekap),
            "arus": rekap.arus,
            "nama_lurah": nama_lurah(wksbm),
            "tanggal_cetak": timezone.localdate(versi.diajukan_pada),
            "qr": qr_data_uri(url),
            "verifikasi_url": url,
        },
    )


def xlsx(laporan, rekap: Rekap):
    """A sheet per table, typed cells (counts as integers, Rupiah as numbers); the narrative
    on the first sheet."""
    kop = [rekap.wksbm, f"Periode: {rekap.periode.nama}"]
    parts = [
        (
            excel.Sheet(
                title="Narasi",
                subtitle=kop,
                headers=["Bagian", "Isi"],
                kinds=["text", "text"],
                widths=[20, 100],
            ),
            [
                ["Kendala", laporan.kendala or "-"],
                ["Rencana tindak lanjut", laporan.rencana or "-"],
            ],
            None,
        )
    ]
    for t in rekap.tabel():
        parts.append(
            (
                excel.Sheet(
                    title=t.judul,
                    subtitle=kop,
                    headers=[k.label for k in t.kolom],
                    kinds=[k.kind for k in t.kolom],
                    widths=[LEBAR_KOLOM[k.kind] for k in t.kolom],
                ),
                t.baris,
                t.jumlah,
            )
        )
    return excel.write_sheets(parts)
