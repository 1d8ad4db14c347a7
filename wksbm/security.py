"""Client address for login throttling behind a reverse proxy."""

from django.conf import settings


def client_ip(request) -> str:
    """The address the trusted proxies saw, not the proxy's own.

    Each of the PROXY_COUNT trusted proxies appends the address it received the request
    from to X-Forwarded-For, so the client is that many entries from the right; anything
    further left is the client's own claim and is ignored.
    """
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    count = settings.PROXY_COUNT
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
