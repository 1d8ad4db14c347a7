"""Account pages: enrolment and verification of the second factor, recovery codes, the
account page, and the admin's/ketua's resets."""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import PasswordChangeView
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.access import akses, akun_dikelola, wajib_dua_faktor
from registry.models import Jabatan, SandiSementara
from wksbm import reauth

from . import GANTI_SANDI, PERLU_OTP, services


class KodeForm(forms.Form):
    kode = forms.CharField(
        label="Kode verifikasi",
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_kode(self) -> str:
        return self.cleaned_data["kode"].replace(" ", "").replace("-", "").lower()


def _next(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)


def _totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _tertahan(devices) -> str | None:
    """After wrong codes django-otp makes the next try wait (1, 2, 4 ... s per device): the
    message while every device waits, else None."""
    waits = [d.verify_is_allowed() for d in devices]
    if any(allowed for allowed, _ in waits):
        return None
    now = timezone.now()
    detik = min(
        int((info["locked_until"] - now).total_seconds()) + 1
        for _, info in waits
        if info and "locked_until" in info
    )
    return f"Terlalu banyak kode salah. Coba lagi dalam {detik} detik."


def _verified(request: HttpRequest, device) -> None:
    otp_login(request, device)
    request.session[PERLU_OTP] = True
    reauth.stamp(request)


def _kode_cadangan(request: HttpRequest, codes: list[str]) -> HttpResponse:
    """The recovery codes, shown this once (never stored in the clear anywhere else)."""
    response = render(
        request, "registration/kode_cadangan.html", {"codes": codes, "next": _next(request)}
    )
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def dua_faktor_daftar(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code, type its first code."""
    user = request.user
    if _totp(user) is not None:
        if user.is_verified():
            messages.info(request, "Verifikasi dua langkah sudah aktif untuk akun Anda.")
            return redirect("akun:detail")
        return redirect(f"{reverse('akun:dua-faktor-verifikasi')}?{request.GET.urlencode()}")
    # The same secret on every reload until it is confirmed.
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=False)
    form = KodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if tunggu := _tertahan([device]):
            form.add_error("kode", tunggu)
        elif device.verify_token(form.cleaned_data["kode"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            _verified(request, device)
            messages.success(request, "Verifikasi dua langkah aktif.")
            return _kode_cadangan(request, services.buat_kode_cadangan(user=user))
        else:
            form.add_error(
                "kode", "Kode tidak cocok. Periksa jam ponsel Anda lalu coba kode terbaru."
            )
    return render(
        request,
        "registration/dua_faktor_daftar.html",
        {
            "form": form,
            "next": _next(request),
            "qr": segno.make(device.config_url, error="m").svg_inline(scale=4, title="Kode QR"),
            "rahasia": _b32(device),
            "wajib": wajib_dua_faktor(user),
        },
    )


def _b32(device: TOTPDevice) -> str:
    """The secret for typing into the app by hand, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
def dua_faktor_verifikasi(request: HttpRequest) -> HttpResponse:
    """The second step after the password: a code from the app, or one recovery code."""
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    totp = _totp(user)
    if totp is None:
        if wajib_dua_faktor(user):
            return redirect(f"{reverse('akun:dua-faktor-daftar')}?{request.GET.urlencode()}")
        request.session.pop(PERLU_OTP, None)
        return redirect(_next(request))
    devices = [totp, *StaticDevice.objects.filter(user=user, confirmed=True)]
    form = KodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if tunggu := _tertahan(devices):
            form.add_error("kode", tunggu)
        else:
            kode = form.cleaned_data["kode"]
            device = next((d for d in devices if d.verify_token(kode)), None)
            if device is not None:
                _verified(request, device)
                if isinstance(device, StaticDevice):
                    sisa = device.token_set.count()
                    messages.warning(
                        request,
                        f"Anda masuk dengan kode cadangan; tersisa {sisa}. "
                        "Buat kode cadangan baru di halaman Akun bila hampir habis.",
                    )
                return redirect(_next(request))
            form.add_error("kode", "Kode tidak cocok.")
    return render(
        request, "registration/dua_faktor_verifikasi.html", {"form": form, "next": _next(request)}
    )


@never_cache
def akun_detail(request: HttpRequest) -> HttpResponse:
    user = request.user
    a = akses(user)
    return render(
        request,
        "registration/akun.html",
        {
            "totp": _totp(user),
            "sisa_kode": StaticToken.objects.filter(device__user=user).count(),
            "wajib": wajib_dua_faktor(user),
            "boleh_kelola": a.admin
            or any(Jabatan.KETUA in jabatan for jabatan in a.pengurus.values()),
        },
    )


@require_POST
@never_cache
def kode_cadangan_baru(request: HttpRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working); only in a verified session."""
    if not request.user.is_verified():
        raise PermissionDenied("Aktifkan verifikasi dua langkah terlebih dahulu.")
    messages.success(request, "Kode cadangan baru dibuat; kode lama tidak berlaku lagi.")
    return _kode_cadangan(request, services.buat_kode_cadangan(user=request.user))


def _boleh_kelola(user) -> None:
    a = akses(user)
    if not (a.admin or any(Jabatan.KETUA in jabatan for jabatan in a.pengurus.values())):
        raise PermissionDenied("Hanya admin atau ketua WKSBM yang dapat mengelola akun.")


def pengguna_list(request: HttpRequest) -> HttpResponse:
    """Accounts the admin (all) or a ketua (their WKSBM's pengurus) may reset."""
    _boleh_kelola(request.user)
    qs = (
        akun_dikelola(request.user)
        .annotate(
            punya_totp=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            sandi_sementara_aktif=Exists(SandiSementara.objects.filter(user=OuterRef("pk"))),
        )
        .order_by("username")
    )
    if q := request.GET.get("q", "").strip():
        qs = qs.filter(
            Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q)
        )
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    return render(
        request,
        "registration/pengguna_list.html",
        {"page": page, "q": q, "admin": akses(request.user).admin},
    )


def _pengguna(request: HttpRequest, pk: int):
    _boleh_kelola(request.user)
    return get_object_or_404(akun_dikelola(request.user), pk=pk)


@require_POST
@never_cache
def pengguna_reset_sandi(request: HttpRequest, pk: int) -> HttpResponse:
    untuk = _pengguna(request, pk)
    sandi = services.reset_sandi(oleh=request.user, untuk=untuk)
    response = render(
        request, "registration/sandi_sementara.html", {"untuk": untuk, "sandi": sandi}
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def pengguna_reset_dua_faktor(request: HttpRequest, pk: int) -> HttpResponse:
    if not akses(request.user).admin:
        raise PermissionDenied("Hanya admin yang dapat mengatur ulang verifikasi dua langkah.")
    untuk = get_object_or_404(get_user_model().objects.exclude(pk=request.user.pk), pk=pk)
    services.reset_dua_faktor(oleh=request.user, untuk=untuk)
    messages.success(
        request,
        f"Verifikasi dua langkah {untuk.get_username()} diatur ulang; "
        "ia mendaftarkan aplikasi autentikator lagi saat masuk berikutnya.",
    )
    return redirect("akun:pengguna-list")


class GantiSandiView(PasswordChangeView):
    """Django's password change; it also ends the forced change after a reset."""

    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        SandiSementara.objects.filter(user=self.request.user).delete()
        self.request.session.pop(GANTI_SANDI, None)
        return response
