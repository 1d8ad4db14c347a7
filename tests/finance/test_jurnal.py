"""The journal's rules: balances never below zero, reversals, closed periods, zakat."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.db.models import Case, F, When

from finance import ledger, services, triggers
from finance.buku import BukuPemasukan
from finance.models import Jurnal, Saldo, TutupBuku
from finance.services import TransaksiDitolak
from wksbm.models import Jumlah

pytestmark = pytest.mark.django_db


def saldo(dana) -> Decimal:
    return Saldo.objects.get(dana=dana).jumlah


def test_pemasukan_menaikkan_saldo_dan_mendapat_kuitansi_berurutan(buku):
    a = buku.masuk("1250000")
    b = buku.masuk("500000", tanggal=date(2026, 11, 2))
    assert saldo(buku.umum) == Decimal("1750000.00")
    assert a.nomor_kuitansi == "001/KWT/WKSBM-NR/X/2026"
    assert b.nomor_kuitansi == "002/KWT/WKSBM-NR/XI/2026"
    assert (a.nomor, b.nomor) == (1, 2) and b.hash_sebelum == a.hash


def test_pengeluaran_melebihi_saldo_ditolak_tanpa_mengubah_apa_pun(buku):
    buku.masuk("100000")
    with pytest.raises(
        TransaksiDitolak, match=r"Saldo Dana Umum tidak cukup: tersedia Rp100\.000,00"
    ):
        buku.keluar("100000.01")
    assert saldo(buku.umum) == Decimal("100000.00")
    assert Jurnal.objects.count() == 1


def test_pengeluaran_dana_zakat_wajib_asnaf(buku):
    buku.masuk("2000000", dana=buku.zakat, sumber="zakat_maal")
    with pytest.raises(TransaksiDitolak, match="wajib menyebut asnaf"):
        buku.keluar("500000", dana=buku.zakat)
    entri = buku.keluar("500000", dana=buku.zakat, asnaf="fakir")
    assert entri.asnaf == "fakir"


def test_hanya_bendahara_atau_ketua_mencatat(buku, dunia):
    with pytest.raises(TransaksiDitolak, match="Hanya bendahara atau ketua"):
        services.catat_pemasukan(
            wksbm=buku.wksbm,
            oleh=dunia.lurah_a,
            tanggal=date(2026, 10, 1),
            sumber="donasi",
            dana=buku.umum,
            kas=buku.kas,
            jumlah=Decimal(1000),
            uraian="x",
        )


def test_pembatalan_adalah_entri_balik_dan_asal_tampil_dibatalkan(buku):
    asal = buku.masuk("300000")
    balik = services.batalkan(entri=asal, oleh=buku.bendahara, alasan="Salah dana")
    asal.refresh_from_db()
    assert asal.dibatalkan and balik.membatalkan == asal
    assert balik.arah == "keluar" and balik.jumlah == asal.jumlah
    assert saldo(buku.umum) == 0
    with pytest.raises(TransaksiDitolak, match="sudah dibatalkan"):
        services.batalkan(entri=asal, oleh=buku.bendahara, alasan="lagi")
    with pytest.raises(TransaksiDitolak, match="Alasan pembatalan wajib"):
        services.batalkan(entri=buku.masuk("1000"), oleh=buku.bendahara, alasan=" ")


def test_pemasukan_yang_sudah_terpakai_tidak_dapat_dibatalkan(buku):
    asal = buku.masuk("300000")
    buku.keluar("250000")
    with pytest.raises(TransaksiDitolak, match="tidak cukup"):
        services.batalkan(entri=asal, oleh=buku.bendahara, alasan="Salah catat")


def test_reklasifikasi_berpasangan_dan_dana_terikat_dijaga(buku):
    buku.masuk("400000")
    keluar, masuk = services.reklasifikasi(
        wksbm=buku.wksbm,
        oleh=buku.bendahara,
        dari=buku.umum,
        ke=buku.jimpitan,
        kas=buku.kas,
        jumlah=Decimal(150000),
        alasan="Tambahan modal lumbung",
        tanggal=date(2026, 10, 7),
    )
    assert masuk.pasangan == keluar
    assert (saldo(buku.umum), saldo(buku.jimpitan)) == (Decimal(250000), Decimal(150000))
    buku.masuk("100000", dana=buku.zakat, sumber="zakat_maal")
    with pytest.raises(TransaksiDitolak, match="Dana Zakat hanya untuk 8 asnaf"):
        services.reklasifikasi(
            wksbm=buku.wksbm,
            oleh=buku.bendahara,
            dari=buku.zakat,
            ke=buku.umum,
            kas=buku.kas,
            jumlah=Decimal(1000),
            alasan="x",
            tanggal=date(2026, 10, 7),
            tujuan_terpenuhi=True,
        )
    buku.jimpitan.terbatas = True
    buku.jimpitan.save()
    with pytest.raises(TransaksiDitolak, match="dana terikat"):
        services.reklasifikasi(
            wksbm=buku.wksbm,
            oleh=buku.bendahara,
            dari=buku.jimpitan,
            ke=buku.umum,
            kas=buku.kas,
            jumlah=Decimal(1000),
            alasan="x",
            tanggal=date(2026, 10, 7),
        )


def test_tutup_buku_membekukan_bulan_dan_buka_kembali_hanya_ketua(buku):
    buku.masuk("500000", tanggal=date(2026, 9, 10))
    tutup = services.tutup_buku(wksbm=buku.wksbm, oleh=buku.bendahara, tahun=2026, bulan=9)
    assert tutup.hash_kepala == Jurnal.objects.get().hash
    with pytest.raises(TransaksiDitolak, match="September 2026 sudah ditutup"):
        buku.masuk("1000", tanggal=date(2026, 9, 30))
    with pytest.raises(TransaksiDitolak, match="Hanya ketua"):
        services.buka_kembali(
            wksbm=buku.wksbm, oleh=buku.bendahara, tahun=2026, bulan=9, alasan="Koreksi"
        )
    services.buka_kembali(wksbm=buku.wksbm, oleh=buku.ketua, tahun=2026, bulan=9, alasan="Koreksi")
    buku.masuk("1000", tanggal=date(2026, 9, 30))
    assert list(TutupBuku.objects.values_list("aksi", flat=True)) == ["buka", "tutup"]


def test_bulan_berjalan_tidak_dapat_ditutup(buku):
    from django.utils import timezone

    today = timezone.localdate()
    with pytest.raises(TransaksiDitolak, match="sudah berakhir"):
        services.tutup_buku(
            wksbm=buku.wksbm, oleh=buku.bendahara, tahun=today.year, bulan=today.month
        )


def test_basis_data_menolak_ubah_dan_hapus_entri(buku):
    entri = buku.masuk("1000")
    with pytest.raises(DatabaseError), transaction.atomic():
        Jurnal.objects.filter(pk=entri.pk).update(jumlah=Decimal(999))
    with pytest.raises(DatabaseError), transaction.atomic():
        Jurnal.objects.filter(pk=entri.pk).delete()
    entri.refresh_from_db()
    assert entri.jumlah == Decimal(1000)


def _tamper(sql: str, params: list, table: str = "finance_jurnal") -> None:
    """Change a row behind the application's back, as an attacker with DB access would."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            triggers.drop(connection)
            cursor.execute(sql, params)
            triggers.ensure(connection)
        else:
            # Deferred foreign-key checks of this test's inserts would block ALTER TABLE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            cursor.execute(sql, params)
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def test_verify_ledger_menemukan_entri_yang_diubah_lewat_sql(buku, capsys):
    buku.masuk("1000000")
    kedua = buku.masuk("250000", uraian="Donasi Bapak Suradi")
    buku.keluar("100000")
    call_command("verify_ledger")
    assert "Semua jurnal utuh." in capsys.readouterr().out
    _tamper("UPDATE finance_jurnal SET jumlah = %s WHERE id = %s", ["2500000", kedua.pk])
    with pytest.raises(CommandError, match="tidak utuh"):
        call_command("verify_ledger")
    err = capsys.readouterr().err
    assert f"entri pertama yang rusak: #{kedua.nomor}" in err and "Donasi Bapak Suradi" in err


