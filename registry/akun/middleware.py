"""Every non-public page waits until the second factor is verified (or enrolled, for the roles
that must use it) and, after a password reset, until the password is changed."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from registry.access import wajib_dua_faktor

from . import GANTI_SANDI, PERLU_OTP

# Reachable before the second factor is verified.
BEBAS_OTP = {"logout", "akun:dua-faktor-daftar", "akun:dua-faktor-verifikasi"}
# Reachable before a temporary password is changed.
BEBAS_SANDI = BEBAS_OTP | {"password_change", "password_change_done"}


class MasukAmanMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        name = request.resolver_match.view_name
        public = not getattr(view_func, "login_required", True) and not name.startswith("admin:")
        if public or name in BEBAS_OTP:
            return None
        session = request.session
        if not user.is_verified() and (session.get(PERLU_OTP) or wajib_dua_faktor(user)):
            target = (
                "akun:dua-faktor-verifikasi" if session.get(PERLU_OTP) else "akun:dua-faktor-daftar"
            )
            return redirect_to_login(request.get_full_path(), reverse(target))
        if session.get(GANTI_SANDI) and name not in BEBAS_SANDI:
            messages.warning(
                request,
                "Anda masuk dengan kata sandi sementara. Buat kata sandi baru sebelum melanjutkan.",
            )
            return redirect_to_login(request.get_full_path(), reverse("password_change"))
        return None
