"""Demo numbers for the Dinas Sosial cockpit (`seed_demo`): 24 more WKSBMs across the
kapanewon of Bantul, each with a few PPKS, money in and out through finance.services, a
kegiatan and a penyaluran round handed over through distribution.services; a third of them
submitted last quarter's laporan (waiting for their lurah), so the cockpit shows aktif and
tidak aktif WKSBMs and the inbox has something in it.

Each WKSBM is keyed on its name and kalurahan: one that exists is left as it is (a re-run
costs one query). Its books are kept by a ketua account with no usable password (an invented
person, not a demo login); the NIKs are well-formed and belong to no one.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from finance import services as keuangan
from finance.models import Dana, Kas
from registry.models import Desa, Jabatan, KategoriPpks, Peran, Ppks, PpksKategori, Wksbm

from .. import services
from ..laporan import services as laporan
from ..models import DanaPenyaluran, Kegiatan, Penyaluran
from .periode import triwulan_lalu

# One WKSBM per row: name, kalurahan code (Kabupaten Bantul, 17 kapanewon), submits laporan.
WKSBM = [
    ("WKSBM Sido Mulyo", "34.02.01.2001"),
    ("WKSBM Tresno Asih", "34.02.02.2001"),
    ("WKSBM Ngudi Makmur", "34.02.03.2001"),
    ("WKSBM Guyub Rukun Bambanglipuro", "34.02.04.2001"),
    ("WKSBM Migunani", "34.02.05.2001"),
    ("WKSBM Rukun Santoso", "34.02.06.2001"),
    ("WKSBM Mardi Utomo", "34.02.07.2001"),
    ("WKSBM Sumber Rejeki", "34.02.08.2001"),
    ("WKSBM Amrih Raharjo", "34.02.09.2001"),
    ("WKSBM Tunas Harapan", "34.02.10.2001"),
    ("WKSBM Karya Bakti", "34.02.11.2001"),
    ("WKSBM Sedya Rahayu", "34.02.12.2001"),
    ("WKSBM Manunggal Karsa", "34.02.13.2001"),
    ("WKSBM Bina Sejahtera", "34.02.14.2001"),
    ("WKSBM Among Warga", "34.02.15.2001"),
    ("WKSBM Asih Sesami", "34.02.16.2001"),
    ("WKSBM Gotong Royong", "34.02.17.2001"),
    ("WKSBM Sido Rukun Jetis", "34.02.05.2002"),
    ("WKSBM Peduli Sesama", "34.02.06.2002"),
    ("WKSBM Lestari", "34.02.10.2002"),
    ("WKSBM Cahaya Kasih", "34.02.12.2002"),
    ("WKSBM Tulus Ikhlas", "34.02.14.2002"),
    ("WKSBM Mekar Sari", "34.02.16.2002"),
    ("WKSBM Ngesti Widodo", "34.02.17.2002"),
]
KATEGORI = ["LUT", "PD", "FM", "AT"]  # lanjut usia, disabilitas, fakir miskin, anak terlantar


@dataclass(frozen=True)
class Jadwal:
    """The demo's dates: three months of the last finished quarter."""

    awal: date

    def hari(self, bulan: int, tanggal: int) -> date:
        d = self.awal
        for _ in range(bulan):
            d = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
        return d.replace(day=tanggal)


def _nik(i: int, j: int) -> str:
    """A well-formed NIK of Bantul (region 34.02.xx, a birth date, a serial) for person j."""
    kec = f"{i % 17 + 1:02d}"
    lahir = date(1940, 1, 1) + timedelta(days=(i * 37 + j * 911) % 20000)
    hari = lahir.day + (40 if j % 2 else 0)
    return f"3402{kec}{hari:02d}{lahir.month:02d}{lahir.year % 100:02d}{9000 + i * 10 + j:04d}"


def _ketua(w: Wksbm, i: int):
    User = get_user_model()
    user, dibuat = User.objects.get_or_create(
        username=f"demo_ketua_{i + 1:02d}", defaults={"first_name": "Ketua", "last_name": w.nama}
    )
    if dibuat:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    mulai = date(timezone.localdate().year - 1, 1, 1)
    for jabatan in (Jabatan.KETUA, Jabatan.BENDAHARA):
        Peran.objects.get_or_create(
            user=user,
            jenis=Peran.Jenis.PENGURUS,
            wksbm=w,
            jabatan=jabatan,
            defaults={"mulai": mulai},
        )
    return user


