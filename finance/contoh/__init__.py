"""Demo money for one WKSBM (used by `seed_demo`): a realistic year 2026 of its money books.

Recorded only through finance.services, in date order, up to today: the opening balance
(a saldo awal handed over by the previous board, not income),
the WKSBM's own donatur (monthly commitments and one-off gifts, into the fund of their
purpose), zakat maal and fitrah with asnaf-tagged distribution and the amil share within
12,5%, tent rental, santunan lansia to its PPKS, running costs, one reversal with its
reason, a reklasifikasi, weekly jimpitan rounds of money and rice (rice partly sold each
month, the rest kept in stock), rice from donors and zakat fitrah in rice handed out before
Idul Fitri, each month closed but the last finished one, and every kuitansi printed but
those of the last ten days.
A bendahara spends only what a fund and a cash account hold, so a spend that would not fit
is left out rather than refused.
"""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from .. import services
from ..models import Jurnal, KuitansiCetak, menunggu_kuitansi
from .beras import jimpitan, natura
from .dasar import TAHUN, Buku, Langkah, pada, siapkan
from .uang import donasi, koreksi, santunan, umum, zakat


def tutup_bulanan(buku: Buku, hari_ini: date) -> list[Langkah]:
    """The bendahara closes each month on the 3rd of the next, but the last finished month is
    still open: closing it is the first job waiting on the bendahara's home."""
    terakhir_selesai = (hari_ini.replace(day=1) - timedelta(days=1)).replace(day=1)

    def aksi(bulan: int) -> Callable[[date], object]:
        return lambda _: services.tutup_buku(
            wksbm=buku.wksbm, oleh=buku.oleh, tahun=TAHUN, bulan=bulan
        )

    return [
        (pada(bulan + 1, 3), 2, aksi(bulan))
        for bulan in range(1, 12)
        if date(TAHUN, bulan, 1) < terakhir_selesai
    ]


def cetak_kuitansi(buku: Buku, hari_ini: date) -> None:
    """Each kuitansi was printed and handed over the day after its receipt, except those of
    the last ten days, which wait on the bendahara's home page."""
    dicetak = [
        KuitansiCetak(
            jurnal=entri,
            ukuran=KuitansiCetak.Ukuran.A5,
            dicetak_oleh=buku.oleh,
            dicetak_pada=timezone.make_aware(datetime.combine(entri.tanggal, time(10))),
        )
        for entri in menunggu_kuitansi(buku.wksbm).filter(tanggal__lt=hari_ini - timedelta(days=10))
    ]
    KuitansiCetak.objects.bulk_create(dicetak)


def isi(wksbm, *, user, tambahan: Callable[[Buku], list[Langkah]] | None = None) -> None:
    """Record the demo year of `wksbm` up to today (nothing when it has journal entries).
    `tambahan` adds another app's steps (distribution.contoh.langkah: penyaluran rounds),
    run in date order among these, before the months are closed."""
    if Jurnal.objects.filter(wksbm=wksbm).exists():
        return
    hari_ini = timezone.localdate()
    with transaction.atomic():
        buku = siapkan(wksbm, user)
        langkah = [
            *umum(buku),
            *donasi(buku),
            *zakat(buku),
            *santunan(buku),
            *koreksi(buku),
            *jimpitan(buku),
            *natura(buku),
            *tutup_bulanan(buku, hari_ini),
            *(tambahan(buku) if tambahan else []),
        ]
        for tanggal, _, aksi in sorted(langkah, key=lambda s: s[:2]):
            if tanggal <= hari_ini:
                aksi(tanggal)
        cetak_kuitansi(buku, hari_ini)
