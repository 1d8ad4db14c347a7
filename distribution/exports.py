"""Printables of a penyaluran round: the daftar penerima to take to the field (signature
column, A4 landscape), each recipient's tanda terima (finance's, with terbilang and the
meterai rule), and the round's report (planned vs delivered, per fund and per PPKS
category). PDF through wksbm.pdf, Excel through wksbm.excel; the views only wrap them."""

from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from finance.kuitansi import tanda_terima_pdf
from registry.access import get_wksbm
from wksbm import excel
from wksbm.books.core import Column, rows
from wksbm.books.tenancy import current as tenancy
from wksbm.ekspor import jobs as ekspor
from wksbm.ekspor.views import di_latar
from wksbm.models import Jumlah
from wksbm.pdf import render_pdf

from .models import Penerima, Penyaluran

Status = Penerima.Status
TTD = ("ketua", "bendahara")


def pdf_response(pdf: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slugify(nama)}.pdf"'
    return response


def _xlsx_response(out, nama: str) -> FileResponse:
    return FileResponse(
        out, as_attachment=True, filename=f"{slugify(nama)}.xlsx", content_type=excel.XLSX_TYPE
    )


def _nama_berkas(jenis: str, obj: Penyaluran) -> str:
    return f"{jenis}_{tenancy().slug(obj.wksbm)}_penyaluran-{obj.nomor}"


def kolom_daftar(obj: Penyaluran, *, tanda_tangan: bool = True) -> list[Column]:
    ukuran = (
        Column("banyak", f"Banyak ({obj.satuan_tampil or 'satuan'})", kind="decimal", total=True)
        if obj.natura or obj.bentuk == Penyaluran.Bentuk.BARANG
        else Column("jumlah", "Jumlah (Rp)", kind="money", width=16, total=True)
    )
    kolom = [
        Column("ppks.nomor", "No. register", width=11),
        Column("ppks.nama", "Nama penerima", width=26),
        Column("alamat", "Alamat", width=28),
        Column("ppks.kode_kategori", "Kategori", width=12),
        Column("dana.nama", "Dana", width=18),
        Column("get_asnaf_display", "Asnaf", width=11),
        ukuran,
    ]
    if obj.bentuk == Penyaluran.Bentuk.BARANG:
        kolom.append(Column("jumlah", "Nilai (Rp)", kind="money", width=16, total=True))
    if tanda_tangan:
        kolom.append(Column("pk", "Tanda tangan / cap jempol", width=30, fmt=lambda _: ""))
    return [*kolom, Column("keterangan_daftar", "Ket.", width=22)]


def _daftar(obj: Penyaluran):
    """The round's rows for the field list (cancelled hand-overs left out)."""
    return (
        obj.penerima.exclude(status=Status.DIBATALKAN)
        .select_related("ppks__padukuhan", "dana")
        .prefetch_related("ppks__kategori")
        .order_by("ppks__nama", "id")
    )


def _jumlah(qs, columns: list[Column]) -> dict:
    summed = [c.accessor for c in columns if c.total]
    return qs.order_by().aggregate(**{a: Jumlah(a) for a in summed})


def _konteks(obj: Penyaluran, judul: str) -> dict:
    return {
        **tenancy().print_context(obj.wksbm, TTD),
        "judul": judul,
        "obj": obj,
        "periode": f"Penyaluran No. {obj.nomor}: {obj.judul}",
        "tanggal_cetak": timezone.localdate(),
    }


def catat_ekspor(user, obj: Penyaluran, judul: str, baris: int) -> str:
    """Log a file naming this round's recipients; its watermark (registry.pdp)."""
    return tenancy().log_personal_export(
        user=user,
        tenant=obj.wksbm,
        book=f"{judul} · penyaluran No. {obj.nomor}",
        rows=baris,
    )


def daftar_pdf(obj: Penyaluran, watermark: str = "") -> bytes:
    columns = kolom_daftar(obj)
    qs = _daftar(obj)
    totals = _jumlah(qs, columns)
    return render_pdf(
        "distribution/daftar_penerima_print.html",
        {
            **_konteks(obj, "Daftar Penerima Bantuan"),
            "columns": columns,
            "rows": rows(qs.iterator(chunk_size=2000), columns),
            "totals": [c.format(totals[c.accessor]) if c.total else "" for c in columns],
        },
        watermark=watermark,
    )


def _sheet(obj: Penyaluran, judul: str, columns: list[Column], watermark: str = "") -> excel.Sheet:
    return excel.Sheet(
        title=judul,
        subtitle=[
            str(obj.wksbm),
            f"Penyaluran No. {obj.nomor}: {obj.judul}",
            f"Tanggal: {obj.tanggal:%d/%m/%Y} · Bentuk: {obj.get_bentuk_display()}",
        ],
        headers=["No", *(c.label for c in columns)],
        kinds=["int", *(c.kind for c in columns)],
        widths=[5, *(c.width for c in columns)],
        watermark=watermark,
    )


