"""Benchmark of the money books on a WKSBM with 200,000 journal entries over five years.

    DJANGO_DEBUG=1 .venv/bin/python bench/finance.py [--entri 200000] [--runs 5]

Prints the median time of each piece of work beside the same work done bare (a plain Django
view over the same rows; plain openpyxl write-only) and the ratio: the pemasukan list and the
buku kas umum for last month, the fund balances page, and a full-year Excel export with its
peak memory. It also times the two ways to know a fund's balance — reading the cached
`Saldo` row or summing the journal — which is why the pages read the cache. Targets (issue
4, as issue 3): pages ≤ 2× bare and < 150 ms; Excel ≤ 1.5× bare with peak memory < 200 MB.

The journal is built fast but valid: the HMAC chain is computed here with finance.ledger and
the rows bulk-inserted (INSERT is what the append-only triggers allow); the balances, chain
head, kuitansi counters and month closings are set to match, and `verify_ledger` must pass.
Uses a temporary SQLite file unless DATABASE_URL is set.
"""

import argparse
import io
import os
import random
import secrets
import shutil
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as jam
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _timing import Report, getter, median_ms, peak_mb  # noqa: E402 (bench/ is on sys.path)

urlpatterns = []  # filled in main(): our URLs plus the bare views
_tmp = None  # the temporary SQLite folder, removed at the end
NAMA = "WKSBM Bench Keuangan"


def setup_django():
    global _tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wksbm.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    if "DATABASE_URL" not in os.environ:
        _tmp = tempfile.mkdtemp(prefix="wksbm-bench-keuangan-")
        os.environ["DATABASE_URL"] = f"sqlite:///{_tmp}/bench.sqlite3"
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False  # no query log: measure what production does
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


# --- the data ---------------------------------------------------------------------------------


def migrate():
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection

    from finance import triggers

    call_command("migrate", verbosity=0)
    # Models whose migration is not written yet (work in progress): create their tables.
    tables = set(connection.introspection.table_names())
    missing = [m for m in apps.get_models() if m._meta.managed and m._meta.db_table not in tables]
    if missing:
        print(
            f"  tanpa migrasi, tabel dibuat langsung: {', '.join(m._meta.label for m in missing)}"
        )
        with connection.schema_editor() as editor:
            for model in missing:
                editor.create_model(model)
        triggers.ensure(connection)


def bulan_lalu(hari_ini: date) -> tuple[date, date]:
    akhir = hari_ini.replace(day=1) - timedelta(days=1)
    return akhir.replace(day=1), akhir


@dataclass
class Asal:
    """What a later reversal needs to know about an entry."""

    pk: int
    nomor: int
    arah: str
    dana: int
    kas: int
    jumlah: Decimal
    uraian: str
    sumber: str
    kegiatan: str
    asnaf: str


MASUK_RP = [10000, 25000, 50000, 100000, 150000, 250000, 500000, 1000000, 2500000, 6000000]
MASUK_BOBOT = [20, 15, 15, 15, 10, 10, 7, 4, 3, 1]
KELUAR_RP = [15000, 50000, 100000, 200000, 300000, 500000, 750000, 1500000]


