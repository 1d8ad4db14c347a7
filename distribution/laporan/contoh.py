"""Demo laporan for one WKSBM (used by `seed_demo`, after the year's books are filled).

The last finished quarter is submitted by the ketua and acknowledged by the lurah; in
Panggungharjo the Dinas Sosial Bantul has accepted it too, elsewhere it waits in the Dinas
Sosial's inbox. Last month's laporan is a draft with its narrative, for the ketua to submit
(the README walk-through). Runs once per laporan: an existing one is left as it is.
"""

from datetime import date

from django.utils import timezone

from registry.demo import DESA_PANGGUNGHARJO
from registry.models import Peran

from ..models import JenisPeriode, Laporan
from ..models.laporan import batas_periode
from . import services


def _pejabat(wksbm, **lookup):
    peran = Peran.objects.berlaku().filter(**lookup).select_related("user").first()
    return peran.user if peran else None


def _laporan(wksbm, user, jenis: str, tahun: int, ke: int, kendala: str, rencana: str):
    mulai, _ = batas_periode(jenis, tahun, ke)
    ada = Laporan.objects.filter(wksbm=wksbm, jenis_periode=jenis, mulai=mulai).first()
    if ada is not None:
        return ada, False
    laporan = services.buat(wksbm=wksbm, oleh=user, jenis_periode=jenis, tahun=tahun, ke=ke)
    laporan = services.ubah_narasi(laporan=laporan, oleh=user, kendala=kendala, rencana=rencana)
    return laporan, True


def isi(wksbm, *, user, hari_ini: date | None = None) -> None:
    hari_ini = hari_ini or timezone.localdate()
    triwulan = (hari_ini.month - 1) // 3  # the finished quarters of this year
    tahun, ke = (hari_ini.year, triwulan) if triwulan else (hari_ini.year - 1, 4)
    laporan, baru = _laporan(
        wksbm,
        user,
        JenisPeriode.TRIWULAN,
        tahun,
        ke,
        "Sebagian PPKS lansia belum memiliki NIK sehingga sulit dirujuk ke layanan kesehatan.",
        "Pendataan ulang PPKS bersama kader posyandu lansia dan pengajuan KTP-el kolektif.",
    )
    if baru:
        services.ajukan(laporan=laporan, oleh=user, hari_ini=hari_ini)
        lurah = _pejabat(wksbm, jenis=Peran.Jenis.LURAH, desa_id=wksbm.desa_id)
        if lurah is not None:
            services.ketahui(laporan=laporan, oleh=lurah, catatan="Sudah diperiksa.")
            dinsos = _pejabat(
                wksbm, jenis=Peran.Jenis.DINSOS, kabupaten_id=wksbm.desa.kecamatan.kabupaten_id
            )
            if dinsos is not None and wksbm.desa_id == DESA_PANGGUNGHARJO:
                services.terima(laporan=laporan, oleh=dinsos)
    awal_bulan = hari_ini.replace(day=1)
    lalu = date.fromordinal(awal_bulan.toordinal() - 1)
    _laporan(
        wksbm,
        user,
        JenisPeriode.BULAN,
        lalu.year,
        lalu.month,
        "Dua penerima santunan tidak ditemukan di alamatnya; data alamat perlu diperbarui.",
        "Santunan bulan depan diserahkan lewat ketua RT setempat.",
    )
