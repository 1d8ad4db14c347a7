"""The pemasukan and pengeluaran books read back: typed Excel cells that add up to the
JUMLAH and per-fund subtotals, the PDF's kop and JUMLAH, reversals shown as dibatalkan,
personas, and bad input refused with the Indonesian message and nothing posted."""

from datetime import date
from decimal import Decimal

import pytest

from finance import services
from finance.models import Jurnal, Saldo
from tests import bookcheck
from wksbm.excel import RUPIAH_FORMAT

pytestmark = pytest.mark.django_db


def isi(buku):
    """Three receipts over two funds and two spendings: the books of one small month."""
    buku.masuk("1250000", uraian="Donasi Paguyuban Perantau")
    buku.masuk("5500000.50", dana=buku.zakat, sumber="zakat_maal", uraian="Zakat maal H. Slamet")
    buku.masuk("300000", uraian="Sewa tenda hajatan", sumber="usaha")
    buku.keluar("400000", uraian="Santunan lansia Mbah Sainem")
    buku.keluar("750000.25", dana=buku.zakat, asnaf="fakir", uraian="Zakat untuk fakir")


def baca(response):
    """Header, data rows, the JUMLAH row and the subtotal rows of a book's sheet."""
    sheet = bookcheck.xlsx_sheet(response)
    rows = list(sheet.iter_rows())
    values = [[c.value for c in r] for r in rows]
    kepala = next(i for i, r in enumerate(values) if r[0] == "Tanggal")
    jumlah = next(i for i, r in enumerate(values) if r[0] == "JUMLAH")
    return {
        "kepala": values[kepala],
        "data": rows[kepala + 1 : jumlah],
        "jumlah": rows[jumlah],
        "subtotal": rows[jumlah + 1 :],
    }


def rp(value) -> Decimal:
    """A cell's number as Decimal (openpyxl reads it back as float)."""
    return Decimal(str(value)).quantize(Decimal("0.01"))


@pytest.mark.parametrize(
    ("slug", "baris", "harapan"),
    [
        ("pemasukan", 3, {"Dana Umum": Decimal("1550000"), "Dana Zakat": Decimal("5500000.50")}),
        ("pengeluaran", 2, {"Dana Umum": Decimal("400000"), "Dana Zakat": Decimal("750000.25")}),
    ],
)
def test_excel_jumlah_adalah_angka_rupiah_dan_sama_dengan_baris_jumlah(
    client, buku, dunia, slug, baris, harapan
):
    isi(buku)
    client.force_login(dunia.bendahara_a)
    response = client.get(bookcheck.url(slug, "xlsx", buku.wksbm), {"dari": "2026-10-01"})
    sheet = baca(response)
    kolom = sheet["kepala"].index("Jumlah")

    cells = [r[kolom] for r in sheet["data"]]
    assert len(cells) == baris
    for cell in cells:
        assert cell.data_type == "n" and cell.number_format == RUPIAH_FORMAT
    total = sheet["jumlah"][kolom]
    assert total.data_type == "n" and total.number_format == RUPIAH_FORMAT
    assert sum(rp(c.value) for c in cells) == rp(total.value) == sum(harapan.values())

    subtotal = {r[0].value: rp(r[kolom].value) for r in sheet["subtotal"]}
    assert subtotal == {f"Subtotal {dana}": jumlah for dana, jumlah in harapan.items()}
    assert all(r[kolom].number_format == RUPIAH_FORMAT for r in sheet["subtotal"])


def test_excel_pemasukan_bertanggal_dan_berkolom_buku(client, buku, dunia):
    isi(buku)
    client.force_login(dunia.lurah_a)
    sheet = baca(client.get(bookcheck.url("pemasukan", "xlsx", buku.wksbm)))
    assert sheet["kepala"][:3] == ["Tanggal", "No. kuitansi", "Sumber"]
    pertama = sheet["data"][0]
    assert pertama[0].is_date and pertama[0].value.date() == date(2026, 10, 5)
    assert pertama[1].value == "001/KWT/WKSBM-NR/X/2026"
    assert pertama[2].value == "Donasi"