def make_data(n: int):
    """A WKSBM with `n` valid journal entries over five years (reused when present)."""
    from django.contrib.auth import get_user_model
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import timezone

    from finance import ledger, services
    from finance.models import (
        Dana,
        Jurnal,
        Kas,
        Kegiatan,
        PengaturanKeuangan,
        RantaiJurnal,
        Saldo,
        TutupBuku,
    )
    from registry import wilayah_data
    from registry.models import Donatur, Peran, Wksbm
    from wksbm import formatting
    from wksbm.models import Penomoran

    migrate()
    if not Wksbm.objects.filter(nama=NAMA).exists():
        wilayah_data.load(["34"])
    wksbm, _ = Wksbm.objects.get_or_create(
        nama=NAMA, desa_id="34.02.01.2001", defaults={"tingkat": "kalurahan", "alamat": "Jl. A"}
    )
    user, _ = get_user_model().objects.get_or_create(username="bench-keuangan")
    Peran.objects.get_or_create(user=user, jenis="pengurus", wksbm=wksbm, jabatan="bendahara")
    have = Jurnal.objects.filter(wksbm=wksbm).count()
    if have == n:
        return wksbm, user
    if have:
        raise SystemExit(f"{NAMA} sudah berisi {have} entri (bukan {n}); pakai basis data baru.")

    services.pastikan_dana_bawaan(wksbm)
    PengaturanKeuangan.objects.filter(wksbm=wksbm).update(dasar_zakat="upz", kode="BK")
    for nama in ("Dana Santunan Lansia", "Dana Beasiswa Pendidikan"):
        d, _ = Dana.objects.get_or_create(
            wksbm=wksbm, nama=nama, defaults={"jenis": "infak_terikat", "terbatas": True}
        )
        Saldo.objects.get_or_create(dana=d)
    bank, _ = Kas.objects.get_or_create(wksbm=wksbm, nama="Rekening BRI", jenis="bank")
    Saldo.objects.get_or_create(kas=bank)
    dana = {d.nama: d.pk for d in Dana.objects.filter(wksbm=wksbm)}
    kas = [k.pk for k in Kas.objects.filter(wksbm=wksbm).order_by("pk")]
    donatur = []
    for i in range(20):
        d, _ = Donatur.objects.get_or_create(
            wksbm=wksbm,
            kode=f"D{i + 1:03d}",
            defaults={"nama": f"Donatur {i + 1}", "jenis": "perantau"},
        )
        donatur.append(d.pk)
    pola = PengaturanKeuangan.objects.get(wksbm=wksbm).pola_kuitansi

    rng = random.Random(4)
    hari_ini = timezone.localdate()
    awal = date(hari_ini.year - 5, hari_ini.month, 1)
    hari = (hari_ini - awal).days
    saldo_dana = dict.fromkeys(dana.values(), Decimal(0))
    saldo_kas = dict.fromkeys(kas, Decimal(0))
    kuitansi: dict[int, int] = {}
    akhir_bulan: dict[tuple[int, int], tuple[int, str]] = {}
    terbaru: deque[Asal] = deque(maxlen=200)
    id_awal = Jurnal._base_manager.order_by("-pk").values_list("pk", flat=True).first() or 0
    nama_dana = list(dana)
    bobot_dana = [50, 15, 15, 10, 10][: len(nama_dana)]
    prev = ledger.AWAL
    batch: list = []
    tz = timezone.get_current_timezone()

    def tulis():
        Jurnal._base_manager.bulk_create(batch)
        batch.clear()

    with transaction.atomic():
        for nomor in range(1, n + 1):
            tanggal = awal + timedelta(days=(nomor - 1) * hari // n)
            d = dana[rng.choices(nama_dana, bobot_dana)[0]]
            k = kas[0] if rng.random() < 0.7 else kas[-1]
            e = Jurnal(
                id=id_awal + nomor,
                wksbm_id=wksbm.pk,
                nomor=nomor,
                tanggal=tanggal,
                dana_id=d,
                kas_id=k,
                dicatat_oleh_id=user.pk,
                dicatat_pada=datetime.combine(tanggal, jam(9, nomor % 60), tzinfo=tz),
                hash_sebelum=prev,
            )
            asal = terbaru[0] if terbaru and rng.random() < 0.005 else None
            bisa_balik = asal and (
                asal.arah == "keluar"
                or min(saldo_dana[asal.dana], saldo_kas[asal.kas]) >= asal.jumlah
            )
            if bisa_balik:
                terbaru.popleft()
                e.jenis, e.membatalkan_id, e.alasan = "pembatalan", asal.pk, "Salah catat"
                e.arah = "keluar" if asal.arah == "masuk" else "masuk"
                e.dana_id, e.kas_id, e.jumlah = asal.dana, asal.kas, asal.jumlah
                e.uraian = f"Pembatalan #{asal.nomor}: {asal.uraian}"
                e.sumber, e.kegiatan, e.asnaf = asal.sumber, asal.kegiatan, asal.asnaf
            else:
                keluar = Decimal(rng.choice(KELUAR_RP))
                if rng.random() < 0.45 and min(saldo_dana[d], saldo_kas[k]) >= keluar:
                    e.arah, e.jumlah = "keluar", keluar
                    e.kegiatan = rng.choice(Kegiatan.values)
                    e.uraian = f"Pengeluaran {e.kegiatan} #{nomor}"
                    e.penerima = f"Penerima {nomor % 500}"
                    e.nomor_bukti = f"BKT-{nomor}"
                    if d == dana["Dana Zakat"]:
                        e.asnaf = rng.choice(["fakir", "miskin", "amil"])
                else:
                    e.arah = "masuk"
                    e.jumlah = Decimal(rng.choices(MASUK_RP, MASUK_BOBOT)[0])
                    e.sumber = {
                        dana["Dana Zakat"]: "zakat_maal",
                        dana["Dana Jimpitan"]: "jimpitan",
                    }.get(d, rng.choice(["donasi", "usaha", "iuran", "infak"]))
                    if e.sumber == "donasi" and rng.random() < 0.3:
                        e.donatur_id = rng.choice(donatur)
                    else:
                        e.penerima = f"Warga RT {nomor % 12 + 1:02d}"
                    e.uraian = f"Penerimaan {e.sumber} #{nomor}"
                    urut = kuitansi[tanggal.year] = kuitansi.get(tanggal.year, 0) + 1
                    e.nomor_kuitansi = pola.format(
                        urut=urut,
                        kode="BK",
                        bulan=tanggal.month,
                        bulan_romawi=formatting.bulan_romawi(tanggal),
                        tahun=tanggal.year,
                    )
                    e.token = secrets.token_urlsafe(24)
                terbaru.append(
                    Asal(e.id, nomor, e.arah, d, k, e.jumlah, e.uraian, e.sumber, e.kegiatan,
                         e.asnaf)
                )  # fmt: skip
            bertanda = e.jumlah if e.arah == "masuk" else -e.jumlah
            saldo_dana[e.dana_id] += bertanda
            saldo_kas[e.kas_id] += bertanda
            e.hash = prev = ledger.tanda(e)
            akhir_bulan[tanggal.year, tanggal.month] = (nomor, e.hash)
            batch.append(e)
            if len(batch) == 5000:
                tulis()
        tulis()
        if connection.vendor == "postgresql":  # explicit ids: move the sequence past them
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [Jurnal]):
                    cursor.execute(sql)
        for pk, jumlah in saldo_dana.items():
            Saldo.objects.filter(dana_id=pk).update(jumlah=jumlah)
        for pk, jumlah in saldo_kas.items():
            Saldo.objects.filter(kas_id=pk).update(jumlah=jumlah)
        RantaiJurnal.objects.update_or_create(
            wksbm=wksbm, defaults={"nomor_terakhir": n, "hash_terakhir": prev}
        )
        for tahun, urut in kuitansi.items():
            Penomoran.objects.update_or_create(
                scope=f"kuitansi:{wksbm.pk}:{tahun}", defaults={"nilai": urut}
            )
        # Every month closed a few days after it ended, except the last two.
        tutup = []
        for (tahun, bulan), (nomor, kepala) in sorted(akhir_bulan.items())[:-2]:
            pada = datetime.combine(date(tahun, bulan, 28) + timedelta(days=7), jam(10), tz)
            tutup.append(
                TutupBuku(wksbm=wksbm, tahun=tahun, bulan=bulan, aksi="tutup", oleh=user,
                          pada=pada, nomor_terakhir=nomor, hash_kepala=kepala)
            )  # fmt: skip
        TutupBuku.objects.bulk_create(tutup)
    return wksbm, user


