"""Benchmark of the Book machinery on Data PPKS with 100,000 rows.

    DJANGO_DEBUG=1 .venv/bin/python bench/books.py [--rows 100000] [--runs 5]

Prints the median time of each piece of work beside the same work done bare (a plain Django
view rendering the same rows; plain openpyxl write-only; plain WeasyPrint on the same HTML)
and the ratio. Targets (issue 3): list ≤ 2× bare and < 150 ms; Excel ≤ 1.5× bare with peak
memory < 200 MB. PDF (issue 8) ≤ 1.2× bare, for Data PPKS and for a year of the demo's
Buku Catatan Pemasukan Dana. Uses a temporary SQLite file unless DATABASE_URL is set.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _timing import Report, getter, median_ms, medians_ms, peak_mb  # noqa: E402 (bench/ is on sys.path)

urlpatterns = []  # filled in main(): our URLs plus the bare view


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wksbm.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    if "DATABASE_URL" not in os.environ:
        tmp = tempfile.mkdtemp(prefix="wksbm-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False  # no query log: measure what production does
    # Measure the rendering itself: no export is handed to the background worker here
    # (bench/ekspor.py measures that path).
    settings.EKSPOR_LATAR_PDF_BARIS = settings.EKSPOR_LATAR_XLSX_BARIS = 10**9
    settings.EKSPOR_LATAR_HARI = 10**6
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


def make_data(rows: int):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from registry import wilayah_data
    from registry.models import KategoriPpks, Peran, Ppks, PpksKategori, Wksbm

    call_command("migrate", verbosity=0)
    if not Wksbm.objects.filter(nama="WKSBM Bench").exists():
        wilayah_data.load(["34"])
    desa_id = "34.02.01.2001"
    big, _ = Wksbm.objects.get_or_create(
        nama="WKSBM Bench", desa_id=desa_id, defaults={"tingkat": "kalurahan", "alamat": "Jl. A"}
    )
    small, _ = Wksbm.objects.get_or_create(
        nama="WKSBM Bench Kecil", desa_id=desa_id, defaults={"tingkat": "kalurahan", "alamat": "B"}
    )
    user, _ = get_user_model().objects.get_or_create(username="bench")
    for w in (big, small):
        Peran.objects.get_or_create(user=user, jenis="pengurus", wksbm=w, jabatan="ketua")
    kategori = list(KategoriPpks.objects.filter(resmi=True))
    for wksbm, count in ((big, rows), (small, 1000)):
        have = Ppks._base_manager.filter(wksbm=wksbm).count()
        batch, links = [], []
        for i in range(have, count):
            batch.append(
                Ppks(
                    wksbm=wksbm,
                    nomor=f"{i + 1:06d}",
                    nama=f"Warga {i:06d}",
                    jenis_kelamin="LP"[i % 2],
                    tempat_lahir="Bantul",
                    tanggal_lahir=date(1940, 1, 1) + timedelta(days=i % 20000),
                    alamat=f"Padukuhan {i % 40}, RT {i % 9 + 1:02d}",
                    tanggal_pendataan=date(2026, 1, 1) + timedelta(days=i % 300),
                    program=["PKH"] if i % 3 == 0 else [],
                )
            )
            if len(batch) == 5000 or i == count - 1:
                # Plain manager: the audited one refuses bulk writes (history is not needed
                # for synthetic benchmark rows).
                created = Ppks._base_manager.bulk_create(batch)
                links += [
                    PpksKategori(ppks=p, kategori=kategori[p.pk % len(kategori)]) for p in created
                ]
                PpksKategori.objects.bulk_create(links)
                batch, links = [], []
    return big, small, user


def bare_list(request, wksbm):
    """The same page done plainly: a paginated queryset into a minimal template."""
    from django.core.paginator import Paginator
    from django.http import HttpResponse
    from django.template import engines

    from registry.models import Ppks
    from wksbm.listing import search

    global _bare_template
    if _bare_template is None:
        _bare_template = engines["django"].from_string(BARE_TEMPLATE)

    qs = (
        Ppks.objects.filter(wksbm_id=wksbm)
        .select_related("padukuhan")
        .prefetch_related("kategori")
        .order_by("nama", "id")
    )
    # The same rows as the book's search: every word in one of the same fields.
    qs = search(qs, request.GET.get("q", ""), ["nama", "nomor", "alamat", "tempat_lahir"])
    page = Paginator(qs, 25).get_page(request.GET.get("halaman"))
    return HttpResponse(_bare_template.render({"page": page}, request))


_bare_template = None


BARE_TEMPLATE = (
    "<!doctype html><html lang='id'><head><title>PPKS</title></head><body><table>"
    "{% for p in page %}<tr><td>{{ p.nomor }}</td><td>{{ p.nama }}</td>"
    "<td>{{ p.get_jenis_kelamin_display }}</td><td>{{ p.tempat_lahir }}</td>"
    "<td>{{ p.tanggal_lahir }}</td><td>{{ p.alamat }}</td><td>{{ p.rt }}</td><td>{{ p.rw }}</td>"
    "<td>{{ p.padukuhan }}</td><td>{% for k in p.kategori.all %}{{ k.kode }}{% endfor %}</td>"
    "<td>{{ p.get_status_display }}</td><td>{{ p.program }}</td><td>{{ p.terdaftar_dtsen }}</td>"
    "<td>{{ p.desil }}</td><td>{{ p.tanggal_pendataan }}</td><td>{{ p.catatan }}</td></tr>"
    "{% endfor %}</table>{{ page.number }} / {{ page.paginator.num_pages }}</body></html>"
)


def bare_xlsx(wksbm):
    """Plain openpyxl write-only over the same rows and values."""
    import tempfile as tf

    from openpyxl import Workbook

    from registry.models import Ppks

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("PPKS")
    qs = (
        Ppks.objects.filter(wksbm=wksbm)
        .select_related("padukuhan")
        .prefetch_related("kategori")
        .order_by("nama", "id")
    )
    for p in qs.iterator(chunk_size=2000):
        ws.append(
            [
                p.nomor,
                p.nama,
                p.get_jenis_kelamin_display(),
                p.tempat_lahir,
                p.tanggal_lahir,
                p.alamat,
                p.rt,
                p.rw,
                str(p.padukuhan or ""),
                ", ".join(k.kode for k in p.kategori.all()),
                p.get_jenis_disabilitas_display(),
                p.get_status_display(),
                ", ".join(p.program),
                "Ya" if p.terdaftar_dtsen else "Tidak",
                p.desil,
                p.tanggal_pendataan,
                p.catatan,
            ]
        )
    with tf.TemporaryFile() as out:
        wb.save(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup_django()

    from django.db import connection
    from django.test import Client
    from django.urls import include, path
    from django.urls import reverse as url
    from django.utils import timezone

    from finance.models import Jurnal

    global urlpatterns
    urlpatterns = [path("bare/<int:wksbm>/", bare_list), path("", include("wksbm.urls"))]

    print(f"Menyiapkan {args.rows:,} baris PPKS ({connection.vendor}) ...", flush=True)
    start = time.perf_counter()
    big, small, user = make_data(args.rows)
    print(f"  siap dalam {time.perf_counter() - start:.1f} s\n")

    client = Client()
    from tests.akun import force_login_terverifikasi  # two-factor roles

    force_login_terverifikasi(client, user)
    ours = url("registry:ppks-list", args=[big.pk])
    bare = f"/bare/{big.pk}/"

    get = getter(client)
    report = Report(width=34)
    row = report.row

    pages = [
        ("Daftar PPKS, halaman 1", {}),
        ("Daftar PPKS, halaman 1.000", {"halaman": 1000}),
        ("Daftar PPKS, cari 'Warga 0999'", {"q": "Warga 0999"}),
    ]
    for label, params in pages:
        ours_ms = median_ms(get(ours, params), args.runs)
        bare_ms = median_ms(get(bare, params), args.runs)
        fast = ours_ms < 150
        report.results.append(fast)
        row(label, ours_ms, bare_ms, 2.0, f"; < 150 ms {'OK' if fast else 'TIDAK'}")

    xlsx = url("registry:ppks-xlsx", args=[big.pk])
    runs = max(1, args.runs // 2)
    ours_ms = median_ms(get(xlsx), runs)
    bare_ms = median_ms(lambda: bare_xlsx(big), runs)
    memory = peak_mb(get(xlsx))
    fits = memory < 200
    report.results.append(fits)
    row(
        f"Excel {args.rows:,} baris",
        ours_ms,
        bare_ms,
        1.5,
        f"; memori puncak {memory:.0f} MB (< 200) {'OK' if fits else 'TIDAK'}",
    )

    pdf = url("registry:ppks-pdf", args=[small.pk])
    bench_pdf(report, get(pdf), "PDF PPKS 1.000 baris", runs)

    # Issue 8: a year of the demo's Buku Catatan Pemasukan Dana took 3-4 s per request.
    bendahara, ngudi_rahayu = demo_money()
    force_login_terverifikasi(client, bendahara)
    hari_ini = timezone.localdate()
    setahun = {"dari": f"{hari_ini.year - 1}-{hari_ini.month:02d}-01", "sampai": f"{hari_ini}"}
    pemasukan = url("finance:pemasukan-pdf", args=[ngudi_rahayu.pk])
    count = Jurnal.objects.filter(wksbm=ngudi_rahayu, arah="masuk").count()
    bench_pdf(report, get(pemasukan, setahun), f"PDF pemasukan setahun ({count} baris)", runs)

    report.summary()
    return 0


def demo_money():
    """The demo's WKSBM with a year of money (`seed_demo`) and its bendahara."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from registry.models import Wksbm

    call_command("seed_demo", force=True, stdout=io.StringIO())
    user = get_user_model().objects.get(username="bendahara_a")
    return user, Wksbm.objects.get(nama="WKSBM Ngudi Rahayu")