@pytest.mark.parametrize("slug", ["pemasukan", "pengeluaran"])
def test_pdf_berkop_dengan_jumlah_dan_tanda_tangan_bendahara(client, buku, dunia, slug):
    isi(buku)
    client.force_login(dunia.lurah_a)
    text = bookcheck.pdf_text(client.get(bookcheck.url(slug, "pdf", buku.wksbm)))
    assert "WKSBM NGUDI RAHAYU" in text  # the kop
    assert "JUMLAH" in text
    if slug == "pemasukan":
        assert "Buku Catatan Pemasukan Dana" in text
        assert "Rp1.250.000,00" in text and "Rp7.050.000,50" in text
        assert "Subtotal Dana Zakat" in text
    else:
        assert "Buku Catatan Pengeluaran" in text
        assert "Rp1.150.000,25" in text
    assert "Bendahara" in text and "Mengetahui," in text


def test_entri_yang_dibatalkan_tampil_di_daftar_dan_excel(client, buku, dunia):
    asal = buku.masuk("300000", uraian="Donasi salah dana")
    balik = services.batalkan(
        entri=asal, oleh=buku.bendahara, alasan="Seharusnya Dana Zakat", tanggal=date(2026, 10, 6)
    )
    client.force_login(dunia.lurah_a)
    html = client.get(bookcheck.url("pemasukan", "list", buku.wksbm)).content.decode()
    assert f"Dibatalkan (#{balik.nomor})" in html
    # The reversal is in the pemasukan book beside its original, negative; not a pengeluaran.
    assert f"Pembatalan #{asal.nomor}" in html and "-Rp300.000,00" in html.replace("−", "-")
    keluar = client.get(bookcheck.url("pengeluaran", "list", buku.wksbm)).content.decode()
    assert f"Pembatalan #{asal.nomor}" not in keluar
    sheet = baca(client.get(bookcheck.url("pemasukan", "xlsx", buku.wksbm)))
    assert sheet["data"][0][-1].value == f"Dibatalkan (#{balik.nomor})"
    assert [r[-2].value for r in sheet["data"]] == [Decimal(300000), Decimal(-300000)]
    assert sheet["jumlah"][-2].value == 0


@pytest.mark.parametrize("slug", ["pemasukan", "pengeluaran"])
def test_persona_buku_uang(client, buku, dunia, slug):
    masuk = buku.masuk("500000")
    obj = buku.keluar("100000") if slug == "pengeluaran" else masuk
    bookcheck.check_personas(client, dunia, slug, obj)
    batalkan = bookcheck.url(slug, "batalkan", buku.wksbm, obj)
    for pembaca in (dunia.lurah_a, dunia.dinsos):
        assert bookcheck.status_of(client, pembaca, "post", batalkan) == 403
    assert bookcheck.status_of(client, dunia.pengurus_b, "post", batalkan) == 404
    assert not Jurnal.objects.filter(jenis="pembatalan").exists()


@pytest.mark.parametrize("slug", ["pemasukan", "pengeluaran"])
def test_halaman_buku_uang_jumlah_kueri_tetap(
    client, buku, dunia, slug, django_assert_max_num_queries
):
    def tambah(n):
        for i in range(n):  # over two funds, so the subtotals have two rows
            zakat = i % 2 == 1
            dana = buku.zakat if zakat else buku.umum
            buku.masuk("100000", dana=dana, sumber="zakat_maal" if zakat else "donasi")
            buku.keluar("1000", dana=dana, asnaf="miskin" if zakat else "")

    tambah(3)
    client.force_login(dunia.bendahara_a)
    pages = [bookcheck.url(slug, action, buku.wksbm) for action in ("list", "xlsx", "pdf")] + [
        bookcheck.url(slug, "detail", buku.wksbm, Jurnal.objects.filter(arah=_arah(slug))[0])
    ]
    sedikit = {page: bookcheck.queries(client, page) for page in pages}
    tambah(57)
    for page, n in sedikit.items():
        # list: session, user, roles, WKSBM, count, page rows (dana, kas, reversal joined),
        # JUMLAH, subtotals per fund, filter choices; xlsx/pdf: the same without paging plus
        # the kop (pengurus, signers); detail: the entry with its joins and the reversal form.
        with django_assert_max_num_queries(n):
            response = client.get(page)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)