# --- the bare counterparts --------------------------------------------------------------------

_templates = {}


def render_bare(request, name: str, source: str, context: dict):
    from django.http import HttpResponse
    from django.template import engines

    if name not in _templates:
        _templates[name] = engines["django"].from_string(source)
    return HttpResponse(_templates[name].render(context, request))


BARE_PEMASUKAN = (
    "<!doctype html><html lang='id'><head><title>Pemasukan</title></head><body><table>"
    "{% for e in page %}<tr><td>{{ e.tanggal }}</td><td>{{ e.nomor_kuitansi }}</td>"
    "<td>{{ e.get_sumber_display }}</td><td>{{ e.nama_pemberi }}</td><td>{{ e.uraian }}</td>"
    "<td>{{ e.dana }}</td><td>{{ e.jumlah }}</td><td>{{ e.keterangan }}</td></tr>{% endfor %}"
    "<tr><td>JUMLAH</td><td>{{ total }}</td></tr>{% for s in subtotal %}<tr>"
    "<td>{{ s.dana__nama }}</td><td>{{ s.total }}</td></tr>{% endfor %}</table>"
    "{{ page.number }} / {{ page.paginator.num_pages }}</body></html>"
)


def _pemasukan(wksbm, dari=None, sampai=None):
    from finance.models import Jurnal

    qs = Jurnal.objects.filter(wksbm_id=wksbm, arah="masuk")
    if dari:
        qs = qs.filter(tanggal__gte=dari, tanggal__lte=sampai)
    related = ["dana", "donatur", "mitra", "membatalkan", "pembatalan"]
    return qs.select_related(*related).order_by("tanggal", "nomor")


