"""Buku tamu (domain.md §7)."""

from django import forms

from wksbm import books, formatting
from wksbm.books import Book, Column
from wksbm.forms import BookForm, DateInput, TimeInput

from ..models import Tamu


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


@books.register
class BukuTamu(Book):
    slug = "tamu"
    title = "Buku Tamu"
    singular = "tamu"
    order = 4
    landscape = True
    model = Tamu
    form = TamuForm
    columns = [
        Column("tanggal", "Hari/Tanggal", kind="date", width=24, fmt=formatting.hari_tanggal),
        Column("jam", "Jam", kind="time", width=8),
        Column("nama", "Nama", width=24),
        Column("instansi", "Instansi/Jabatan", width=24),
        Column("alamat", "Alamat", width=28),
        Column("telepon", "No. HP", width=16),
        Column("keperluan", "Keperluan", width=36),
        Column("bertemu", "Bertemu dengan", width=20),
        Column("keterangan", "Ket.", width=20),
    ]
    search = ["nama", "instansi", "keperluan", "alamat"]
    ordering = ["-tanggal", "-jam", "-id"]
