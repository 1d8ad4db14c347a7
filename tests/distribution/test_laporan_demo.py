"""The demo's laporan: the last quarter submitted (acknowledged, accepted in Panggungharjo),
last month a draft that pengurus_a submits and lurah_a acknowledges; idempotent."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from distribution.models import Laporan, VersiLaporan
from registry.models import Wksbm
from tests.conftest import masuk

pytestmark = pytest.mark.django_db


def _seed():
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())


def test_demo_laporan_triwulan_diajukan_dan_bulan_lalu_draf(client):
    call_command("load_wilayah", provinsi=["34"], stdout=io.StringIO())
    _seed()
    User = get_user_model()
    dinsos = User.objects.get(username="dinsos")
    status = {}
    # The two WKSBMs of the README walk-through (the cockpit's extra demo WKSBMs have their
    # own laporan, tested in test_cockpit_demo.py).
    utama = Wksbm.objects.filter(nama__in=["WKSBM Ngudi Rahayu", "WKSBM Sumber Kasih"])
    assert utama.filter(status=Wksbm.Status.AKTIF).count() == 2
    for w in utama:
        tri = Laporan.objects.get(wksbm=w, jenis_periode="triwulan")
        assert tri.versi.count() == 1 and tri.terkunci
        status[w.nama] = tri.status
        masuk(client, dinsos)  # the Dinas Sosial Bantul reads it
        assert client.get(tri.get_absolute_url()).status_code == 200
        assert Laporan.objects.get(wksbm=w, jenis_periode="bulan").status == "draft"
    assert sorted(status.values()) == ["diketahui", "diterima"]

    jumlah = (Laporan.objects.count(), VersiLaporan.objects.count())
    _seed()  # idempotent
    assert (Laporan.objects.count(), VersiLaporan.objects.count()) == jumlah
    assert Laporan.objects.filter(wksbm__in=utama).count() == 4
    assert VersiLaporan.objects.filter(laporan__wksbm__in=utama).count() == 2

    # The done scenario: pengurus_a submits last month, the period is locked; lurah_a
    # acknowledges it.
    pengurus = User.objects.get(username="pengurus_a")
    bulan = (
        Laporan.objects.filter(jenis_periode="bulan", wksbm__peran__user=pengurus).distinct().get()
    )
    masuk(client, pengurus)
    w = bulan.wksbm_id
    client.post(reverse("distribution:laporan-ajukan", args=[w, bulan.pk]))
    page = client.get(bulan.get_absolute_url()).content.decode()
    assert "terkunci" in page
    masuk(client, User.objects.get(username="lurah_a"))
    assert bulan.nama_periode in client.get(reverse("home")).content.decode()
    client.post(reverse("distribution:laporan-ketahui", args=[w, bulan.pk]))
    bulan.refresh_from_db()
    assert bulan.status == Laporan.Status.DIKETAHUI
