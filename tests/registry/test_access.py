"""registry.access: which WKSBMs each role may see and change."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from registry.access import boleh_menulis, scoped, wksbm_visible
from registry.models import Jabatan, Kepengurusan, Pengurus, RiwayatPengesahan
from tests import factories as f


@pytest.fixture
def tempat(dunia):
    """Besides A (Poncosari) and B (Trimurti): WKSBMs in Sanden, in Sleman and in Klaten."""
    w = dunia.wilayah
    dunia.gadingsari = f.WksbmFactory(desa=w.gadingsari, nama="WKSBM Gadingsari")
    dunia.balecatur = f.WksbmFactory(desa=w.balecatur, nama="WKSBM Balecatur")
    dunia.sengon = f.WksbmFactory(desa=w.sengon, nama="WKSBM Sengon")
    return dunia


def terlihat(user) -> set[str]:
    return set(wksbm_visible(f.segar(user)).values_list("nama", flat=True))


def test_pengurus_melihat_dan_mengubah_hanya_wksbm_sendiri(tempat):
    d = tempat
    assert terlihat(d.pengurus_a) == {"WKSBM Ngudi Rahayu"}
    assert boleh_menulis(d.pengurus_a, d.a.wksbm)
    assert not boleh_menulis(d.pengurus_a, d.b.wksbm)


def test_bendahara_juga_pengurus_yang_boleh_menulis(tempat):
    d = tempat
    assert terlihat(d.bendahara_a) == {"WKSBM Ngudi Rahayu"}
    assert boleh_menulis(d.bendahara_a, d.a.wksbm)
    assert boleh_menulis(d.bendahara_a, d.a.wksbm, jabatan={Jabatan.BENDAHARA})
    assert not boleh_menulis(d.bendahara_a, d.a.wksbm, jabatan={Jabatan.KETUA})


def test_pelindung_hanya_membaca(tempat):
    d = tempat
    pelindung = f.PeranPengurusFactory(wksbm=d.a.wksbm, jabatan=Jabatan.PELINDUNG).user
    assert terlihat(pelindung) == {"WKSBM Ngudi Rahayu"}
    assert not boleh_menulis(pelindung, d.a.wksbm)


def test_lurah_melihat_wksbm_kalurahannya_tanpa_mengubah(tempat):
    d = tempat
    padukuhan = f.WksbmFactory(desa=d.wilayah.poncosari, nama="WKSBM Padukuhan Ngentak")
    assert terlihat(d.lurah_a) == {"WKSBM Ngudi Rahayu", padukuhan.nama}
    assert not boleh_menulis(d.lurah_a, d.a.wksbm)


def test_dinsos_kabupaten_melihat_seluruh_kabupaten_tanpa_mengubah(tempat):
    d = tempat
    assert terlihat(d.dinsos) == {"WKSBM Ngudi Rahayu", "WKSBM Sido Rukun", "WKSBM Gadingsari"}
    assert not boleh_menulis(d.dinsos, d.a.wksbm)


def test_dinsos_provinsi_melihat_seluruh_provinsi(tempat):
    d = tempat
    diy = f.PeranDinsosProvinsiFactory(provinsi=d.wilayah.diy).user
    assert terlihat(diy) == {
        "WKSBM Ngudi Rahayu",
        "WKSBM Sido Rukun",
        "WKSBM Gadingsari",
        "WKSBM Balecatur",
    }
    assert not boleh_menulis(diy, d.a.wksbm)


def test_admin_melihat_dan_mengubah_semua(tempat):
    d = tempat
    assert len(terlihat(d.admin)) == 5
    assert boleh_menulis(d.admin, d.sengon)


def test_tanpa_peran_tidak_melihat_apa_pun(tempat):
    assert terlihat(tempat.tanpa_peran) == set()
    assert not boleh_menulis(tempat.tanpa_peran, tempat.a.wksbm)


def test_anonim_tidak_melihat_apa_pun(tempat):
    anonim = AnonymousUser()
    assert not wksbm_visible(anonim).exists()
    assert not scoped(Kepengurusan.objects.all(), anonim).exists()


def test_peran_kedaluwarsa_tidak_berlaku(tempat):
    d = tempat
    kemarin = timezone.localdate() - timedelta(days=1)
    lama = f.PeranPengurusFactory(
        wksbm=d.b.wksbm, mulai=kemarin - timedelta(days=365), selesai=kemarin
    ).user
    lurah_lama = f.PeranLurahFactory(desa=d.wilayah.trimurti, selesai=kemarin).user
    assert terlihat(lama) == set()
    assert not boleh_menulis(lama, d.b.wksbm)
    assert terlihat(lurah_lama) == set()


def test_peran_yang_belum_mulai_belum_berlaku(tempat):
    besok = timezone.localdate() + timedelta(days=1)
    calon = f.PeranPengurusFactory(wksbm=tempat.b.wksbm, mulai=besok).user
    assert terlihat(calon) == set()


def test_peran_ganda_digabung(tempat):
    d = tempat
    f.PeranLurahFactory(user=d.pengurus_b, desa=d.wilayah.poncosari)
    assert terlihat(d.pengurus_b) == {"WKSBM Ngudi Rahayu", "WKSBM Sido Rukun"}
    assert boleh_menulis(d.pengurus_b, d.b.wksbm)
    assert not boleh_menulis(d.pengurus_b, d.a.wksbm)


def test_scoped_mengikuti_jalur_ke_wksbm(tempat):
    d = tempat
    pengurus_a = f.segar(d.pengurus_a)
    assert set(scoped(Kepengurusan.objects.all(), pengurus_a)) == {d.a.kepengurusan}
    assert set(scoped(Pengurus.objects.all(), pengurus_a)) == set(d.a.kepengurusan.anggota.all())
    riwayat = scoped(RiwayatPengesahan.objects.all(), pengurus_a)
    assert riwayat.exists()
    assert {r.pengesahan.wksbm_id for r in riwayat} == {d.a.wksbm.pk}
    assert scoped(Pengurus.objects.all(), f.segar(d.admin)).count() == Pengurus.objects.count()
