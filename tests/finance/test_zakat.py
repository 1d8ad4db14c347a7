"""Zakat guard-rails: no zakat without a basis for handling it, the amil share warning above
12,5%, and the zakat report (page and PDF)."""

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from finance import services, zakat
from finance.models import Jurnal, PengaturanKeuangan
from tests import bookcheck

pytestmark = pytest.mark.django_db


def dasar(buku, nilai: str) -> None:
    PengaturanKeuangan.objects.filter(wksbm=buku.wksbm).update(dasar_zakat=nilai)


def zakat_masuk(buku, jumlah, sumber="zakat_maal", **kwargs) -> Jurnal:
    return buku.masuk(jumlah, dana=buku.zakat, sumber=sumber, uraian="Zakat maal warga", **kwargs)


def amil(buku, jumlah, **kwargs) -> Jurnal:
    return buku.keluar(
        jumlah, dana=buku.zakat, asnaf="amil", kegiatan="operasional", uraian="Hak amil", **kwargs
    )


def url(nama: str, wksbm) -> str:
    return reverse(f"finance:{nama}", args=[wksbm.pk])


# --- basis for handling zakat --------------------------------------------------------------


def pemasukan(buku, **kwargs) -> dict:
    data = {
        "tanggal": "2026-10-05",
        "sumber": "zakat_maal",
        "dana": buku.zakat.pk,
        "kas": buku.kas.pk,
        "jumlah": "2500000",
        "uraian": "Zakat maal Bapak Suradi",
        "penerima": "Bapak Suradi",
    }
    data.update(kwargs)
    return data


def test_zakat_ditolak_bila_wksbm_tidak_menangani_zakat(client, buku):
    assert PengaturanKeuangan._meta.get_field("dasar_zakat").default == "tidak"
    dasar(buku, "tidak")
    client.force_login(buku.bendahara)
    target = bookcheck.url("pemasukan", "create", buku.wksbm)
    response = client.post(target, pemasukan(buku))
    html = response.content.decode()
    assert response.status_code == 400
    assert "WKSBM ini tercatat tidak menangani zakat" in html and "Bapak Suradi" in html
    assert not Jurnal.objects.exists()
    # other sources are not affected
    infak = pemasukan(buku, sumber="infak", dana=buku.umum.pk)
    assert client.post(target, infak).status_code == 302

    dasar(buku, "upz")
    assert client.post(target, pemasukan(buku)).status_code == 302
    assert Jurnal.objects.filter(sumber="zakat_maal", dana=buku.zakat).count() == 1


def test_zakat_hanya_ke_dana_zakat(client, buku):
    dasar(buku, "pemberitahuan")
    client.force_login(buku.bendahara)
    response = client.post(
        bookcheck.url("pemasukan", "create", buku.wksbm),
        pemasukan(buku, sumber="zakat_fitrah", dana=buku.umum.pk),
    )
    assert response.status_code == 400
    assert "Zakat dicatat ke Dana Zakat" in response.content.decode()


# --- the amil share ------------------------------------------------------------------------


def test_bagian_amil_12_5_persen_boleh_12_6_persen_diperingatkan(buku):
    zakat_masuk(buku, "600000")
    zakat_masuk(buku, "400000", sumber="zakat_fitrah")
    pas = amil(buku, "125000")
    assert zakat.peringatan_amil(pas) == []
    r = zakat.rekap(buku.wksbm, 2026)
    assert (r.diterima, r.amil, r.persen_amil, r.amil_melebihi) == (
        Decimal(1000000),
        Decimal(125000),
        Decimal("12.50"),
        False,
    )
    lebih = amil(buku, "1000")
    (pesan,) = zakat.peringatan_amil(lebih)
    assert "Rp126.000,00 = 12,6% dari zakat yang diterima Rp1.000.000,00" in pesan
    assert "melebihi batas 12,5% (Rp125.000,00)" in pesan and "BAZNAS 1/2016 pasal 8" in pesan


