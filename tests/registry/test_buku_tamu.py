"""Buku tamu on the shared Book machinery: personas, list, history, PDF and Excel."""

from datetime import date, time

import pytest

from registry.models import Tamu
from tests import bookcheck

pytestmark = pytest.mark.django_db


def tamu(wksbm, n=1, **kwargs) -> list[Tamu]:
    rows = []
    for i in range(n):
        data = {
            "wksbm": wksbm,
            "tanggal": date(2026, 11, i % 28 + 1),
            "jam": time(9, 30),
            "nama": f"Tamu {i:03d}",
            "instansi": "TKSK Srandakan",
            "keperluan": "Koordinasi pendataan PPKS",
        }
        data.update(kwargs)
        rows.append(Tamu.objects.create(**data))
    return rows


def test_persona_buku_tamu(client, dunia):
    (obj,) = tamu(dunia.a.wksbm)
    bookcheck.check_personas(client, dunia, "tamu", obj)


def test_pengurus_mencatat_dan_mengubah_tamu_dengan_riwayat(client, dunia):
    client.force_login(dunia.pengurus_a)
    data = {"tanggal": "2026-11-23", "jam": "10:15", "nama": "Ibu Warsini", "keperluan": "Usul"}
    response = client.post(bookcheck.url("tamu", "create", dunia.a.wksbm), data)
    obj = Tamu.objects.get(nama="Ibu Warsini")
    assert response.status_code == 302 and obj.wksbm == dunia.a.wksbm

    data["nama"] = "Ibu Warsini Lestari"
    client.post(bookcheck.url("tamu", "edit", dunia.a.wksbm, obj), data)
    history = client.get(bookcheck.url("tamu", "history", dunia.a.wksbm, obj)).content.decode()
    assert "Ibu Warsini → Ibu Warsini Lestari" in history
    assert "Suparno" in history  # who changed it


def test_isian_salah_kembali_dengan_pesan_dan_nilai(client, dunia):
    client.force_login(dunia.pengurus_a)
    data = {"tanggal": "bukan tanggal", "nama": "Pak Darmo", "keperluan": ""}
    response = client.post(bookcheck.url("tamu", "create", dunia.a.wksbm), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Pak Darmo" in html
    assert "Bidang ini tidak boleh kosong" in html
    assert not Tamu.objects.exists()


def test_daftar_tamu_jumlah_kueri_tetap_dan_pencarian(client, dunia, django_assert_max_num_queries):
    tamu(dunia.a.wksbm, 3)
    tamu(dunia.b.wksbm, 2, nama="Tamu WKSBM lain")
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("tamu", "list", dunia.a.wksbm)
    sedikit = bookcheck.queries(client, target)
    tamu(dunia.a.wksbm, 57)
    # session, user, roles, WKSBM, count, page rows (+ savepoints of the test client)
    with django_assert_max_num_queries(sedikit):
        html = client.get(target).content.decode()
    assert "Tamu WKSBM lain" not in html
    found = client.get(target, {"q": "Tamu 042"}).content.decode()
    assert "Tamu 042" in found and "Tamu 041" not in found


def test_excel_buku_tamu_bertipe_dan_terfilter(client, dunia):
    tamu(dunia.a.wksbm, 3)
    tamu(dunia.a.wksbm, 1, tanggal=date(2025, 1, 5), nama="Tamu lama")
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("tamu", "xlsx", dunia.a.wksbm)
    response = client.get(target, {"dari": "2026-01-01", "sampai": "2026-12-31"})
    assert (
        "buku-tamu_wksbm-ngudi-rahayu_2026-01-01_2026-12-31.xlsx" in response["Content-Disposition"]
    )
    sheet = bookcheck.xlsx_sheet(response)
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Buku Tamu"
    assert rows[1][0] == "WKSBM Ngudi Rahayu"
    assert "1 Januari 2026 s.d. 31 Desember 2026" in rows[2][0]
    assert rows[4][:3] == ("Hari/Tanggal", "Jam", "Nama")
    data = rows[5:]
    assert len(data) == 3 and all(r[2] != "Tamu lama" for r in data)
    assert sheet.freeze_panes == "A6"
    cell = sheet.cell(row=6, column=1)
    assert cell.is_date and cell.number_format == "DD/MM/YYYY"


def test_pdf_buku_tamu_berkop_dan_bertanda_tangan(client, dunia):
    tamu(dunia.a.wksbm, 2)
    client.force_login(dunia.lurah_a)
    text = bookcheck.pdf_text(client.get(bookcheck.url("tamu", "pdf", dunia.a.wksbm)))
    assert "Buku Tamu" in text
    assert "WKSBM NGUDI RAHAYU" in text
    assert "Tamu 001" in text
    assert "Mengetahui," in text and "Ketua" in text and "Sekretaris" in text
    ketua = dunia.a.kepengurusan.anggota.get(jabatan="ketua")
    sekretaris = dunia.a.kepengurusan.anggota.get(jabatan="sekretaris")
    assert ketua.nama in text and sekretaris.nama in text  # the signature block
    assert "Halaman 1 dari 1" in text


def test_penulisan_massal_ditolak_agar_riwayat_lengkap(dunia):
    from wksbm.books.audit import BulkWriteRefused

    tamu(dunia.a.wksbm, 2)
    with pytest.raises(BulkWriteRefused):
        Tamu.objects.filter(wksbm=dunia.a.wksbm).update(nama="X")
    with pytest.raises(BulkWriteRefused):
        Tamu.objects.filter(wksbm=dunia.a.wksbm).delete()
    assert Tamu.objects.filter(wksbm=dunia.a.wksbm).save_each(keterangan="diperiksa") == 2
