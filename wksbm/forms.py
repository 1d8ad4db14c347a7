"""Form building blocks shared by every app."""

import re
from decimal import Decimal

from crispy_forms.helper import FormHelper
from django import forms

from . import uploads


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    """<input type="time"> needs HH:MM, not the Indonesian 19.30 display format."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


# A thousands grouping the way Indonesians write it: 1.250 or 12.500.000 (no leading zero).
_RIBUAN = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_RP = re.compile(r"^rp\.?\s*", re.IGNORECASE)
SEN = Decimal("0.01")


def baca_angka(text: str, *, places: int | None) -> Decimal:
    """Read a number typed the Indonesian way, never guessing.

    `,` is the decimal separator; `.` separates thousands only when groups of three digits
    follow it (`1.250.000`, `1.250.000,50`). A single `.` followed by one or two digits is a
    decimal point too (`1250000.50`, as phones and spreadsheets write it). Anything that can
    be read two ways is refused: `1,250,000` and `1,250.50` (English), and, for a field with
    three or more decimal places, `1.250` (1250 or 1,25?). A leading `Rp` is allowed.
    """
    s = _RP.sub("", text.strip().replace("\xa0", " "))
    sign = ""
    if s[:1] == "-":
        sign, s = "-", _RP.sub("", s[1:])
    if not re.fullmatch(r"\d[\d.,]*", s) or not s[-1].isdigit():
        raise forms.ValidationError("Masukkan angka.", code="invalid")
    whole, comma, frac = s.partition(",")
    if "," in frac or "." in frac:
        raise forms.ValidationError(
            "Penulisan ini membingungkan: pakai titik untuk ribuan dan satu koma untuk "
            "desimal, mis. 1.250.000,50.",
            code="ambiguous",
        )
    if "." in whole:
        ribuan = _RIBUAN.fullmatch(whole) and (comma or (places or 0) < 3 or whole.count(".") > 1)
        head, _, tail = whole.partition(".")
        if ribuan:
            whole = whole.replace(".", "")
        elif not comma and "." not in tail and len(tail) != 3:
            whole, frac = head, tail
        elif _RIBUAN.fullmatch(whole):
            raise forms.ValidationError(
                f"“{whole}” bisa berarti {head}{tail} atau {head},{tail}: tulis {head}{tail} "
                f"(tanpa titik) atau {head},{tail} (koma untuk desimal).",
                code="ambiguous",
            )
        else:
            raise forms.ValidationError(
                f"Penulisan “{text.strip()}” tidak jelas: pakai titik hanya untuk ribuan "
                "(1.250.000) dan koma untuk desimal (1.250.000,50).",
                code="ambiguous",
            )
    return Decimal(f"{sign}{whole}.{frac}" if frac else f"{sign}{whole}")


def tulis_angka(value, *, ribuan: bool = True, sen: bool = False) -> str:
    """A number as a form shows it for editing: `1.250.000`, `1.250.000,50`, `40,8`."""
    d = Decimal(value)
    if d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    elif sen and d == d.quantize(SEN):
        d = d.quantize(SEN)
    else:
        d = d.normalize()
    text = f"{d:,f}" if ribuan else f"{d:f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


class AngkaField(forms.DecimalField):
    """A decimal number typed the Indonesian way (see `baca_angka`), e.g. kg of beras.

    A text input with `inputmode="decimal"` (phones show a numeric keypad; a number input
    would drop or reject the comma). On an error the user's own text comes back; an
    initial value is shown the Indonesian way, without thousands dots when the field takes
    three or more decimals (so `1250` kg is never shown as the ambiguous `1.250`).
    """

    widget = forms.TextInput
    default_error_messages = {
        "invalid": "Masukkan angka, mis. 1.250 atau 2,5.",
        "max_decimal_places": "Paling banyak %(max)s angka di belakang koma.",
        "max_digits": "Angka terlalu besar: paling banyak %(max)s digit.",
        "max_whole_digits": "Angka terlalu besar: paling banyak %(max)s digit sebelum koma.",
    }
    sen = False

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return Decimal(value)
        text = str(value).strip()
        if not text:
            return None
        try:
            return baca_angka(text, places=self.decimal_places)
        except forms.ValidationError as exc:
            if exc.code == "invalid":
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
            raise

    def prepare_value(self, value):
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            ribuan = self.decimal_places is None or self.decimal_places < 3
            return tulis_angka(value, ribuan=ribuan, sen=self.sen)
        return value

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off"}


class UangField(AngkaField):
    """An amount of Rupiah: `1.250.000`, `1.250.000,50`, `150000,50` or `1250000.50`."""

    default_error_messages = {
        "invalid": "Masukkan jumlah Rupiah, mis. 1.250.000 atau 1.250.000,50.",
        "max_decimal_places": "Paling banyak 2 angka di belakang koma (sen); ribuan ditulis "
        "dengan titik, mis. 1.250.000.",
    }
    sen = True

    def __init__(self, *, max_digits=15, decimal_places=2, **kwargs):
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)


class CrispyMixin:
    """Bootstrap 5 layout via crispy; the template renders <form> itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


def clean_upload(form: forms.Form, name: str, check) -> object:
    """Run an uploads.check_* on a newly uploaded file; keep the stored one otherwise."""
    upload = form.cleaned_data.get(name)
    if upload and hasattr(upload, "content_type"):
        return check(upload)
    return upload


def clean_image(form, name: str, max_bytes: int = uploads.MB):
    return clean_upload(form, name, lambda f: uploads.check_image(f, max_bytes=max_bytes))


def clean_document(form, name: str, max_bytes: int = 5 * uploads.MB):
    return clean_upload(form, name, lambda f: uploads.check_document(f, max_bytes=max_bytes))


class PilihanBanyak(forms.ModelMultipleChoiceField):
    """A multiple choice of records where an id outside a 64-bit integer is an invalid choice:
    Django hands it to `id IN (...)`, and SQLite raises OverflowError (a 500)."""

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk))  # as Django reads it: signs and spaces allowed
            except ValueError:
                continue  # not a number: Django's own check refuses it
            if not -(2**63) <= number < 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class BookForm(CrispyMixin, forms.ModelForm):
    """Base form of a book: knows its WKSBM, so choices can be limited to it."""

    def __init__(self, *args, wksbm, **kwargs):
        self.wksbm = wksbm
        super().__init__(*args, **kwargs)


class InlineForm(CrispyMixin, forms.ModelForm):
    """Base form of a book's inline rows (formsets): knows its WKSBM too."""

    def __init__(self, *args, wksbm=None, **kwargs):
        self.wksbm = wksbm
        super().__init__(*args, **kwargs)
