"""The demo year of money: every money book is full at first login, and the ledger is whole."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from finance import natura
from finance.models import Jurnal, KuitansiCetak, TutupBuku, menunggu_kuitansi
from finance.models.jimpitan import RondaJimpitan
from finance.models.natura import MutasiStok, SaldoStok
from registry.models import Wksbm
from tests.finance.test_jurnal import _tamper

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_wilayah", provinsi=["34"], stdout=io.StringIO())
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())
    return Wksbm.objects.get(nama="WKSBM Ngudi Rahayu")


def test_demo_mencatat_setahun_uang_dan_beras_dengan_jurnal_utuh(demo):
    out = io.StringIO()
    call_command("verify_ledger", stdout=out)
    assert "Semua jurnal utuh" in out.getvalue()
    assert natura.periksa_stok(demo) == []

    jurnal = Jurnal.objects.filter(wksbm=demo)
    assert jurnal.filter(sumber="usaha", uraian__contains="Sewa tenda").count() >= 10
    assert jurnal.filter(sumber="zakat_maal").exists()
    assert jurnal.filter(dana__jenis="zakat", arah="keluar", asnaf="fakir").exists()
    assert jurnal.filter(jumlah__gt=5_000_000, arah="masuk").exists()  # kuitansi with meterai
    assert jurnal.filter(membatalkan__isnull=False).count() == 1
    # The money the previous board handed over opens the books as saldo awal, not income.
    saldo_awal = jurnal.filter(jenis="saldo_awal")
    assert saldo_awal.count() == 2 and set(saldo_awal.values_list("nomor_kuitansi")) == {("",)}
    assert not jurnal.filter(jenis="biasa", uraian__startswith="Saldo").exists()
    # Spending carries its tanda terima number.
    assert not jurnal.filter(jenis="biasa", arah="keluar", nomor_tanda_terima="").exists()
    # Each month closed but the last finished one, left for the bendahara to close.
    ditutup = set(
        TutupBuku.objects.filter(wksbm=demo, aksi="tutup").values_list("bulan", flat=True)
    )
    terakhir = (timezone.localdate().replace(day=1) - timedelta(days=1)).month
    assert {1, 2} <= ditutup and terakhir not in ditutup

    # Jimpitan: weekly rounds of money and rice, one regu listing each house.
    ronda = RondaJimpitan.objects.filter(wksbm=demo)
    assert ronda.count() >= 40 * 3
    rinci = ronda.filter(regu="RT 01").first()
    assert rinci.setoran.filter(setor=True).count() == rinci.rumah_setor
    assert rinci.jurnal.sumber == "jimpitan" and rinci.mutasi.jenis == "masuk"

    # Rice: sold each month into the same fund, the rest kept; zakat fitrah handed out.
    dijual = MutasiStok.objects.filter(wksbm=demo, jenis="dijual")
    assert dijual.count() >= 9
    assert all(m.jurnal.dana_id == m.dana_id for m in dijual.select_related("jurnal"))
    jimpitan = SaldoStok.objects.get(dana__wksbm=demo, dana__jenis="jimpitan")
    assert jimpitan.jumlah > 0
    zakat = SaldoStok.objects.get(dana__wksbm=demo, dana__jenis="zakat")
    assert zakat.jumlah == 0
    assert MutasiStok.objects.filter(wksbm=demo, jenis="disalurkan").exclude(asnaf="").exists()

    # Kuitansi handed over, except the last ten days' receipts, which wait on the home page.
    assert KuitansiCetak.objects.filter(jurnal__wksbm=demo).count() > 200
    sepuluh_hari = timezone.localdate() - timedelta(days=10)
    assert not menunggu_kuitansi(demo).filter(tanggal__lt=sepuluh_hari).exists()

    # Run again: nothing is added twice.
    sebelum = Jurnal.objects.count(), RondaJimpitan.objects.count(), MutasiStok.objects.count()
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())
    sesudah = Jurnal.objects.count(), RondaJimpitan.objects.count(), MutasiStok.objects.count()
    assert sesudah == sebelum


def test_verify_ledger_demo_utuh_lalu_menemukan_mutasi_stok_diubah(demo, capsys):
    """The demo's stock of rice sums exactly (SQLite adds decimals as floats: "tercatat
    40,8 kg, menurut mutasi 40,8000000000001 kg" was a false alarm); a tampered movement
    is found."""
    call_command("verify_ledger")
    assert "Semua jurnal utuh" in capsys.readouterr().out
    mutasi = MutasiStok.objects.filter(wksbm=demo, jenis="masuk").last()
    _tamper(
        "UPDATE finance_mutasistok SET jumlah_dasar = jumlah_dasar + 1 WHERE id = %s",
        [mutasi.pk],
        table="finance_mutasistok",
    )
    with pytest.raises(CommandError, match="tidak utuh"):
        call_command("verify_ledger")
    assert "stok Beras" in capsys.readouterr().err
