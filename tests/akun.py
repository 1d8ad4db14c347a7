"""Signing in in tests like a user who passed the second step.

`client.force_login` skips the login form; for a user whose role requires two-factor sign-in
(registry.access.wajib_dua_faktor) it leaves a session the real MasukAmanMiddleware sends to
enrolment. `terverifikasi` gives that user a confirmed TOTP device and marks the session
verified with it, as the verification page does (device in the session, re-authenticated now).
"""

import time

from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.access import forget, wajib_dua_faktor
from registry.akun import PERLU_OTP
from wksbm import reauth


def perangkat(user) -> TOTPDevice:
    """The user's confirmed authenticator (one is made, as if enrolled)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "Uji"}
    )
    return device


def kode(device: TOTPDevice) -> str:
    """The code the phone's app shows now for `device`."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def terverifikasi(client: Client, user) -> None:
    """Mark the client's logged-in session as verified with `user`'s TOTP device."""
    device = perangkat(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[PERLU_OTP] = True
    session[reauth.REAUTH_AT] = int(time.time())
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key


def force_login_terverifikasi(client: Client, user, backend=None) -> None:
    """force_login, then verified when the user's role requires the second factor."""
    Client.force_login(client, user, backend)
    wajib = wajib_dua_faktor(user)
    forget(user)  # the test may change the user's roles afterwards
    if wajib:
        terverifikasi(client, user)
