"""Benchmark of a penyaluran round of 2,000 recipients.

    DJANGO_DEBUG=1 .venv/bin/python bench/penyaluran.py [--penerima 2000] [--runs 5]

Prints the median time of each piece of work beside the same work done bare and the ratio:
the round's page (every recipient with its fund, status and double-aid warnings) against a
bare Django view over the same rows; the daftar penerima PDF against bare WeasyPrint on the
very HTML our view renders; the daftar penerima Excel against bare openpyxl write-only with
the same values. Targets (issue 9): page ≤ 1.5×, PDF ≤ 1.2×, Excel ≤ 1.2×.

The PPKS and recipient rows are bulk-inserted (benchmark rows need no history); a tenth of
the recipients are already handed over. Uses a temporary SQLite file unless DATABASE_URL is
set.
"""

import argparse
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _timing import Report, getter, median_ms  # noqa: E402 (bench/ is on sys.path)

urlpatterns = []  # filled in main(): our URLs plus the bare view
NAMA = "WKSBM Bench Penyaluran"


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wksbm.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    if "DATABASE_URL" not in os.environ:
        tmp = tempfile.mkdtemp(prefix="wksbm-bench-penyaluran-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False  # no query log: measure what production does
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


def make_data(n: int):
    """A WKSBM with `n` aktif PPKS, all planned in one money round (reused when present)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from distribution import services
    from distribution.models import DanaPenyaluran, Penerima, Penyaluran
    from finance import services as keuangan
    from finance.models import Dana, Kas
    from registry import wilayah_data
    from registry.models import KategoriPpks, Peran, Ppks, PpksKategori, Wksbm

    call_command("migrate", verbosity=0)
    if not Wksbm.objects.filter(nama=NAMA).exists():
        wilayah_data.load(["34"])
    wksbm, _ = Wksbm.objects.get_or_create(
        nama=NAMA, desa_id="34.02.01.2001", defaults={"tingkat": "kalurahan", "alamat": "Jl. A"}
    )
    user, _ = get_user_model().objects.get_or_create(username="bench-penyaluran")
    # A seksi reads every page without the second factor a ketua or bendahara signs in with.
    Peran.objects.get_or_create(user=user, jenis="pengurus", wksbm=wksbm, jabatan="seksi")
    keuangan.pastikan_dana_bawaan(wksbm)
    umum = Dana.objects.get(wksbm=wksbm, nama="Dana Umum")
    obj = Penyaluran.objects.filter(wksbm=wksbm).first()
    if obj is not None:
        return wksbm, obj, user
    kategori = list(KategoriPpks.objects.filter(resmi=True))
    hari = timezone.localdate()
    with transaction.atomic():
        orang = Ppks._base_manager.bulk_create(
            Ppks(
                wksbm=wksbm,
                nomor=f"{i + 1:06d}",
                nama=f"Warga {i:06d}",
                nik=f"3402{i:012d}",
                jenis_kelamin="LP"[i % 2],
                alamat=f"Padukuhan {i % 40}",
                rt=f"{i % 9 + 1:02d}",
                rw=f"{i % 4 + 1:02d}",
            )
            for i in range(n)
        )
        PpksKategori.objects.bulk_create(
            PpksKategori(ppks=p, kategori=kategori[i % len(kategori)]) for i, p in enumerate(orang)
        )
        obj = Penyaluran.objects.create(
            wksbm=wksbm,
            nomor=services.nomor_baru(wksbm),
            judul="Santunan bulanan",
            tanggal=hari,
            bentuk="uang",
            kas=Kas.objects.filter(wksbm=wksbm).first(),
        )
        DanaPenyaluran.objects.create(penyaluran=obj, dana=umum, pagu=Decimal(100_000) * n)
        Penerima._base_manager.bulk_create(
            Penerima(
                penyaluran=obj,
                ppks=p,
                dana=umum,
                jumlah=Decimal(100_000),
                nik_hash=services.hash_nik(p.nik),
                status="diserahkan" if i % 10 == 0 else "rencana",
                tanggal_serah=hari if i % 10 == 0 else None,
                diterima_oleh="sendiri" if i % 10 == 0 else "",
            )
            for i, p in enumerate(orang)
        )
    return wksbm, obj, user


BARE_PAGE = (
    "<!doctype html><html lang='id'><head><title>Penyaluran</title></head><body><table>"
    "{% for p in rows %}<tr><td>{{ forloop.counter }}</td><td><a href='/p/{{ p.pk }}/'>"
    "{{ p.ppks.nama }}</a></td><td>{{ p.dana }}</td><td>{{ p.get_asnaf_display }}</td>"
    "<td>{{ p.jumlah }}</td><td>{{ p.get_status_display }} {{ p.tanggal_serah }}</td></tr>"
    "{% endfor %}</table></body></html>"
)
_bare = {}


def bare_page(request, pk):
    """The round's recipients done plainly: one queryset into a minimal template."""
    from django.http import HttpResponse
    from django.template import engines

    from distribution.models import Penerima

    if "page" not in _bare:
        _bare["page"] = engines["django"].from_string(BARE_PAGE)
    rows = Penerima.objects.filter(penyaluran_id=pk).select_related("ppks", "dana")
    return HttpResponse(_bare["page"].render({"rows": rows}, request))


def bare_xlsx(pk):
    """Plain openpyxl write-only over the same rows and values."""
    from openpyxl import Workbook

    from distribution.models import Penerima

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Daftar penerima")
    qs = (
        Penerima.objects.filter(penyaluran_id=pk)
        .exclude(status="dibatalkan")
        .select_related("ppks__padukuhan", "dana")
        .prefetch_related("ppks__kategori")
        .order_by("ppks__nama", "id")
    )
    for i, p in enumerate(qs.iterator(chunk_size=2000), start=1):
        ws.append(
            [i, p.ppks.nomor, p.ppks.nama, p.alamat(), p.ppks.kode_kategori(), p.dana.nama,
             p.get_asnaf_display(), p.jumlah, p.keterangan_daftar()]
        )  # fmt: skip
    with tempfile.TemporaryFile() as out:
        wb.save(out)


def bare_pdf(text: str, stylesheet) -> bytes:
    """Plain WeasyPrint on the same HTML and stylesheet."""
    from weasyprint import HTML

    return HTML(string=text).write_pdf(stylesheets=[stylesheet])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--penerima", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup_django()

    from django.db import connection
    from django.test import Client
    from django.urls import include, path, reverse

    import wksbm.pdf as pdf_module

    global urlpatterns
    urlpatterns = [path("bare/<int:pk>/", bare_page), path("", include("wksbm.urls"))]

    print(f"Menyiapkan penyaluran {args.penerima:,} penerima ({connection.vendor}) ...")
    start = time.perf_counter()
    wksbm, obj, user = make_data(args.penerima)
    print(f"  siap dalam {time.perf_counter() - start:.1f} s\n", flush=True)

    client = Client()
    from tests.akun import force_login_terverifikasi  # two-factor roles

    force_login_terverifikasi(client, user)
    get = getter(client)
    report = Report(width=42)
    runs = args.runs

    def url(action):
        return reverse(f"distribution:penyaluran-{action}", args=[wksbm.pk, obj.pk])

    ours_ms = median_ms(get(url("detail")), runs)
    bare_ms = median_ms(get(f"/bare/{obj.pk}/"), runs)
    report.row(f"Halaman penyaluran ({args.penerima:,} penerima)", ours_ms, bare_ms, 1.5)

    html = []
    original = pdf_module.html_to_pdf
    pdf_module.html_to_pdf = lambda text: html.append(text) or original(text)
    get(url("daftar-pdf"))()  # keep the exact HTML our view hands to WeasyPrint
    pdf_module.html_to_pdf = original
    stylesheet = pdf_module._stylesheet()
    pdf_runs = max(1, runs // 2)
    ours_ms = median_ms(get(url("daftar-pdf")), pdf_runs)
    bare_ms = median_ms(lambda: bare_pdf(html[0], stylesheet), pdf_runs)
    report.row("Daftar penerima PDF", ours_ms, bare_ms, 1.2)

    ours_ms = median_ms(get(url("daftar-xlsx")), runs)
    bare_ms = median_ms(lambda: bare_xlsx(obj.pk), runs)
    report.row("Daftar penerima Excel", ours_ms, bare_ms, 1.2)

    report.summary()
    return 0


if __name__ == "__main__":
    sys.exit(main())
