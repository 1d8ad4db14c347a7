"""Forms of the registry's books."""

from django import forms

from wksbm.forms import BookForm, DateInput, TimeInput

from .models import Tamu


class TamuForm(BookForm):
    class Meta:
        model = Tamu
        fields = [
            "tanggal",
            "jam",
            "nama",
            "instansi",
            "alamat",
            "telepon",
            "keperluan",
            "bertemu",
            "keterangan",
        ]
        widgets = {
            "tanggal": DateInput(),
            "jam": TimeInput(),
            "keperluan": forms.Textarea(attrs={"rows": 3}),
            "keterangan": forms.Textarea(attrs={"rows": 2}),
        }