def test_nomor_tanda_terima_ikut_ditandai_tanpa_mengubah_tanda_entri_lama(buku):
    """The tanda terima number joins the hashed text only when set, so entries hashed before
    the field existed keep their hash; changing the number behind the app's back shows."""
    masuk = buku.masuk("1000000")
    keluar = buku.keluar("250000", uraian="Santunan Mbah Karto")
    assert ledger.canonical(masuk).endswith(masuk.hash_sebelum.encode())
    assert ledger.canonical(keluar).endswith(b"|nomor_tanda_terima=001/TT/WKSBM-NR/X/2026")
    _tamper(
        "UPDATE finance_jurnal SET nomor_tanda_terima = %s WHERE id = %s",
        ["099/TT/WKSBM-NR/X/2026", keluar.pk],
    )
    with pytest.raises(CommandError, match="tidak utuh"):
        call_command("verify_ledger", stdout=io.StringIO(), stderr=io.StringIO())


def test_verify_ledger_menemukan_entri_yang_dihapus(buku):
    buku.masuk("1000000")
    buku.masuk("2000")
    terakhir = buku.masuk("3000")
    _tamper("DELETE FROM finance_jurnal WHERE id = %s", [terakhir.pk])
    with pytest.raises(CommandError):
        call_command("verify_ledger")


def test_jumlah_tepat_sampai_sen_juga_di_sqlite(buku):
    """SQLite sums decimals as binary floats (0,1 + 0,2 − 0,3 ≠ 0): every total is exact."""
    for jumlah in ("0.10", "0.20", "1.88", "1.01"):
        buku.masuk(jumlah)
    for jumlah in ("0.30", "1.88", "1.01"):
        buku.keluar(jumlah)
    jurnal = Jurnal.objects.filter(wksbm=buku.wksbm)
    assert str(jurnal.total()) == "0.00"
    assert str(jurnal.masuk().jumlah()) == "3.19"
    assert str(BukuPemasukan.totals(jurnal.penerimaan().dengan_nilai())["nilai"]) == "3.19"
    signed = Case(When(arah="masuk", then="jumlah"), default=-F("jumlah"))
    kecil = jurnal.exclude(jumlah__in=[Decimal("1.88"), Decimal("1.01")])
    assert (
        str(kecil.aggregate(t=Jumlah(signed, output_field=Jurnal._meta.get_field("jumlah")))["t"])
        == "0.00"
    )