def _arah(slug: str) -> str:
    return Jurnal.Arah.MASUK if slug == "pemasukan" else Jurnal.Arah.KELUAR


def form_pemasukan(buku, **kwargs) -> dict:
    data = {
        "tanggal": "2026-10-05",
        "sumber": "donasi",
        "dana": buku.umum.pk,
        "kas": buku.kas.pk,
        "jumlah": "0",
        "uraian": "Donasi Bu Warsini",
        "penerima": "Ibu Warsini",
    }
    return {**data, **kwargs}


def form_pengeluaran(buku, **kwargs) -> dict:
    data = {
        "tanggal": "2026-10-06",
        "kegiatan": "jaminan_sosial",
        "dana": buku.umum.pk,
        "kas": buku.kas.pk,
        "jumlah": "250000",
        "uraian": "Santunan lansia Mbah Karto",
        "penerima": "Mbah Karto Wiyono",
        "nomor_bukti": "BKT-017",
    }
    return {**data, **kwargs}


def test_pemasukan_nol_ditolak_dengan_pesan_dan_isian_tetap(client, buku, dunia):
    client.force_login(dunia.bendahara_a)
    response = client.post(bookcheck.url("pemasukan", "create", buku.wksbm), form_pemasukan(buku))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Jumlah harus lebih dari Rp0." in html
    assert "Donasi Bu Warsini" in html and "Ibu Warsini" in html
    assert not Jurnal.objects.exists()


def test_pemasukan_sah_dicatat_dengan_kuitansi(client, buku, dunia):
    client.force_login(dunia.bendahara_a)
    data = form_pemasukan(buku, jumlah="1250000")
    response = client.post(bookcheck.url("pemasukan", "create", buku.wksbm), data)
    entri = Jurnal.objects.get()
    assert response.status_code == 302 and response["Location"] == entri.get_absolute_url()
    assert entri.jumlah == Decimal("1250000") and entri.nomor_kuitansi.startswith("001/KWT/")


def test_pengeluaran_melebihi_saldo_ditolak_tanpa_mencatat(client, buku, dunia):
    buku.masuk("100000")
    client.force_login(dunia.bendahara_a)
    response = client.post(
        bookcheck.url("pengeluaran", "create", buku.wksbm), form_pengeluaran(buku)
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Saldo Dana Umum tidak cukup: tersedia Rp100.000,00, dibutuhkan Rp250.000,00." in html
    assert "Santunan lansia Mbah Karto" in html and "BKT-017" in html
    assert Jurnal.objects.count() == 1
    assert Saldo.objects.get(dana=buku.umum).jumlah == Decimal(100000)


def test_pengeluaran_dana_zakat_tanpa_asnaf_ditolak(client, buku, dunia):
    buku.masuk("1000000", dana=buku.zakat, sumber="zakat_maal")
    client.force_login(dunia.bendahara_a)
    response = client.post(
        bookcheck.url("pengeluaran", "create", buku.wksbm),
        form_pengeluaran(buku, dana=buku.zakat.pk),
    )
    assert response.status_code == 400
    assert "Pengeluaran Dana Zakat wajib menyebut asnaf penerimanya." in response.content.decode()
    assert not Jurnal.objects.filter(arah="keluar").exists()