def _isi(w: Wksbm, i: int, j: Jadwal) -> None:
    user = _ketua(w, i)
    keuangan.pastikan_dana_bawaan(w)
    umum = Dana.objects.get(wksbm=w, nama="Dana Umum")
    kas = Kas.objects.filter(wksbm=w).order_by("pk").first()
    kategori = {k.kode: k for k in KategoriPpks.objects.filter(kode__in=KATEGORI)}
    orang = []
    for n in range(4 + i % 4):
        p = Ppks.objects.create(
            wksbm=w,
            nomor=f"D{n + 1:03d}",
            nama=f"Warga binaan {n + 1}",  # invented; the cockpit shows numbers only
            nik=_nik(i, n),
            jenis_kelamin="LP"[n % 2],
            alamat="Padukuhan I",
        )
        kode = KATEGORI[(i + n) % len(KATEGORI)]
        if kode in kategori:
            PpksKategori.objects.create(ppks=p, kategori=kategori[kode])
        orang.append(p)
    sumber = ["donasi", "infak", "jimpitan", "usaha"]
    for bulan in range(3):
        for s, dasar in zip(
            sumber[: 2 + (i + bulan) % 3], (750_000, 400_000, 150_000, 300_000), strict=False
        ):
            keuangan.catat_pemasukan(
                wksbm=w,
                oleh=user,
                tanggal=j.hari(bulan, 5 + i % 10),
                sumber=s,
                dana=umum,
                kas=kas,
                jumlah=Decimal(dasar + (i * 25_000) % 200_000),
                uraian=f"Penerimaan {s} bulan ke-{bulan + 1}",
                penerima="Warga",
            )
    keuangan.catat_pengeluaran(
        wksbm=w,
        oleh=user,
        tanggal=j.hari(1, 20),
        kegiatan="operasional",
        dana=umum,
        kas=kas,
        jumlah=Decimal(100_000 + i * 5_000),
        uraian="Fotokopi dan alat tulis",
        penerima="Toko alat tulis",
    )
    jenis = ["pencegahan", "pemberdayaan", "rehabilitasi", "perlindungan"][i % 4]
    kegiatan = Kegiatan.objects.create(
        wksbm=w,
        jenis=jenis,
        judul="Pertemuan warga dan penyuluhan kesejahteraan sosial",
        tanggal=j.hari(1, 12),
        tempat="Balai kalurahan",
        peserta_dewasa_l=8 + i % 7,
        peserta_dewasa_p=10 + i % 5,
        peserta_lansia_p=3,
    )
    putaran = Penyaluran.objects.create(
        wksbm=w,
        nomor=services.nomor_baru(w),
        judul="Santunan PPKS triwulan",
        tanggal=j.hari(2, 10),
        kegiatan=kegiatan if jenis == "perlindungan" else None,
        bentuk=Penyaluran.Bentuk.UANG,
        kas=kas,
        dibuat_oleh=user,
    )
    DanaPenyaluran.objects.create(penyaluran=putaran, dana=umum, pagu=Decimal(150_000) * len(orang))
    rows = services.tambah_penerima(
        penyaluran=putaran, oleh=user, ppks=orang, dana=umum, jumlah=Decimal(150_000)
    )
    for row in rows[: len(rows) - 1]:  # the last one is still to be visited
        services.serahkan(penerima=row, oleh=user, tanggal=j.hari(2, 12))


def isi(*, log=print, hari_ini: date | None = None) -> None:
    """Add the demo WKSBMs that are missing (their books and a third's laporan)."""
    ada = set(Wksbm.objects.filter(nama__in=[n for n, _ in WKSBM]).values_list("nama", "desa_id"))
    desa = set(Desa.objects.filter(kode__in=[k for _, k in WKSBM]).values_list("kode", flat=True))
    baru = [(i, n, k) for i, (n, k) in enumerate(WKSBM) if (n, k) not in ada and k in desa]
    if not baru:
        return
    log(f"  {len(baru)} WKSBM lain di Bantul untuk dasbor Dinas Sosial …")
    p = triwulan_lalu(hari_ini)
    jadwal = Jadwal(p.dari)
    for i, nama, kode in baru:
        with transaction.atomic():
            w = Wksbm.objects.create(
                nama=nama,
                tingkat=Wksbm.Tingkat.KALURAHAN,
                desa_id=kode,
                alamat="Balai kalurahan",
                status=Wksbm.Status.AKTIF if i % 8 != 7 else Wksbm.Status.PENUMBUHAN,
            )
            if w.status != Wksbm.Status.AKTIF:
                continue
            _isi(w, i, jadwal)
            if i % 3 == 0:
                ketua = _ketua(w, i)
                lap = laporan.buat(
                    wksbm=w,
                    oleh=ketua,
                    jenis_periode=p.jenis,
                    tahun=p.dari.year,
                    ke=(p.dari.month + 2) // 3,
                )
                laporan.ajukan(laporan=lap, oleh=ketua, hari_ini=hari_ini)
