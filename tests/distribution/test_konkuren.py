"""Two hand-overs posted at the same moment for the last Rupiah, the last of the round's
budget, or the last kg of stock: exactly one succeeds. PostgreSQL only, like
tests/finance/test_konkuren.py (SQLite lets one writer in at a time: IMMEDIATE transactions)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from distribution import services
from distribution.models import Penerima
from finance import natura
from finance.models import Jurnal, Saldo, SaldoStok
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
HARI = date(2026, 11, 20)


def _dua(dunia, *, isi, pagu, jumlah, bentuk="uang"):
    a = dunia.a.wksbm
    dana = bantu.dana(a, "Dana Jimpitan" if bentuk == "natura" else "Dana Umum")
    if bentuk == "natura":
        natura.terima_natura(
            wksbm=a,
            oleh=dunia.bendahara_a,
            komoditas=natura.pastikan_beras(a),
            dana=dana,
            tanggal=date(2026, 11, 2),
            jumlah=Decimal(isi),
        )
    else:
        bantu.isi_dana(a, dunia.bendahara_a, isi)
    obj = bantu.penyaluran(a, bentuk=bentuk, pagu={dana: pagu})
    besar = {"banyak": Decimal(jumlah)} if bentuk == "natura" else {"jumlah": Decimal(jumlah)}
    rows = services.tambah_penerima(
        penyaluran=obj, oleh=dunia.bendahara_a, ppks=bantu.ppks(a, 2), dana=dana, **besar
    )
    return dana, rows


def _serahkan_paralel(dunia, rows):
    antre = list(rows)

    def serah(user):
        return services.serahkan(penerima=antre.pop(), oleh=user, tanggal=HARI)

    hasil = serentak(dunia.bendahara_a, serah)
    berhasil = [h for h in hasil if isinstance(h, Penerima)]
    ditolak = [h for h in hasil if isinstance(h, TransaksiDitolak)]
    assert len(berhasil) == 1 and len(ditolak) == 1, hasil
    return ditolak[0]


def test_rupiah_terakhir_dana(dunia):
    dana, rows = _dua(dunia, isi="1000", pagu="2000", jumlah="1000")
    galat = _serahkan_paralel(dunia, rows)
    assert "Saldo Dana Umum tidak cukup" in str(galat)
    assert Saldo.objects.get(dana=dana).jumlah == 0
    assert Jurnal.objects.filter(wksbm=dana.wksbm, arah="keluar").count() == 1
    assert Penerima.objects.filter(status="diserahkan").count() == 1


def test_anggaran_terakhir_penyaluran(dunia):
    dana, rows = _dua(dunia, isi="5000", pagu="1000", jumlah="500")
    for row in rows:  # amounts raised after planning: only the lock on the round keeps it
        row.jumlah = Decimal(1000)
        row.save()
    galat = _serahkan_paralel(dunia, rows)
    assert "melebihi anggaran Dana Umum" in str(galat)
    assert Saldo.objects.get(dana=dana).jumlah == Decimal(4000)


def test_kg_terakhir_stok(dunia):
    dana, rows = _dua(dunia, isi="5", pagu="10", jumlah="5", bentuk="natura")
    galat = _serahkan_paralel(dunia, rows)
    assert "Stok Beras pada Dana Jimpitan tidak cukup" in str(galat)
    assert SaldoStok.objects.get(dana=dana).jumlah == 0


def test_baris_sama_dua_kali_hanya_satu_posting(dunia):
    dana, rows = _dua(dunia, isi="5000", pagu="5000", jumlah="1000")

    def serah(user):
        return services.serahkan(penerima=rows[0], oleh=user, tanggal=HARI)

    hasil = serentak(dunia.bendahara_a, serah)
    assert sum(isinstance(h, Penerima) for h in hasil) == 1, hasil
    assert "sudah diserahkan" in str(next(h for h in hasil if isinstance(h, TransaksiDitolak)))
    assert Jurnal.objects.filter(wksbm=dana.wksbm, arah="keluar").count() == 1
