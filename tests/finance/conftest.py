from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from finance import services, triggers
from finance.models import Dana, Kas, PengaturanKeuangan


@pytest.fixture(autouse=True)
def _pemicu_sqlite(request):
    """SQLite's append-only triggers: present for every test (also with --nomigrations), and
    dropped after a transactional test, whose teardown empties tables with DELETE."""
    if "db" in request.fixturenames or "transactional_db" in request.fixturenames:
        request.getfixturevalue("db" if "db" in request.fixturenames else "transactional_db")
        triggers.ensure(connection)
    yield
    if "transactional_db" in request.fixturenames:
        triggers.drop(connection)


@dataclass
class Buku:
    """The money books of WKSBM A, ready for posting."""

    wksbm: object
    bendahara: object
    ketua: object
    umum: Dana
    zakat: Dana
    jimpitan: Dana
    kas: Kas

    def masuk(self, jumlah, dana=None, tanggal=date(2026, 10, 5), **kwargs):
        kwargs.setdefault("sumber", "donasi")
        kwargs.setdefault("uraian", "Donasi warga")
        return services.catat_pemasukan(
            wksbm=self.wksbm,
            oleh=self.bendahara,
            tanggal=tanggal,
            dana=dana or self.umum,
            kas=self.kas,
            jumlah=Decimal(jumlah),
            **kwargs,
        )

    def keluar(self, jumlah, dana=None, tanggal=date(2026, 10, 6), **kwargs):
        kwargs.setdefault("kegiatan", "jaminan_sosial")
        kwargs.setdefault("uraian", "Santunan lansia")
        return services.catat_pengeluaran(
            wksbm=self.wksbm,
            oleh=self.bendahara,
            tanggal=tanggal,
            dana=dana or self.umum,
            kas=self.kas,
            jumlah=Decimal(jumlah),
            **kwargs,
        )


@pytest.fixture
def buku(dunia) -> Buku:
    w = dunia.a.wksbm
    services.pastikan_dana_bawaan(w)
    # A WKSBM that handles zakat as UPZ (tests of the default "tidak" set it back).
    PengaturanKeuangan.objects.filter(wksbm=w).update(dasar_zakat="upz")
    return Buku(
        wksbm=w,
        bendahara=dunia.bendahara_a,
        ketua=dunia.pengurus_a,
        umum=Dana.objects.get(wksbm=w, jenis="umum"),
        zakat=Dana.objects.get(wksbm=w, jenis="zakat"),
        jimpitan=Dana.objects.get(wksbm=w, jenis="jimpitan"),
        kas=Kas.objects.get(wksbm=w),
    )
