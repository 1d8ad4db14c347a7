"""Personal data (UU PDP 27/2022): exports naming PPKS logged and watermarked, the log page,
the subject-access export, correction requests, legal basis, the retention purge."""

import json
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from distribution import pdp as distribusi_pdp
from finance import services as keuangan
from finance.models import Dana, Jurnal, Kas
from registry.models import EksporDataPribadi, Ppks, RiwayatStatusPpks
from registry.models.ppks import PenghapusanPpks, PermintaanKoreksi
from tests import bookcheck
from tests import factories as f
from tests.distribution import bantu as distribusi
from tests.registry.test_buku_ppks import ppks

pytestmark = pytest.mark.django_db


def _url(name, wksbm, obj=None, **kw):
    kwargs = {"wksbm": wksbm.pk, **({"pk": obj.pk} if obj else {}), **kw}
    return reverse(f"registry:{name}", kwargs=kwargs)


# --- every export naming PPKS is logged and watermarked --------------------------------------


def test_pdf_data_ppks_dicatat_dan_bertanda_air(client, dunia):
    ppks(dunia.a.wksbm, 2)
    client.force_login(dunia.pengurus_a)
    text = bookcheck.pdf_text(client.get(bookcheck.url("ppks", "pdf", dunia.a.wksbm)))
    log = EksporDataPribadi.objects.get()
    assert (log.user, log.wksbm, log.buku, log.jumlah_baris) == (
        dunia.pengurus_a,
        dunia.a.wksbm,
        "Data PPKS (PDF)",
        2,
    )
    assert "diunduh oleh Suparno Hadi (pengurus_a)" in text
    assert timezone.localtime(log.pada).strftime("%d/%m/%Y %H:%M") in text


def test_excel_data_ppks_bertanda_air_di_baris_dan_kepala_halaman(client, dunia):
    ppks(dunia.a.wksbm)
    client.force_login(dunia.pengurus_a)
    sheet = bookcheck.xlsx_sheet(client.get(bookcheck.url("ppks", "xlsx", dunia.a.wksbm)))
    rows = list(sheet.iter_rows(values_only=True))
    assert "diunduh oleh Suparno Hadi (pengurus_a)" in rows[3][0]
    assert "pengurus_a" in sheet.oddHeader.center.text
    assert rows[4][0] == "No. register"  # the headings stay where the import reads them
    assert EksporDataPribadi.objects.get().buku == "Data PPKS (Excel)"


def test_buku_tanpa_nama_ppks_tidak_dicatat(client, dunia):
    client.force_login(dunia.pengurus_a)
    text = bookcheck.pdf_text(client.get(bookcheck.url("tamu", "pdf", dunia.a.wksbm)))
    assert "diunduh oleh" not in text and not EksporDataPribadi.objects.exists()


def test_daftar_penerima_dan_tanda_terima_dicatat(client, dunia):
    obj = distribusi.penyaluran_uji(None, dunia.a)
    row = obj.penerima.get()
    client.force_login(dunia.pengurus_a)
    base = f"/w/{dunia.a.wksbm.pk}/penyaluran/{obj.pk}"
    text = bookcheck.pdf_text(client.get(f"{base}/daftar-penerima.pdf"))
    assert row.ppks.nama in text and "diunduh oleh Suparno Hadi" in text
    sheet = bookcheck.xlsx_sheet(client.get(f"{base}/daftar-penerima.xlsx"))
    assert "pengurus_a" in sheet.oddFooter.center.text
    text = bookcheck.pdf_text(client.get(f"{base}/laporan.pdf"))
    assert "diunduh oleh" in text
    url = reverse(
        "distribution:penyaluran-penerima-tanda-terima",
        kwargs={"wksbm": dunia.a.wksbm.pk, "pk": obj.pk, "penerima": row.pk},
    )
    assert "diunduh oleh" in bookcheck.pdf_text(client.get(url))
    assert list(EksporDataPribadi.objects.order_by("pk").values_list("buku", "jumlah_baris")) == [
        (f"Daftar Penerima Bantuan (PDF) · penyaluran No. {obj.nomor}", 1),
        (f"Daftar Penerima Bantuan (Excel) · penyaluran No. {obj.nomor}", 1),
        (f"Laporan Penyaluran Bantuan (PDF) · penyaluran No. {obj.nomor}", 1),
        (f"Tanda Terima (PDF) · penyaluran No. {obj.nomor}", 1),
    ]


