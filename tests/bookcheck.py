"""Checks every book must pass, shared by the book tests (one place instead of eight copies).

A book test builds one row of WKSBM A and valid form data, then calls these helpers.
"""

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from wksbm.books.core import _registry


def book(slug: str):
    return _registry[slug]


def url(slug: str, action: str, wksbm, pk=None) -> str:
    kwargs = {"wksbm": getattr(wksbm, "pk", wksbm)}
    if pk is not None:
        kwargs["pk"] = getattr(pk, "pk", pk)
    return reverse(book(slug).url_name(action), kwargs=kwargs)


def read_urls(slug: str, wksbm, obj) -> list[str]:
    urls = [
        url(slug, "list", wksbm),
        url(slug, "detail", wksbm, obj),
        url(slug, "pdf", wksbm),
        url(slug, "xlsx", wksbm),
    ]
    if book(slug).history:
        urls.append(url(slug, "history", wksbm, obj))
    return urls


def write_urls(slug: str, wksbm, obj) -> list[str]:
    b = book(slug)
    urls = []
    if b.creatable:
        urls.append(url(slug, "create", wksbm))
    if b.editable:
        urls.append(url(slug, "edit", wksbm, obj))
    if b.import_key:
        urls += [url(slug, "import", wksbm), url(slug, "import-template", wksbm)]
    return urls


def status_of(client, user, method: str, target: str) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(target)
    return response.status_code


def check_personas(client, dunia, slug: str, obj) -> None:
    """Pengurus of A reads and writes; lurah and Dinas Sosial read only (403 on writes);
    the pengurus of B gets 404 everywhere; anonymous users are sent to the login page."""
    a = dunia.a.wksbm
    for target in read_urls(slug, a, obj):
        assert status_of(client, dunia.pengurus_a, "get", target) == 200, target
        assert status_of(client, dunia.lurah_a, "get", target) == 200, target
        assert status_of(client, dunia.dinsos, "get", target) == 200, target
        assert status_of(client, dunia.pengurus_b, "get", target) == 404, target
        client.logout()
        response = client.get(target)
        assert response.status_code == 302 and response["Location"].startswith("/masuk/"), target
    for target in write_urls(slug, a, obj):
        assert status_of(client, dunia.pengurus_a, "get", target) == 200, target
        for reader in (dunia.lurah_a, dunia.dinsos):
            assert status_of(client, reader, "get", target) == 403, target
            assert status_of(client, reader, "post", target) == 403, target
        assert status_of(client, dunia.pengurus_b, "get", target) == 404, target
        assert status_of(client, dunia.pengurus_b, "post", target) == 404, target


def queries(client, target: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(target)
    assert response.status_code == 200, target
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return len(ctx.captured_queries)


def xlsx_rows(response) -> list[tuple]:
    content = b"".join(response.streaming_content)
    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    return list(ws.iter_rows(values_only=True))


def xlsx_sheet(response):
    content = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(content)).worksheets[0]


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content) if response.streaming else response.content
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)
