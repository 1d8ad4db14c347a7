"""Pengesahan: the lurah legalizes a board online; every transition in one place, recorded."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from registry import services
from registry.access import wksbm_visible
from registry.models import Jabatan, Langkah, LangkahPenumbuhan, Pengesahan, Wksbm
from registry.services import TransisiTidakSah
from tests import factories as f
from tests.conftest import masuk

S = Pengesahan.Status


def url(nama: str, p: Pengesahan) -> str:
    return reverse(f"registry:pengesahan-{nama}", args=[p.wksbm_id, p.pk])


def pesan(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def diajukan(db):
    """A WKSBM in penumbuhan in Poncosari whose board was submitted to its lurah."""
    w = f.wilayah()
    uji = f.wksbm_penumbuhan(desa=w.poncosari, nama="WKSBM Mulya Sejahtera")
    f.ajukan(uji)
    uji.wilayah = w
    return uji


def setujui_lewat_http(client, uji, nomor="400.9/045/KPTS/2026", tanggal="2026-11-20"):
    """Both steps: the number and date, then the confirmation page's checkbox."""
    masuk(client, uji.lurah)
    data = {"nomor_sk": nomor, "tanggal_sk": tanggal}
    periksa = client.post(url("setujui", uji.pengesahan), data)
    if periksa.status_code != 200:
        return periksa
    return client.post(
        url("setujui", uji.pengesahan), {**data, "tahap": "konfirmasi", "konfirmasi": "on"}
    )


# --- submission ---------------------------------------------------------------------------


def test_pengajuan_ditolak_sampai_langkah_1_5_ketua_dan_sekretaris_ada(db):
    uji = f.wksbm_penumbuhan(lengkap=False)

    with pytest.raises(TransisiTidakSah) as exc:
        services.ajukan_pengesahan(kepengurusan=uji.kepengurusan, oleh=uji.ketua)
    for teks in (
        "Koordinasi dengan lurah",
        "Koordinasi keperangkatan sosial di tingkat padukuhan",
        "Persiapan administrasi",
        "Sosialisasi tentang WKSBM",
        "Pembentukan kepengurusan",
        "belum memiliki ketua",
        "belum memiliki sekretaris",
    ):
        assert teks in str(exc.value)

    # The three persiapan steps alone are not enough: sosialisasi and pembentukan are missing.
    f.catat_langkah(uji.wksbm)
    with pytest.raises(TransisiTidakSah) as exc:
        services.ajukan_pengesahan(kepengurusan=uji.kepengurusan, oleh=uji.ketua)
    assert str(exc.value).startswith(
        "Langkah penumbuhan belum dicatat: Sosialisasi tentang WKSBM; Pembentukan kepengurusan."
    )
    assert "Persiapan administrasi" not in str(exc.value)

    f.catat_langkah(uji.wksbm, [Langkah.SOSIALISASI, Langkah.PEMBENTUKAN_KEPENGURUSAN])
    f.PengurusFactory(kepengurusan=uji.kepengurusan, jabatan=Jabatan.KETUA, user=uji.ketua)
    with pytest.raises(TransisiTidakSah) as exc:
        services.ajukan_pengesahan(kepengurusan=uji.kepengurusan, oleh=uji.ketua)
    assert str(exc.value) == "Kepengurusan belum memiliki sekretaris."
    assert not Pengesahan.objects.exists()

    f.PengurusFactory(kepengurusan=uji.kepengurusan, jabatan=Jabatan.SEKRETARIS)
    pengesahan = services.ajukan_pengesahan(kepengurusan=uji.kepengurusan, oleh=uji.ketua)
    assert pengesahan.status == S.DIAJUKAN


