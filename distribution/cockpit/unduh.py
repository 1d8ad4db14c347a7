"""The cockpit's downloads: the recap Excel file (a row per WKSBM and a sheet per table), the
recap PDF, and one zip of both with every WKSBM's submitted (frozen) laporan of the period.

A recap of a whole kabupaten/kota or province, of a whole year, and every bundle are made by
the task worker (wksbm.ekspor: offer, job, progress page, private download); a kapanewon or
kalurahan for a shorter period comes straight back. Aggregates only, like the pages: no PPKS
name or NIK is in any of them."""

import tempfile
import zipfile

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from wksbm import excel
from wksbm.ekspor import jobs as ekspor
from wksbm.ekspor.views import di_latar, parameter_dari
from wksbm.pdf import render_pdf

from ..models import VersiLaporan
from . import area as areas
from . import periode as periodes
from .data import DILAPORKAN, STATUS, Area, Rekap, rekap, wksbm_area
from .views import _konteks

WIDTH = {"int": 14, "money": 18, "decimal": 14}


def _nama_berkas(area: Area, r: Rekap, jenis: str, ext: str) -> str:
    return f"{jenis}_{slugify(area.nama) or 'wilayah'}_{r.periode.slug}.{ext}"


def _subjudul(r: Rekap) -> list[str]:
    return [r.area.dinas, f"Wilayah: {r.area.nama}", f"Periode: {r.periode.label}"]


def xlsx_rekap(user, area: Area, p) -> tuple[object, Rekap]:
    """The recap workbook (rewound temporary file) and the area's figures."""
    r = rekap(user, area, p)
    per_wksbm = rekap(user, area, p, kunci="id")
    info = {w["id"]: w for w in per_wksbm.wksbm}
    kolom = [
        ("WKSBM", "text", 34),
        (
            r.area.tingkat_anak.title() if r.area.kunci == "desa_id" else "Kalurahan/desa",
            "text",
            20,
        ),
        ("Kapanewon/kecamatan", "text", 20),
        ("Kabupaten/kota", "text", 20),
        ("Status", "text", 16),
        ("PPKS aktif", "int", 11),
        ("PPKS terlayani", "int", 11),
        ("Dana terhimpun", "money", 18),
        ("Pengeluaran", "money", 18),
        ("Penyerahan bantuan", "int", 11),
        ("Uang tersalur", "money", 18),
        ("Natura tersalur (kg)", "decimal", 12),
        ("Kegiatan", "int", 10),
        ("Peserta kegiatan", "int", 10),
        ("Laporan terakhir s.d.", "date", 14),
    ]
    rows = []
    for k in per_wksbm.kelompok:
        w, a = info[k.kunci], k.angka
        status = next(iter(a.status))
        rows.append(
            [
                w["nama"],
                w["desa__nama"],
                w["desa__kecamatan__nama"],
                w["desa__kecamatan__kabupaten__nama"],
                STATUS[status],
                a.ppks,
                a.dilayani,
                a.total_masuk,
                a.total_keluar,
                sum(a.serah.values()),
                a.uang,
                a.natura,
                sum(a.kegiatan.values()),
                a.peserta,
                w["laporan_akhir"],
            ]
        )
    t = per_wksbm.total
    jumlah = [
        "JUMLAH",
        None,
        None,
        None,
        None,
        t.ppks,
        t.dilayani,
        t.total_masuk,
        t.total_keluar,
        sum(t.serah.values()),
        t.uang,
        t.natura,
        sum(t.kegiatan.values()),
        t.peserta,
        None,
    ]
    parts = [
        (
            excel.Sheet(
                "Rekap per WKSBM",
                _subjudul(r),
                [k[0] for k in kolom],
                [k[1] for k in kolom],
                [k[2] for k in kolom],
            ),
            rows,
            jumlah,
        )
    ]
    for tabel in r.tabel():
        parts.append(
            (
                excel.Sheet(
                    tabel.judul,
                    _subjudul(r),
                    [r.area.tingkat_anak.capitalize(), *(c.label for c in tabel.kolom)],
                    ["text", *(c.kind for c in tabel.kolom)],
                    [30, *(WIDTH[c.kind] for c in tabel.kolom)],
                ),
                [[k.nama, *nilai] for k, nilai in tabel.baris],
                ["JUMLAH", *tabel.jumlah],
            )
        )
    parts.append(
        (
            excel.Sheet(
                "Tren per bulan",
                _subjudul(r),
                [
                    "Bulan",
                    "Dana terhimpun",
                    "Pengeluaran",
                    "Penyerahan bantuan",
                    "Uang tersalur",
                    "Kegiatan",
                ],
                ["text", "money", "money", "int", "money", "int"],
                [18, 18, 18, 12, 18, 10],
            ),
            [[b.nama, b.masuk, b.keluar, b.serah, b.uang, b.kegiatan] for b in r.bulan],
        )
    )
    return excel.write_sheets(parts), r


