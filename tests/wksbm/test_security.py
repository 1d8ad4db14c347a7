"""Login throttling sees the client's address, also behind a reverse proxy."""

from django.test import RequestFactory

from wksbm.security import client_ip


def _request(xff: str | None = None, remote: str = "127.0.0.1"):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/masuk/", **meta)


def test_tanpa_proxy_memakai_remote_addr(settings):
    settings.PROXY_COUNT = 0
    assert client_ip(_request("10.9.9.9", remote="203.0.113.7")) == "203.0.113.7"


def test_di_belakang_satu_proxy_memakai_alamat_yang_dilihat_proxy(settings):
    settings.PROXY_COUNT = 1
    # The client forged the first entry; nginx appended the real one.
    assert client_ip(_request("1.2.3.4, 198.51.100.20")) == "198.51.100.20"
    assert client_ip(_request(None, remote="127.0.0.1")) == "127.0.0.1"
