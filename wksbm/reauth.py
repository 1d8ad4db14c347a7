"""Re-authentication before an export that carries NIK or No. KK: the password or a TOTP code
entered within the last REAUTH_MAX_AGE seconds (10 minutes)."""

import time

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_totp.models import TOTPDevice

REAUTH_AT = "_wksbm_reauth_at"


def stamp(request: HttpRequest) -> None:
    """The user has just proved it is them (password or code)."""
    request.session[REAUTH_AT] = int(time.time())


def is_fresh(request: HttpRequest) -> bool:
    at = request.session.get(REAUTH_AT)
    return at is not None and time.time() - at <= settings.REAUTH_MAX_AGE


def ask(request: HttpRequest) -> HttpResponse:
    """To the confirmation page, coming back to this very request afterwards."""
    return redirect_to_login(request.get_full_path(), reverse("reauth"))


class KonfirmasiForm(forms.Form):
    rahasia = forms.CharField(
        label="Kata sandi atau kode dari aplikasi autentikator",
        strip=True,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(self, *args, request: HttpRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_rahasia(self) -> str:
        value = self.cleaned_data["rahasia"]
        user = self.request.user
        token = value.replace(" ", "")
        if token.isdigit() and len(token) == 6:
            # django-otp throttles each device: after a wrong code the next waits 1, 2, 4 ... s.
            devices = TOTPDevice.objects.filter(user=user, confirmed=True)
            if any(d.verify_token(token) for d in devices):
                return value
        # Through the backends, so django-axes counts (and locks out) wrong passwords.
        if authenticate(self.request, username=user.get_username(), password=value) == user:
            return value
        raise forms.ValidationError("Kata sandi atau kode tidak cocok.")


@never_cache
def konfirmasi(request: HttpRequest) -> HttpResponse:
    """Confirm it is still you; then back to `next` (an export with personal data)."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse(settings.LOGIN_REDIRECT_URL)
    form = KonfirmasiForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        stamp(request)
        return redirect(next_url)
    return render(
        request,
        "registration/konfirmasi.html",
        {"form": form, "next": next_url, "menit": settings.REAUTH_MAX_AGE // 60},
    )
