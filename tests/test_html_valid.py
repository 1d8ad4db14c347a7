"""Every page is valid HTML, as the W3C Nu validator (vnu.jar) reads it: each HTML page of an
active WKSBM for the ketua, the lurah and the Dinas Sosial, plus the public pages.

Needs Java and vnu.jar (VNU_JAR, fetched from npm by .ci/run). Without them the test is
skipped, unless WKSBM_HTML_CHECK=required (set by .ci/run), in which case it fails.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests import urlwalk
from tests.conftest import HttpsClient

pytestmark = pytest.mark.django_db


def _vnu() -> list[str]:
    jar, java = os.environ.get("VNU_JAR", ""), shutil.which("java")
    if jar and Path(jar).is_file() and java:
        return [java, "-Xss8m", "-jar", jar]
    reason = "validator HTML tidak tersedia: setel VNU_JAR (vnu.jar) dan pasang Java"
    if os.environ.get("WKSBM_HTML_CHECK") == "required":
        pytest.fail(f"{reason} (WKSBM_HTML_CHECK=required)", pytrace=False)
    pytest.skip(reason)


def _simpan_halaman(client, urls, folder: Path, awalan: str) -> int:
    n = 0
    for url in urls:
        response = client.get(url)
        if response.status_code == 200 and "text/html" in response["Content-Type"]:
            nama = awalan + url.strip("/").replace("/", "_") + ".html"
            (folder / nama).write_bytes(response.content)
            n += 1
    return n


def test_setiap_halaman_html_valid(dunia, tmp_path):
    vnu = _vnu()
    objek = urlwalk.objek_wksbm(dunia.a)
    urls = [objek.url(r) for r in urlwalk.semua_rute() if r.milik_wksbm and not r.publik]
    umum = [reverse("home"), reverse("registry:wksbm-list"), reverse("registry:pengesahan-list")]
    jumlah = _simpan_halaman(HttpsClient(), [reverse("login")], tmp_path, "anonim_")
    for peran in ("pengurus_a", "lurah_a", "dinsos"):
        client = HttpsClient()
        client.force_login(getattr(dunia, peran))
        jumlah += _simpan_halaman(client, urls + umum, tmp_path, f"{peran}_")
    assert jumlah >= 100

    hasil = subprocess.run(
        [*vnu, "--errors-only", "--format", "gnu", *sorted(map(str, tmp_path.glob("*.html")))],
        capture_output=True,
        text=True,
        timeout=600,
    )
    laporan = (hasil.stdout + hasil.stderr).replace(f"file:{tmp_path}/", "")
    assert hasil.returncode == 0 and not laporan.strip(), laporan
