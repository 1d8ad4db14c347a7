"""Indonesian formatting: Rupiah (PUEBI), dates, terbilang, masked identity numbers."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal
from django.utils import timezone

BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
SEN = Decimal("0.01")
ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def rupiah(value) -> str:
    """`Rp1.250.000,00` (PUEBI: no space or dot after Rp); negative `-Rp75.000,00`.

    Always two places of sen, exact: a fixed pattern, so CLDR's currency digits for IDR
    (0 since Babel 2.19) can neither drop the sen nor round them away. Only a value with
    more than two places is rounded, half up.
    """
    if value is None or value == "":
        return ""
    amount = Decimal(str(value)).quantize(SEN, ROUND_HALF_UP)
    text = "Rp" + format_decimal(abs(amount), "#,##0.00", locale="id")
    return "-" + text if amount < 0 else text


def tanggal(value, *, hari: bool = False) -> str:
    """`23 November 2026` (with `hari`: `Senin, 23 November 2026`)."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    text = f"{value.day} {BULAN[value.month - 1]} {value.year}"
    return f"{HARI[value.weekday()]}, {text}" if hari else text


def tanggal_jam(value: datetime | None) -> str:
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{tanggal(local)} {local:%H.%M}"


def bulan_romawi(value: date) -> str:
    return ROMAWI[value.month - 1]


_SATUAN = [
    "",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
]
_SKALA = [(10**12, "triliun"), (10**9, "miliar"), (10**6, "juta")]


def _di_bawah_seribu(n: int) -> str:
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        puluh, sisa = divmod(n, 10)
        return f"{_SATUAN[puluh]} puluh {_SATUAN[sisa]}".strip()
    ratus, sisa = divmod(n, 100)
    kepala = "seratus" if ratus == 1 else f"{_SATUAN[ratus]} ratus"
    return f"{kepala} {_di_bawah_seribu(sisa)}".strip()


def _di_bawah_sejuta(n: int) -> str:
    ribu, sisa = divmod(n, 1000)
    if ribu == 0:
        return _di_bawah_seribu(sisa)
    kepala = "seribu" if ribu == 1 else f"{_di_bawah_seribu(ribu)} ribu"
    return f"{kepala} {_di_bawah_seribu(sisa)}".strip()


def terbilang(value) -> str:
    """Whole number in Indonesian words: 1.001.000 → "satu juta seribu".

    "se-" is used for one of a unit below a million (sepuluh, sebelas, seratus, seribu),
    but "satu juta", "satu miliar", "satu triliun".
    """
    n = int(Decimal(str(value)))
    if n == 0:
        return "nol"
    if n < 0:
        return f"minus {terbilang(-n)}"
    parts = []
    for besar, nama in _SKALA:
        if n >= besar:
            jumlah, n = divmod(n, besar)
            parts.append(f"{terbilang(jumlah)} {nama}")
    if n:
        parts.append(_di_bawah_sejuta(n))
    return " ".join(parts)


def terbilang_rupiah(value) -> str:
    """Amount in words for a kuitansi, ending in "rupiah" (and sen when present)."""
    amount = Decimal(str(value)).quantize(Decimal("0.01"))
    rupiah_part = int(amount)
    sen = int((amount - rupiah_part) * 100)
    text = f"{terbilang(rupiah_part)} rupiah"
    if sen:
        text += f" {terbilang(sen)} sen"
    return text


def samarkan(value: str, *, awal: int = 4, akhir: int = 2) -> str:
    """Mask the middle of an identity number: `3402••••••••••01`.

    Masking only the tail is guessable (the head is region and birth date, the tail a
    short serial), so the middle goes.
    """
    if not value:
        return ""
    if len(value) <= awal + akhir:
        return "•" * len(value)
    return value[:awal] + "•" * (len(value) - awal - akhir) + value[-akhir:]


def angka(value) -> str:
    """A number with Indonesian separators: 1.250 or 2,5."""
    if value is None or value == "":
        return ""
    d = Decimal(str(value))
    if d == d.to_integral_value():
        return f"{int(d):,}".replace(",", ".")
    text = f"{d.normalize():,f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def hari_tanggal(value) -> str:
    """`Selasa, 24 November 2026`: the day name too, as a guest book or minutes write it."""
    return tanggal(value, hari=True)