def test_tahun_lain_dan_entri_dibatalkan_tidak_dihitung(buku):
    zakat_masuk(buku, "1000000", tanggal=date(2025, 11, 1))
    zakat_masuk(buku, "1000000")
    salah = zakat_masuk(buku, "4000000")
    services.batalkan(entri=salah, oleh=buku.bendahara, alasan="Salah catat")
    keliru = amil(buku, "130000")
    services.batalkan(entri=keliru, oleh=buku.bendahara, alasan="Salah catat")
    r = zakat.rekap(buku.wksbm, 2026)
    assert (r.diterima, r.amil, r.disalurkan) == (Decimal(1000000), 0, 0)
    assert zakat.peringatan_amil(amil(buku, "125000")) == []
    assert zakat.peringatan_amil(buku.keluar("500000", dana=buku.zakat, asnaf="fakir")) == []


def test_peringatan_amil_tampil_setelah_menyimpan_pengeluaran(client, buku):
    zakat_masuk(buku, "1000000")
    amil(buku, "125000")
    client.force_login(buku.bendahara)
    data = {
        "tanggal": "2026-10-07",
        "kegiatan": "operasional",
        "dana": buku.zakat.pk,
        "kas": buku.kas.pk,
        "jumlah": "1000",
        "uraian": "Transport amil",
        "penerima": "Pak Darmo",
        "asnaf": "amil",
    }
    target = bookcheck.url("pengeluaran", "create", buku.wksbm)
    html = client.post(target, data, follow=True).content.decode()
    assert "pengeluaran disimpan" in html.lower()
    assert "12,6% dari zakat yang diterima" in html
    fakir = {**data, "asnaf": "fakir", "uraian": "Santunan"}
    html = client.post(target, fakir, follow=True).content.decode()
    assert "dari zakat yang diterima" not in html


# --- the zakat report ----------------------------------------------------------------------


def test_laporan_zakat_menampilkan_dasar_per_asnaf_dan_amil(client, buku, dunia):
    dasar(buku, "tidak")
    client.force_login(dunia.lurah_a)
    html = client.get(url("zakat", buku.wksbm), {"tahun": 2026}).content.decode()
    assert "Dasar pengelolaan zakat: Tidak menangani zakat" in html
    assert "WKSBM ini tercatat tidak menangani zakat" in html
    assert "Putusan MK 86/PUU-X/2012" in html and "Peraturan BAZNAS Nomor 1 Tahun 2016" in html
    assert "Ubah dasar" not in html  # the lurah reads only

    dasar(buku, "upz")
    zakat_masuk(buku, "1000000")
    zakat_masuk(buku, "250000", sumber="zakat_fitrah")
    buku.keluar("400000", dana=buku.zakat, asnaf="fakir")
    buku.keluar("300000", dana=buku.zakat, asnaf="gharimin")
    amil(buku, "160000")
    html = client.get(url("zakat", buku.wksbm), {"tahun": 2026}).content.decode()
    assert "Dasar pengelolaan zakat: UPZ BAZNAS" in html
    assert "Rp1.250.000,00" in html and "Rp250.000,00" in html
    assert '<td>Fakir</td><td class="angka">Rp400.000,00</td>' in html
    assert '<td>Gharimin</td><td class="angka">Rp300.000,00</td>' in html
    assert "Rp860.000,00" in html  # distributed
    assert "12,8% dari zakat yang diterima" in html and "melebihi batas 12,5%" in html
    assert "Rp390.000,00" in html  # the fund's balance

    pdf = client.get(url("zakat-pdf", buku.wksbm), {"tahun": 2026})
    assert "laporan-zakat_wksbm-ngudi-rahayu_2026.pdf" in pdf["Content-Disposition"]
    text = " ".join(bookcheck.pdf_text(pdf).split())
    assert "Laporan Zakat Tahun 2026" in text and "WKSBM NGUDI RAHAYU" in text
    assert "UPZ BAZNAS" in text and "86/PUU-X/2012" in text and "BAZNAS Nomor 1 Tahun 2016" in text
    assert "Rp1.250.000,00" in text and "Rp400.000,00" in text and "12,8%" in text
    assert "Peringatan" in text and "Bendahara" in text