def daftar_xlsx(obj: Penyaluran, watermark: str = ""):
    columns = kolom_daftar(obj, tanda_tangan=False)
    qs = _daftar(obj)
    totals = _jumlah(qs, columns)
    data = (
        [i, *(c.cell(row) for c in columns)]
        for i, row in enumerate(qs.iterator(chunk_size=2000), start=1)
    )
    jumlah = ["JUMLAH", *(c.typed(totals[c.accessor]) if c.total else None for c in columns)]
    sheet = _sheet(obj, "Daftar Penerima Bantuan", columns, watermark)
    return excel.write(sheet, data, jumlah)


def tanda_terima(obj: Penyaluran, row: Penerima, watermark: str = "") -> bytes:
    """finance's tanda terima for one recipient: money with terbilang (and the meterai box
    above Rp5.000.000), or the goods handed over; blank date lines are signed in the field."""
    barang = []
    if obj.natura:
        barang = [(str(obj.komoditas), row.banyak, obj.satuan_tampil)]
    elif obj.bentuk == Penyaluran.Bentuk.BARANG and row.banyak:
        barang = [(obj.uraian or obj.judul, row.banyak, obj.satuan or "satuan")]
    elif obj.bentuk == Penyaluran.Bentuk.JASA and not row.jumlah:
        barang = [(obj.uraian or obj.judul, Decimal(1), "layanan")]
    # The number finance gave the posted hand-over; blank (dotted) on the form signed in the
    # field before anything was posted.
    entri = row.jurnal or row.mutasi
    nomor = getattr(entri, "nomor_tanda_terima", "") or (
        f"PYL-{obj.nomor}/{row.pk}" if entri else ""
    )
    return tanda_terima_pdf(
        wksbm=obj.wksbm,
        nomor=nomor,
        tanggal=row.tanggal_serah or obj.tanggal,
        penerima=row.ppks.nama,
        uraian=f"{obj.judul} (penyaluran No. {obj.nomor})",
        jumlah=row.jumlah if not obj.natura else None,
        barang=barang,
        dibatalkan=row.status == Status.DIBATALKAN,
        watermark=watermark,
    )


# --- the round's report --------------------------------------------------------------------


def rekap(obj: Penyaluran) -> dict:
    """Planned vs delivered per fund and per PPKS category (a PPKS in two categories counts
    in both), and the number of rows per status: three queries."""
    ukuran = "banyak" if obj.natura else "jumlah"
    berlaku = Q(status__in=[Status.RENCANA, Status.DISERAHKAN])
    tersalur = Q(status=Status.DISERAHKAN)
    tidak = Q(status=Status.TIDAK)

    def per(qs, *fields):
        return list(
            qs.order_by()
            .values(*fields)
            .annotate(
                n_rencana=Count("id", filter=berlaku | tidak),
                n_tersalur=Count("id", filter=tersalur),
                n_tidak=Count("id", filter=tidak),
                rencana=Jumlah(ukuran, filter=berlaku | tidak),
                tersalur=Jumlah(ukuran, filter=tersalur),
            )
            .order_by(*fields)
        )

    semua = obj.penerima.exclude(status=Status.DIBATALKAN)
    total = semua.order_by().aggregate(
        n_rencana=Count("id"),
        n_tersalur=Count("id", filter=tersalur),
        n_tidak=Count("id", filter=tidak),
        rencana=Jumlah(ukuran),
        tersalur=Jumlah(ukuran, filter=tersalur),
    )
    return {
        "per_dana": per(semua, "dana__nama"),
        "per_kategori": per(semua, "ppks__kategori__kode", "ppks__kategori__nama"),
        "total": total,
        "uang": not obj.natura,
    }


def laporan_pdf(obj: Penyaluran, watermark: str = "") -> bytes:
    return render_pdf(
        "distribution/laporan_penyaluran_print.html",
        {
            **_konteks(obj, "Laporan Penyaluran Bantuan"),
            "rekap": rekap(obj),
            "penerima": _daftar(obj),
            "satuan": obj.satuan_tampil,
        },
        watermark=watermark,
    )


LAPORAN_KOLOM = [
    ("Kelompok", "text", 16),
    ("Nama", "text", 32),
    ("Penerima direncanakan", "int", 12),
    ("Penerima tersalur", "int", 12),
    ("Tidak tersalurkan", "int", 12),
    ("Rencana", "money", 18),
    ("Tersalur", "money", 18),
]


