"""Bare Django for bench/load.py: no apps, no middleware, one view reading 25 PPKS rows of the
WKSBM into an HTML table and one inserting a guest row, on the same database (DATABASE_URL).
The floor the app's throughput is read against; not part of the app."""

import html
import os
from datetime import date

import dj_database_url
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-bare",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)},
    USE_TZ=True,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse, HttpResponseRedirect  # noqa: E402
from django.urls import path  # noqa: E402

WKSBM = int(os.environ["BARE_WKSBM"])


def daftar(request):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nomor, nama, alamat, status FROM registry_ppks"
            " WHERE wksbm_id = %s ORDER BY nama, id LIMIT 25",
            [WKSBM],
        )
        rows = cursor.fetchall()
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return HttpResponse(f"<!doctype html><title>PPKS</title><table>{body}</table>")


def tamu(request):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO registry_tamu (wksbm_id, tanggal, nama, instansi, alamat, telepon,"
            " keperluan, bertemu, keterangan) VALUES (%s, %s, %s, '', '', '', %s, '', '')",
            [WKSBM, date.today(), request.POST.get("nama", ""), request.POST.get("keperluan", "")],
        )
    return HttpResponseRedirect("/")


urlpatterns = [path("", daftar), path("tamu", tamu)]
application = get_wsgi_application()
