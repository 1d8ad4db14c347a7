"""Two bendahara posting at the same moment: no balance below zero, no gap in the numbers.

Each thread has its own database connection and commits for real, so these are
transactional tests; they run on PostgreSQL only (SQLite lets one writer in at a time, so
there is no race to prove there).
"""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections

from finance import services
from finance.models import Jurnal, Saldo
from finance.services import TransaksiDitolak

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Uji konkurensi hanya di PostgreSQL: SQLite serialises writers; "
        "run with DATABASE_URL=postgres://wksbm:wksbm@127.0.0.1:5432/wksbm",
    ),
]


def serentak(user, kerja, n: int = 2) -> list:
    """Run `kerja(user)` in n threads released at once by a barrier; each thread has its own
    connection. Returns what each returned or raised."""
    mulai = threading.Barrier(n, timeout=10)
    hasil: list = [None] * n

    def jalan(i: int) -> None:
        try:
            pelaku = get_user_model().objects.get(pk=user.pk)  # as a separate request would
            mulai.wait()
            hasil[i] = kerja(pelaku)
        except Exception as exc:  # reported to the test, whatever it is
            hasil[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=jalan, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not any(t.is_alive() for t in threads), "thread macet (deadlock?)"
    return hasil


def test_dua_pengeluaran_serentak_atas_rupiah_terakhir_hanya_satu_berhasil(buku):
    buku.masuk("1000")

    def belanja(user):
        return services.catat_pengeluaran(
            wksbm=buku.wksbm,
            oleh=user,
            tanggal=date(2026, 10, 6),
            kegiatan="jaminan_sosial",
            dana=buku.umum,
            kas=buku.kas,
            jumlah=Decimal(1000),
            uraian="Santunan lansia",
        )

    hasil = serentak(buku.bendahara, belanja)

    berhasil = [h for h in hasil if isinstance(h, Jurnal)]
    ditolak = [h for h in hasil if isinstance(h, TransaksiDitolak)]
    assert len(berhasil) == 1 and len(ditolak) == 1, hasil
    assert "Saldo Dana Umum tidak cukup" in str(ditolak[0])
    assert Saldo.objects.get(dana=buku.umum).jumlah == 0
    assert Saldo.objects.get(kas=buku.kas).jumlah == 0
    assert Jurnal.objects.filter(wksbm=buku.wksbm).keluar().count() == 1
    assert Jurnal.objects.filter(wksbm=buku.wksbm).total() == 0


def test_dua_pemasukan_serentak_mendapat_nomor_jurnal_dan_kuitansi_berurutan(buku):
    # A fresh journal: both threads also race to create the chain head and the counter.
    def terima(user):
        return services.catat_pemasukan(
            wksbm=buku.wksbm,
            oleh=user,
            tanggal=date(2026, 10, 5),
            sumber="donasi",
            dana=buku.umum,
            kas=buku.kas,
            jumlah=Decimal(250000),
            uraian="Donasi warga",
        )

    hasil = serentak(buku.bendahara, terima)

    assert all(isinstance(h, Jurnal) for h in hasil), hasil
    entri = list(Jurnal.objects.filter(wksbm=buku.wksbm).order_by("nomor"))
    assert [e.nomor for e in entri] == [1, 2]
    assert [e.nomor_kuitansi for e in entri] == [
        "001/KWT/WKSBM-NR/X/2026",
        "002/KWT/WKSBM-NR/X/2026",
    ]
    assert entri[1].hash_sebelum == entri[0].hash  # one chain, not two forks
    assert Saldo.objects.get(dana=buku.umum).jumlah == Decimal(500000)
