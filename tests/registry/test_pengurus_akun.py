"""The pengurus form offers only accounts of its own WKSBM (no list of everyone's users)."""

import pytest

from registry.forms import PengurusForm

pytestmark = pytest.mark.django_db


def test_pilihan_akun_hanya_dari_wksbm_sendiri(dunia):
    form = PengurusForm(kepengurusan=dunia.a.kepengurusan)
    akun = set(form.fields["user"].queryset)
    assert dunia.pengurus_a in akun and dunia.bendahara_a in akun
    assert dunia.pengurus_b not in akun
    assert dunia.lurah_a not in akun and dunia.dinsos not in akun and dunia.admin not in akun
