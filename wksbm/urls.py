from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from registry.akun import views as akun_views
from registry.views import lembaga, pengesahan
from wksbm import reauth

urlpatterns = [
    path("", lembaga.home, name="home"),
    path("masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/sandi/", akun_views.GantiSandiView.as_view(), name="password_change"),
    path(
        "akun/sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("akun/konfirmasi/", reauth.konfirmasi, name="reauth"),
    path("akun/", include("registry.akun.urls")),
    path("verifikasi/<str:token>/", pengesahan.verifikasi, name="verifikasi"),
    path("admin/", admin.site.urls),
    path("", include("registry.urls")),
    path("", include("finance.urls")),
    path("", include("distribution.urls")),
    path("", include("wksbm.ekspor.urls")),
]

handler403 = "wksbm.views.forbidden"
handler404 = "wksbm.views.not_found"