def test_laporan_zakat_tahun_tidak_sah(client, buku):
    client.force_login(buku.bendahara)
    response = client.get(url("zakat", buku.wksbm), {"tahun": "dua ribu"})
    assert (
        response.status_code == 400
        and "Masukkan keseluruhan angka bilangan." in response.content.decode()
    )
    assert client.get(url("zakat-pdf", buku.wksbm), {"tahun": "1"}).status_code == 400


def test_dasar_zakat_diubah_ketua_atau_bendahara_dan_tercatat(client, buku, dunia):
    dasar(buku, "tidak")
    target = url("zakat-dasar", buku.wksbm)
    client.force_login(buku.bendahara)
    response = client.post(target, {"dasar_zakat": "pemberitahuan"})
    assert response.status_code == 302
    aturan = services.pengaturan(buku.wksbm)
    assert aturan.dasar_zakat == "pemberitahuan"
    log = LogEntry.objects.get_for_object(aturan).get()
    assert log.actor == buku.bendahara
    assert log.changes_dict["dasar_zakat"] == [
        "Tidak menangani zakat",
        "Pemberitahuan kepada pejabat berwenang",
    ]
    salah = client.post(target, {"dasar_zakat": "laz"})
    assert salah.status_code == 400 and "Masukkan pilihan yang valid." in salah.content.decode()


def test_persona_laporan_zakat(client, dunia, buku):
    a = buku.wksbm
    for target in (url("zakat", a), url("zakat-pdf", a)):
        for pembaca in (dunia.pengurus_a, dunia.lurah_a, dunia.dinsos):
            assert bookcheck.status_of(client, pembaca, "get", target) == 200, target
        assert bookcheck.status_of(client, dunia.pengurus_b, "get", target) == 404, target
        client.logout()
        assert client.get(target)["Location"].startswith("/masuk/")
    ubah = url("zakat-dasar", a)
    for pembaca in (dunia.lurah_a, dunia.dinsos):
        assert bookcheck.status_of(client, pembaca, "post", ubah) == 403
    assert bookcheck.status_of(client, dunia.pengurus_b, "post", ubah) == 404
    client.logout()
    assert client.post(ubah, {"dasar_zakat": "tidak"})["Location"].startswith("/masuk/")
    assert services.pengaturan(a).dasar_zakat == "upz"


def test_laporan_zakat_jumlah_kueri_tetap(client, buku, django_assert_max_num_queries):
    dasar(buku, "upz")
    zakat_masuk(buku, "1000000")
    buku.keluar("10000", dana=buku.zakat, asnaf="fakir")
    client.force_login(buku.bendahara)
    targets = [
        url("zakat", buku.wksbm) + "?tahun=2026",
        url("zakat-pdf", buku.wksbm) + "?tahun=2026",
    ]
    sedikit = {t: bookcheck.queries(client, t) for t in targets}
    for i in range(30):
        zakat_masuk(buku, "10000")
        buku.keluar("1000", dana=buku.zakat, asnaf=["fakir", "miskin", "amil"][i % 3])
    # page (10): session, user, roles, WKSBM, settings, receipts (one aggregate), spending
    # per asnaf (one grouped query), fund balance, content type + basis history; the PDF (13)
    # adds kop, signers and SK instead of the history. Neither grows with the entries.
    for target, n in sedikit.items():
        with django_assert_max_num_queries(n):
            assert client.get(target).status_code == 200


def test_layanan_pemasukan_menegakkan_dasar_zakat_untuk_semua_pemanggil(buku):
    """The rule lives in the service, so imports, jimpitan and penyaluran can't bypass it."""
    dasar(buku, "tidak")
    with pytest.raises(services.TransaksiDitolak, match="tidak menangani zakat"):
        zakat_masuk(buku, "100000")
    dasar(buku, "upz")
    with pytest.raises(services.TransaksiDitolak, match="Zakat dicatat ke Dana Zakat"):
        buku.masuk("100000", sumber="zakat_fitrah")  # into Dana Umum
    assert zakat_masuk(buku, "100000").dana == buku.zakat
    assert not Jurnal.objects.filter(dana=buku.umum).exists()
