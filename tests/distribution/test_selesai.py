"""The issue's "done" scenario, through the pages as bendahara_a: plan a round for 20 PPKS
from two funds, print the daftar penerima, tick 18 delivered and 2 not on the field
checklist, and find the pengeluaran in the Buku Catatan Pengeluaran and the kas umum without
typing it again; over-spending is refused with a clear Indonesian message."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from distribution.models import Penerima, Penyaluran
from finance.models import Dana, Jurnal, Saldo
from tests.conftest import masuk
from tests.distribution import bantu

D = Decimal


@pytest.fixture
def santunan(dunia):
    """WKSBM A with Rp2.000.000 in Dana Umum and Rp1.000.000 in a restricted fund."""
    a = dunia.a.wksbm
    bantu.dana(a)
    lansia = Dana.objects.create(
        wksbm=a, nama="Dana Santunan Lansia", jenis=Dana.Jenis.INFAK_TERIKAT, terbatas=True
    )
    Saldo.objects.create(dana=lansia)
    hari = timezone.localdate()
    bantu.isi_dana(a, dunia.bendahara_a, "2000000", tanggal=hari)
    bantu.isi_dana(a, dunia.bendahara_a, "1000000", nama=lansia.nama, sumber="infak", tanggal=hari)
    return a, lansia


def _url(name, a, *args):
    return reverse(f"distribution:penyaluran-{name}", args=[a.pk, *args])


def test_bendahara_menyalurkan_20_ppks_dari_dua_dana(client, dunia, santunan):
    a, lansia = santunan
    umum = bantu.dana(a)
    kas = bantu.kas(a)
    hari = timezone.localdate()
    fm = bantu.ppks(a, 10, kode="FM")
    lut = bantu.ppks(a, 10, kode="LUT")
    masuk(client, dunia.bendahara_a)

    # 1. Plan the round with its two funds and their budgets.
    response = client.post(
        _url("create", a),
        {
            "judul": "Santunan akhir tahun",
            "tanggal": hari.isoformat(),
            "jenis": "jaminan_sosial",
            "bentuk": "uang",
            "kas": kas.pk,
            "dana-TOTAL_FORMS": "2",
            "dana-INITIAL_FORMS": "0",
            "dana-MIN_NUM_FORMS": "0",
            "dana-MAX_NUM_FORMS": "1000",
            "dana-0-dana": umum.pk,
            "dana-0-pagu": "1.500.000",
            "dana-1-dana": lansia.pk,
            "dana-1-pagu": "1.000.000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    obj = Penyaluran.objects.get(wksbm=a, judul="Santunan akhir tahun")
    assert {d.dana: d.pagu for d in obj.dana.all()} == {umum: D(1500000), lansia: D(1000000)}

    # 2. Ten fakir miskin from Dana Umum, ten lansia from the lansia fund.
    for orang, dana, jumlah in ((fm, umum, "150.000"), (lut, lansia, "100.000")):
        response = client.post(
            _url("penerima-tambah", a, obj.pk),
            {"ppks": [p.pk for p in orang], "dana": dana.pk, "jumlah": jumlah},
        )
        assert response.status_code == 302, response.content.decode()[:3000]
    assert obj.penerima.count() == 20

    # 3. Print the daftar penerima to take to the field.
    response = client.get(_url("daftar-pdf", a, obj.pk))
    teks = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "DAFTAR PENERIMA BANTUAN" in teks.upper()
    assert all(p.nama in teks for p in fm + lut)
    assert "Tanda tangan / cap jempol" in teks
    assert "Rp2.500.000,00" in teks  # JUMLAH: 10 × 150.000 + 10 × 100.000

    # 4. On the phone: 18 delivered, 2 not (one died, one not found).
    rows = list(obj.penerima.order_by("ppks__nama"))
    for row in rows[:18]:
        response = client.post(
            _url("ceklis-simpan", a, obj.pk, row.pk),
            {"aksi": "serah", "tanggal": hari.isoformat(), "halaman": "1"},
        )
        assert response.status_code == 302
        assert response["Location"].endswith(f"#p-{row.pk}")
    for row, alasan in zip(rows[18:], ("meninggal", "tidak_ditemukan"), strict=True):
        client.post(_url("ceklis-simpan", a, obj.pk, row.pk), {"aksi": "tidak", "alasan": alasan})
    status = list(obj.penerima.values_list("status", flat=True))
    assert status.count(Penerima.Status.DISERAHKAN) == 18
    assert status.count(Penerima.Status.TIDAK) == 2

    # 5. The pengeluaran are in the books, once each, linked to their recipient rows.
    keluar = Jurnal.objects.filter(wksbm=a, arah="keluar")
    assert keluar.count() == 18
    assert all(j.penerima_penyaluran.penyaluran_id == obj.pk for j in keluar)
    diserahkan = obj.penerima.filter(status="diserahkan")
    total = sum(r.jumlah for r in diserahkan)
    assert keluar.jumlah() == total
    html = client.get(reverse("finance:pengeluaran-list", args=[a.pk])).content.decode()
    assert "Santunan akhir tahun (penyaluran No." in html
    assert rows[0].ppks.nama in html
    kas_umum = client.get(reverse("finance:kas-umum-list", args=[a.pk])).content.decode()
    assert "Santunan akhir tahun (penyaluran No." in kas_umum
    sisa = Saldo.objects.get(dana=umum).jumlah + Saldo.objects.get(dana=lansia).jumlah
    assert sisa == D(3000000) - total

    # 6. Over-spending is refused with a clear message, and nothing is posted.
    besar = bantu.penyaluran(a, pagu={umum: "5000000"}, judul="Bantuan modal", tanggal=hari)
    (row,) = bantu.services.tambah_penerima(
        penyaluran=besar,
        oleh=dunia.bendahara_a,
        ppks=bantu.ppks(a, 1),
        dana=umum,
        jumlah=D("4000000"),
    )
    response = client.post(
        _url("ceklis-simpan", a, besar.pk, row.pk),
        {"aksi": "serah", "tanggal": hari.isoformat()},
        follow=True,
    )
    html = response.content.decode()
    assert "Saldo Dana Umum tidak cukup: tersedia" in html
    assert "dibutuhkan Rp4.000.000,00" in html
    assert keluar.count() == 18
    row.refresh_from_db()
    assert row.status == Penerima.Status.RENCANA


def test_rencana_di_atas_anggaran_ditolak_di_halaman(client, dunia, santunan):
    a, _ = santunan
    umum = bantu.dana(a)
    obj = bantu.penyaluran(a, pagu={umum: "300000"}, tanggal=date(2026, 11, 20))
    masuk(client, dunia.bendahara_a)
    response = client.post(
        _url("penerima-tambah", a, obj.pk),
        {"ppks": [p.pk for p in bantu.ppks(a, 3)], "dana": umum.pk, "jumlah": "150.000"},
    )
    assert response.status_code == 400
    assert "Rencana melebihi anggaran Dana Umum" in response.content.decode()
    assert not obj.penerima.exists()
