"""Natura: unit conversion, a stock that never goes negative, sales into the same fund,
reversals, and the Buku Stok Natura pages (personas, queries, Excel and PDF read back)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from finance import natura, services
from finance.models import (
    Jurnal,
    MutasiStok,
    PengaturanKeuangan,
    Saldo,
    SaldoStok,
    SatuanKomoditas,
)
from finance.natura.buku import BukuStokNatura
from finance.services import TransaksiDitolak
from registry.models import Ppks
from tests import bookcheck
from tests.finance.test_konkuren import serentak

pytestmark = pytest.mark.django_db

HARI = date(2026, 10, 5)


@pytest.fixture
def beras(buku):
    return natura.pastikan_beras(buku.wksbm)


def terima(buku, beras, jumlah, satuan="kg", dana=None, **kwargs):
    return natura.terima_natura(
        wksbm=buku.wksbm,
        oleh=buku.bendahara,
        komoditas=beras,
        dana=dana or buku.jimpitan,
        tanggal=kwargs.pop("tanggal", HARI),
        jumlah=Decimal(jumlah),
        satuan=satuan,
        **kwargs,
    )


def jual(buku, beras, jumlah, nilai, satuan="kg", **kwargs):
    return natura.jual_natura(
        wksbm=buku.wksbm,
        oleh=buku.bendahara,
        komoditas=beras,
        dana=kwargs.pop("dana", buku.jimpitan),
        kas=buku.kas,
        tanggal=date(2026, 10, 20),
        jumlah=Decimal(jumlah),
        satuan=satuan,
        nilai=Decimal(nilai),
        **kwargs,
    )


def stok(beras, dana) -> Decimal:
    return SaldoStok.objects.get(komoditas=beras, dana=dana).jumlah


def saldo(dana) -> Decimal:
    return Saldo.objects.get(dana=dana).jumlah


# --- rules ---------------------------------------------------------------------------------


def test_satuan_dikonversi_ke_kg_dengan_faktor_setempat(buku, beras):
    liter = terima(buku, beras, "10", "liter")
    cangkir = terima(buku, beras, "5", "cangkir")
    assert (liter.jumlah_dasar, liter.faktor) == (Decimal("8.000"), Decimal("0.8"))
    assert cangkir.jumlah_dasar == Decimal("1.000")
    assert stok(beras, buku.jimpitan) == Decimal("9.000")

    natura.atur_satuan(
        wksbm=buku.wksbm, oleh=buku.bendahara, komoditas=beras, satuan="liter", faktor="0.75"
    )
    baru = terima(buku, beras, "4", "liter")
    liter.refresh_from_db()
    assert liter.jumlah_dasar == Decimal("8.000")  # posted with the factor of its day
    assert baru.jumlah_dasar == Decimal("3.000")
    with pytest.raises(TransaksiDitolak, match="Satuan “karung” belum diatur untuk Beras"):
        terima(buku, beras, "1", "karung")


def test_stok_tidak_pernah_negatif(buku, beras):
    terima(buku, beras, "10", "liter")
    with pytest.raises(
        TransaksiDitolak,
        match=r"Stok Beras pada Dana Jimpitan tidak cukup: tersedia 8 kg, dibutuhkan 8,4 kg",
    ):
        natura.susutkan(
            wksbm=buku.wksbm,
            oleh=buku.bendahara,
            komoditas=beras,
            dana=buku.jimpitan,
            tanggal=HARI,
            jumlah=Decimal("8.4"),
            alasan="Dimakan tikus",
        )
    # the stock of one fund does not cover another's
    with pytest.raises(TransaksiDitolak, match="Stok Beras pada Dana Umum tidak cukup"):
        natura.salurkan_natura(
            wksbm=buku.wksbm,
            oleh=buku.bendahara,
            komoditas=beras,
            dana=buku.umum,
            tanggal=HARI,
            jumlah=Decimal(1),
        )
    assert stok(beras, buku.jimpitan) == Decimal("8.000")
    assert MutasiStok.objects.count() == 1


def test_penjualan_melebihi_stok_ditolak_tanpa_pemasukan(buku, beras):
    terima(buku, beras, "10")
    with pytest.raises(TransaksiDitolak, match="tidak cukup: tersedia 10 kg, dibutuhkan 20 kg"):
        jual(buku, beras, "20", "200000")
    assert not Jurnal.objects.exists()
    assert saldo(buku.jimpitan) == 0 and stok(beras, buku.jimpitan) == Decimal(10)
    # the kuitansi number taken inside the refused sale was rolled back with it
    assert jual(buku, beras, "10", "100000").jurnal.nomor_kuitansi.startswith("001/")


def test_penjualan_menjadi_pemasukan_dana_yang_sama(buku, beras):
    terima(buku, beras, "25", "liter")
    mutasi = jual(buku, beras, "5", "25000", "liter", pembeli="Warung Bu Sri")
    entri = mutasi.jurnal
    assert (entri.arah, entri.sumber, entri.dana) == ("masuk", "penjualan_natura", buku.jimpitan)
    assert entri.jumlah == Decimal(25000) and entri.penerima == "Warung Bu Sri"
    assert entri.nomor_kuitansi and "Penjualan Beras 5 liter" in entri.uraian
    assert saldo(buku.jimpitan) == Decimal(25000) and saldo(buku.umum) == 0
    assert (mutasi.jenis, mutasi.arah, mutasi.jumlah_dasar) == ("dijual", "keluar", Decimal(4))
    assert stok(beras, buku.jimpitan) == Decimal(16)


def test_susut_dan_penyesuaian_wajib_alasan(buku, beras):
    terima(buku, beras, "10")
    umum = {
        "wksbm": buku.wksbm,
        "oleh": buku.bendahara,
        "komoditas": beras,
        "dana": buku.jimpitan,
        "tanggal": HARI,
        "jumlah": Decimal(1),
    }
    with pytest.raises(TransaksiDitolak, match="Alasan wajib diisi"):
        natura.susutkan(**umum, alasan="  ")
    with pytest.raises(TransaksiDitolak, match="Alasan wajib diisi"):
        natura.sesuaikan_stok(**umum, arah="masuk", alasan="")
    natura.sesuaikan_stok(**umum, arah="masuk", alasan="Hasil hitung stok akhir bulan")
    assert stok(beras, buku.jimpitan) == Decimal(11)


def test_pembatalan_penjualan_membalik_stok_dan_pemasukan(buku, beras):
    terima(buku, beras, "10")
    mutasi = jual(buku, beras, "4", "40000")
    balik = natura.batalkan_mutasi(mutasi=mutasi, oleh=buku.bendahara, alasan="Pembeli batal")
    assert (balik.jenis, balik.arah, balik.membatalkan) == ("pembatalan", "masuk", mutasi)
    assert stok(beras, buku.jimpitan) == Decimal(10) and saldo(buku.jimpitan) == 0
    mutasi.refresh_from_db()
    assert mutasi.dibatalkan and mutasi.jurnal.dibatalkan
    with pytest.raises(TransaksiDitolak, match="sudah dibatalkan"):
        natura.batalkan_mutasi(mutasi=mutasi, oleh=buku.bendahara, alasan="lagi")


def test_pembatalan_dihitung_bersih_di_buku_stok_dan_ringkasan(buku, beras):
    """A reversed sale shows in the 'keluar' column beside the sale, negative: in and out
    net instead of both growing."""
    terima(buku, beras, "10")
    mutasi = jual(buku, beras, "4", "40000")
    natura.batalkan_mutasi(mutasi=mutasi, oleh=buku.bendahara, alasan="Pembeli batal")
    qs = BukuStokNatura.queryset(buku.wksbm)
    assert BukuStokNatura.totals(qs) == {"masuk_kg": 10, "keluar_kg": 0, "nilai_jual": 0}
    assert sorted(m.keluar_kg for m in qs if m.keluar_kg is not None) == [-4, 4]
    (baris,) = MutasiStok.objects.filter(wksbm=buku.wksbm).ringkasan()
    assert (baris["masuk"], baris["keluar"], baris["akhir"], baris["nilai_jual"]) == (10, 0, 10, 0)


def test_penerimaan_yang_sudah_terjual_tidak_dapat_dibatalkan(buku, beras):
    masuk = terima(buku, beras, "10")
    jual(buku, beras, "8", "80000")
    with pytest.raises(TransaksiDitolak, match="tidak cukup"):
        natura.batalkan_mutasi(mutasi=masuk, oleh=buku.bendahara, alasan="Salah catat")


def test_beras_zakat_mengikuti_dasar_pengelolaan_zakat(buku, beras):
    PengaturanKeuangan.objects.filter(wksbm=buku.wksbm).update(dasar_zakat="tidak")
    with pytest.raises(TransaksiDitolak, match="tercatat tidak menangani zakat"):
        terima(buku, beras, "50", dana=buku.zakat)
    PengaturanKeuangan.objects.filter(wksbm=buku.wksbm).update(dasar_zakat="upz")
    assert terima(buku, beras, "50", dana=buku.zakat).jumlah_dasar == Decimal(50)


def test_penyaluran_dana_zakat_wajib_asnaf_dan_ppks_sendiri(buku, beras, dunia):
    PengaturanKeuangan.objects.filter(wksbm=buku.wksbm).update(dasar_zakat="upz")
    terima(buku, beras, "50", dana=buku.zakat)
    umum = {
        "wksbm": buku.wksbm,
        "oleh": buku.bendahara,
        "komoditas": beras,
        "dana": buku.zakat,
        "tanggal": HARI,
        "jumlah": Decimal(5),
    }
    with pytest.raises(TransaksiDitolak, match="wajib menyebut asnaf"):
        natura.salurkan_natura(**umum, nama_penerima="Mbah Karto")
    lain = Ppks.objects.create(wksbm=dunia.b.wksbm, nama="Warga WKSBM lain")
    with pytest.raises(TransaksiDitolak, match="bukan PPKS WKSBM ini"):
        natura.salurkan_natura(**umum, penerima=lain, asnaf="miskin")
    sendiri = Ppks.objects.create(wksbm=buku.wksbm, nama="Mbah Karto")
    m = natura.salurkan_natura(**umum, penerima=sendiri, asnaf="miskin")
    assert (m.pihak(), m.asnaf, stok(beras, buku.zakat)) == ("Mbah Karto", "miskin", Decimal(45))


def test_hanya_bendahara_atau_ketua_dan_periode_terbuka(buku, beras, dunia):
    with pytest.raises(TransaksiDitolak, match="Hanya bendahara atau ketua"):
        natura.terima_natura(
            wksbm=buku.wksbm,
            oleh=dunia.lurah_a,
            komoditas=beras,
            dana=buku.jimpitan,
            tanggal=HARI,
            jumlah=Decimal(1),
        )
    services.tutup_buku(wksbm=buku.wksbm, oleh=buku.bendahara, tahun=2025, bulan=12)
    with pytest.raises(TransaksiDitolak, match="Desember 2025 sudah ditutup"):
        terima(buku, beras, "1", tanggal=date(2025, 12, 31))


def test_basis_data_menolak_ubah_dan_hapus_mutasi(buku, beras):
    m = terima(buku, beras, "3")
    with pytest.raises(DatabaseError), transaction.atomic():
        MutasiStok.objects.filter(pk=m.pk).update(jumlah=Decimal(30))
    with pytest.raises(DatabaseError), transaction.atomic():
        MutasiStok.objects.filter(pk=m.pk).delete()


# --- pages ---------------------------------------------------------------------------------


def test_persona_buku_stok_natura(client, dunia, buku, beras):
    m = terima(buku, beras, "5")
    bookcheck.check_personas(client, dunia, "natura", m)
    a = buku.wksbm
    for target in (
        bookcheck.url("natura", "ringkasan", a),
        bookcheck.url("natura", "ringkasan-pdf", a),
        bookcheck.url("natura", "komoditas", a),
    ):
        assert bookcheck.status_of(client, dunia.lurah_a, "get", target) == 200, target
        assert bookcheck.status_of(client, dunia.pengurus_b, "get", target) == 404, target
    for target in (
        bookcheck.url("natura", "komoditas", a),
        bookcheck.url("natura", "batalkan", a, m),
    ):
        assert bookcheck.status_of(client, dunia.lurah_a, "post", target) == 403, target
        assert bookcheck.status_of(client, dunia.dinsos, "post", target) == 403, target
        assert bookcheck.status_of(client, dunia.pengurus_b, "post", target) == 404, target
    assert not MutasiStok.objects.filter(jenis="pembatalan").exists()


def _isian(beras, buku, **kwargs) -> dict:
    liter = SatuanKomoditas.objects.get(komoditas=beras, satuan="liter")
    data = {
        "tanggal": "2026-10-20",
        "jenis": "dijual",
        "satuan_komoditas": liter.pk,
        "jumlah": "5",
        "dana": buku.jimpitan.pk,
        "kas": buku.kas.pk,
        "harga_satuan": "5000",
        "penerima": "Warung Bu Sri",
        "uraian": "Beras jimpitan Oktober",
    }
    data.update(kwargs)
    return data


def test_bendahara_menjual_lewat_formulir(client, buku, beras):
    terima(buku, beras, "20")
    client.force_login(buku.bendahara)
    response = client.post(bookcheck.url("natura", "create", buku.wksbm), _isian(beras, buku))
    mutasi = MutasiStok.objects.get(jenis="dijual")
    assert response.status_code == 302 and response["Location"].endswith(f"/natura/{mutasi.pk}/")
    assert mutasi.nilai == Decimal(25000) and mutasi.harga_satuan == Decimal(5000)
    assert saldo(buku.jimpitan) == Decimal(25000)
    html = client.get(response["Location"]).content.decode()
    assert "Rp25.000,00" in html and mutasi.jurnal.nomor_kuitansi in html


def test_formulir_menolak_dengan_pesan_dan_isian_tetap(client, buku, beras):
    terima(buku, beras, "2")
    client.force_login(buku.bendahara)
    target = bookcheck.url("natura", "create", buku.wksbm)
    susut = client.post(target, _isian(beras, buku, jenis="susut", uraian="Karung ketiga"))
    html = susut.content.decode()
    assert susut.status_code == 400
    assert "Alasan wajib diisi untuk susut/rusak dan penyesuaian." in html
    assert "Karung ketiga" in html
    besar = client.post(target, _isian(beras, buku, jumlah="30"))
    html = besar.content.decode()
    assert besar.status_code == 400
    assert "Stok Beras pada Dana Jimpitan tidak cukup: tersedia 2 kg, dibutuhkan 24 kg." in html
    assert 'value="30"' in html
    assert not Jurnal.objects.exists() and MutasiStok.objects.count() == 1


def test_komoditas_dan_satuan_diatur_dengan_riwayat(client, buku, beras):
    client.force_login(buku.bendahara)
    target = bookcheck.url("natura", "komoditas", buku.wksbm)
    data = {
        "aksi": "satuan",
        "s-komoditas": beras.pk,
        "s-satuan": "Liter",
        "s-faktor_ke_dasar": "0.75",
    }
    assert client.post(target, data).status_code == 302
    liter = SatuanKomoditas.objects.get(komoditas=beras, satuan="liter")
    assert liter.faktor_ke_dasar == Decimal("0.75")
    log = LogEntry.objects.get_for_object(liter).latest("timestamp")
    assert log.changes_dict["faktor_ke_dasar"] == ["0.8000", "0.75"] and log.actor == buku.bendahara

    salah = client.post(target, {**data, "s-satuan": "kg", "s-faktor_ke_dasar": "2"})
    assert (
        salah.status_code == 400
        and "Satuan dasar (kg) selalu bernilai 1." in salah.content.decode()
    )
    minyak = {"aksi": "komoditas", "k-nama": "Minyak goreng", "k-jenis": "sembako"}
    assert client.post(target, minyak).status_code == 302
    html = client.get(target).content.decode()
    assert "Minyak goreng" in html and "1 liter = 0,75 kg" in html
    kembar = client.post(target, {**minyak, "k-nama": "minyak goreng"})
    assert kembar.status_code == 400 and "sudah ada" in kembar.content.decode()


def test_halaman_jumlah_kueri_tetap(client, buku, beras, django_assert_max_num_queries):
    for i in range(3):
        terima(buku, beras, "2", tanggal=date(2026, 10, i + 1))
    client.force_login(buku.bendahara)
    targets = [
        bookcheck.url("natura", "list", buku.wksbm),
        bookcheck.url("natura", "xlsx", buku.wksbm),
        bookcheck.url("natura", "pdf", buku.wksbm),
        bookcheck.url("natura", "ringkasan", buku.wksbm),
        bookcheck.url("natura", "detail", buku.wksbm, MutasiStok.objects.first()),
    ]
    sedikit = {t: bookcheck.queries(client, t) for t in targets}
    for i in range(57):
        terima(buku, beras, "1", tanggal=date(2026, 10, i % 28 + 1))
    # list (15): session, user, roles, WKSBM, count, page rows, JUMLAH, subtotal per komoditas,
    # count + options of the komoditas and dana filters, session save (3); xlsx (7) and pdf (12):
    # the same without paging, plus kop/signers in the pdf; ringkasan (5): one grouped
    # aggregate; detail (6): the row with its joins. None grows with the number of rows.
    for target, n in sedikit.items():
        with django_assert_max_num_queries(n):
            response = client.get(target)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)


def test_excel_dan_pdf_buku_stok(client, buku, beras, dunia):
    terima(buku, beras, "10", "liter")
    jual(buku, beras, "2", "12500", pembeli="Warung Bu Sri")
    client.force_login(dunia.lurah_a)
    sheet = bookcheck.xlsx_sheet(client.get(bookcheck.url("natura", "xlsx", buku.wksbm)))
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Buku Stok Natura"
    header = rows[4]
    masuk, keluar, nilai = (header.index(h) for h in ("Masuk (kg)", "Keluar (kg)", "Nilai jual"))
    assert rows[5][masuk] == 8 and rows[6][keluar] == 2 and rows[6][nilai] == 12500
    jumlah = rows[7]
    assert jumlah[0] == "JUMLAH" and (jumlah[masuk], jumlah[keluar]) == (8, 2)
    assert sheet.cell(row=7, column=nilai + 1).number_format == '"Rp"#,##0.00'
    assert rows[8][0] == "Subtotal Beras"

    text = bookcheck.pdf_text(client.get(bookcheck.url("natura", "pdf", buku.wksbm)))
    assert "Buku Stok Natura" in text and "WKSBM NGUDI RAHAYU" in text
    assert "Rp12.500,00" in text and "10 liter" in text and "Bendahara" in text

    ringkasan = client.get(bookcheck.url("natura", "ringkasan-pdf", buku.wksbm))
    text = " ".join(bookcheck.pdf_text(ringkasan).split())
    assert "Ringkasan Stok Natura" in text and "Dana Jimpitan" in text and "Rp12.500,00" in text


def test_ringkasan_stok_per_periode(client, buku, beras):
    terima(buku, beras, "10", tanggal=date(2026, 9, 3))
    terima(buku, beras, "5", tanggal=date(2026, 10, 3))
    jual(buku, beras, "4", "40000")
    client.force_login(buku.bendahara)
    target = bookcheck.url("natura", "ringkasan", buku.wksbm)
    html = client.get(target, {"dari": "2026-10-01", "sampai": "2026-10-31"}).content.decode()
    # awal 10, masuk 5, keluar 4, akhir 11
    assert ">10</td>" in html and ">5</td>" in html and ">4</td>" in html and ">11</td>" in html
    assert "Rp40.000,00" in html
    salah = client.get(target, {"dari": "2026-10-31", "sampai": "2026-10-01"})
    assert salah.status_code == 400
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in salah.content.decode()


def test_periksa_stok_menemukan_saldo_yang_tidak_cocok(buku, beras):
    terima(buku, beras, "10", "liter")
    jual(buku, beras, "3", "30000")
    assert natura.periksa_stok(buku.wksbm) == []
    SaldoStok.objects.filter(komoditas=beras).update(jumlah=Decimal(9))
    assert natura.periksa_stok(buku.wksbm) == [
        "stok Beras pada Dana Jimpitan tercatat 9 kg, menurut mutasi 5 kg."
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Uji konkurensi hanya di PostgreSQL: SQLite serialises writers.",
)
def test_dua_penyaluran_serentak_atas_stok_terakhir_hanya_satu_berhasil(buku, beras):
    terima(buku, beras, "5")

    def salurkan(user):
        return natura.salurkan_natura(
            wksbm=buku.wksbm,
            oleh=user,
            komoditas=beras,
            dana=buku.jimpitan,
            tanggal=HARI,
            jumlah=Decimal(5),
            nama_penerima="Mbah Karto",
        )

    hasil = serentak(buku.bendahara, salurkan)
    berhasil = [h for h in hasil if isinstance(h, MutasiStok)]
    ditolak = [h for h in hasil if isinstance(h, TransaksiDitolak)]
    assert len(berhasil) == 1 and len(ditolak) == 1, hasil
    assert "tidak cukup: tersedia 0 kg, dibutuhkan 5 kg" in str(ditolak[0])
    assert stok(beras, buku.jimpitan) == 0
    assert natura.periksa_stok(buku.wksbm) == []


def test_verify_ledger_stok_tepat_juga_di_sqlite_dan_menemukan_saldo_diubah(buku, beras):
    """SQLite adds decimals as binary floats (1.000.000,1 − 999.999,8 = 0,30000000004656613):
    the stock check of verify_ledger sums exactly, and still sees a balance changed by SQL."""
    terima(buku, beras, "1000000.1")
    natura.susutkan(
        wksbm=buku.wksbm,
        oleh=buku.bendahara,
        komoditas=beras,
        dana=buku.jimpitan,
        tanggal=HARI,
        jumlah=Decimal("999999.8"),
        alasan="Dipindah ke lumbung padukuhan",
    )
    assert natura.periksa_stok(buku.wksbm) == []
    call_command("verify_ledger", wksbm=buku.wksbm.pk, stdout=io.StringIO())
    saldo = SaldoStok.objects.get(komoditas=beras, dana=buku.jimpitan)
    assert saldo.jumlah == Decimal("0.300")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE finance_saldostok SET jumlah = %s WHERE id = %s", ["41", saldo.pk])
    with pytest.raises(CommandError, match="tidak utuh"):
        call_command("verify_ledger", wksbm=buku.wksbm.pk, stdout=io.StringIO())
