from django.urls import path

from registry.buku.donatur import BukuDonatur
from wksbm import books

from . import kuitansi, views, zakat
from .buku import BukuPemasukan, BukuPengeluaran

app_name = "finance"

urlpatterns = books.urlpatterns(app_name)

# Kuitansi, tanda terima and the donor's donations. The book passed along scopes the object
# (and tells tests/urlwalk.py which row fills <pk>).
urlpatterns += [
    path(
        "w/<int:wksbm>/pemasukan/<int:pk>/kuitansi.pdf",
        kuitansi.kuitansi_view,
        {"book": BukuPemasukan},
        name="pemasukan-kuitansi",
    ),
    path(
        "w/<int:wksbm>/pengeluaran/<int:pk>/tanda-terima.pdf",
        kuitansi.tanda_terima_view,
        {"book": BukuPengeluaran},
        name="pengeluaran-tanda-terima",
    ),
    path(
        "w/<int:wksbm>/donatur/<int:pk>/donasi/",
        kuitansi.donasi_view,
        {"book": BukuDonatur},
        name="donatur-donasi",
    ),
    path(
        "w/<int:wksbm>/donatur/<int:pk>/laporan-donasi.pdf",
        kuitansi.laporan_donatur_view,
        {"book": BukuDonatur},
        name="donatur-laporan",
    ),
    # Public (no login): the QR code on every kuitansi points here.
    path(
        "verifikasi/kuitansi/<str:token>/",
        kuitansi.kuitansi_verifikasi,
        name="kuitansi-verifikasi",
    ),
]

# The zakat report: received, distributed per asnaf, the amil share, the basis of handling.
urlpatterns += [
    path("w/<int:wksbm>/zakat/", zakat.laporan, name="zakat"),
    path("w/<int:wksbm>/zakat/unduh.pdf", zakat.laporan_pdf, name="zakat-pdf"),
    path("w/<int:wksbm>/zakat/dasar/", zakat.dasar_ubah, name="zakat-dasar"),
]

# The bendahara's pages: finance home, kas umum, funds and cash accounts, reklasifikasi,
# tutup buku (finance.views).
_k = "w/<int:wksbm>/keuangan/"
urlpatterns += [
    path(_k, views.keuangan_home, name="keuangan-home"),
    path(_k + "kas-umum/", views.kas_umum, name="kas-umum-list"),
    path(_k + "kas-umum/unduh.pdf", views.kas_umum_pdf, name="kas-umum-pdf"),
    path(_k + "kas-umum/unduh.xlsx", views.kas_umum_xlsx, name="kas-umum-xlsx"),
    path(_k + "dana/", views.dana_list, name="dana-list"),
    path(_k + "dana/baru/", views.dana_create, name="dana-create"),
    path(_k + "dana/<int:pk>/", views.dana_detail, name="dana-detail"),
    path(_k + "dana/<int:pk>/ubah/", views.dana_edit, name="dana-edit"),
    path(_k + "dana/<int:pk>/laporan.pdf", views.dana_pdf, name="dana-pdf"),
    path(_k + "kas/baru/", views.kas_create, name="kas-create"),
    path(_k + "kas/<int:pk>/ubah/", views.kas_edit, name="kas-edit"),
    path(_k + "pengaturan/", views.pengaturan_edit, name="pengaturan-edit"),
    path(_k + "reklasifikasi/", views.reklasifikasi_create, name="reklasifikasi-create"),
    path(_k + "saldo-awal/", views.saldo_awal, name="saldo-awal"),
    path(
        _k + "saldo-awal/<int:pk>/batalkan/",
        views.saldo_awal_batalkan,
        name="saldo-awal-batalkan",
    ),
    path(_k + "tutup-buku/", views.tutup_buku_list, name="tutup-buku-list"),
    path(
        _k + "tutup-buku/<int:tahun>/<int:bulan>/tutup/",
        views.tutup_buku_tutup,
        name="tutup-buku-tutup",
    ),
    path(
        _k + "tutup-buku/<int:tahun>/<int:bulan>/buka/",
        views.tutup_buku_buka,
        name="tutup-buku-buka",
    ),
    path(
        _k + "tutup-buku/<int:tahun>/<int:bulan>/laporan.pdf",
        views.tutup_buku_pdf,
        name="tutup-buku-pdf",
    ),
]
