from django.urls import path

from wksbm import books

from . import bantuan
from .cockpit import urls as cockpit
from .laporan import views as laporan

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
    # The periodic laporan to the lurah and the Dinas Sosial (distribution.laporan).
    path("w/<int:wksbm>/laporan/", laporan.laporan_list, name="laporan-list"),
    path("w/<int:wksbm>/laporan/buat/", laporan.laporan_create, name="laporan-create"),
    path("w/<int:wksbm>/laporan/<int:pk>/", laporan.laporan_detail, name="laporan-detail"),
    path("w/<int:wksbm>/laporan/<int:pk>/ajukan/", laporan.laporan_ajukan, name="laporan-ajukan"),
    path(
        "w/<int:wksbm>/laporan/<int:pk>/ketahui/", laporan.laporan_ketahui, name="laporan-ketahui"
    ),
    path("w/<int:wksbm>/laporan/<int:pk>/terima/", laporan.laporan_terima, name="laporan-terima"),
    path(
        "w/<int:wksbm>/laporan/<int:pk>/kembalikan/",
        laporan.laporan_kembalikan,
        name="laporan-kembalikan",
    ),
    path("w/<int:wksbm>/laporan/<int:pk>/buka/", laporan.laporan_buka, name="laporan-buka"),
    path("w/<int:wksbm>/laporan/<int:pk>/unduh.pdf", laporan.laporan_pdf, name="laporan-pdf"),
    path("w/<int:wksbm>/laporan/<int:pk>/unduh.xlsx", laporan.laporan_xlsx, name="laporan-xlsx"),
    path(
        "verifikasi/laporan/<str:token>/",
        laporan.laporan_verifikasi,
        name="laporan-verifikasi",
    ),
]

# The Dinas Sosial cockpit (distribution.cockpit).
urlpatterns += cockpit.urlpatterns
