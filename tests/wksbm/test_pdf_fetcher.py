"""WeasyPrint fetches nothing from user content (issue 11 §4): the fetcher of wksbm.pdf serves
data: URIs and our own static files only, and every printed free-text field reaches the PDF as
literal text, never as a tag that could make the renderer read a file or open a connection."""

import io
import re
import socket
import urllib.request
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from distribution.laporan import services as laporan
from distribution.models import Kegiatan
from finance import services
from finance.models import Dana, Kas
from registry.models import Keputusan, Peserta, Rapat, Tamu
from tests import bookcheck
from wksbm import pdf

IMG = '<img src="file:///etc/passwd">'
LINK = '<link rel="stylesheet" href="http://127.0.0.1:1/x.css">'
CSS_URL = '<b style="background: url(file:///etc/passwd)">'
HOSTILE = IMG + LINK + CSS_URL  # 131 characters: fits every 150-character field


@pytest.fixture
def sadap(monkeypatch):
    """Record every URL the PDF fetcher is asked for, every URL that reached urllib (the
    only way the fetcher reads or downloads) and every socket connection attempted."""
    asked, opened, connected = [], [], []
    fetch = pdf._Fetcher.fetch

    def spy_fetch(self, url, headers=None):
        asked.append(url)
        return fetch(self, url, headers)

    opener_open = urllib.request.OpenerDirector.open

    def spy_open(self, fullurl, *args, **kwargs):
        opened.append(getattr(fullurl, "full_url", fullurl))
        return opener_open(self, fullurl, *args, **kwargs)

    def no_connect(self, address):
        connected.append(address)
        raise AssertionError(f"PDF rendering opened a connection to {address}")

    monkeypatch.setattr(pdf._Fetcher, "fetch", spy_fetch)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", spy_open)
    monkeypatch.setattr(socket.socket, "connect", no_connect)
    return asked, opened, connected


def _rata(text: str) -> str:
    """The text without whitespace: narrow cells wrap long words anywhere."""
    return re.sub(r"\s", "", text)


def _pdf_memuat_teks_harfiah(response, sadap, *, teks: str = HOSTILE) -> None:
    asked, opened, connected = sadap
    assert response.status_code == 200
    if response.streaming:  # a stored file (the frozen laporan)
        data = b"".join(response.streaming_content)
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    else:
        text = bookcheck.pdf_text(response)
    assert _rata(teks) in _rata(text)
    assert [u for u in asked if not u.startswith("data:")] == []
    assert all(u.startswith("data:") for u in opened), opened
    assert connected == []


# --- the fetcher itself -------------------------------------------------------------------


def test_fetcher_menolak_berkas_jaringan_dan_jalur_di_luar_static(sadap, settings):
    """Raw HTML as if a template printed user text unescaped: nothing of it is opened."""
    static_css = finders.find("css/print.css")
    keluar = f"{finders.find('css')}/../../../../../etc/passwd"
    html = (
        f"<p>Isi</p>{IMG}{LINK}{CSS_URL}x</b>"
        '<img src="https://example.org/a.png"><img src="ftp://127.0.0.1:1/a.png">'
        f'<img src="file://{keluar}"><img src="../../../etc/passwd">'
        f'<link rel="stylesheet" href="file://{static_css}">'
        '<img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmci'
        'IHdpZHRoPSIxIiBoZWlnaHQ9IjEiLz4=">'
    )
    asked, opened, connected = sadap

    assert pdf.html_to_pdf(html).startswith(b"%PDF")

    # The renderer did ask (so the test exercises the fetcher) and got nothing but data:
    # and our own stylesheet; the passwd file and the network were never touched.
    assert "file:///etc/passwd" in asked
    assert "http://127.0.0.1:1/x.css" in asked
    assert "https://example.org/a.png" in asked
    assert f"file://{keluar}" in asked
    assert all(u.startswith("data:") for u in opened), opened
    assert connected == []


def test_static_file_hanya_berkas_statis_kita(settings, tmp_path):
    css = finders.find("css/print.css")
    assert pdf.static_file(f"file://{css}") is not None
    assert pdf.static_file(f"file://{finders.find('css')}/../../manage.py") is None
    assert pdf.static_file("file:///etc/passwd") is None
    assert pdf.static_file(f"file://example.org{css}") is None
    assert pdf.static_file(f"http://127.0.0.1{css}") is None
    assert pdf.static_file("css/print.css") is None
    (settings.STATIC_ROOT / "logo.png").write_bytes(b"png")
    assert pdf.static_file(f"file://{settings.STATIC_ROOT}/logo.png") is not None
    # A symlink inside STATIC_ROOT to a file outside it is refused.
    (settings.STATIC_ROOT / "tautan").symlink_to("/etc/passwd")
    assert pdf.static_file(f"file://{settings.STATIC_ROOT}/tautan") is None


# --- every printed free-text field, through the real views ----------------------------------


