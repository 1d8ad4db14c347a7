"""Benchmark of a big book PDF: rendered in parallel chunks and merged (wksbm.ekspor.pdf)
beside bare WeasyPrint on the one HTML of the same rows.

    DJANGO_DEBUG=1 .venv/bin/python bench/ekspor.py [--rows 10000] [--chunk 400] [--workers 2]

Each side runs once, in a fresh process of its own, so that its peak memory (its own and its
children's, resource.getrusage ru_maxrss) is its alone. Target (issue 10 §3): the chunked PDF
in ≤ 0.6× the time of bare WeasyPrint and ≤ 300 MB peak memory in every process. The timings
are of one run each: on a shared machine read them beside the load average printed with them.
Uses a temporary SQLite file unless DATABASE_URL is set; the rows are Data PPKS (20 columns,
landscape), made by bench/books.py's make_data.
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _timing import Report  # noqa: E402 (bench/ is on sys.path)
from books import make_data, setup_django  # noqa: E402


def _context(rows: int):
    from django.http import HttpRequest

    from registry.models import Wksbm
    from wksbm.books.core import all_books
    from wksbm.books.views import _filtered, pdf_context, print_rows

    book = next(b for b in all_books() if b.slug == "ppks")
    big = Wksbm.objects.get(nama="WKSBM Bench")
    request = HttpRequest()
    request.user = None
    qs, widgets = _filtered(request, book, big)
    assert qs.count() == rows, qs.count()
    return book, pdf_context(book, big, qs, widgets), print_rows(book, qs)


def run_one(variant: str, rows: int, chunk: int, workers: int) -> dict:
    """One side, in this process: seconds, pages and peak memory (MB) of self and children."""
    from django.template.loader import render_to_string
    from pypdf import PdfReader

    from wksbm.ekspor.pdf import render_chunked
    from wksbm.pdf import html_to_pdf

    book, context, lines = _context(rows)
    start = time.perf_counter()
    if variant == "bare":
        pdf = html_to_pdf(render_to_string(book.print_template, {**context, "rows": lines}))
    else:
        pdf = render_chunked(
            book.print_template, context, lines, chunk_rows=chunk, workers=workers
        ).read()
    seconds = time.perf_counter() - start
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    mb = 1024  # ru_maxrss is in KB on Linux
    return {
        "seconds": seconds,
        "pages": pages,
        "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / mb,
        "children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / mb,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--chunk", type=int, default=400)  # EKSPOR_PDF_BAGIAN_BARIS
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--variant", choices=["bare", "chunked"])
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        tmp = tempfile.mkdtemp(prefix="wksbm-bench-ekspor-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    setup_django()

    if args.variant:  # a child run: one side, its figures as JSON on the last line
        print(json.dumps(run_one(args.variant, args.rows, args.chunk, args.workers)))
        return 0

    print(f"Menyiapkan {args.rows:,} baris Data PPKS ...", flush=True)
    make_data(args.rows)
    results = {}
    for variant in ("bare", "chunked"):
        load = os.getloadavg()
        out = subprocess.run(
            [sys.executable, __file__, *sys.argv[1:], "--variant", variant],
            check=True,
            capture_output=True,
            text=True,
            env=os.environ,
        ).stdout
        results[variant] = figures = json.loads(out.strip().splitlines()[-1])
        print(
            f"  {variant:8} {figures['seconds']:6.1f} s, {figures['pages']} halaman, memori puncak "
            f"proses utama {figures['self_mb']:.0f} MB, anak {figures['children_mb']:.0f} MB "
            f"(beban awal {load[0]:.1f} {load[1]:.1f} {load[2]:.1f})",
            flush=True,
        )
    bare, ours = results["bare"], results["chunked"]
    peak = max(ours["self_mb"], ours["children_mb"])
    together = ours["self_mb"] + args.workers * ours["children_mb"]
    fits = peak <= 300
    report = Report(width=34)
    report.results.append(fits)
    report.row(
        f"PDF {args.rows:,} baris, {args.workers} proses",
        ours["seconds"] * 1000,
        bare["seconds"] * 1000,
        0.6,
        f"; memori puncak per proses {peak:.0f} MB (≤ 300) {'OK' if fits else 'TIDAK'}, "
        f"bare {max(bare['self_mb'], bare['children_mb']):.0f} MB; semua proses bersamaan "
        f"≤ {together:.0f} MB",
    )
    print(f"beban rata-rata setelahnya: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    report.summary()
    return 0 if all(report.results) else 1


if __name__ == "__main__":
    sys.exit(main())
