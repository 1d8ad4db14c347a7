from django.urls import path

from . import views

app_name = "akun"

urlpatterns = [
    path("", views.akun_detail, name="detail"),
    path("dua-faktor/daftar/", views.dua_faktor_daftar, name="dua-faktor-daftar"),
    path("dua-faktor/verifikasi/", views.dua_faktor_verifikasi, name="dua-faktor-verifikasi"),
    path("dua-faktor/kode-cadangan/", views.kode_cadangan_baru, name="kode-cadangan"),
    path("pengguna/", views.pengguna_list, name="pengguna-list"),
    path("pengguna/<int:pk>/reset-sandi/", views.pengguna_reset_sandi, name="pengguna-reset-sandi"),
    path(
        "pengguna/<int:pk>/reset-dua-faktor/",
        views.pengguna_reset_dua_faktor,
        name="pengguna-reset-dua-faktor",
    ),
]