def pdf_rekap(request, area: Area, p, form=None) -> tuple[bytes, Rekap]:
    r = rekap(request.user, area, p)
    context = _konteks(request, r, form)
    context.update(
        {
            "judul": f"Rekapitulasi WKSBM {area.nama}",
            "periode": p.label,
            "tanggal_cetak": timezone.localdate(),
        }
    )
    return render_pdf("distribution/cockpit_print.html", context), r


def _pilihan(request, wilayah):
    area = areas.area(request.user, wilayah)
    p, _ = periodes.dari_request(request)
    return area, p


FORMAT = {"xlsx": "Excel", "pdf": "PDF", "zip": "ZIP"}


def _di_latar(area: Area, p, fmt: str) -> bool:
    # Region codes: "34" a province, "34.02" a kabupaten/kota (longer: kapanewon, kalurahan).
    luas = area.kode is None or len(area.kode) <= len("34.02")
    setahun = (p.sampai - p.dari).days + 1 >= settings.EKSPOR_LATAR_HARI
    return fmt == "zip" or luas or setahun


def _unduh_atau_latar(request: HttpRequest, wilayah: str | None, fmt: str):
    """The file now, or (a wide area, a year, a bundle) the offer (GET) and the job (POST)."""
    area, p = _pilihan(request, wilayah)
    if not _di_latar(area, p, fmt):
        return None, area, p
    judul = f"Rekap WKSBM {area.nama} · {p.label}"
    if fmt == "zip":
        judul = f"Bundel laporan WKSBM {area.nama} · {p.label}"
    jumlah = wksbm_area(request.user, area).count()
    asal = reverse("distribution:cockpit-wilayah", args=[wilayah]) if wilayah else None
    response = di_latar(
        request,
        nama=judul,
        isi=f"mencakup {jumlah} WKSBM",
        fmt=fmt,
        wksbm=None,
        crumbs=[(asal or reverse("distribution:cockpit"), area.nama)],
        tenant_id=None,
        jenis=f"rekap-{fmt}",
        sumber="cockpit",
        judul=f"{judul} ({FORMAT[fmt]})",
        parameter={"wilayah": wilayah, "query": parameter_dari(request)},
        baris_total=jumlah,
    )
    return response, area, p


def cockpit_xlsx(request: HttpRequest, wilayah: str | None = None) -> HttpResponse:
    latar, area, p = _unduh_atau_latar(request, wilayah, "xlsx")
    if latar is not None:
        return latar
    berkas, r = xlsx_rekap(request.user, area, p)
    return FileResponse(
        berkas,
        as_attachment=True,
        filename=_nama_berkas(area, r, "rekap-wksbm", "xlsx"),
        content_type=excel.XLSX_TYPE,
    )


