"""Account resets by the admin or a ketua, each recorded in RiwayatAkun."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.models import RiwayatAkun, SandiSementara

JUMLAH_KODE_CADANGAN = 10
# No 0/O, 1/l/I: read aloud or copied by hand from the screen.
_HURUF_SANDI = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@transaction.atomic
def buat_kode_cadangan(*, user: AbstractBaseUser) -> list[str]:
    """Ten new one-time recovery codes; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Kode cadangan", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(JUMLAH_KODE_CADANGAN)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@transaction.atomic
def reset_dua_faktor(*, oleh: AbstractBaseUser, untuk: AbstractBaseUser) -> None:
    """Remove the user's authenticator and recovery codes: they enrol again at next sign-in
    (a session verified with the old device is no longer verified)."""
    TOTPDevice.objects.filter(user=untuk).delete()
    StaticDevice.objects.filter(user=untuk).delete()
    RiwayatAkun.objects.create(aksi=RiwayatAkun.Aksi.RESET_DUA_FAKTOR, oleh=oleh, untuk=untuk)


@transaction.atomic
def reset_sandi(*, oleh: AbstractBaseUser, untuk: AbstractBaseUser) -> str:
    """Set a temporary password (returned, to be shown once) that must be changed at the next
    login. The user's open sessions end (the password hash changes)."""
    sandi = "-".join(get_random_string(4, _HURUF_SANDI) for _ in range(3))
    untuk.set_password(sandi)
    untuk.save(update_fields=["password"])
    SandiSementara.objects.update_or_create(user=untuk, defaults={"dibuat_pada": timezone.now()})
    RiwayatAkun.objects.create(aksi=RiwayatAkun.Aksi.RESET_SANDI, oleh=oleh, untuk=untuk)
    return sandi
