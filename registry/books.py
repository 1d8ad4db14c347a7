"""The registry's books: each one a short declaration on wksbm.books."""

from wksbm import books
from wksbm.books import Book, Column

from .forms_buku import TamuForm
from .models import Tamu


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
        Column("tanggal", "Hari/Tanggal", kind="date", width=14),
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
