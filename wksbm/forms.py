"""Form building blocks shared by every app."""

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