@pytest.mark.django_db
def test_buku_tamu_nama_dan_keperluan_tercetak_harfiah(client, dunia, sadap):
    w = dunia.a.wksbm
    Tamu.objects.create(
        wksbm=w,
        tanggal=timezone.localdate(),
        nama=HOSTILE,
        instansi=HOSTILE,
        alamat=HOSTILE,
        keperluan=HOSTILE + "\n" + HOSTILE,
        bertemu=HOSTILE,
        keterangan=HOSTILE,
    )
    client.force_login(dunia.pengurus_a)
    response = client.get(bookcheck.url("tamu", "pdf", w))
    _pdf_memuat_teks_harfiah(response, sadap, teks=HOSTILE * 6)
    assert any(u.startswith("data:") for u in sadap[0])  # the stempel: the spy is in place


@pytest.mark.django_db
def test_notulen_teks_rapat_dan_keputusan_tercetak_harfiah(client, dunia, sadap):
    w = dunia.a.wksbm
    rapat = Rapat.objects.create(
        wksbm=w,
        jenis=Rapat.Jenis.PENGURUS,
        judul=HOSTILE,
        tanggal=timezone.localdate(),
        jam_mulai=time(19, 30),
        jam_selesai=time(21),
        tempat=HOSTILE,
        pimpinan=HOSTILE,
        notulis=HOSTILE,
        susunan_acara=f"{HOSTILE}\n{HOSTILE}",  # |linebreaks
        pembahasan=f"{HOSTILE}\n\n{HOSTILE}",
    )
    Peserta.objects.create(rapat=rapat, nama=HOSTILE, unsur=HOSTILE[:100])
    Keputusan.objects.create(rapat=rapat, uraian=f"{HOSTILE}\n{HOSTILE}", penanggung_jawab=HOSTILE)
    client.force_login(dunia.pengurus_a)
    _pdf_memuat_teks_harfiah(client.get(bookcheck.url("notulen", "cetak", w, rapat)), sadap)
    text = _rata(bookcheck.pdf_text(client.get(bookcheck.url("notulen", "cetak", w, rapat))))
    assert text.count(_rata(HOSTILE)) >= 9
    _pdf_memuat_teks_harfiah(client.get(bookcheck.url("notulen", "pdf", w)), sadap)


@pytest.mark.django_db
def test_uraian_pemasukan_tercetak_harfiah_di_kuitansi_dan_buku(client, dunia, sadap):
    w = dunia.a.wksbm
    services.pastikan_dana_bawaan(w)
    entri = services.catat_pemasukan(
        wksbm=w,
        oleh=dunia.bendahara_a,
        tanggal=timezone.localdate(),
        dana=Dana.objects.get(wksbm=w, jenis="umum"),
        kas=Kas.objects.get(wksbm=w),
        jumlah=Decimal("150000"),
        sumber="donasi",
        uraian=HOSTILE,
        penerima=HOSTILE,
    )
    client.force_login(dunia.bendahara_a)
    kuitansi = client.get(reverse("finance:pemasukan-kuitansi", args=[w.pk, entri.pk]))
    _pdf_memuat_teks_harfiah(kuitansi, sadap, teks=HOSTILE * 1)
    _pdf_memuat_teks_harfiah(client.get(bookcheck.url("pemasukan", "pdf", w)), sadap)


@pytest.mark.django_db
def test_kegiatan_tercetak_harfiah(client, dunia, sadap):
    w = dunia.a.wksbm
    Kegiatan.objects.create(
        wksbm=w,
        jenis="pencegahan",
        judul=HOSTILE,
        tanggal=timezone.localdate(),
        tempat=HOSTILE,
        uraian=HOSTILE,
    )
    client.force_login(dunia.pengurus_a)
    response = client.get(bookcheck.url("kegiatan", "pdf", w))
    _pdf_memuat_teks_harfiah(response, sadap, teks=HOSTILE * 2)


@pytest.mark.django_db
def test_kendala_dan_rencana_laporan_kegiatan_tercetak_harfiah(client, dunia, sadap):
    """Printed with |linebreaksbr; the PDF is rendered once, when the laporan is submitted."""
    bulan_lalu = timezone.localdate().replace(day=1) - timedelta(days=1)
    lap = laporan.buat(
        wksbm=dunia.a.wksbm,
        oleh=dunia.pengurus_a,
        jenis_periode="bulan",
        tahun=bulan_lalu.year,
        ke=bulan_lalu.month,
    )
    laporan.ubah_narasi(
        laporan=lap,
        oleh=dunia.pengurus_a,
        kendala=f"{HOSTILE}\n{HOSTILE}",
        rencana=f"{HOSTILE}\n{HOSTILE}",
    )
    laporan.ajukan(laporan=lap, oleh=dunia.pengurus_a)
    client.force_login(dunia.pengurus_a)
    response = client.get(reverse("distribution:laporan-pdf", args=[dunia.a.wksbm.pk, lap.pk]))
    _pdf_memuat_teks_harfiah(response, sadap, teks=HOSTILE * 2)
