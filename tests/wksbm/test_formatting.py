"""Indonesian formatting: Rupiah (PUEBI), dates, terbilang, masked identity numbers."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wksbm.formatting import rupiah, samarkan, tanggal, terbilang, terbilang_rupiah


@pytest.mark.parametrize(
    ("nilai", "teks"),
    [
        (1250000, "Rp1.250.000,00"),
        (Decimal("1250000.50"), "Rp1.250.000,50"),
        ("1250000", "Rp1.250.000,00"),
        (0, "Rp0,00"),
        (-75000, "-Rp75.000,00"),
    ],
)
def test_rupiah_menurut_puebi(nilai, teks):
    assert rupiah(nilai) == teks


@pytest.mark.parametrize(
    ("nilai", "teks"),
    [
        (Decimal("1250000.50"), "Rp1.250.000,50"),  # sen kept, never rounded to Rp1.250.001
        (Decimal("0.01"), "Rp0,01"),
        (Decimal("-1250000.00"), "-Rp1.250.000,00"),
        (Decimal("-0.004"), "Rp0,00"),  # no "-Rp0,00"
        (Decimal("0.125"), "Rp0,13"),  # beyond two places: half up, not half even
        (Decimal("2.345"), "Rp2,35"),
        (Decimal("999999999999.99"), "Rp999.999.999.999,99"),
    ],
)
def test_rupiah_sen_tepat_tanpa_bergantung_data_mata_uang_babel(nilai, teks):
    assert rupiah(nilai) == teks


@given(st.decimals(min_value=-(10**13), max_value=10**13, places=2))
def test_rupiah_bisa_dibaca_kembali_persis(nilai):
    teks = rupiah(nilai)
    angka_teks = teks.replace("-", "").removeprefix("Rp").replace(".", "").replace(",", ".")
    assert Decimal(angka_teks) * (-1 if teks.startswith("-") else 1) == nilai


def test_rupiah_tanpa_spasi_atau_titik_setelah_rp():
    teks = rupiah(Decimal("1500"))
    assert teks.startswith("Rp1")
    assert "Rp " not in teks and "Rp." not in teks and "\xa0" not in teks


def test_rupiah_kosong_untuk_none():
    assert rupiah(None) == ""


def test_tanggal_dengan_nama_bulan_indonesia():
    assert tanggal(date(2026, 11, 23)) == "23 November 2026"
    assert tanggal(date(2026, 2, 1)) == "1 Februari 2026"
    assert tanggal(date(2026, 11, 23), hari=True) == "Senin, 23 November 2026"


def test_tanggal_dari_datetime_memakai_waktu_jakarta():
    # 20.00 UTC on 22 November is already 23 November in Jakarta (UTC+7).
    utc = datetime(2026, 11, 22, 20, 0, tzinfo=ZoneInfo("UTC"))
    assert tanggal(utc) == "23 November 2026"


def test_tanggal_kosong():
    assert tanggal(None) == ""


@pytest.mark.parametrize(
    ("angka", "kata"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (21, "dua puluh satu"),
        (100, "seratus"),
        (115, "seratus lima belas"),
        (999, "sembilan ratus sembilan puluh sembilan"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (2000, "dua ribu"),
        (11000, "sebelas ribu"),
        (100_000, "seratus ribu"),
        (1_000_000, "satu juta"),
        (1_001_000, "satu juta seribu"),
        (2_500_000, "dua juta lima ratus ribu"),
        (1_000_000_000, "satu miliar"),
        (1_000_000_000_000, "satu triliun"),
        (-5, "minus lima"),
    ],
)
def test_terbilang(angka, kata):
    assert terbilang(angka) == kata


def test_terbilang_rupiah_diakhiri_rupiah():
    assert terbilang_rupiah(1_250_000) == "satu juta dua ratus lima puluh ribu rupiah"
    assert terbilang_rupiah(Decimal("1000.50")) == "seribu rupiah lima puluh sen"
    assert terbilang_rupiah(0).endswith("rupiah")


SKALA = {"juta", "miliar", "triliun"}


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_terbilang_memakai_se_dan_tanpa_spasi_ganda(n):
    kata = terbilang(n)
    # One hundred and ten are always "seratus", "sepuluh", never "satu ratus/puluh".
    assert "satu ratus" not in kata
    assert "satu puluh" not in kata
    assert "satu belas" not in kata
    # Exactly one thousand is "seribu" ("satu juta seribu"); "satu ribu" is only right as the
    # end of a longer group: 21.000 "dua puluh satu ribu", 101.000 "seratus satu ribu".
    token = kata.split(" ")
    for i in range(len(token) - 1):
        if token[i : i + 2] == ["satu", "ribu"]:
            assert i > 0 and token[i - 1] not in SKALA, kata
    assert "  " not in kata
    assert kata == kata.strip()
    assert kata


@pytest.mark.parametrize(
    ("angka", "kata"),
    [
        (21_000, "dua puluh satu ribu"),
        (101_000, "seratus satu ribu"),
        (2_001_000, "dua juta seribu"),
        (1_000_001_000, "satu miliar seribu"),
    ],
)
def test_terbilang_satu_ribu_hanya_di_akhir_kelompok(angka, kata):
    assert terbilang(angka) == kata


def test_samarkan_nik_di_tengah():
    assert samarkan("3402123456789001") == "3402••••••••••01"


def test_samarkan_nilai_pendek_dan_kosong():
    assert samarkan("") == ""
    assert samarkan("12345") == "•••••"
