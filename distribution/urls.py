from django.urls import path

from wksbm import books

from . import bantuan

app_name = "distribution"

# The kegiatan and penyaluran books, with the round's own pages (distribution.buku.penyaluran).
urlpatterns = books.urlpatterns(app_name) + [
    path(
        "w/<int:wksbm>/ppks-belum-terbantu/",
        bantuan.belum_terbantu_page,
        name="belum-terbantu",
    ),
    path(
        "w/<int:wksbm>/ppks-belum-terbantu/unduh.pdf",
        bantuan.belum_terbantu_pdf,
        name="belum-terbantu-pdf",
    ),
    path(
        "w/<int:wksbm>/ppks-belum-terbantu/unduh.xlsx",
        bantuan.belum_terbantu_xlsx,
        name="belum-terbantu-xlsx",
    ),
]
