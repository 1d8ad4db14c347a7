"""A big printed book in chunks: rendered by parallel processes, merged, numbered once.

WeasyPrint lays out one document in one process, and its time and memory grow with the
document (10,000 rows: about a minute and 1.25 GB). Here the rows are split into chunks of
EKSPOR_PDF_BAGIAN_BARIS; each chunk is the same print template with its slice of the rows
(numbered on from the previous chunk), rendered in a pool of EKSPOR_PDF_PROSES processes.
The kop and title print on the first chunk only, the table's footer (JUMLAH) and the
signatures on the last only; the table header repeats on every page as always. The chunks
print without page numbers; "Halaman X dari Y" across the whole document comes from a
numbers-only overlay rendered once the page count is known, stamped onto every page (pypdf).
Measured against one-pass WeasyPrint in bench/ekspor.py.
"""

import collections
import io
import itertools
import multiprocessing
import re
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import IO

from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    RectangleObject,
)

# Extra CSS per chunk, as a <style> in the chunk's document (author styles win over the
# print.css user stylesheet). The kop stays in the layout, invisible and zero-high, so that
# its name still feeds the footer's string(dokumen).
_TANPA_NOMOR = "@page { @bottom-right { content: none; } }"
_LANJUTAN = (
    ".kop { visibility: hidden; height: 0; margin: 0; padding: 0; border: 0; overflow: hidden; }"
    " .kop > :not(.kop-nama) { display: none; } h1.judul, p.periode { display: none; }"
)
_BERSAMBUNG = "table.tabel tfoot, table.ttd { display: none; }"
# The overlay: blank pages of the same size and margins, each naming its number in the same
# margin box (and style) as print.css does.
_OVERLAY = (
    "@page {{ size: {w}pt {h}pt; @bottom-left {{ content: none; }}"
    " @bottom-right {{ content: string(halaman); }} }}"
    " p {{ string-set: halaman content(); visibility: hidden; margin: 0;"
    " page-break-after: always; }} p:last-child {{ page-break-after: auto; }}"
)


def _with_style(html: str, css: str) -> str:
    return re.sub(r"</head>", f"<style>{css}</style></head>", html, count=1)


def _init_worker() -> None:
    # A spawned process starts bare: load the settings the print stylesheet is found by.
    import django

    django.setup()


def _render(html: str) -> bytes:
    from wksbm.pdf import html_to_pdf

    return html_to_pdf(html)


def _overlay_html(first: int, last: int, total: int, width: float, height: float) -> str:
    pages = "".join(f"<p>Halaman {n} dari {total}</p>" for n in range(first, last + 1))
    css = _OVERLAY.format(w=f"{width:.2f}", h=f"{height:.2f}")
    head = f'<!doctype html><html lang="id"><head><style>{css}</style></head>'
    return f"{head}<body>{pages}</body></html>"


def _stream(writer: PdfWriter, data: bytes, **entries) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    stream.update({NameObject(k): v for k, v in entries.items()})
    return writer._add_object(stream)


def _stamp(writer: PdfWriter, page, number) -> None:
    """Draw the page `number` (its "Halaman X dari Y") over `page` as a form XObject, with the
    page's own content wrapped in q/Q but not parsed: pypdf's merge_page decodes every page's
    content stream, which held a 600-page document in the parent's memory."""
    form = _stream(
        writer,
        number.get_contents().get_data(),
        **{
            "/Type": NameObject("/XObject"),
            "/Subtype": NameObject("/Form"),
            "/BBox": RectangleObject(number.mediabox),
            "/Resources": number["/Resources"].get_object().clone(writer),
        },
    )
    # Pages of one chunk share their resources: each stamped page gets its own copy.
    resources = DictionaryObject(page["/Resources"].get_object())
    xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
    xobjects[NameObject("/HalamanKe")] = form
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources
    content = page.raw_get("/Contents")  # a reference: a stream must stay indirect
    resolved = content.get_object()
    parts = list(resolved) if isinstance(resolved, ArrayObject) else [content]
    page[NameObject("/Contents")] = ArrayObject(
        [_stream(writer, b"q\n"), *parts, _stream(writer, b"\nQ q /HalamanKe Do Q\n")]
    )


def _chunks(rows: Iterable, size: int):
    """(offset, rows, is_last) for each chunk; one empty chunk when there are no rows."""
    it = iter(rows)
    chunk = list(itertools.islice(it, size))
    offset = 0
    while True:
        following = list(itertools.islice(it, size))
        yield offset, chunk, not following
        if not following:
            return
        offset += len(chunk)
        chunk = following


def render_chunked(
    template_name: str,
    context: dict,
    rows: Iterable[str],
    *,
    chunk_rows: int | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> IO[bytes]:
    """`template_name` (a book print template: `rows`, numbered from `nomor_awal`) as one PDF,
    rendered chunk by chunk in parallel, in a rewound temporary file. `progress(rows_done)` is
    called as chunks finish."""
    chunk_rows = chunk_rows or settings.EKSPOR_PDF_BAGIAN_BARIS
    workers = workers or settings.EKSPOR_PDF_PROSES
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
    )
    with pool:
        pending: collections.deque = collections.deque()  # (future, rows) in document order
        readers: list[PdfReader] = []
        done = 0

        def collect() -> None:
            nonlocal done
            future, size = pending.popleft()
            readers.append(PdfReader(io.BytesIO(future.result())))
            done += size
            if progress:
                progress(done)

        for offset, chunk, last in _chunks(rows, chunk_rows):
            css = _TANPA_NOMOR + ("" if offset == 0 else _LANJUTAN) + ("" if last else _BERSAMBUNG)
            html = render_to_string(template_name, {**context, "rows": chunk, "nomor_awal": offset})
            pending.append((pool.submit(_render, _with_style(html, css)), len(chunk)))
            if len(pending) > workers:  # every process busy, no more HTML than that held
                collect()
        while pending:
            collect()
        total = sum(len(r.pages) for r in readers)
        box = readers[0].pages[0].mediabox
        # The overlay in one part per worker: each names its own page numbers.
        step = -(-total // workers)
        parts = [
            pool.submit(
                _render,
                _overlay_html(first, min(first + step - 1, total), total, box.width, box.height),
            )
            for first in range(1, total + 1, step)
        ]
        numbers = [page for part in parts for page in PdfReader(io.BytesIO(part.result())).pages]
    writer = PdfWriter()
    pages = (page for reader in readers for page in reader.pages)
    for page, number in zip(pages, numbers, strict=True):
        _stamp(writer, writer.add_page(page), number)
    if readers[0].metadata and readers[0].metadata.title:
        writer.add_metadata({"/Title": readers[0].metadata.title})
    out = tempfile.TemporaryFile()  # noqa: SIM115 (returned open)
    writer.write(out)
    out.seek(0)
    return out
