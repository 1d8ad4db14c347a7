"""A pemasukan posted at the moment its period's laporan is submitted: either the posting is
refused (the period is already locked) or the frozen version holds it; never an entry in a
submitted period that its version does not show. PostgreSQL only (SQLite serialises writers)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from distribution.laporan import services
from distribution.models import VersiLaporan
from finance import services as keuangan
from finance.models import Jurnal
from finance.services import TransaksiDitolak
from tests.distribution import bantu
from tests.finance.test_konkuren import serentak

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Uji konkurensi hanya di PostgreSQL: SQLite serialises writers; "
        "run with DATABASE_URL=postgres://wksbm:wksbm@127.0.0.1:5432/wksbm",
    ),
]


@pytest.mark.parametrize("ulang", range(3))
def test_pemasukan_serentak_dengan_pengajuan(dunia, ulang):
    a, ketua = dunia.a.wksbm, dunia.pengurus_a
    bantu.isi_dana(a, ketua, "100000", tanggal=date(2026, 10, 2))
    laporan = services.buat(wksbm=a, oleh=ketua, jenis_periode="bulan", tahun=2026, ke=10)
    kerja = [
        lambda user: services.ajukan(laporan=laporan, oleh=user),
        lambda user: keuangan.catat_pemasukan(
            wksbm=a,
            oleh=user,
            tanggal=date(2026, 10, 30),
            sumber="donasi",
            dana=bantu.dana(a),
            kas=bantu.kas(a),
            jumlah=Decimal("20000"),
            uraian="Donasi akhir bulan",
        ),
    ]
    hasil = serentak(ketua, lambda user: kerja.pop()(user))
    assert not [
        h for h in hasil if isinstance(h, Exception) and not isinstance(h, TransaksiDitolak)
    ]
    versi = VersiLaporan.objects.get(laporan=laporan)
    total = sum(Decimal(b["jumlah"]) for b in versi.data["pemasukan"])
    posted = [h for h in hasil if isinstance(h, Jurnal)]
    if posted:
        assert total == Decimal("120000")  # posted first: the frozen version holds it
    else:
        (ditolak,) = [h for h in hasil if isinstance(h, TransaksiDitolak)]
        assert "sudah dilaporkan" in str(ditolak) and total == Decimal("100000")
