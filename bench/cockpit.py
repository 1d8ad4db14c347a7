"""Benchmark of the Dinas Sosial cockpit over a kabupaten of generated WKSBMs.

    DJANGO_DEBUG=1 .venv/bin/python bench/cockpit.py [--wksbm 200 2000] [--runs 5]
    DATABASE_URL=postgres://wksbm:wksbm@127.0.0.1:5432/wksbm_bench DJANGO_DEBUG=1 \
        .venv/bin/python bench/cockpit.py

The first 200 WKSBMs are spread over the kalurahan of Kabupaten Bantul (read by the Dinas
Sosial Bantul), the rest over the other kabupaten of DIY (for 2,000, the province's Dinas
Sosial reads them all). Each has a year of
books: 100 PPKS, 300 journal entries (donations, infak, zakat, jimpitan in; santunan and
operasional out), 24 kegiatan, 12 penyaluran rounds of 10 hand-overs, and a submitted laporan
for half of them. Prints the server time (median of the Django test client's request, so
middleware, the queries and the template) and the number of queries of the cockpit page for
the last quarter and for the whole year. Target (issue 10): ≤ 200 ms and ≤ 10 queries for 200
WKSBMs on PostgreSQL.

Rows are inserted with the plain `models.QuerySet(model).bulk_create` (audited models refuse
bulk writes through their own manager; benchmark rows need no history). The money journal is
hash-chained and append-only: the bench inserts its rows directly with made-up hashes, because
nothing here verifies the chain (never do this outside a benchmark database). Uses a temporary
SQLite file unless DATABASE_URL is set; the data of each size is kept and reused.
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _timing import median_ms  # noqa: E402 (bench/ is on sys.path)

AWALAN = "WKSBM Bench"
TARGET_MS, TARGET_KUERI = 200, 10


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wksbm.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    if "DATABASE_URL" not in os.environ:
        tmp = tempfile.mkdtemp(prefix="wksbm-bench-cockpit-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False  # no query log: measure what production does
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


def _bulk(model, rows):
    from django.db import models

    return models.QuerySet(model).bulk_create(rows, batch_size=2000)


def make_data(n: int, hari: date) -> None:
    """Grow the bench WKSBMs of Bantul to `n` (existing ones are kept)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from distribution.models import DanaPenyaluran, Kegiatan, Laporan, Penerima, Penyaluran
    from finance.models import Dana, Jurnal, Kas, Saldo
    from registry.models import Desa, KategoriPpks, Ppks, PpksKategori, Wksbm

    ada = Wksbm.objects.filter(nama__startswith=AWALAN).count()
    if ada >= n:
        return
    user = get_user_model().objects.get(username="bench-cockpit")
    # The first 200 in Bantul (read by the Dinas Sosial Bantul), the others elsewhere in DIY
    # (the province's Dinas Sosial reads them all).
    bantul = list(Desa.objects.filter(kode__startswith="34.02.").order_by("kode"))
    lain = list(
        Desa.objects.filter(kode__startswith="34.")
        .exclude(kode__startswith="34.02.")
        .order_by("kode")
    )
    kategori = list(KategoriPpks.objects.filter(resmi=True).order_by("nomor"))
    sumber = ["donasi", "infak", "zakat_maal", "jimpitan", "usaha"]
    keluar = ["jaminan_sosial", "rehabilitasi", "pemberdayaan", "operasional"]
    jenis_kegiatan = ["pencegahan", "rehabilitasi", "perlindungan", "pemberdayaan",
                      "jaminan_sosial", "rujukan", "penggalangan_dana"]  # fmt: skip
    awal = hari - timedelta(days=364)
    akhir_triwulan = date(hari.year, (hari.month - 1) // 3 * 3 + 1, 1) - timedelta(days=1)
    mulai_triwulan = date(akhir_triwulan.year, akhir_triwulan.month - 2, 1)
    with transaction.atomic():
        baru = _bulk(
            Wksbm,
            [
                Wksbm(
                    nama=f"{AWALAN} {i:05d}",
                    tingkat="kalurahan",
                    desa=bantul[i % len(bantul)] if i < 200 else lain[i % len(lain)],
                    alamat=f"Jl. Bench {i}",
                    status="penumbuhan" if i % 10 == 9 else "aktif",
                )
                for i in range(ada, n)
            ],
        )
        if not baru[0].pk:  # SQLite before 3.35 returns no ids
            baru = list(Wksbm.objects.filter(nama__startswith=AWALAN).order_by("pk")[ada:])
        dana = _bulk(Dana, [Dana(wksbm=w, nama="Dana Umum", jenis="umum") for w in baru])
        kas = _bulk(Kas, [Kas(wksbm=w, nama="Kas tunai") for w in baru])
        _bulk(Saldo, [Saldo(dana=d) for d in dana] + [Saldo(kas=k) for k in kas])
        for j, (w, d, k) in enumerate(zip(baru, dana, kas, strict=True)):
            orang = _bulk(
                Ppks,
                [
                    Ppks(
                        wksbm=w,
                        nomor=f"{i + 1:05d}",
                        nama=f"Warga {j}-{i}",
                        nik=f"3402{j:06d}{i:06d}",
                        jenis_kelamin="LP"[i % 2],
                        status="aktif" if i % 20 else "meninggal",
                    )
                    for i in range(100)
                ],
            )
            _bulk(
                PpksKategori,
                [PpksKategori(ppks=p, kategori=kategori[i % 12]) for i, p in enumerate(orang)],
            )
            jurnal = []
            for i in range(300):
                masuk = i % 3 != 2
                jurnal.append(
                    Jurnal(
                        wksbm=w,
                        nomor=i + 1,
                        tanggal=awal + timedelta(days=i * 364 // 300),
                        arah="masuk" if masuk else "keluar",
                        sumber=sumber[i % 5] if masuk else "",
                        kegiatan="" if masuk else keluar[i % 4],
                        dana=d,
                        kas=k,
                        jumlah=Decimal(50_000 + (i % 7) * 25_000),
                        uraian="Bench",
                        dicatat_oleh=user,
                        hash_sebelum="0" * 64,
                        hash=f"{j:032d}{i:032d}",
                    )
                )
            _bulk(Jurnal, jurnal)
            _bulk(
                Kegiatan,
                [
                    Kegiatan(
                        wksbm=w,
                        jenis=jenis_kegiatan[i % 7],
                        judul=f"Kegiatan {i}",
                        tanggal=awal + timedelta(days=i * 15),
                        tempat="Balai",
                        peserta_dewasa_l=10 + i % 5,
                        peserta_dewasa_p=12,
                    )
                    for i in range(24)
                ],
            )
            putaran = _bulk(
                Penyaluran,
                [
                    Penyaluran(
                        wksbm=w,
                        nomor=i + 1,
                        judul=f"Santunan {i + 1}",
                        tanggal=awal + timedelta(days=i * 30),
                        bentuk="uang",
                        kas=k,
                    )
                    for i in range(12)
                ],
            )
            _bulk(
                DanaPenyaluran,
                [DanaPenyaluran(penyaluran=p, dana=d, pagu=2_000_000) for p in putaran],
            )
            _bulk(
                Penerima,
                [
                    Penerima(
                        penyaluran=p,
                        ppks=orang[(r * 10 + i) % 95 + 1],
                        dana=d,
                        jumlah=Decimal(150_000),
                        status="diserahkan",
                        tanggal_serah=p.tanggal,
                        diterima_oleh="sendiri",
                    )
                    for r, p in enumerate(putaran)
                    for i in range(10)
                ],
            )
            if j % 2 == 0:
                _bulk(
                    Laporan,
                    [
                        Laporan(
                            wksbm=w,
                            jenis_periode="triwulan",
                            mulai=mulai_triwulan,
                            akhir=akhir_triwulan,
                            status="diterima",
                            dibuat_oleh=user,
                        )
                    ],
                )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--wksbm", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup_django()

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from registry import wilayah_data
    from registry.models import Kabupaten, Peran

    call_command("migrate", verbosity=0)
    if not Kabupaten.objects.filter(pk="34.02").exists():
        wilayah_data.load(["34"])
    user, _ = get_user_model().objects.get_or_create(username="bench-cockpit")
    Peran.objects.get_or_create(user=user, jenis="dinsos", kabupaten_id="34.02")
    diy, _ = get_user_model().objects.get_or_create(username="bench-cockpit-diy")
    Peran.objects.get_or_create(user=diy, jenis="dinsos", provinsi_id="34")
    hari = timezone.localdate()
    # Signed in like a user who passed the second step the Dinas Sosial's role requires.
    from tests.akun import force_login_terverifikasi

    bantul_client, diy_client = Client(), Client()
    force_login_terverifikasi(bantul_client, user)
    force_login_terverifikasi(diy_client, diy)
    url = reverse("distribution:cockpit")
    setahun = {
        "jenis": "rentang",
        "dari": (hari - timedelta(days=364)).isoformat(),
        "sampai": hari.isoformat(),
    }
    ok = True
    print(f"Dasbor Dinas Sosial ({connection.vendor})")
    for n in sorted(args.wksbm):
        start = time.perf_counter()
        make_data(n, hari)
        # 200 WKSBMs: the Dinas Sosial Bantul; more: the province's Dinas Sosial reads them all.
        client = bantul_client if n <= 200 else diy_client
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Fresh bulk-inserted rows: plans need statistics, index-only scans a visibility
                # map (autovacuum keeps both on a live database).
                cursor.execute("VACUUM ANALYZE")
        print(f"\n{n:,} WKSBM: data siap dalam {time.perf_counter() - start:.1f} s")
        for label, params in (("triwulan lalu", {}), ("12 bulan", setahun)):

            def run(params=params, client=client):
                response = client.get(url, params, secure=True)
                assert response.status_code == 200, response.status_code

            ms = median_ms(run, args.runs)
            with CaptureQueriesContext(connection) as kueri:
                run()
            cek = ""
            if n == 200:
                lulus = ms <= TARGET_MS and len(kueri) <= TARGET_KUERI
                ok &= lulus or connection.vendor != "postgresql"
                cek = f"  (target ≤ {TARGET_MS} ms, ≤ {TARGET_KUERI} kueri: " + (
                    "OK)" if lulus else "LEBIH)"
                )
            print(f"  {label:14} {ms:8.1f} ms  {len(kueri):3d} kueri{cek}")
    print("\nSEMUA TARGET TERPENUHI" if ok else "\nADA TARGET YANG TIDAK TERPENUHI")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