def test_belum_terbantu_dengan_nama_dicatat(client, dunia):
    ppks(dunia.a.wksbm, 2)
    client.force_login(dunia.pengurus_a)
    url = reverse("distribution:belum-terbantu-xlsx", kwargs={"wksbm": dunia.a.wksbm.pk})
    sheet = bookcheck.xlsx_sheet(client.get(url))
    assert "pengurus_a" in sheet.oddHeader.center.text
    log = EksporDataPribadi.objects.get()
    assert log.buku == "PPKS Belum Terbantu (Excel)" and log.jumlah_baris == 2


# --- the log page ----------------------------------------------------------------------------


def test_log_untuk_ketua_dan_admin_dengan_saringan_periode(
    client, dunia, django_assert_max_num_queries
):
    w = dunia.a.wksbm
    lama = EksporDataPribadi.objects.create(
        user=dunia.pengurus_a, wksbm=w, buku="Buku Rujukan (PDF)", jumlah_baris=3
    )
    EksporDataPribadi.objects.filter(pk=lama.pk).update(pada=timezone.now() - timedelta(days=60))
    for i in range(30):
        EksporDataPribadi.objects.create(
            user=dunia.pengurus_a, wksbm=w, buku=f"Data PPKS #{i}", jumlah_baris=i
        )
    client.force_login(dunia.pengurus_a)
    # session, user, roles, WKSBM, count, the page of rows (user and PPKS joined), and the
    # base layout's context (menu, inbox counts): independent of the number of rows
    with django_assert_max_num_queries(10):
        html = client.get(_url("pdp-log", w)).content.decode()
    assert "Data PPKS #29" in html and "pengurus_a" in html
    bulan_ini = timezone.localdate().replace(day=1) - timedelta(days=10)
    html = client.get(_url("pdp-log", w), {"dari": bulan_ini.isoformat()}).content.decode()
    assert "Buku Rujukan (PDF)" not in html
    html = client.get(_url("pdp-log", w), {"halaman": 2}).content.decode()
    assert "Buku Rujukan (PDF)" in html
    client.force_login(dunia.admin)
    assert client.get(_url("pdp-log", w)).status_code == 200


def test_log_bukan_untuk_pengurus_lain_lurah_dan_wksbm_lain(client, dunia):
    w = dunia.a.wksbm
    for user, status in [(dunia.a.sekretaris, 403), (dunia.lurah_a, 403), (dunia.pengurus_b, 404)]:
        client.force_login(user)
        assert client.get(_url("pdp-log", w)).status_code == status


# --- subject access, correction, legal basis -------------------------------------------------


def test_ekspor_data_subjek_lengkap_dan_dicatat(client, dunia):
    obj = distribusi.penyaluran_uji(None, dunia.a)
    orang = obj.penerima.get().ppks
    RiwayatStatusPpks.objects.create(
        ppks=orang, dari="aktif", ke="tertangani", tanggal=date(2026, 5, 1), alasan="Sudah mandiri"
    )
    client.force_login(dunia.pengurus_a)
    client.get(bookcheck.url("ppks", "detail", dunia.a.wksbm, orang))
    client.get(bookcheck.url("ppks", "pdf", dunia.a.wksbm))  # a book export naming them
    response = client.get(_url("ppks-data-subjek", dunia.a.wksbm, orang), {"format": "json"})
    assert orang.nik not in response["Content-Disposition"]
    data = json.loads(response.content)
    bagian = {b["judul"]: b["data"] for b in data["bagian"]}
    register = {r["Data"]: r["Isi"] for r in bagian["Data register"]}
    assert register["NIK"] == orang.nik and register["No. KK"] == (orang.no_kk or "—")
    assert bagian["Riwayat status"][0]["Alasan"] == "Sudah mandiri"
    assert bagian["Bantuan yang diterima"][0]["Penyaluran"].endswith(obj.judul)
    ekspor = [e["Buku/laporan"] for e in bagian["Ekspor yang memuat data ini"]]
    assert "Data PPKS (PDF)" in ekspor and "Ekspor data subjek (JSON)" in ekspor
    assert EksporDataPribadi.objects.filter(ppks=orang).count() == 1
    text = bookcheck.pdf_text(client.get(_url("ppks-data-subjek", dunia.a.wksbm, orang)))
    assert orang.nik in text and "Bantuan yang diterima" in text and "diunduh oleh" in text


def test_ekspor_data_subjek_hanya_ketua(client, dunia):
    (orang,) = ppks(dunia.a.wksbm)
    for user, status in [(dunia.a.sekretaris, 403), (dunia.dinsos, 403), (dunia.pengurus_b, 404)]:
        client.force_login(user)
        assert client.get(_url("ppks-data-subjek", dunia.a.wksbm, orang)).status_code == status
    assert not EksporDataPribadi.objects.exists()