def bare_pemasukan(request, wksbm):
    """The pemasukan list done plainly: one page of the period, its JUMLAH and subtotals."""
    from django.core.paginator import Paginator
    from django.db.models import Sum

    qs = _pemasukan(wksbm, request.GET["dari"], request.GET["sampai"])
    context = {
        "page": Paginator(qs, 25).get_page(request.GET.get("halaman")),
        "total": qs.aggregate(total=Sum("jumlah"))["total"],
        "subtotal": qs.order_by().values("dana__nama").annotate(total=Sum("jumlah")),
    }
    return render_bare(request, "pemasukan", BARE_PEMASUKAN, context)


BARE_KAS_UMUM = (
    "<!doctype html><html lang='id'><head><title>Kas umum</title></head><body><table>"
    "<tr><td>Saldo awal</td><td>{{ awal }}</td></tr>"
    "{% for e, saldo in rows %}<tr><td>{{ e.nomor }}</td><td>{{ e.tanggal }}</td>"
    "<td>{{ e.sumber }}{{ e.kegiatan }}</td><td>{{ e.uraian }}</td><td>{{ e.dana }}</td>"
    "<td>{% if e.arah == 'masuk' %}{{ e.jumlah }}{% endif %}</td>"
    "<td>{% if e.arah == 'keluar' %}{{ e.jumlah }}{% endif %}</td>"
    "<td>{{ e.nomor_kuitansi }}{{ e.nomor_bukti }}</td><td>{{ saldo }}</td></tr>{% endfor %}"
    "<tr><td>JUMLAH</td><td>{{ total.masuk }}</td><td>{{ total.keluar }}</td></tr></table>"
    "{{ page.number }} / {{ page.paginator.num_pages }}</body></html>"
)


def _masuk_keluar():
    from decimal import Decimal

    from django.db.models import Q, Sum
    from django.db.models.functions import Coalesce

    return {
        "masuk": Coalesce(Sum("jumlah", filter=Q(arah="masuk")), Decimal(0)),
        "keluar": Coalesce(Sum("jumlah", filter=Q(arah="keluar")), Decimal(0)),
    }


def bare_kas_umum(request, wksbm):
    """The kas umum done plainly: the opening balance summed from every earlier entry, one
    page of the period with a running balance, and the period's totals."""
    from django.core.paginator import Paginator

    from finance.models import Jurnal

    dari, sampai = request.GET["dari"], request.GET["sampai"]
    semua = Jurnal.objects.filter(wksbm_id=wksbm)
    awal = semua.filter(tanggal__lt=dari).total()
    qs = semua.filter(tanggal__gte=dari, tanggal__lte=sampai).select_related("dana")
    page = Paginator(qs.order_by("tanggal", "nomor"), 25).get_page(request.GET.get("halaman"))
    saldo, rows = awal, []
    for e in page:  # page 1: the running balance starts from the opening balance
        saldo += e.bertanda
        rows.append((e, saldo))
    total = qs.aggregate(**_masuk_keluar())
    context = {"awal": awal, "rows": rows, "page": page, "total": total}
    return render_bare(request, "kas-umum", BARE_KAS_UMUM, context)


