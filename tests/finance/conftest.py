from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from finance import services
from finance.models import Dana, Kas, PengaturanKeuangan


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
