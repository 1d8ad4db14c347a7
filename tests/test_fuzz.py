"""Every form of every page, fed junk (random and odd Unicode, huge numbers, dates far in the
past and future, formulas, markup, NUL): never a 500, and a refused post saves nothing.

The forms are read from the pages themselves (every page tests/urlwalk.py knows, as the ketua
who may write everything), so a new form is fuzzed without being listed here.
"""

from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import urlwalk
from tests.akun import force_login_terverifikasi

# Bookkeeping that a refused request may still write (sign-in, history of reads, sessions).
BUKAN_DATA = {"sessions", "axes", "auditlog", "admin", "django_tasks_database", "otp_totp"}
# Forms that end the session or need a second person, not input to fuzz.
LEWATI = ("/keluar", "/logout", "/akun/")

ANEH = [
    "",
    " ",
    "0",
    "-1",
    "-0,01",
    "1e309",
    "9" * 40,
    "1.250.000,50",
    "1,250,000",
    "NaN",
    "Infinity",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "12:99",
    '=HYPERLINK("http://x","klik")',
    "<script>alert(1)</script>",
    "\x00",
    "a\x00b",
    "\u202e\u0644\u0627",
    "é" * 400,
    "👪" * 50,
    "../../etc/passwd",
    "' OR 1=1 --",
]
junk = st.one_of(
    st.sampled_from(ANEH),
    st.text(max_size=120),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
)


class _Forms(HTMLParser):
    """The POST forms of a page: action and fields (name, type, choice values)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag in ("input", "textarea", "button") and a.get("name"):
            kind = a.get("type", "text") if tag == "input" else tag
            if kind in ("submit", "button"):  # a named button says which action is meant
                kind = "hidden"
            if kind not in ("reset", "image"):
                self._form["fields"].setdefault(a["name"], (kind, [a.get("value") or ""]))
        elif tag == "select" and a.get("name"):
            self._select = self._form["fields"].setdefault(a["name"], ("select", []))[1]
        elif tag == "option" and self._select is not None:
            self._select.append(a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _forms(client, urls: list[str]) -> list[dict]:
    seen, result = set(), []
    for url in urls:
        parser = _Forms()
        parser.feed(client.get(url, secure=True).content.decode())
        for form in parser.forms:
            action = form["action"] or url
            key = (urlsplit(action).path, tuple(sorted(form["fields"])))
            if (
                key in seen
                or any(s in action for s in LEWATI)
                or "csrfmiddlewaretoken" not in form["fields"]
            ):
                continue
            seen.add(key)
            result.append({"action": action, "fields": form["fields"]})
    return result


def _rows() -> dict[str, int]:
    return {
        m._meta.label: m._base_manager.count()
        for m in apps.get_models()
        if m._meta.app_label not in BUKAN_DATA and not m._meta.proxy
    }


def _value(data, kind: str, choices: list[str]):
    if kind == "file":
        isi = data.draw(st.binary(max_size=64))
        return SimpleUploadedFile(data.draw(st.sampled_from(["a.pdf", "b.png", "c.exe"])), isi)
    if choices and data.draw(st.booleans()):  # the real value (a choice, a hidden field)
        return data.draw(st.sampled_from(choices))
    return data.draw(junk)


@pytest.fixture
def formulir(client, dunia):
    objek = urlwalk.objek_wksbm(dunia.a)
    force_login_terverifikasi(client, dunia.pengurus_a)
    forms = _forms(client, urlwalk.halaman_html(client, objek))
    assert len(forms) >= 30, [f["action"] for f in forms]
    return forms


@pytest.mark.django_db(transaction=False)
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_setiap_formulir_tahan_isian_acak(client, dunia, formulir, data):
    force_login_terverifikasi(client, dunia.pengurus_a)
    for form in formulir:
        post = {"csrfmiddlewaretoken": "x"}
        for name, (kind, choices) in form["fields"].items():
            if name == "csrfmiddlewaretoken":
                continue
            post[name] = _value(data, kind, choices if kind in ("hidden", "select") else [])
        before = _rows()
        # An exception here is a 500: the test client re-raises it.
        response = client.post(form["action"], post, secure=True)
        assert response.status_code < 500, form["action"]
        if response.status_code >= 400:
            after = _rows()
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            assert not changed, (form["action"], response.status_code, changed)
