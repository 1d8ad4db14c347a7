"""HTML templates to A4 PDF with WeasyPrint, on one print layout (templates/print/base.html).

Every asset reaches the renderer inline (data: URIs, one stylesheet read from our static
files), and the fetcher allows nothing else but our own static files: a PDF never makes a
network request nor reads a file outside the static folders, whatever user text it prints.
"""

import base64
import logging
import mimetypes
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .uploads import content_type

PRINT_CSS = "css/print.css"


@cache
def _stylesheet() -> CSS:
    path = finders.find(PRINT_CSS)
    with open(path, encoding="utf-8") as f:
        return CSS(string=f.read())


logger = logging.getLogger(__name__)


class _Fetcher(URLFetcher):
    """data: URIs (the stempel, the QR code) and our own static files; any other URL (other
    files, http(s), relative paths) is refused without being opened, and logged by scheme
    only (a URL may carry user text)."""

    def fetch(self, url, headers=None):
        if url[:5].lower() == "data:":
            return super().fetch(url, headers)
        if path := static_file(url):
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
        logger.warning("PDF: sumber luar ditolak (%s).", urlsplit(url).scheme or "tanpa skema")
        raise ValueError("PDF hanya memuat data: URI dan berkas statis aplikasi.")


def static_file(url: str) -> Path | None:
    """The file a file: URL names when it is one of our static files (STATIC_ROOT or a
    staticfiles finder's folder, symlinks and `..` resolved), else None."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(parts.path)).resolve()
    roots = [settings.STATIC_ROOT] + [
        storage.location
        for finder in finders.get_finders()
        for storage in getattr(finder, "storages", {}).values()
    ]
    inside = any(path.is_relative_to(Path(root).resolve()) for root in roots if root)
    return path if inside and path.is_file() else None


def _fetcher() -> URLFetcher:
    return _Fetcher(allowed_protocols={"data"}, timeout=1)


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, url_fetcher=_fetcher()).write_pdf(stylesheets=[_stylesheet()])


def render_pdf(template_name: str, context: dict, *, watermark: str = "") -> bytes:
    """Render a template that extends print/base.html to PDF bytes; a `watermark` (who
    downloaded personal data, and when) is printed on every page."""
    if watermark:
        context = {**context, "watermark": watermark}
    return html_to_pdf(render_to_string(template_name, context))


def data_uri(field_file) -> str:
    """A stored image as a data: URI for the renderer (empty when there is none)."""
    if not field_file:
        return ""
    try:
        with field_file.storage.open(field_file.name, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        return ""
    return f"data:{content_type(field_file.name)};base64,{base64.b64encode(raw).decode()}"


def qr_data_uri(url: str) -> str:
    """SVG QR code of `url` (error correction M) as a data: URI."""
    return segno.make(url, error="m").svg_data_uri(scale=3, border=2)
