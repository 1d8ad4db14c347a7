from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.models import SandiSementara

from . import GANTI_SANDI, PERLU_OTP


@receiver(user_logged_in, dispatch_uid="registry.akun.saat_masuk")
def saat_masuk(sender, request, user, **kwargs) -> None:
    """Note in the new session what the user must still do: verify a code, change the password."""
    if request is None:
        return
    flags = {
        PERLU_OTP: TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        GANTI_SANDI: SandiSementara.objects.filter(user=user).exists(),
    }
    for key, value in flags.items():
        if value:
            request.session[key] = True
        else:
            request.session.pop(key, None)
