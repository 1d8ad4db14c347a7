"""HTML templates to A4 PDF with WeasyPrint, on one print layout (templates/print/base.html).

Every asset reaches the renderer inline (data: URIs, one stylesheet read from our static
files), and the fetcher allows nothing else: a PDF never makes a network request.
"""

import base64
from functools import cache

import segno
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from .uploads import content_type

PRINT_CSS = "css/print.css"


@cache
def _stylesheet() -> CSS:
    path = finders.find(PRINT_CSS)
    with open(path, encoding="utf-8") as f:
        return CSS(string=f.read())


def _fetcher() -> URLFetcher:
    return URLFetcher(allowed_protocols={"data"}, timeout=1)


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, url_fetcher=_fetcher()).write_pdf(stylesheets=[_stylesheet()])


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template that extends print/base.html to PDF bytes."""
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
