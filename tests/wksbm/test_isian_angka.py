"""Money and quantity inputs read the Indonesian way (1.250.000,50), never guessed."""

import importlib
import pkgutil
from decimal import Decimal

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from wksbm.forms import AngkaField, UangField, tulis_angka

UANG = UangField()
KG = AngkaField(max_digits=12, decimal_places=3)


def _baca(field, text):
    try:
        return field.clean(text)
    except forms.ValidationError as exc:
        return " ".join(exc.messages)


@pytest.mark.parametrize(
    ("ketik", "nilai"),
    [
        ("1.250.000", Decimal("1250000")),
        ("1.250.000,50", Decimal("1250000.50")),
        ("150000,50", Decimal("150000.50")),  # was saved as Rp15.000.050
        ("1250000.50", Decimal("1250000.50")),
        ("1250000", Decimal("1250000")),
        ("1.250", Decimal("1250")),  # a dot before three digits: thousands
        ("1.25", Decimal("1.25")),  # a dot before two digits: a decimal point
        ("0,5", Decimal("0.5")),
        (" Rp1.250.000,00 ", Decimal("1250000.00")),
        ("Rp 75.000", Decimal("75000")),
        ("-Rp75.000", Decimal("-75000")),
        ("12.345.678.901,99", Decimal("12345678901.99")),
    ],
)
def test_uang_dibaca_cara_indonesia(ketik, nilai):
    assert UANG.clean(ketik) == nilai


@pytest.mark.parametrize(
    ("ketik", "pesan"),
    [
        ("1,250,000", "pakai titik untuk ribuan dan satu koma untuk desimal"),  # English
        ("1,250.50", "pakai titik untuk ribuan dan satu koma untuk desimal"),
        ("1,250", "Paling banyak 2 angka di belakang koma (sen)"),
        ("150000,505", "Paling banyak 2 angka di belakang koma (sen)"),
        ("0.500", "tidak jelas: pakai titik hanya untuk ribuan"),
        ("1250000.500", "tidak jelas: pakai titik hanya untuk ribuan"),
        ("12.50,5", "tidak jelas: pakai titik hanya untuk ribuan"),
        ("1.2.3", "tidak jelas"),
        ("1 250", "Masukkan jumlah Rupiah, mis. 1.250.000 atau 1.250.000,50."),
        ("seratus", "Masukkan jumlah Rupiah"),
        (",5", "Masukkan jumlah Rupiah"),
        ("1.", "Masukkan jumlah Rupiah"),
        ("1" * 14, "paling banyak 13 digit sebelum koma"),
    ],
)
def test_uang_yang_bisa_dibaca_dua_cara_ditolak(ketik, pesan):
    assert pesan in _baca(UANG, ketik)


@pytest.mark.parametrize(
    ("ketik", "hasil"),
    [
        ("40,8", Decimal("40.8")),
        ("1,250", Decimal("1.250")),  # a comma is always the decimal separator
        ("1.250,5", Decimal("1250.5")),
        ("1.250.000", Decimal("1250000")),
        ("2.5", Decimal("2.5")),
        ("1250", Decimal("1250")),
        (
            "1.250",
            "“1.250” bisa berarti 1250 atau 1,250: "
            "tulis 1250 (tanpa titik) atau 1,250 (koma untuk desimal).",
        ),
        ("0,1255", "Paling banyak 3 angka di belakang koma."),
        ("kira-kira 5", "Masukkan angka, mis. 1.250 atau 2,5."),
    ],
)
def test_kg_dengan_tiga_desimal(ketik, hasil):
    assert _baca(KG, ketik) == hasil


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2))
def test_uang_bolak_balik_persis(nilai):
    assert UANG.clean(tulis_angka(nilai, sen=True)) == nilai  # 1.250.000,50
    assert UANG.clean(f"{nilai:f}") == nilai  # 1250000.50
    assert UANG.clean(f"{nilai:f}".replace(".", ",")) == nilai  # 1250000,50


@given(st.decimals(min_value=0, max_value=10**8, places=3))
def test_kg_bolak_balik_persis(nilai):
    assert KG.clean(KG.prepare_value(nilai)) == nilai


def test_nilai_awal_ditampilkan_cara_indonesia():
    assert UANG.prepare_value(Decimal("1250000.50")) == "1.250.000,50"
    assert UANG.prepare_value(Decimal("1250000.00")) == "1.250.000"
    assert UANG.prepare_value(Decimal("0.5")) == "0,50"
    assert KG.prepare_value(Decimal("40.800")) == "40,8"
    assert KG.prepare_value(Decimal("1250.000")) == "1250"  # never the ambiguous "1.250"


class _Form(forms.Form):
    jumlah = UangField(label="Jumlah (Rp)")


def test_isian_teks_dengan_papan_angka_dan_ketikan_pengguna_kembali_saat_galat():
    html = str(_Form(initial={"jumlah": Decimal("1250000.50")})["jumlah"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html
    assert 'value="1.250.000,50"' in html
    assert "step=" not in html and 'type="number"' not in html
    form = _Form({"jumlah": "1,250,000"})
    assert not form.is_valid()
    assert "membingungkan" in form.errors["jumlah"][0]
    assert 'value="1,250,000"' in str(form["jumlah"])


def _project_forms():
    for app in ("wksbm", "registry", "finance", "distribution"):
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if not any(p in info.name for p in (".migrations", ".management", "settings", "wsgi")):
                importlib.import_module(info.name)
    seen, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    apps = {"registry", "finance", "distribution"}
    return [c for c in seen if c.__module__.split(".")[0] in apps]


def test_setiap_isian_desimal_di_proyek_memakai_angka_indonesia():
    """A plain DecimalField drops or rejects the comma; every decimal input is an AngkaField."""
    found, plain = 0, []
    for form_class in _project_forms():
        for name, field in getattr(form_class, "base_fields", {}).items():
            if isinstance(field, forms.DecimalField):
                found += 1
                if not isinstance(field, AngkaField):
                    plain.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert found >= 10
    assert plain == []
