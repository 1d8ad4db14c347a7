"""Session lifetime: ends after SESSION_IDLE_TIMEOUT idle, and SESSION_COOKIE_AGE in all."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

LOGIN_AT = "_wksbm_login_at"
SEEN_AT = "_wksbm_seen_at"
# Write the "seen" stamp at most this often, so most requests do not write the session.
SEEN_RESOLUTION = 60


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            login_at = session.setdefault(LOGIN_AT, now)
            seen_at = session.get(SEEN_AT, now)
            idle = now - seen_at > settings.SESSION_IDLE_TIMEOUT
            too_old = now - login_at > settings.SESSION_COOKIE_AGE
            if idle or too_old:
                logout(request)
                messages.info(
                    request, "Sesi Anda telah berakhir. Silakan masuk kembali untuk melanjutkan."
                )
                return redirect_to_login(request.get_full_path())
            if now - seen_at >= SEEN_RESOLUTION or SEEN_AT not in session:
                session[SEEN_AT] = now
        return self.get_response(request)
