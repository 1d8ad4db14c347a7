"""seed_demo's generated WKSBMs across Bantul: the cockpit is not empty, the money went through
the real services (verify_ledger passes), and a re-run adds nothing."""

import io

import pytest
from django.core.management import call_command

from distribution.cockpit import area as areas
from distribution.cockpit import contoh
from distribution.cockpit.data import rekap
from distribution.cockpit.periode import triwulan_lalu
from distribution.models import Laporan, Penerima
from finance.models import Jurnal
from registry.models import Peran, Wksbm
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_wksbm_demo_mengisi_dasbor_dan_buku_kas_sah():
    call_command("load_wilayah", provinsi=["34"], stdout=io.StringIO())
    contoh.isi(log=lambda *_: None)
    demo = Wksbm.objects.filter(nama__in=[n for n, _ in contoh.WKSBM])
    assert demo.count() == 24
    assert demo.filter(status="aktif").count() == 21
    dinsos = f.UserFactory()
    Peran.objects.create(user=dinsos, jenis=Peran.Jenis.DINSOS, kabupaten_id="34.02")
    r = rekap(dinsos, areas.area(dinsos), triwulan_lalu())
    assert len(r.kelompok) == 17  # every kapanewon of Bantul
    assert r.total.wksbm == 24 and r.total.status["penumbuhan"] == 3
    assert r.total.status["aktif"] == 7 and r.total.status["tidak_aktif"] == 14
    assert r.total.total_masuk > 0 and r.total.total_keluar > 0 and r.total.uang > 0
    assert r.total.ppks > 80 and r.total.dilayani > 60
    assert sum(r.total.kegiatan.values()) == 21
    assert Laporan.objects.filter(wksbm__in=demo, status="diajukan").count() == 7
    # Money out recorded once: every hand-over has its pengeluaran in the journal.
    serah = Penerima.objects.filter(penyaluran__wksbm__in=demo, status="diserahkan")
    assert serah.filter(jurnal__isnull=True).count() == 0
    assert Jurnal.objects.filter(penerima_penyaluran__in=serah).count() == serah.count()
    out = io.StringIO()
    call_command("verify_ledger", stdout=out)
    assert "Semua jurnal utuh." in out.getvalue()
    # Idempotent: nothing added on a second run.
    jurnal = Jurnal.objects.count()
    contoh.isi(log=lambda *_: None)
    assert Jurnal.objects.count() == jurnal and demo.count() == 24
