"""seed_demo touches only its own demo objects: a WKSBM a user made active gets no demo year."""

import io
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from registry import access, services
from registry.models import Langkah, LangkahPenumbuhan, Pengesahan, Wksbm
from tests import factories as f

pytestmark = pytest.mark.django_db


def _seed_demo():
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())


def _baris_milik(wksbm: Wksbm) -> dict[str, int]:
    """Rows of every model with a direct `wksbm` foreign key, for this WKSBM."""
    hasil = {}
    for model in apps.get_models():
        field = next((x for x in model._meta.fields if x.name == "wksbm"), None)
        if field is not None and field.related_model is Wksbm:
            hasil[model._meta.label] = model._default_manager.filter(wksbm=wksbm).count()
    return hasil


def test_seed_demo_ulang_tidak_mengisi_wksbm_yang_diaktifkan_pengguna():
    call_command("load_wilayah", provinsi=["34"], stdout=io.StringIO())
    _seed_demo()
    kweni = Wksbm.objects.get(nama="WKSBM Guyub Rukun Kweni")
    ngudi = Wksbm.objects.get(nama="WKSBM Ngudi Rahayu")
    assert kweni.status == Wksbm.Status.PENUMBUHAN

    # The README walk-through: pengurus_c records the missing step and submits; lurah_a approves.
    User = apps.get_model("auth", "User")
    ketua, lurah = User.objects.get(username="pengurus_c"), User.objects.get(username="lurah_a")
    LangkahPenumbuhan.objects.create(
        wksbm=kweni,
        langkah=Langkah.PEMBENTUKAN_KEPENGURUSAN,
        tanggal=timezone.localdate() - timedelta(days=1),
        dicatat_oleh=ketua,
    )
    kepengurusan = kweni.kepengurusan.get()
    pengesahan = services.ajukan_pengesahan(kepengurusan=kepengurusan, oleh=ketua)
    access.forget(lurah)
    services.setujui_pengesahan(
        pengesahan=pengesahan, oleh=lurah, nomor_sk="15", tanggal_sk=timezone.localdate()
    )
    # And a WKSBM of the user's own, active too.
    milik_pengguna = f.wksbm_aktif(desa=kweni.desa, lurah=lurah, nama="WKSBM Warga Baru").wksbm
    kweni.refresh_from_db()
    assert kweni.status == Wksbm.Status.AKTIF

    sebelum = {w.pk: _baris_milik(w) for w in (kweni, milik_pengguna, ngudi)}
    assert sebelum[ngudi.pk]["registry.Ppks"] > 0  # the demo's own WKSBM has its books
    assert sebelum[kweni.pk]["registry.Ppks"] == 0

    _seed_demo()

    for w in (kweni, milik_pengguna, ngudi):
        assert _baris_milik(w) == sebelum[w.pk], w.nama
    assert Pengesahan.objects.filter(wksbm=kweni).count() == 1


@pytest.mark.parametrize("n", [1, 9999, 10_000, 123_456_789])
def test_nik_demo_tetap_16_angka_untuk_id_besar(n):
    """PostgreSQL sequences never roll back, so a long-lived test database gives large ids."""
    from datetime import date

    from registry.contoh.ppks import _nik

    nik = _nik(n, date(1950, 1, 2), perempuan=True)
    assert len(nik) == 16 and nik.startswith("340201420150")