def laporan_xlsx(obj: Penyaluran):
    r = rekap(obj)
    nilai = "money" if r["uang"] else "decimal"
    kinds = [k if k != "money" else nilai for _, k, _ in LAPORAN_KOLOM]
    satuan = "Rp" if r["uang"] else obj.satuan_tampil
    sheet = excel.Sheet(
        title="Laporan Penyaluran Bantuan",
        subtitle=[str(obj.wksbm), f"Penyaluran No. {obj.nomor}: {obj.judul}", f"Satuan: {satuan}"],
        headers=[label for label, _, _ in LAPORAN_KOLOM],
        kinds=kinds,
        widths=[w for _, _, w in LAPORAN_KOLOM],
    )

    def baris(kelompok, nama, g):
        return [
            kelompok,
            nama,
            g["n_rencana"],
            g["n_tersalur"],
            g["n_tidak"],
            Decimal(g["rencana"]),
            Decimal(g["tersalur"]),
        ]

    data = [baris("Dana", g["dana__nama"] or "(tanpa dana)", g) for g in r["per_dana"]]
    data += [
        baris(
            "Kategori PPKS",
            f"{g['ppks__kategori__kode']} – {g['ppks__kategori__nama']}"
            if g["ppks__kategori__kode"]
            else "(tanpa kategori)",
            g,
        )
        for g in r["per_kategori"]
    ]
    return excel.write(sheet, data, baris("JUMLAH", "Seluruh penerima", r["total"]))


# --- views ---------------------------------------------------------------------------------


def _round(user, wksbm: int, pk: int) -> Penyaluran:
    tenant = get_wksbm(user, wksbm)
    return get_object_or_404(
        Penyaluran.objects.filter(wksbm=tenant).select_related("wksbm", "komoditas"), pk=pk
    )


# A round's PDF naming more than EKSPOR_LATAR_PDF_BARIS recipients is made by the task worker
# (wksbm.ekspor), as the requester, logged and watermarked there. The worker renders it in one
# pass: these two templates are not book tables, which wksbm.ekspor.pdf splits into chunks.
PDF = {
    "daftar": ("Daftar Penerima Bantuan", "daftar-penerima", daftar_pdf),
    "laporan": ("Laporan Penyaluran Bantuan", "laporan-penyaluran", laporan_pdf),
}


def _pdf_view(request, wksbm: int, pk: int, book, jenis: str) -> HttpResponse:
    obj = _round(request.user, wksbm, pk)
    judul, berkas, buat = PDF[jenis]
    baris = _daftar(obj).count()
    if baris > settings.EKSPOR_LATAR_PDF_BARIS:
        detail = reverse(book.url_name("detail"), kwargs={"wksbm": obj.wksbm_id, "pk": obj.pk})
        return di_latar(
            request,
            nama=f"{judul} · penyaluran No. {obj.nomor}",
            isi=f"berisi {baris} baris",
            fmt="pdf",
            wksbm=obj.wksbm,
            crumbs=[(detail, f"Penyaluran No. {obj.nomor}")],
            tenant_id=obj.wksbm_id,
            jenis="penyaluran-pdf",
            sumber=jenis,
            judul=f"{judul} (PDF) · penyaluran No. {obj.nomor}",
            parameter={"pk": obj.pk},
            baris_total=baris,  # names but no NIK: for whoever may print it here too
        )
    watermark = catat_ekspor(request.user, obj, f"{judul} (PDF)", baris)
    return pdf_response(buat(obj, watermark), _nama_berkas(berkas, obj))


@ekspor.producer("penyaluran-pdf")
def penyaluran_pdf(job, progress) -> ekspor.Hasil:
    obj = _round(job.user, job.tenant_id, job.parameter["pk"])
    judul, berkas, buat = PDF[job.sumber]
    baris = _daftar(obj).count()
    progress(0, baris)
    pdf = buat(obj, catat_ekspor(job.user, obj, f"{judul} (PDF)", baris))
    return ekspor.Hasil(pdf, f"{slugify(_nama_berkas(berkas, obj))}.pdf")


def daftar_pdf_view(request, wksbm: int, pk: int, book) -> HttpResponse:
    return _pdf_view(request, wksbm, pk, book, "daftar")


def daftar_xlsx_view(request, wksbm: int, pk: int, book) -> FileResponse:
    obj = _round(request.user, wksbm, pk)
    watermark = catat_ekspor(
        request.user, obj, "Daftar Penerima Bantuan (Excel)", _daftar(obj).count()
    )
    return _xlsx_response(daftar_xlsx(obj, watermark), _nama_berkas("daftar-penerima", obj))


def laporan_pdf_view(request, wksbm: int, pk: int, book) -> HttpResponse:
    return _pdf_view(request, wksbm, pk, book, "laporan")


def laporan_xlsx_view(request, wksbm: int, pk: int, book) -> FileResponse:
    obj = _round(request.user, wksbm, pk)
    return _xlsx_response(laporan_xlsx(obj), _nama_berkas("laporan-penyaluran", obj))
