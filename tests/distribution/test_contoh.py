"""The demo year of kegiatan and penyaluran: every jenis, monthly rounds, a zakat round with
asnaf, rice from the jimpitan stock, a few not delivered; the ledger stays whole; idempotent."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from distribution.models import JenisKegiatan, Kegiatan, Penerima, Penyaluran
from finance import natura
from finance.models import Jurnal
from registry.models import Wksbm

pytestmark = pytest.mark.django_db


def _seed():
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())


def test_demo_kegiatan_dan_penyaluran_setahun(client):
    call_command("load_wilayah", provinsi=["34"], stdout=io.StringIO())
    _seed()
    out = io.StringIO()
    call_command("verify_ledger", stdout=out)
    assert "Semua jurnal utuh" in out.getvalue()

    for nama in ("WKSBM Ngudi Rahayu", "WKSBM Sumber Kasih"):
        w = Wksbm.objects.get(nama=nama)
        assert natura.periksa_stok(w) == []
        kegiatan = Kegiatan.objects.filter(wksbm=w)
        assert set(kegiatan.values_list("jenis", flat=True)) == set(JenisKegiatan.values)
        assert kegiatan.exclude(penanggung_jawab=None).count() == kegiatan.count()
        ronde = Penyaluran.objects.filter(wksbm=w)
        santunan = ronde.filter(judul__startswith="Santunan disabilitas dan anak")
        assert santunan.count() >= 11
        rows = Penerima.objects.filter(penyaluran__wksbm=w)
        # Each hand-over is one pengeluaran (or stock movement) linked back to its row.
        tersalur = rows.filter(status="diserahkan")
        assert tersalur.filter(jurnal=None, mutasi=None).count() == 0
        assert Jurnal.objects.filter(wksbm=w, penerima_penyaluran__isnull=False).count() == (
            tersalur.exclude(jurnal=None).count()
        )
        zakat = rows.filter(penyaluran__judul__startswith="Zakat fitrah", status="diserahkan")
        assert set(zakat.values_list("asnaf", flat=True)) == {"fakir", "miskin"}
        assert set(zakat.values_list("jurnal__asnaf", flat=True)) == {"fakir", "miskin"}
        beras = rows.filter(penyaluran__bentuk="natura", status="diserahkan")
        assert beras.exists() and all(r.mutasi.jenis == "disalurkan" for r in beras)
        assert set(rows.filter(status="tidak").values_list("alasan", flat=True)) >= {
            "tidak_ditemukan",
            "menolak",
        }
        # This month's round waits on the field checklist.
        bulan_ini = santunan.get(tanggal=timezone.localdate())
        assert bulan_ini.penerima.filter(status="rencana").count() == bulan_ini.penerima.count()

    sebelum = Kegiatan.objects.count(), Penyaluran.objects.count(), Penerima.objects.count()
    _seed()
    assert (Kegiatan.objects.count(), Penyaluran.objects.count(), Penerima.objects.count()) == (
        sebelum
    )