BARE_DANA = (
    "<!doctype html><html lang='id'><head><title>Dana</title></head><body><table>"
    "{% for d in dana %}<tr><td>{{ d.nama }}</td><td>{{ d.get_jenis_display }}</td>"
    "<td>{{ d.saldo.jumlah }}</td></tr>{% endfor %}</table><table>"
    "{% for k in kas %}<tr><td>{{ k.nama }}</td><td>{{ k.saldo.jumlah }}</td></tr>{% endfor %}"
    "</table></body></html>"
)


def bare_dana(request, wksbm):
    from finance.models import Dana, Kas

    context = {
        "dana": Dana.objects.filter(wksbm_id=wksbm).select_related("saldo"),
        "kas": Kas.objects.filter(wksbm_id=wksbm).select_related("saldo"),
    }
    return render_bare(request, "dana", BARE_DANA, context)


def bare_xlsx_pemasukan(wksbm, dari, sampai):
    """Plain openpyxl write-only over the same rows and values."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Pemasukan")
    for e in _pemasukan(wksbm, dari, sampai).iterator(chunk_size=2000):
        ws.append(
            [
                e.tanggal,
                e.nomor_kuitansi,
                e.get_sumber_display(),
                e.nama_pemberi(),
                e.uraian,
                str(e.dana),
                e.jumlah,
                e.keterangan(),
            ]
        )
    with tempfile.TemporaryFile() as out:
        wb.save(out)


def bare_xlsx_kas_umum(wksbm, dari, sampai):
    """Plain openpyxl write-only of the kas umum: opening balance, rows, running balance."""
    from openpyxl import Workbook

    from finance.models import Jurnal

    semua = Jurnal.objects.filter(wksbm_id=wksbm)
    saldo = semua.filter(tanggal__lt=dari).total()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Kas umum")
    ws.append(["Saldo awal", saldo])
    qs = semua.filter(tanggal__gte=dari, tanggal__lte=sampai).select_related("dana")
    for e in qs.order_by("tanggal", "nomor").iterator(chunk_size=2000):
        saldo += e.bertanda
        masuk = e.jumlah if e.arah == "masuk" else None
        keluar = e.jumlah if e.arah == "keluar" else None
        ws.append(
            [e.nomor, e.tanggal, e.sumber or e.kegiatan, e.uraian, str(e.dana), masuk, keluar,
             e.nomor_kuitansi or e.nomor_bukti, saldo]
        )  # fmt: skip
    with tempfile.TemporaryFile() as out:
        wb.save(out)


# --- the run ----------------------------------------------------------------------------------


def url_or_none(name: str, args) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entri", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup_django()

    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Sum
    from django.test import Client
    from django.urls import include, path
    from django.utils import timezone

    from finance.models import Jurnal, Saldo

    global urlpatterns
    urlpatterns = [
        path("bare/<int:wksbm>/pemasukan/", bare_pemasukan),
        path("bare/<int:wksbm>/kas-umum/", bare_kas_umum),
        path("bare/<int:wksbm>/dana/", bare_dana),
        path("", include("wksbm.urls")),
    ]

    print(f"Menyiapkan {args.entri:,} entri jurnal ({connection.vendor}) ...", flush=True)
    start = time.perf_counter()
    wksbm, user = make_data(args.entri)
    print(f"  siap dalam {time.perf_counter() - start:.1f} s", flush=True)
    start = time.perf_counter()
    call_command("verify_ledger", wksbm=wksbm.pk, stdout=io.StringIO())
    print(f"  verify_ledger: utuh ({time.perf_counter() - start:.1f} s)\n")

    client = Client()
    from tests.akun import force_login_terverifikasi  # two-factor roles

    force_login_terverifikasi(client, user)
    hari_ini = timezone.localdate()
    dari, sampai = bulan_lalu(hari_ini)
    bulan = {"dari": dari.isoformat(), "sampai": sampai.isoformat()}
    tahun = hari_ini.year - 1
    setahun = {"dari": f"{tahun}-01-01", "sampai": f"{tahun}-12-31"}

    get = getter(client)
    report = Report(width=40)
    row = report.row

    def page(label, ours, bare, params=None):
        ours_ms = median_ms(get(ours, params), args.runs)
        bare_ms = median_ms(get(bare, params), args.runs)
        fast = ours_ms < 150
        report.results.append(fast)
        row(label, ours_ms, bare_ms, 2.0, f"; < 150 ms {'OK' if fast else 'TIDAK'}")

    nama_bulan = f"{dari:%m/%Y}"
    pk = wksbm.pk
    page(
        f"Pemasukan, bulan lalu ({nama_bulan})",
        url_or_none("finance:pemasukan-list", [pk]),
        f"/bare/{pk}/pemasukan/",
        bulan,
    )
    kas_umum = url_or_none("finance:kas-umum-list", [pk])
    if kas_umum:
        page(f"Kas umum, bulan lalu ({nama_bulan})", kas_umum, f"/bare/{pk}/kas-umum/", bulan)
    else:
        print("Kas umum: halaman belum ada (finance:kas-umum-list), dilewati.")
    dana_list = url_or_none("finance:dana-list", [pk])
    if dana_list:
        page("Saldo dana dan kas", dana_list, f"/bare/{pk}/dana/")
    else:
        print("Saldo dana: halaman belum ada (finance:dana-list), dilewati.")

    # Measure, then choose: the cached balances against summing the journal per fund.
    def dari_saldo():
        list(Saldo.objects.filter(dana__wksbm=wksbm).values_list("dana_id", "jumlah"))
        list(Saldo.objects.filter(kas__wksbm=wksbm).values_list("kas_id", "jumlah"))

    def dari_jurnal():
        jurnal = Jurnal.objects.filter(wksbm=wksbm).order_by()
        for field in ("dana", "kas"):
            list(jurnal.values(field).annotate(masuk=Sum("jumlah")))

    saldo_ms = median_ms(dari_saldo, args.runs)
    jurnal_ms = median_ms(dari_jurnal, args.runs)
    print(
        f"{'Saldo dana+kas: baca Saldo':40} {saldo_ms:9.1f} ms  "
        f"jumlahkan jurnal {jurnal_ms:9.1f} ms  ({jurnal_ms / saldo_ms:,.0f}× lebih lambat)"
    )

    runs = max(1, args.runs // 2)
    baris = Jurnal.objects.filter(wksbm=wksbm, tanggal__year=tahun)

    def excel(label, ours, bare, count):
        ours_ms = median_ms(get(ours, setahun), runs)
        bare_ms = median_ms(bare, runs)
        memory = peak_mb(get(ours, setahun))
        fits = memory < 200
        report.results.append(fits)
        row(
            f"{label} {tahun} ({count:,} baris)",
            ours_ms,
            bare_ms,
            1.5,
            f"; memori puncak {memory:.0f} MB (< 200) {'OK' if fits else 'TIDAK'}",
        )

    excel(
        "Excel pemasukan",
        url_or_none("finance:pemasukan-xlsx", [pk]),
        lambda: bare_xlsx_pemasukan(pk, setahun["dari"], setahun["sampai"]),
        baris.filter(arah="masuk").count(),
    )
    kas_umum_xlsx = url_or_none("finance:kas-umum-xlsx", [pk])
    if kas_umum_xlsx:
        excel(
            "Excel kas umum",
            kas_umum_xlsx,
            lambda: bare_xlsx_kas_umum(pk, setahun["dari"], setahun["sampai"]),
            baris.count(),
        )

    report.summary()
    return 0


def run() -> int:
    try:
        return main()
    finally:
        if _tmp:
            from django.db import connections

            connections.close_all()
            shutil.rmtree(_tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(run())