def bench_pdf(report: Report, fetch, label: str, runs: int) -> None:
    """Our PDF view beside plain WeasyPrint: on the exact HTML and stylesheet our view
    renders, and on the same rows in a bare table with WeasyPrint's default style. Also
    where our time goes (WeasyPrint, or the database and the template before it), and
    the same HTML with an automatic table layout (the print layout before issue 8)."""
    import wksbm.pdf as pdf_module

    html, weasy = [], []
    original = pdf_module.html_to_pdf

    def timed(text):
        start = time.perf_counter()
        html.append(text)
        out = original(text)
        weasy.append((time.perf_counter() - start) * 1000)
        return out

    stylesheet = pdf_module._stylesheet()
    pdf_module.html_to_pdf = timed
    try:
        fetch()  # the exact HTML our view hands to WeasyPrint
        text = html[0]
        auto = text.replace('class="tabel tetap', 'class="tabel')
        ms = medians_ms(
            {
                "ours": fetch,
                "same": lambda: bare_pdf(text, [stylesheet]),
                "plain": lambda: bare_pdf(plain_table(text), []),
                "auto": lambda: bare_pdf(auto, [stylesheet]),
            },
            runs,
        )
    finally:
        pdf_module.html_to_pdf = original
    report.row(f"{label}: HTML+CSS sama", ms["ours"], ms["same"], 1.2)
    report.row(f"{label}: tabel polos", ms["ours"], ms["plain"], 1.2)
    weasy_ms = statistics.median(weasy[2:] or weasy)  # after the capture and the warm-up
    print(
        f"{'':{report.width}} dari {ms['ours']:.0f} ms: WeasyPrint {weasy_ms:.0f} ms, "
        f"basis data + templat {ms['ours'] - weasy_ms:.0f} ms; tata letak tabel otomatis "
        f"(sebelum): {ms['auto']:.0f} ms ({ms['auto'] / ms['ours']:.1f}× lebih lambat)"
    )


def plain_table(text: str) -> str:
    """The same rows (our <tbody>) in a bare HTML table, without our kop, header or style."""
    body = text[text.index("<tbody>") : text.index("</tbody>") + len("</tbody>")]
    return f"<!doctype html><html lang='id'><title>PDF</title><table>{body}</table></html>"


def bare_pdf(text: str, stylesheets: list) -> bytes:
    """Plain WeasyPrint on an HTML text."""
    from weasyprint import HTML

    return HTML(string=text).write_pdf(stylesheets=stylesheets)


if __name__ == "__main__":
    sys.exit(main())
