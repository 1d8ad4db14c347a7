"""The demo's shared pieces: the year, the funds and cash accounts, and a bendahara's
hand that posts through finance.services."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from registry.models import Donatur, Jabatan, Peran, Ppks

from .. import natura, services
from ..models import Dana, Kas, PengaturanKeuangan, Saldo

TAHUN = 2026
D = Decimal

# The fund a donor's stated purpose goes into (restricted infak funds are made below).
DANA_TUJUAN = {
    Donatur.Tujuan.ZAKAT: "Dana Zakat",
    Donatur.Tujuan.LANSIA: "Dana Santunan Lansia",
    Donatur.Tujuan.PENDIDIKAN: "Dana Beasiswa Pendidikan",
}
FAKIR_MISKIN = ("FM",)
LANSIA = ("LUT",)
ANAK = ("ADK", "AT", "KBA")


@dataclass
class Buku:
    wksbm: object
    oleh: object
    dana: dict[str, Dana]
    kas: dict[str, Kas]

    def saldo(self, dana: str, kas: str) -> Decimal:
        rows = Saldo.objects.filter(dana=self.dana[dana]) | Saldo.objects.filter(kas=self.kas[kas])
        return min(rows.values_list("jumlah", flat=True))

    def masuk(self, tanggal, jumlah, uraian, *, dana="Dana Umum", kas="tunai", **fields):
        fields.setdefault("sumber", "donasi")
        return services.catat_pemasukan(
            wksbm=self.wksbm,
            oleh=self.oleh,
            tanggal=tanggal,
            dana=self.dana[dana],
            kas=self.kas[kas],
            jumlah=D(jumlah),
            uraian=uraian,
            **fields,
        )

    def saldo_awal(self, tanggal, jumlah, uraian, *, dana="Dana Umum", kas="tunai"):
        """Money handed over by the previous board (Bendahara periode 2021-2025)."""
        return services.catat_saldo_awal(
            wksbm=self.wksbm,
            oleh=self.oleh,
            tanggal=tanggal,
            dana=self.dana[dana],
            kas=self.kas[kas],
            jumlah=D(jumlah),
            uraian=uraian,
            penerima="Bendahara periode 2021-2025",
        )

    def keluar(self, tanggal, jumlah, uraian, *, dana="Dana Umum", kas="tunai", **fields):
        """Spend if the fund and the cash account hold it (else from the bank, else not)."""
        jumlah = D(jumlah)
        for k in dict.fromkeys([kas, "bank", "tunai"]):
            if self.saldo(dana, k) >= jumlah:
                fields.setdefault("kegiatan", "jaminan_sosial")
                return services.catat_pengeluaran(
                    wksbm=self.wksbm,
                    oleh=self.oleh,
                    tanggal=tanggal,
                    dana=self.dana[dana],
                    kas=self.kas[k],
                    jumlah=jumlah,
                    uraian=uraian,
                    **fields,
                )
        return None

    @cached_property
    def beras(self):
        return natura.pastikan_beras(self.wksbm)

    def stok(self, layanan, tanggal, jumlah, *, dana, satuan="kg", **fields):
        """Move rice of `dana` through one of finance.natura's services (`layanan`)."""
        return layanan(
            wksbm=self.wksbm,
            oleh=self.oleh,
            komoditas=self.beras,
            dana=self.dana[dana],
            tanggal=tanggal,
            jumlah=D(jumlah),
            satuan=satuan,
            **fields,
        )


# (date, order within the day: saldo awal −1, receipts 0, spending 1, closing 2; the action,
# given the date)
Langkah = tuple[date, int, Callable[[date], object]]


def pada(bulan: int, hari: int) -> date:
    return date(TAHUN, bulan, hari)


def siapkan(wksbm, user) -> Buku:
    """The funds and cash accounts of the demo, and the bendahara who records (else `user`)."""
    services.pastikan_dana_bawaan(wksbm)
    PengaturanKeuangan.objects.filter(wksbm=wksbm).update(dasar_zakat="upz")
    for nama, tujuan in (
        ("Dana Santunan Lansia", "Santunan bulanan lansia telantar"),
        ("Dana Beasiswa Pendidikan", "Perlengkapan sekolah anak dari keluarga miskin"),
    ):
        dana, _ = Dana.objects.get_or_create(
            wksbm=wksbm,
            nama=nama,
            defaults={"jenis": Dana.Jenis.INFAK_TERIKAT, "terbatas": True, "tujuan": tujuan},
        )
        Saldo.objects.get_or_create(dana=dana)
    bank, _ = Kas.objects.get_or_create(
        wksbm=wksbm,
        nama="Rekening BRI Unit Sewon",
        defaults={"jenis": Kas.Jenis.BANK, "nomor_rekening": "0245-01-000731-53-7"},
    )
    Saldo.objects.get_or_create(kas=bank)
    bendahara = (
        Peran.objects.berlaku()
        .filter(wksbm=wksbm, jenis=Peran.Jenis.PENGURUS, jabatan=Jabatan.BENDAHARA)
        .select_related("user")
        .first()
    )
    return Buku(
        wksbm=wksbm,
        oleh=bendahara.user if bendahara else user,
        dana={d.nama: d for d in Dana.objects.filter(wksbm=wksbm)},
        kas={"tunai": Kas.objects.get(wksbm=wksbm, nama="Kas tunai"), "bank": bank},
    )


def ppks_aktif(wksbm, kode: tuple[str, ...]) -> list[Ppks | None]:
    """Active PPKS of these categories; [None] (a named payee instead) when there are none."""
    found = Ppks.objects.filter(wksbm=wksbm, status=Ppks.Status.AKTIF, kategori__kode__in=kode)
    return list(found.distinct().order_by("nama")) or [None]


def penerima_dari(ppks: Ppks | None, lain: str) -> dict:
    return {"ppks": ppks} if ppks else {"penerima": lain}
