"""Jimpitan rounds: money and rice posted together (or not at all), per-household detail,
reversal, and Buku Jimpitan's pages (personas, queries, Excel and PDF read back)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import DatabaseError, transaction

from finance import jimpitan, natura
from finance.models import (
    Jurnal,
    MutasiStok,
    RondaJimpitan,
    Saldo,
    SaldoStok,
    SatuanKomoditas,
    SetoranRumah,
)
from finance.services import TransaksiDitolak
from tests import bookcheck

pytestmark = pytest.mark.django_db


@pytest.fixture
def cangkir(buku) -> SatuanKomoditas:
    beras = natura.pastikan_beras(buku.wksbm)
    return SatuanKomoditas.objects.get(komoditas=beras, satuan="cangkir")


def ronda(buku, cangkir, tanggal=date(2026, 10, 3), **kwargs) -> RondaJimpitan:
    data = {
        "wksbm": buku.wksbm,
        "oleh": buku.bendahara,
        "tanggal": tanggal,
        "periode": "malam",
        "regu": "RT 03",
        "petugas": "Pak Darmo, Mas Yanto",
        "rumah_diharapkan": 40,
        "rumah_setor": 36,
        "uang": Decimal(18000),
        "beras": Decimal(30),
        "satuan_beras": cangkir,
        "kas": buku.kas,
    }
    data.update(kwargs)
    return jimpitan.catat_ronda(**data)


def test_ronda_memposting_uang_dan_beras_ke_dana_jimpitan(buku, cangkir):
    r = ronda(buku, cangkir)
    assert r.jurnal.sumber == "jimpitan" and r.jurnal.dana == buku.jimpitan
    assert r.jurnal.jumlah == Decimal(18000) and r.jurnal.nomor_kuitansi.startswith("001/KWT/")
    assert "regu RT 03: 36 dari 40 rumah" in r.jurnal.uraian
    assert (r.mutasi.jenis, r.mutasi.dana, r.mutasi.jumlah_dasar) == (
        "masuk",
        buku.jimpitan,
        Decimal(6),
    )
    assert Saldo.objects.get(dana=buku.jimpitan).jumlah == Decimal(18000)
    assert SaldoStok.objects.get(dana=buku.jimpitan).jumlah == Decimal(6)
    hanya_uang = ronda(buku, cangkir, beras=None, satuan_beras=None)
    assert hanya_uang.mutasi is None and hanya_uang.jurnal is not None


def test_kegagalan_beras_tidak_meninggalkan_pemasukan(buku, cangkir):
    """Both postings or none: the rice is refused after the money was posted."""
    cangkir.komoditas.aktif = False
    cangkir.komoditas.save()
    with pytest.raises(TransaksiDitolak, match="sudah tidak aktif"):
        ronda(buku, cangkir)
    assert not Jurnal.objects.exists()
    assert not MutasiStok.objects.exists() and not RondaJimpitan.objects.exists()
    assert Saldo.objects.get(dana=buku.jimpitan).jumlah == 0
    # the kuitansi number taken by the refused round was rolled back too
    assert buku.masuk("1000", dana=buku.jimpitan).nomor_kuitansi.startswith("001/")


def test_ronda_harus_ke_dana_jimpitan(buku, cangkir):
    with pytest.raises(TransaksiDitolak, match="Dana Jimpitan"):
        ronda(buku, cangkir, dana=buku.umum)
    with pytest.raises(TransaksiDitolak, match="melebihi rumah diharapkan"):
        ronda(buku, cangkir, rumah_setor=41)
    assert not Jurnal.objects.exists()


def test_ronda_tidak_dapat_diubah_di_basis_data(buku, cangkir):
    r = ronda(buku, cangkir)
    with pytest.raises(DatabaseError), transaction.atomic():
        RondaJimpitan.objects.filter(pk=r.pk).update(rumah_setor=40)
    with pytest.raises(DatabaseError), transaction.atomic():
        RondaJimpitan.objects.filter(pk=r.pk).delete()


def test_pembatalan_ronda_membalik_keduanya(buku, cangkir):
    r = ronda(buku, cangkir)
    jimpitan.batalkan_ronda(ronda=r, oleh=buku.bendahara, alasan="Salah regu")
    r.jurnal.refresh_from_db()
    assert r.jurnal.dibatalkan and MutasiStok.objects.get(pk=r.mutasi_id).dibatalkan
    assert Saldo.objects.get(dana=buku.jimpitan).jumlah == 0
    assert SaldoStok.objects.get(dana=buku.jimpitan).jumlah == 0
    with pytest.raises(TransaksiDitolak, match="sudah dibatalkan"):
        jimpitan.batalkan_ronda(ronda=r, oleh=buku.bendahara, alasan="lagi")
    status = RondaJimpitan.objects.dengan_status().get(pk=r.pk)
    assert status.batal and status.uang_sah == 0 and status.keterangan() == "Dibatalkan"


# --- the form ------------------------------------------------------------------------------


def isian(buku, cangkir, rumah=(), **kwargs) -> dict:
    data = {
        "tanggal": "2026-10-03",
        "periode": "malam",
        "regu": "RT 03",
        "petugas": "Pak Darmo",
        "rumah_diharapkan": "5",
        "rumah_setor": "3",
        "uang": "",
        "beras": "",
        "satuan_beras": cangkir.pk,
        "dana": buku.jimpitan.pk,
        "kas": buku.kas.pk,
        "catatan": "",
        "setoran-TOTAL_FORMS": "10",
        "setoran-INITIAL_FORMS": "0",
        "setoran-MIN_NUM_FORMS": "0",
        "setoran-MAX_NUM_FORMS": "1000",
    }
    for i in range(10):
        data[f"setoran-{i}-setor"] = "on"  # the box is ticked on every empty row
    for i, (nama, setor, uang, beras) in enumerate(rumah):
        data[f"setoran-{i}-nama"] = nama
        data[f"setoran-{i}-uang"] = uang
        data[f"setoran-{i}-beras"] = beras
        if not setor:
            del data[f"setoran-{i}-setor"]
    data.update(kwargs)
    return data


RUMAH = [
    ("Pak Slamet", True, "500", "1"),
    ("Bu Warsini", True, "", "2"),
    ("Pak Tukiman", True, "1000", ""),
    ("Mbah Karto", False, "", ""),
]


def test_rincian_per_rumah_mengisi_jumlah_ronda(client, buku, cangkir):
    client.force_login(buku.bendahara)
    response = client.post(
        bookcheck.url("jimpitan", "create", buku.wksbm), isian(buku, cangkir, RUMAH)
    )
    r = RondaJimpitan.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/jimpitan/{r.pk}/")
    assert (r.uang, r.beras) == (Decimal(1500), Decimal(3))
    assert r.jurnal.jumlah == Decimal(1500) and r.mutasi.jumlah_dasar == Decimal("0.6")
    assert list(r.setoran.values_list("nama", "setor")) == [
        ("Pak Slamet", True),
        ("Bu Warsini", True),
        ("Pak Tukiman", True),
        ("Mbah Karto", False),
    ]
    html = client.get(response["Location"]).content.decode()
    assert "Mbah Karto" in html and r.jurnal.nomor_kuitansi in html and "0,6 kg" in html


def test_rincian_yang_tidak_cocok_ditolak_dengan_pesan(client, buku, cangkir):
    client.force_login(buku.bendahara)
    target = bookcheck.url("jimpitan", "create", buku.wksbm)
    data = isian(buku, cangkir, RUMAH, rumah_setor="4", uang="2000", petugas="Mas Yanto")
    response = client.post(target, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Rincian per rumah mencatat 3 rumah menyetor." in html
    assert "Jumlah uang rincian per rumah 1500 tidak sama dengan isian ini." in html
    assert "Mas Yanto" in html and "Pak Tukiman" in html
    tidak_setor = isian(buku, cangkir, [("Mbah Karto", False, "500", "")], rumah_setor="0")
    html = client.post(target, tidak_setor).content.decode()
    assert "Rumah yang tidak menyetor tidak berisi uang atau beras." in html
    assert not Jurnal.objects.exists() and not RondaJimpitan.objects.exists()


def test_formulir_gagal_di_tengah_tidak_menyimpan_apa_pun(client, buku, cangkir, monkeypatch):
    """The rice posting fails after the money was posted: the page says why, nothing stays."""

    def gagal(**kwargs):
        raise TransaksiDitolak("Stok beras sedang dikunci.")

    monkeypatch.setattr(natura, "terima_natura", gagal)
    client.force_login(buku.bendahara)
    data = isian(buku, cangkir, uang="5000", beras="2", petugas="Mas Yanto")
    response = client.post(bookcheck.url("jimpitan", "create", buku.wksbm), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Stok beras sedang dikunci." in html and "Mas Yanto" in html
    assert not Jurnal.objects.exists() and not RondaJimpitan.objects.exists()
    assert Saldo.objects.get(dana=buku.jimpitan).jumlah == 0


# --- pages ---------------------------------------------------------------------------------


def test_persona_buku_jimpitan(client, dunia, buku, cangkir):
    r = ronda(buku, cangkir)
    bookcheck.check_personas(client, dunia, "jimpitan", r)
    target = bookcheck.url("jimpitan", "batalkan", buku.wksbm, r)
    for pembaca in (dunia.lurah_a, dunia.dinsos):
        assert bookcheck.status_of(client, pembaca, "post", target) == 403
    assert bookcheck.status_of(client, dunia.pengurus_b, "post", target) == 404
    assert not Jurnal.objects.filter(jenis="pembatalan").exists()


def test_bendahara_membatalkan_ronda_dari_halamannya(client, buku, cangkir):
    r = ronda(buku, cangkir)
    client.force_login(buku.bendahara)
    target = bookcheck.url("jimpitan", "batalkan", buku.wksbm, r)
    kosong = client.post(target, {"alasan": ""}, follow=True).content.decode()
    assert "alasan wajib diisi" in kosong and not Jurnal.objects.filter(jenis="pembatalan")
    html = client.post(target, {"alasan": "Salah regu"}, follow=True).content.decode()
    assert "dibatalkan" in html and Jurnal.objects.filter(jenis="pembatalan").count() == 1
    assert MutasiStok.objects.filter(jenis="pembatalan").count() == 1


def test_halaman_jimpitan_jumlah_kueri_tetap(client, buku, cangkir, django_assert_max_num_queries):
    for i in range(3):
        ronda(buku, cangkir, tanggal=date(2026, 10, i + 1))
    client.force_login(buku.bendahara)
    r = RondaJimpitan.objects.first()
    SetoranRumah.objects.create(ronda=r, nama="Pak Slamet", uang=Decimal(500))
    targets = [bookcheck.url("jimpitan", a, buku.wksbm) for a in ("list", "xlsx", "pdf")] + [
        bookcheck.url("jimpitan", "detail", buku.wksbm, r)
    ]
    sedikit = {t: bookcheck.queries(client, t) for t in targets}
    for i in range(57):
        ronda(buku, cangkir, tanggal=date(2026, 10, i % 28 + 1))
    SetoranRumah.objects.create(ronda=r, nama="Bu Warsini", uang=Decimal(500))
    # list (10): session, user, roles, WKSBM, count, page rows (journal entry, stock movement
    # and reversal status joined in), JUMLAH, session save (3); xlsx (6) the same without
    # paging; pdf (11) adds kop, signers and SK; detail (6): the round with its joins and its
    # households. None grows with the number of rounds or households.
    for target, n in sedikit.items():
        with django_assert_max_num_queries(n):
            response = client.get(target)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)


def test_excel_dan_pdf_buku_jimpitan(client, buku, cangkir, dunia):
    ronda(buku, cangkir, tanggal=date(2026, 10, 3))
    ronda(buku, cangkir, tanggal=date(2026, 10, 4), uang=Decimal(20000), rumah_setor=38)
    batal = ronda(buku, cangkir, tanggal=date(2026, 10, 5), uang=Decimal(99000))
    jimpitan.batalkan_ronda(ronda=batal, oleh=buku.bendahara, alasan="Dicatat dua kali")
    client.force_login(dunia.dinsos)
    sheet = bookcheck.xlsx_sheet(client.get(bookcheck.url("jimpitan", "xlsx", buku.wksbm)))
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Buku Jimpitan"
    header = list(rows[4])
    uang, beras, setor = (header.index(h) for h in ("Uang", "Beras (kg)", "Rumah menyetor"))
    assert [r[uang] for r in rows[5:8]] == [18000, 20000, 0]
    assert rows[7][header.index("Ket.")] == "Dibatalkan"
    jumlah = rows[8]
    assert jumlah[0] == "JUMLAH"
    assert (jumlah[uang], jumlah[beras], jumlah[setor]) == (38000, 12, 74)
    assert sheet.cell(row=9, column=uang + 1).number_format == '"Rp"#,##0.00'
    assert sheet.cell(row=6, column=1).is_date

    text = " ".join(
        bookcheck.pdf_text(client.get(bookcheck.url("jimpitan", "pdf", buku.wksbm))).split()
    )
    assert "Buku Jimpitan" in text and "WKSBM NGUDI RAHAYU" in text
    assert "Rp38.000,00" in text and "RT 03" in text and "Bendahara" in text