def test_permintaan_koreksi_dicatat_pengurus_diselesaikan_ketua(client, dunia):
    (orang,) = ppks(dunia.a.wksbm)
    client.force_login(dunia.a.sekretaris)
    client.post(
        _url("ppks-koreksi", dunia.a.wksbm, orang),
        {
            "tanggal": "2026-11-20",
            "diminta_oleh": "Ibu Sarinah (anak)",
            "isi": "Alamat salah: RT 04",
        },
    )
    k = PermintaanKoreksi.objects.get()
    assert (k.dicatat_oleh, k.status, k.isi) == (
        dunia.a.sekretaris,
        "diajukan",
        "Alamat salah: RT 04",
    )
    selesai = _url("ppks-koreksi-selesai", dunia.a.wksbm, orang)
    assert (
        client.post(
            selesai, {"koreksi": k.pk, "keputusan": "terapkan", "tanggapan": "x"}
        ).status_code
        == 403
    )
    client.force_login(dunia.pengurus_a)
    response = client.post(
        selesai, {"koreksi": k.pk, "keputusan": "tolak", "tanggapan": ""}, follow=True
    )
    assert "isi tanggapan" in response.content.decode()
    data = {"koreksi": k.pk, "keputusan": "terapkan", "tanggapan": "RT diubah 03 → 04"}
    response = client.post(selesai, data, follow=True)
    assert "ubah dulu datanya" in response.content.decode()
    orang.rt = "04"
    orang.save()  # the change itself, in the PPKS's history
    client.post(
        selesai, {"koreksi": k.pk, "keputusan": "terapkan", "tanggapan": "RT diubah 03 → 04"}
    )
    k.refresh_from_db()
    assert k.perubahan.changes_dict["rt"] == ["", "04"]
    assert (k.status, k.tanggapan, k.diselesaikan_oleh) == (
        "diterapkan",
        "RT diubah 03 → 04",
        dunia.pengurus_a,
    )
    html = client.get(bookcheck.url("ppks", "detail", dunia.a.wksbm, orang)).content.decode()
    assert "Alamat salah: RT 04" in html and "RT diubah 03 → 04" in html
    response = client.post(
        selesai, {"koreksi": k.pk, "keputusan": "tolak", "tanggapan": "lagi"}, follow=True
    )
    assert "sudah diselesaikan" in response.content.decode()