def cockpit_pdf(request: HttpRequest, wilayah: str | None = None) -> HttpResponse:
    latar, area, p = _unduh_atau_latar(request, wilayah, "pdf")
    if latar is not None:
        return latar
    pdf, r = pdf_rekap(request, area, p)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = _nama_berkas(area, r, "rekap-wksbm", "pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def versi_periode(user, area: Area, p):
    """The latest submitted version of each laporan of the area inside the period (one query)."""
    versi = (
        VersiLaporan.objects.filter(
            laporan__wksbm__in=wksbm_area(user, area).values("pk"),
            laporan__status__in=DILAPORKAN,
            laporan__mulai__gte=p.dari,
            laporan__akhir__lte=p.sampai,
        )
        .select_related("laporan__wksbm__desa__kecamatan")
        .order_by(
            "laporan__wksbm__desa__kecamatan_id", "laporan__wksbm__nama", "laporan_id", "-nomor"
        )
    )
    terakhir = {}
    for v in versi:
        terakhir.setdefault(v.laporan_id, v)
    return list(terakhir.values())


def cockpit_zip(request: HttpRequest, wilayah: str | None = None) -> HttpResponse:
    latar, _, _ = _unduh_atau_latar(request, wilayah, "zip")
    return latar  # always made by the worker: it collects every laporan PDF of the period


def bundel(request, area: Area, p, progress=lambda done: None) -> tuple[object, str]:
    """Recap XLSX + PDF and every submitted laporan PDF of the period, in one zip (spooled):
    the rewound file and its name. `progress(done)` counts the recap's WKSBMs, then each
    laporan."""
    xlsx, r = xlsx_rekap(request.user, area, p)
    pdf, _ = pdf_rekap(request, area, p)
    done = len(r.wksbm)
    progress(done)
    out = tempfile.SpooledTemporaryFile(max_size=excel.SPOOL_BYTES)  # noqa: SIM115 (returned)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(_nama_berkas(area, r, "rekap-wksbm", "xlsx"), xlsx.read())
        z.writestr(_nama_berkas(area, r, "rekap-wksbm", "pdf"), pdf)
        for v in versi_periode(request.user, area, p):
            w = v.laporan.wksbm
            nama = (
                f"laporan/{slugify(w.desa.kecamatan.nama)}/{slugify(w.nama)}_"
                f"{slugify(v.laporan.nama_periode)}_v{v.nomor}.pdf"
            )
            with v.pdf.open("rb") as f:
                z.writestr(nama, f.read())
            done += 1
            progress(done)
    out.seek(0)
    return out, _nama_berkas(area, r, "bundel-laporan", "zip")


# The worker's side: the request rebuilt as its requester (area and period checked again).


def _replay(job) -> tuple[HttpRequest, Area, object]:
    request = ekspor.permintaan(job, job.parameter["query"])
    return request, *_pilihan(request, job.parameter["wilayah"])


def _akses(user, job) -> None:
    areas.area(user, job.parameter["wilayah"])


@ekspor.producer("rekap-xlsx", akses=_akses)
def rekap_xlsx(job, progress) -> ekspor.Hasil:
    request, area, p = _replay(job)
    berkas, r = xlsx_rekap(request.user, area, p)
    progress(len(r.wksbm))
    return ekspor.Hasil(berkas, _nama_berkas(area, r, "rekap-wksbm", "xlsx"))


@ekspor.producer("rekap-pdf", akses=_akses)
def rekap_pdf(job, progress) -> ekspor.Hasil:
    request, area, p = _replay(job)
    pdf, r = pdf_rekap(request, area, p)
    progress(len(r.wksbm))
    return ekspor.Hasil(pdf, _nama_berkas(area, r, "rekap-wksbm", "pdf"))


@ekspor.producer("rekap-zip", akses=_akses)
def rekap_zip(job, progress) -> ekspor.Hasil:
    request, area, p = _replay(job)
    total = wksbm_area(request.user, area).count() + len(versi_periode(request.user, area, p))
    progress(0, total)
    berkas, nama = bundel(request, area, p, progress)
    return ekspor.Hasil(berkas, nama)