def test_pengajuan_lewat_http_menyebut_yang_kurang(client, db):
    uji = f.wksbm_penumbuhan(lengkap=False)
    f.catat_langkah(uji.wksbm, [Langkah.KOORDINASI_LURAH])
    masuk(client, uji.ketua)

    response = client.post(
        reverse("registry:kepengurusan-ajukan", args=[uji.wksbm.pk, uji.kepengurusan.pk]),
        follow=True,
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Persiapan administrasi" in html
    assert "belum memiliki ketua" in html
    assert not Pengesahan.objects.exists()


def test_pengajuan_hanya_oleh_pengurus_wksbm_itu(db):
    uji = f.wksbm_penumbuhan()
    with pytest.raises(TransisiTidakSah):
        services.ajukan_pengesahan(kepengurusan=uji.kepengurusan, oleh=uji.lurah)
    assert not Pengesahan.objects.exists()


def test_lurah_tidak_dapat_mengajukan_lewat_http(client, db):
    uji = f.wksbm_penumbuhan()
    masuk(client, uji.lurah)
    response = client.post(
        reverse("registry:kepengurusan-ajukan", args=[uji.wksbm.pk, uji.kepengurusan.pk])
    )
    assert response.status_code == 403
    assert not Pengesahan.objects.exists()


def test_pengajuan_tercatat_dan_tampil_di_kotak_masuk_lurah(client, diajukan):
    p = diajukan.pengesahan
    assert [(r.dari, r.ke, r.oleh) for r in p.riwayat.all()] == [("", S.DIAJUKAN, diajukan.ketua)]
    masuk(client, diajukan.lurah)
    response = client.get(reverse("home"))
    assert "WKSBM Mulya Sejahtera" in response.content.decode()
    assert p.get_absolute_url() in response.content.decode()


def test_pengajuan_kedua_kali_ditolak(diajukan):
    with pytest.raises(TransisiTidakSah):
        f.ajukan(diajukan)
    assert diajukan.pengesahan.riwayat.count() == 1


# --- who may decide -------------------------------------------------------------------------


def test_pengurus_tidak_dapat_menyetujui(client, diajukan):
    with pytest.raises(TransisiTidakSah):
        services.setujui_pengesahan(
            pengesahan=diajukan.pengesahan,
            oleh=diajukan.ketua,
            nomor_sk="1/2026",
            tanggal_sk=date(2026, 11, 20),
        )

    masuk(client, diajukan.ketua)
    response = client.post(
        url("setujui", diajukan.pengesahan), {"nomor_sk": "1/2026", "tanggal_sk": "2026-11-20"}
    )
    assert response.status_code == 403

    diajukan.pengesahan.refresh_from_db()
    assert diajukan.pengesahan.status == S.DIAJUKAN
    assert diajukan.pengesahan.token is None


@pytest.mark.parametrize("aksi", ["setujui", "kembalikan", "cabut"])
def test_pengurus_tidak_dapat_memutuskan_lewat_http(client, diajukan, aksi):
    masuk(client, diajukan.ketua)
    data = {"nomor_sk": "1/2026", "tanggal_sk": "2026-11-20", "alasan": "coba"}
    assert client.post(url(aksi, diajukan.pengesahan), data).status_code == 403


def test_dinsos_tidak_dapat_menyetujui(client, diajukan):
    dinsos = f.PeranDinsosFactory(kabupaten=diajukan.wilayah.bantul).user
    masuk(client, dinsos)
    assert client.get(url("detail", diajukan.pengesahan)).status_code == 200
    response = client.post(
        url("setujui", diajukan.pengesahan), {"nomor_sk": "1/2026", "tanggal_sk": "2026-11-20"}
    )
    assert response.status_code == 403
    diajukan.pengesahan.refresh_from_db()
    assert diajukan.pengesahan.status == S.DIAJUKAN


@pytest.mark.parametrize("aksi", ["detail", "setujui", "kembalikan", "cabut", "sk"])
def test_lurah_kalurahan_lain_mendapat_404(client, diajukan, aksi):
    lurah_trimurti = f.PeranLurahFactory(desa=diajukan.wilayah.trimurti).user
    masuk(client, lurah_trimurti)
    data = {"nomor_sk": "1/2026", "tanggal_sk": "2026-11-20", "alasan": "coba"}
    if aksi in ("detail", "sk"):
        assert client.get(url(aksi, diajukan.pengesahan)).status_code == 404
    assert client.post(url(aksi, diajukan.pengesahan), data).status_code == 404
    with pytest.raises(TransisiTidakSah):
        services.setujui_pengesahan(
            pengesahan=diajukan.pengesahan,
            oleh=lurah_trimurti,
            nomor_sk="1/2026",
            tanggal_sk=date(2026, 11, 20),
        )
    diajukan.pengesahan.refresh_from_db()
    assert diajukan.pengesahan.status == S.DIAJUKAN


# --- approval -------------------------------------------------------------------------------


def test_lurah_menyetujui_wksbm_menjadi_aktif_dengan_sk(client, diajukan):
    response = setujui_lewat_http(client, diajukan)

    p = diajukan.pengesahan
    assert response.status_code == 302
    assert response["Location"] == p.get_absolute_url()
    p.refresh_from_db()
    assert p.status == S.DISAHKAN
    assert p.nomor_sk == "400.9/045/KPTS/2026"
    assert p.tanggal_sk == date(2026, 11, 20)
    assert p.disahkan_oleh == diajukan.lurah
    assert p.nama_lurah == diajukan.lurah.get_full_name()
    assert p.token and len(p.token) >= 32
    assert Wksbm.objects.get(pk=p.wksbm_id).status == Wksbm.Status.AKTIF
    assert LangkahPenumbuhan.objects.filter(wksbm=p.wksbm, langkah=Langkah.PENGESAHAN).exists()
    assert [(r.dari, r.ke, r.oleh) for r in p.riwayat.all()] == [
        ("", S.DIAJUKAN, diajukan.ketua),
        (S.DIAJUKAN, S.DISAHKAN, diajukan.lurah),
    ]
    terakhir = p.riwayat.last()
    assert "400.9/045/KPTS/2026" in terakhir.alasan
    assert terakhir.pada <= timezone.now()


def test_riwayat_tampil_sebagai_linimasa(client, diajukan):
    setujui_lewat_http(client, diajukan)
    masuk(client, diajukan.ketua)
    html = client.get(url("detail", diajukan.pengesahan)).content.decode()
    assert "Draf → <strong>Diajukan, menunggu lurah</strong>" in html
    assert "Diajukan, menunggu lurah → <strong>Disahkan</strong>" in html
    assert diajukan.lurah.get_full_name() in html
    assert "SK 400.9/045/KPTS/2026" in html


def test_menyetujui_dua_kali_ditolak(client, diajukan):
    setujui_lewat_http(client, diajukan)
    p = Pengesahan.objects.get(pk=diajukan.pengesahan.pk)

    response = setujui_lewat_http(client, diajukan, nomor="999/PALSU", tanggal="2026-11-21")

    assert response.status_code == 302
    assert any("tidak dapat dilakukan" in m for m in pesan(response))
    sekarang = Pengesahan.objects.get(pk=p.pk)
    assert (sekarang.status, sekarang.nomor_sk, sekarang.tanggal_sk, sekarang.token) == (
        S.DISAHKAN,
        p.nomor_sk,
        p.tanggal_sk,
        p.token,
    )
    assert sekarang.riwayat.count() == 2
    with pytest.raises(TransisiTidakSah):
        f.setujui(diajukan, pengesahan=sekarang)


def test_form_setujui_tanpa_nomor_sk_400_dengan_isian_tetap(client, diajukan):
    masuk(client, diajukan.lurah)
    response = client.post(
        url("setujui", diajukan.pengesahan), {"nomor_sk": "  ", "tanggal_sk": "2026-11-20"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bidang ini tidak boleh kosong." in html
    assert 'value="2026-11-20"' in html
    diajukan.pengesahan.refresh_from_db()
    assert diajukan.pengesahan.status == S.DIAJUKAN


def test_form_setujui_tanggal_salah_400(client, diajukan):
    masuk(client, diajukan.lurah)
    response = client.post(
        url("setujui", diajukan.pengesahan), {"nomor_sk": "12/2026", "tanggal_sk": "20-13-2026"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Masukkan tanggal yang valid." in html
    assert 'value="12/2026"' in html


# --- return, resubmit, crafted posts ---------------------------------------------------------


def test_dikembalikan_dengan_alasan_lalu_diajukan_ulang(client, diajukan):
    p = diajukan.pengesahan
    masuk(client, diajukan.lurah)
    response = client.post(url("kembalikan", p), {"alasan": "Lampirkan berita acara."})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == S.DIKEMBALIKAN
    assert p.riwayat.last().alasan == "Lampirkan berita acara."

    # The board may be corrected again, then resubmitted.
    masuk(client, diajukan.ketua)
    seksi = diajukan.anggota[-1]
    response = client.post(
        reverse("registry:pengurus-edit", args=[diajukan.wksbm.pk, seksi.pk]),
        {"nama": "Tri Handayani", "jabatan": Jabatan.SEKSI, "nik": "", "telepon": "", "alamat": ""},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("registry:kepengurusan-ajukan", args=[diajukan.wksbm.pk, p.kepengurusan_id]),
        {"catatan": "Berita acara sudah dilampirkan."},
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == S.DIAJUKAN
    assert [(r.dari, r.ke) for r in p.riwayat.all()] == [
        ("", S.DIAJUKAN),
        (S.DIAJUKAN, S.DIKEMBALIKAN),
        (S.DIKEMBALIKAN, S.DIAJUKAN),
    ]
    assert p.riwayat.last().alasan == "Berita acara sudah dilampirkan."

    setujui_lewat_http(client, diajukan)
    p.refresh_from_db()
    assert p.status == S.DISAHKAN


def test_kembalikan_tanpa_alasan_400(client, diajukan):
    masuk(client, diajukan.lurah)
    response = client.post(url("kembalikan", diajukan.pengesahan), {"alasan": ""})
    assert response.status_code == 400
    assert "Bidang ini tidak boleh kosong." in response.content.decode()
    diajukan.pengesahan.refresh_from_db()
    assert diajukan.pengesahan.status == S.DIAJUKAN


def test_kepengurusan_yang_diajukan_tidak_dapat_diubah(client, diajukan):
    masuk(client, diajukan.ketua)
    seksi = diajukan.anggota[-1]
    response = client.post(
        reverse("registry:pengurus-edit", args=[diajukan.wksbm.pk, seksi.pk]),
        {"nama": "Nama Lain", "jabatan": Jabatan.SEKSI},
    )
    assert response.status_code == 403
    seksi.refresh_from_db()
    assert seksi.nama != "Nama Lain"


def test_post_setujui_pada_pengesahan_yang_dikembalikan_ditolak(client, diajukan):
    p = diajukan.pengesahan
    services.kembalikan_pengesahan(pengesahan=p, oleh=diajukan.lurah, alasan="Belum lengkap.")

    response = setujui_lewat_http(client, diajukan)

    assert response.status_code == 302
    assert any("tidak dapat dilakukan" in m for m in pesan(response))
    p.refresh_from_db()
    assert p.status == S.DIKEMBALIKAN
    assert (p.nomor_sk, p.token) == ("", None)
    assert Wksbm.objects.get(pk=p.wksbm_id).status == Wksbm.Status.PENUMBUHAN


def test_post_setujui_pada_draf_ditolak(client, db):
    """A draft board has no pengesahan: there is nothing to approve at any id."""
    uji = f.wksbm_penumbuhan()
    masuk(client, uji.lurah)
    for pk in (uji.kepengurusan.pk, 1, 999_999):
        response = client.post(
            reverse("registry:pengesahan-setujui", args=[uji.wksbm.pk, pk]),
            {"nomor_sk": "1/2026", "tanggal_sk": "2026-11-20"},
        )
        assert response.status_code == 404
    assert not Pengesahan.objects.exists()
    assert Wksbm.objects.get(pk=uji.wksbm.pk).status == Wksbm.Status.PENUMBUHAN


def test_transisi_tidak_dapat_dilompati(diajukan):
    p = diajukan.pengesahan
    with pytest.raises(TransisiTidakSah):
        services.cabut_pengesahan(pengesahan=p, oleh=diajukan.lurah, alasan="Lompat.")
    f.setujui(diajukan)
    with pytest.raises(TransisiTidakSah):
        services.kembalikan_pengesahan(pengesahan=p, oleh=diajukan.lurah, alasan="Terlambat.")
    p.refresh_from_db()
    assert p.status == S.DISAHKAN


# --- revocation and a new term ---------------------------------------------------------------


def test_pencabutan_membuat_sk_tidak_berlaku(client, diajukan):
    f.setujui(diajukan)
    p = diajukan.pengesahan
    masuk(client, diajukan.lurah)

    response = client.post(url("cabut", p), {"alasan": "Pengurus tidak aktif setahun."})

    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == S.DICABUT
    assert not p.sk_berlaku
    assert Wksbm.objects.get(pk=p.wksbm_id).status == Wksbm.Status.NONAKTIF
    assert (p.riwayat.last().dari, p.riwayat.last().ke) == (S.DISAHKAN, S.DICABUT)
    client.logout()
    html = client.get(reverse("verifikasi", args=[p.token])).content.decode()
    assert "TIDAK BERLAKU" in html
    assert "SK SAH" not in html


def test_kepengurusan_baru_menggantikan_yang_lama(client, dunia):
    a = dunia.a
    lama = a.pengesahan
    sekretaris_baru = f.UserFactory(username="sekretaris_baru")
    baru = f.KepengurusanFactory(
        wksbm=a.wksbm,
        periode_mulai=timezone.localdate(),
        periode_selesai=timezone.localdate() + timedelta(days=5 * 365),
    )
    f.PengurusFactory(kepengurusan=baru, jabatan=Jabatan.KETUA, user=a.ketua)
    f.PengurusFactory(kepengurusan=baru, jabatan=Jabatan.SEKRETARIS, user=sekretaris_baru)
    f.PengurusFactory(kepengurusan=baru, jabatan=Jabatan.BENDAHARA)
    pengesahan_baru = f.ajukan(a, kepengurusan=baru)

    # Until the lurah approves, the old board stays in force.
    assert wksbm_visible(f.segar(a.bendahara)).exists()
    assert not wksbm_visible(f.segar(sekretaris_baru)).exists()
    assert a.wksbm.kepengurusan_berlaku() == a.kepengurusan

    pengesahan_baru = f.setujui(a, pengesahan=pengesahan_baru, tanggal_sk=timezone.localdate())

    lama.refresh_from_db()
    assert lama.status == S.DIGANTIKAN
    assert (lama.riwayat.last().dari, lama.riwayat.last().ke) == (S.DISAHKAN, S.DIGANTIKAN)
    assert pengesahan_baru.nomor_sk
    assert pengesahan_baru.nomor_sk in lama.riwayat.last().alasan
    assert a.wksbm.kepengurusan_berlaku() == baru
    assert Wksbm.objects.get(pk=a.wksbm.pk).status == Wksbm.Status.AKTIF

    html = client.get(reverse("verifikasi", args=[lama.token])).content.decode()
    assert "TIDAK BERLAKU" in html
    html = client.get(reverse("verifikasi", args=[pengesahan_baru.token])).content.decode()
    assert "SK SAH" in html

    # Roles follow the new board: the ketua stays, the old bendahara and sekretaris leave.
    assert list(wksbm_visible(f.segar(a.ketua))) == [a.wksbm]
    assert list(wksbm_visible(f.segar(sekretaris_baru))) == [a.wksbm]
    assert not wksbm_visible(f.segar(a.bendahara)).exists()
    assert not wksbm_visible(f.segar(a.sekretaris)).exists()
    masuk(client, a.bendahara)
    assert client.get(a.wksbm.get_absolute_url()).status_code == 404


# --- confirmation and unique SK numbers --------------------------------------------------------


def test_setujui_meminta_konfirmasi_dengan_data_yang_disetujui(client, diajukan):
    masuk(client, diajukan.lurah)
    data = {"nomor_sk": "12", "tanggal_sk": "2026-11-20"}
    response = client.post(url("setujui", diajukan.pengesahan), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Periksa sebelum menyetujui" in html
    assert "<strong>12</strong> tahun 2026" in html and "20 November 2026" in html
    for a in diajukan.anggota:
        assert a.nama in html
    assert 'name="konfirmasi"' in html and 'value="konfirmasi"' in html
    diajukan.pengesahan.refresh_from_db()
    assert diajukan.pengesahan.status == S.DIAJUKAN

    tanpa_centang = client.post(
        url("setujui", diajukan.pengesahan), {**data, "tahap": "konfirmasi"}
    )
    assert tanpa_centang.status_code == 400
    assert (
        "Centang pernyataan ini setelah memeriksa data di atas." in tanpa_centang.content.decode()
    )
    diajukan.pengesahan.refresh_from_db()
    assert diajukan.pengesahan.status == S.DIAJUKAN

    response = client.post(
        url("setujui", diajukan.pengesahan), {**data, "tahap": "konfirmasi", "konfirmasi": "on"}
    )
    assert response.status_code == 302
    diajukan.pengesahan.refresh_from_db()
    assert (diajukan.pengesahan.status, diajukan.pengesahan.nomor_sk) == (S.DISAHKAN, "12")


def test_nomor_sk_yang_sudah_dipakai_di_desa_itu_ditolak_di_isian(client, diajukan):
    setujui_lewat_http(client, diajukan, nomor="400.9/045/KPTS/2026")
    kedua = f.wksbm_penumbuhan(
        desa=diajukan.wilayah.poncosari, lurah=diajukan.lurah, nama="WKSBM Tunas Harapan"
    )
    f.ajukan(kedua)

    masuk(client, diajukan.lurah)
    for nomor in ("400.9/045/KPTS/2026", " 400.9/045/kpts/2026 "):
        response = client.post(
            url("setujui", kedua.pengesahan), {"nomor_sk": nomor, "tanggal_sk": "2026-12-01"}
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "Nomor 400.9/045/" in html and "tahun 2026 sudah dipakai untuk SK lain" in html
        assert "Periksa sebelum menyetujui" not in html
    # Also when the confirmation is posted directly (the service decides, not the page).
    response = client.post(
        url("setujui", kedua.pengesahan),
        {
            "nomor_sk": "400.9/045/KPTS/2026",
            "tanggal_sk": "2026-12-01",
            "tahap": "konfirmasi",
            "konfirmasi": "on",
        },
    )
    assert response.status_code == 400
    assert "sudah dipakai untuk SK lain" in response.content.decode()
    kedua.pengesahan.refresh_from_db()
    assert kedua.pengesahan.status == S.DIAJUKAN and not kedua.pengesahan.token

    with pytest.raises(services.NomorSkGanda):
        f.setujui(kedua, nomor_sk="400.9/045/KPTS/2026", tanggal_sk=date(2026, 12, 1))
    # The same number in another year is another entry of the Buku Keputusan.
    f.setujui(kedua, nomor_sk="400.9/045/KPTS/2026", tanggal_sk=date(2027, 1, 4))
    assert Pengesahan.objects.filter(nomor_sk="400.9/045/KPTS/2026", status=S.DISAHKAN).count() == 2


def test_nomor_sk_sama_di_desa_lain_boleh(db, diajukan):
    f.setujui(diajukan, nomor_sk="7", tanggal_sk=date(2026, 3, 2))
    lain = f.wksbm_penumbuhan(desa=diajukan.wilayah.trimurti, nama="WKSBM Trimurti")
    f.ajukan(lain)
    assert f.setujui(lain, nomor_sk="7", tanggal_sk=date(2026, 3, 2)).status == S.DISAHKAN


def test_basis_data_menolak_nomor_sk_ganda(db, diajukan):
    p = f.setujui(diajukan, nomor_sk="9", tanggal_sk=date(2026, 3, 2))
    kedua = f.wksbm_penumbuhan(desa=diajukan.wilayah.poncosari, lurah=diajukan.lurah)
    q = f.ajukan(kedua)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pengesahan.objects.filter(pk=q.pk).update(
            status=S.DISAHKAN,
            nomor_sk="9",
            tanggal_sk=date(2026, 5, 1),
            desa_sk=p.desa_sk,
            tahun_sk=2026,
            token="x" * 32,
        )