def test_dasar_pemrosesan_anak_wajib_wali(client, dunia):
    (anak,) = ppks(dunia.a.wksbm, tanggal_lahir=date(2018, 4, 1))
    client.force_login(dunia.a.sekretaris)
    url = _url("ppks-dasar", dunia.a.wksbm, anak)
    data = {"dasar_pemrosesan": "persetujuan", "tanggal_dasar": "2026-11-02"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Persetujuan untuk anak diberikan oleh walinya." in response.content.decode()
    client.post(url, {**data, "nama_wali": "Sarinah", "hubungan_wali": "ibu kandung"})
    anak.refresh_from_db()
    assert (anak.dasar_pemrosesan, anak.nama_wali) == ("persetujuan", "Sarinah")
    html = client.get(bookcheck.url("ppks", "detail", dunia.a.wksbm, anak)).content.decode()
    assert "Sarinah (ibu kandung)" in html and "Persetujuan yang sah" in html
    client.force_login(dunia.lurah_a)
    assert client.post(url, data).status_code == 403


# --- retention -------------------------------------------------------------------------------


def _selesai(orang, tanggal):
    RiwayatStatusPpks.objects.create(
        ppks=orang, dari="aktif", ke="meninggal", tanggal=tanggal, alasan="Wafat di rumah"
    )
    orang.status = "meninggal"
    orang.save()


def test_purge_menganonimkan_dan_buku_uang_tetap_utuh(dunia):
    w = dunia.a.wksbm
    lama, baru, dibantu = ppks(w, 3, tanggal_pendataan=date(2015, 1, 5))
    for orang, tanggal in [(lama, date(2019, 3, 1)), (baru, date(2025, 3, 1))]:
        _selesai(orang, tanggal)
    _selesai(dibantu, date(2019, 3, 1))
    keuangan.pastikan_dana_bawaan(w)
    umum = {
        "wksbm": w,
        "oleh": f.segar(dunia.bendahara_a),
        "dana": Dana.objects.get(wksbm=w, nama="Dana Umum"),
        "kas": Kas.objects.filter(wksbm=w).order_by("pk").first(),
    }
    keuangan.catat_pemasukan(
        **umum,
        tanggal=date(2019, 1, 10),
        sumber=Jurnal._meta.get_field("sumber").choices[0][0],
        jumlah=Decimal("500000"),
        uraian="Donasi warga",
    )
    kegiatan = Jurnal._meta.get_field("kegiatan").choices[0][0]
    santunan = keuangan.catat_pengeluaran(
        **umum,
        tanggal=date(2019, 2, 1),
        kegiatan=kegiatan,
        jumlah=Decimal("100000"),
        uraian="Santunan duka",
        ppks=lama,
    )
    # Handed money two years ago: still served within the retention period.
    keuangan.catat_pengeluaran(
        **umum,
        tanggal=timezone.localdate() - timedelta(days=700),
        kegiatan=kegiatan,
        jumlah=Decimal("50000"),
        uraian="Santunan",
        ppks=dibantu,
    )
    hash_sebelum = Jurnal.objects.get(pk=santunan.pk).hash
    out = StringIO()
    call_command("purge_ppks", "--dry-run", stdout=out)
    assert "1 PPKS akan dianonimkan (masa retensi 5 tahun)" in out.getvalue()
    assert Ppks.objects.get(pk=lama.pk).nama == lama.nama
    call_command("purge_ppks", stdout=out)
    assert "1 PPKS dianonimkan" in out.getvalue()
    nama_lama = lama.nama
    lama.refresh_from_db()
    assert lama.nama == f"PPKS terhapus #{lama.pk}"
    assert (lama.nik, lama.no_kk, lama.alamat, lama.tanggal_lahir) == ("", "", "", None)
    assert lama.riwayat_status.get().alasan == "(dihapus: masa retensi)"
    entries = LogEntry.objects.get_for_object(lama)
    assert entries.exists() and nama_lama not in str(list(entries.values()))
    assert Ppks.objects.get(pk=baru.pk).nama == baru.nama
    assert Ppks.objects.get(pk=dibantu.pk).nama == dibantu.nama
    santunan = Jurnal.objects.get(pk=santunan.pk)
    assert santunan.ppks_id == lama.pk and santunan.hash == hash_sebelum
    call_command("verify_ledger", stdout=StringIO())  # CommandError if any chain broke
    log = PenghapusanPpks.objects.get()
    assert (log.jumlah, log.tahun) == (1, 5) and log.pelaksana.startswith("manage.py")
    call_command("purge_ppks", "--tahun", "1", stdout=out)  # served 700 days ago: past 1 year
    assert Ppks.objects.get(pk=baru.pk).nama.startswith("PPKS terhapus")
    assert Ppks.objects.get(pk=dibantu.pk).nama.startswith("PPKS terhapus")
    call_command("verify_ledger", stdout=StringIO())


def test_purge_distribusi_menghapus_bukti_dan_hash_nik(dunia):
    obj = distribusi.penyaluran_uji(None, dunia.a)
    row = obj.penerima.get()
    row.nama_wakil = "Sarinah"
    row.save()
    berkas, storage = row.bukti.name, row.bukti.storage
    assert storage.exists(berkas)
    distribusi_pdp.hapus([row.ppks_id])
    row.refresh_from_db()
    assert not row.bukti and not storage.exists(berkas)
    assert (row.nik_hash, row.nama_wakil) == ("", "")
    assert "Sarinah" not in str(list(LogEntry.objects.get_for_object(row).values()))


def test_buku_rujukan_dan_pdf_belum_terbantu_dicatat(client, dunia):
    r = distribusi.rujukan_uji(None, dunia.a)
    client.force_login(dunia.pengurus_a)
    text = bookcheck.pdf_text(client.get(bookcheck.url("rujukan", "pdf", dunia.a.wksbm)))
    assert r.ppks.nama in text and "diunduh oleh Suparno Hadi (pengurus_a)" in text
    url = reverse("distribution:belum-terbantu-pdf", kwargs={"wksbm": dunia.a.wksbm.pk})
    assert "diunduh oleh" in bookcheck.pdf_text(client.get(url))
    assert list(EksporDataPribadi.objects.order_by("pk").values_list("buku", flat=True)) == [
        "Buku Rujukan (PDF)",
        "PPKS Belum Terbantu (PDF)",
    ]


def test_lurah_melihat_belum_terbantu_tanpa_nama_tanpa_catatan(client, dunia):
    ppks(dunia.a.wksbm)
    client.force_login(dunia.lurah_a)
    url = reverse("distribution:belum-terbantu-pdf", kwargs={"wksbm": dunia.a.wksbm.pk})
    text = bookcheck.pdf_text(client.get(url))
    assert "Warga 000" not in text and "diunduh oleh" not in text
    assert not EksporDataPribadi.objects.exists()
