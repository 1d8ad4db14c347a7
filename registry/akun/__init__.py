"""Sign-in security: two-factor (TOTP, django-otp) with recovery codes, device and password
resets by the admin or a ketua (recorded), and a forced password change after a reset.

Who must use a second factor is `registry.access.wajib_dua_faktor`; the rule is enforced on
every request by `middleware.MasukAmanMiddleware`.
"""

# Session keys, set at login (signals.py).
PERLU_OTP = "_wksbm_perlu_otp"  # the user has a confirmed TOTP device: verify it
GANTI_SANDI = "_wksbm_ganti_sandi"  # signed in with a temporary password: change it first
