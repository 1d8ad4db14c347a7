"""Demo money for one WKSBM (used by `seed_demo`): a realistic year 2026 of its money books.

Recorded only through finance.services, in date order, up to today: the opening balance,
the WKSBM's own donatur (monthly commitments and one-off gifts, into the fund of their
purpose), zakat maal and fitrah with asnaf-tagged distribution and the amil share within
12,5%, tent rental, santunan lansia to its PPKS, running costs, one reversal with its
reason, a reklasifikasi, weekly jimpitan rounds of money and rice (rice partly sold each
month, the rest kept in stock), rice from donors and zakat fitrah in rice handed out before
Idul Fitri, and January closed. A bendahara spends only what a fund and a cash account hold,
so a spend that would not fit is left out rather than refused.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import partial

from django.db import transaction
from django.utils import timezone

from registry.models import Donatur, Jabatan, Peran, Ppks

from . import jimpitan, natura, services
from .models import Dana, Jurnal, Kas, PengaturanKeuangan, Saldo
from .models.natura import SaldoStok

TAHUN = 2026
D = Decimal

# The fund a donor's stated purpose goes into (restricted infak funds are made below).
DANA_TUJUAN = {
    Donatur.Tujuan.ZAKAT: "Dana Zakat",
    Donatur.Tujuan.LANSIA: "Dana Santunan Lansia",
    Donatur.Tujuan.PENDIDIKAN: "Dana Beasiswa Pendidikan",
}
# One-off gifts by kind of donor, cycled; some above Rp5.000.000 (a kuitansi with meterai).
HADIAH = {
    Donatur.Jenis.PERSEORANGAN: ["500000", "250000", "1000000"],
    Donatur.Jenis.PERANTAU: ["750000", "1500000"],
    Donatur.Jenis.DUNIA_USAHA: ["2500000", "10000000", "1750000"],
    Donatur.Jenis.LEMBAGA: ["2000000", "1250000"],
    Donatur.Jenis.INSTANSI: ["7500000"],
}
# Tent rental: (month, day, hirer, event, Rupiah); busy after Idul Fitri and in Besar.
SEWA_TENDA = [
    (1, 17, "Bp. Sugiyanto, RT 04", "hajatan pernikahan", "650000"),
    (2, 8, "Ibu Parmi, RT 02", "syukuran kelahiran", "350000"),
    (3, 28, "Bp. Harjono, RT 06", "syawalan keluarga", "450000"),
    (4, 5, "Bp. Wartono, RT 01", "hajatan pernikahan", "1250000"),
    (4, 19, "Takmir Masjid Al-Ikhlas", "halalbihalal padukuhan", "500000"),
    (5, 24, "Bp. Sunardi, RT 03", "hajatan pernikahan", "1500000"),
    (6, 7, "Ibu Sumiyati, RT 05", "khitanan", "650000"),
    (6, 21, "Karang Taruna", "pentas seni", "400000"),
    (7, 12, "Bp. Marjuki, RT 02", "hajatan pernikahan", "900000"),
    (8, 16, "Panitia HUT RI RW 03", "tirakatan 17 Agustus", "750000"),
    (9, 13, "Bp. Giyono, RT 07", "layatan (lelayu)", "300000"),
    (10, 11, "Ibu Tumini, RT 04", "hajatan pernikahan", "1100000"),
    (11, 8, "Bp. Rohmadi, RT 01", "syukuran rumah baru", "450000"),
    (12, 20, "Bp. Slamet, RT 06", "hajatan pernikahan", "1250000"),
]
# Other receipts: (month, day, sumber, cash account, uraian, from whom, Rupiah).
LAIN = [
    (1, 2, "lainnya", "tunai", "Saldo kas tunai akhir 2025 diserahkan pengurus lama",
     "Bendahara periode 2021-2025", "2750000"),
    (1, 2, "lainnya", "bank", "Saldo Rekening BRI akhir 2025", "Bendahara periode 2021-2025",
     "6125000"),
    (8, 9, "barang_bekas", "tunai", "Penjualan kardus dan botol bekas dari bank sampah",
     "Pengepul Pak Tugimin", "185000"),
]  # fmt: skip
# Running costs and programmes from Dana Umum: (month, day, kegiatan, uraian, payee, Rupiah).
BIAYA = [
    (1, 24, "perlindungan", "Bantuan darurat korban angin kencang", "2 KK di RT 05", "1500000"),
    (2, 14, "operasional", "Alat tulis dan map buku administrasi", "Toko Buku Sinar", "185000"),
    (4, 25, "operasional", "Perawatan tenda dan terpal", "Bengkel Las Maju", "450000"),
    (4, 28, "perlindungan", "Perbaikan atap rumah tidak layak huni",
     "Toko Bangunan Sido Makmur", "4750000"),
    (5, 16, "operasional", "Fotokopi dan jilid laporan triwulan", "Fotokopi Barokah", "95000"),
    (6, 27, "rujukan", "Transport rujukan ke RSUD Panembahan Senopati", "", "150000"),
    (7, 25, "pemberdayaan", "Pelatihan menjahit bagi ibu rumah tangga prasejahtera",
     "LK3 Sekar Melati", "2250000"),
    (8, 22, "pencegahan", "Penyuluhan bahaya narkoba bersama Karang Taruna", "", "1250000"),
    (9, 19, "pemberdayaan", "Bantuan modal usaha warung", "", "2000000"),
    (10, 17, "jaminan_sosial", "Paket sembako untuk 25 keluarga miskin",
     "Toko Kelontong Barokah", "3750000"),
    (11, 15, "operasional", "Alat tulis dan meterai", "Toko Buku Sinar", "210000"),
    (11, 20, "rujukan", "Pendampingan rujukan lansia ke LKS Lansia Ngesti Mulyo", "", "350000"),
    (12, 5, "pencegahan", "Sarasehan kesehatan reproduksi remaja", "", "900000"),
]  # fmt: skip
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


# (date, order within the day: receipts 0, spending 1, closing 2; the action, given the date)
Langkah = tuple[date, int, Callable[[date], object]]


def _hari(bulan: int, hari: int) -> date:
    return date(TAHUN, bulan, hari)


def _siapkan(wksbm, user) -> Buku:
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


def _ppks(wksbm, kode: tuple[str, ...]) -> list[Ppks | None]:
    """Active PPKS of these categories; [None] (a named payee instead) when there are none."""
    found = Ppks.objects.filter(wksbm=wksbm, status=Ppks.Status.AKTIF, kategori__kode__in=kode)
    return list(found.distinct().order_by("nama")) or [None]


def _penerima(ppks: Ppks | None, lain: str) -> dict:
    return {"ppks": ppks} if ppks else {"penerima": lain}


def _umum(buku: Buku) -> list[Langkah]:
    """Opening balances, dues, tent rental, sold scrap, meetings and programmes."""
    langkah = []
    for bulan, hari, sumber, kas, uraian, pemberi, jumlah in LAIN:
        aksi = partial(
            buku.masuk, jumlah=jumlah, uraian=uraian, kas=kas, sumber=sumber, penerima=pemberi
        )
        langkah.append((_hari(bulan, hari), 0, aksi))
    for bulan, hari, penyewa, acara, jumlah in SEWA_TENDA:
        uraian = f"Sewa tenda dan 50 kursi untuk {acara}"
        aksi = partial(buku.masuk, jumlah=jumlah, uraian=uraian, sumber="usaha", penerima=penyewa)
        langkah.append((_hari(bulan, hari), 0, aksi))
    for bulan in range(1, 13):
        iuran = partial(
            buku.masuk,
            jumlah="60000",
            uraian="Iuran bulanan 6 pengurus @ Rp10.000",
            sumber="iuran",
            penerima="Pengurus WKSBM",
        )
        rapat = partial(
            buku.keluar,
            jumlah="150000",
            uraian="Konsumsi rapat pengurus bulanan",
            kegiatan="operasional",
            penerima="Warung Bu Sum",
            nomor_bukti=f"NOTA-{bulan:02d}",
        )
        langkah += [(_hari(bulan, 10), 0, iuran), (_hari(bulan, 10), 1, rapat)]
    for bulan, hari, kegiatan, uraian, penerima, jumlah in BIAYA:
        aksi = partial(
            buku.keluar,
            jumlah=jumlah,
            uraian=uraian,
            kegiatan=kegiatan,
            penerima=penerima or "Panitia kegiatan",
        )
        langkah.append((_hari(bulan, hari), 1, aksi))
    return langkah


def _donasi(buku: Buku) -> list[Langkah]:
    """The WKSBM's own donatur: commitments every month after they joined, and one gift from
    each other donor, into the fund of their purpose; transfers from afar go to the bank."""
    langkah = []
    for i, donatur in enumerate(Donatur.objects.filter(wksbm=buku.wksbm).order_by("kode")):
        dana = DANA_TUJUAN.get(donatur.tujuan, "Dana Umum")
        zakat = dana == "Dana Zakat"
        data = {
            "dana": dana,
            "kas": "tunai" if donatur.jenis == Donatur.Jenis.PERSEORANGAN else "bank",
            "sumber": "zakat_maal" if zakat else "donasi",
            "donatur": donatur,
        }
        nama = f"{'Zakat maal' if zakat else 'Donasi'} {donatur.nama_publik}"
        mulai = donatur.sejak if donatur.sejak and donatur.sejak.year == TAHUN else _hari(1, 1)
        if donatur.donatur_tetap:
            if donatur.satuan_komitmen != Donatur.Satuan.RUPIAH:
                continue  # rice: recorded in kind by the natura demo
            for bulan in range(mulai.month + 1, 13):
                aksi = partial(
                    buku.masuk, jumlah=donatur.komitmen, uraian=f"{nama} (bulanan)", **data
                )
                langkah.append((_hari(bulan, 3 + i % 20), 0, aksi))
        else:
            pilihan = HADIAH[donatur.jenis]
            untuk = "" if zakat or dana != "Dana Umum" else f" untuk {donatur.get_tujuan_display()}"
            aksi = partial(
                buku.masuk, jumlah=pilihan[i % len(pilihan)], uraian=nama + untuk, **data
            )
            langkah.append((mulai.replace(day=min(mulai.day + 3, 28)), 0, aksi))
    return langkah


# Zakat maal of muzakki not on the donor list, in Ramadan 1447 H (February–March 2026).
MUZAKKI = [
    (2, 27, "H. Ahmad Mukhlis", "hasil panen padi", "5750000"),
    (3, 6, "Hj. Sri Mulyani", "perdagangan", "3250000"),
    (3, 12, "Drs. Suharto", "penghasilan", "2400000"),
]


def _zakat(buku: Buku) -> list[Langkah]:
    """Zakat received, then distributed to fakir and miskin PPKS; the amil takes 10% of what
    was received (the limit is 12,5%)."""
    langkah = []
    for bulan, hari, nama, asal, jumlah in MUZAKKI:
        aksi = partial(
            buku.masuk,
            jumlah=jumlah,
            uraian=f"Zakat maal {asal}",
            dana="Dana Zakat",
            sumber="zakat_maal",
            penerima=nama,
        )
        langkah.append((_hari(bulan, hari), 0, aksi))
    fitrah = partial(
        buku.masuk,
        jumlah="2880000",
        uraian="Zakat fitrah uang 64 jiwa @ Rp45.000",
        dana="Dana Zakat",
        sumber="zakat_fitrah",
        penerima="Warga (dikumpulkan takmir masjid)",
    )
    langkah.append((_hari(3, 17), 0, fitrah))
    penerima = _ppks(buku.wksbm, FAKIR_MISKIN)

    def salurkan(tanggal: date) -> None:
        zakat = Jurnal.objects.filter(wksbm=buku.wksbm, dana=buku.dana["Dana Zakat"])
        diterima = zakat.filter(arah="masuk", tanggal__year=TAHUN).jumlah()
        amil = (diterima / 10).quantize(D(1)) - zakat.filter(asnaf="amil").jumlah()
        if amil > 0:
            buku.keluar(
                tanggal,
                amil,
                "Hak amil: operasional pengelolaan zakat",
                dana="Dana Zakat",
                asnaf="amil",
                kegiatan="operasional",
                penerima="Amil zakat WKSBM",
            )
        sisa = Saldo.objects.get(dana=buku.dana["Dana Zakat"]).jumlah
        bagian = (sisa * D("0.8") / len(penerima) / 50000).to_integral_value() * 50000
        for i, ppks in enumerate(penerima if bagian > 0 else []):
            asnaf = "fakir" if i % 2 == 0 else "miskin"
            buku.keluar(
                tanggal,
                bagian,
                f"Penyaluran zakat ({asnaf})",
                dana="Dana Zakat",
                asnaf=asnaf,
                **_penerima(ppks, "Warga fakir miskin (daftar terlampir)"),
            )

    # Fitrah before the Idul Fitri prayer (20 March 2026), then each quarter.
    langkah += [(_hari(b, h), 1, salurkan) for b, h in ((3, 19), (6, 15), (9, 15), (12, 15))]
    return langkah


def _santunan(buku: Buku) -> list[Langkah]:
    """Santunan lansia every month to the WKSBM's elderly PPKS, more before Idul Fitri, paid
    from the restricted fund topped up by a reklasifikasi; school kits in July."""
    lansia = _ppks(buku.wksbm, LANSIA)
    anak = _ppks(buku.wksbm, ANAK)
    langkah = []
    for bulan in range(1, 13):
        jumlah = "300000" if bulan == 3 else "200000"
        for ppks in lansia:
            aksi = partial(
                buku.keluar,
                jumlah=jumlah,
                uraian=f"Santunan lansia {'Lebaran' if bulan == 3 else 'bulanan'}",
                dana="Dana Santunan Lansia",
                **_penerima(ppks, "Lansia telantar (daftar terlampir)"),
            )
            langkah.append((_hari(bulan, 18 if bulan == 3 else 25), 1, aksi))

    def tambah(tanggal: date) -> None:
        jumlah = D(1000000)
        if buku.saldo("Dana Umum", "tunai") >= jumlah:
            services.reklasifikasi(
                wksbm=buku.wksbm,
                oleh=buku.oleh,
                dari=buku.dana["Dana Umum"],
                ke=buku.dana["Dana Santunan Lansia"],
                kas=buku.kas["tunai"],
                jumlah=jumlah,
                alasan="Tambahan santunan lansia menjelang Idul Fitri (rapat pengurus 10 Maret)",
                tanggal=tanggal,
            )

    langkah.append((_hari(3, 16), 1, tambah))
    kursi_roda = partial(
        buku.keluar,
        jumlah="2350000",
        uraian="Kursi roda dan tongkat kaki empat",
        dana="Dana Santunan Lansia",
        kegiatan="rehabilitasi",
        **_penerima(lansia[0], "Lansia telantar"),
    )
    langkah.append((_hari(10, 9), 1, kursi_roda))
    for ppks in anak:
        aksi = partial(
            buku.keluar,
            jumlah="350000",
            uraian="Bantuan seragam, tas dan buku tahun ajaran baru",
            dana="Dana Beasiswa Pendidikan",
            kegiatan="pemberdayaan",
            **_penerima(ppks, "Anak dari keluarga miskin (daftar terlampir)"),
        )
        langkah.append((_hari(7, 13), 1, aksi))
    return langkah


def _koreksi(buku: Buku) -> list[Langkah]:
    """An infak for the elderly booked into Dana Umum by mistake: reversed, then rebooked."""
    data = {
        "jumlah": "475000",
        "uraian": "Infak kotak amal pengajian lansia",
        "penerima": "Pengajian Lansia Sehat RW 02",
    }
    salah = []

    def catat_salah(tanggal: date) -> None:
        salah.append(buku.masuk(tanggal, **data))

    def batalkan(tanggal: date) -> None:
        services.batalkan(
            entri=salah[0],
            oleh=buku.oleh,
            alasan="Salah dana: infak ini untuk santunan lansia, dicatat ulang di "
            "Dana Santunan Lansia.",
            tanggal=tanggal,
        )
        buku.masuk(tanggal, dana="Dana Santunan Lansia", **data)

    return [(_hari(5, 20), 0, catat_salah), (_hari(5, 22), 1, batalkan)]


# Jimpitan: each regu brings its week's takings on Saturday night: Rp500 and a spoonful of
# rice a night from each house (Rp3.500 and about 1 cangkir a week). RT 01 lists its houses.
REGU = [("RT 01", "Sukirno"), ("RT 02", "Paijo"), ("RT 03-04", "Mujiono")]
WARGA_RT01 = [
    "Sukirno", "Parjiyem", "Tukiman", "Wagiyo", "Sumarni", "Ngadiyo",
    "Painem", "Suratno", "Wakijan", "Tumiyem", "Sarjono", "Kasiyo",
]  # fmt: skip
RUMAH = {"RT 02": 36, "RT 03-04": 52}
UANG_SEMINGGU = D(3500)
HARGA_BERAS = D(12000)  # per kg, sold to the village warung
# Jimpitan money for neighbours in trouble: (month, day, uraian, Rupiah).
TILIK = [
    (2, 21, "Tali asih warga sakit rawat inap (RT 02)", "250000"),
    (5, 9, "Santunan lelayu keluarga Bp. Darmo (RT 03)", "300000"),
    (7, 18, "Tali asih warga sakit rawat inap (RT 01)", "250000"),
    (9, 26, "Santunan lelayu keluarga Ibu Sainem (RT 04)", "300000"),
    (11, 14, "Tali asih warga sakit rawat inap (RT 03)", "250000"),
]


def _sabtu() -> list[date]:
    pertama = _hari(1, 3)  # the first Saturday of 2026
    return [pertama + timedelta(weeks=i) for i in range(52)]


def _ronda(buku: Buku, beras_cangkir, regu: str, petugas: str, minggu: int) -> Callable:
    """One regu's week: some houses miss a week; RT 01 lists each house."""
    harap = len(WARGA_RT01) if regu == "RT 01" else RUMAH[regu]
    absen = {(minggu * 5 + i * 7) % harap for i in range(minggu % 4)}
    setoran = []
    if regu == "RT 01":
        setoran = [
            {"nama": nama, "setor": i not in absen,
             "uang": UANG_SEMINGGU if i not in absen else None,
             "beras": D(1) if i not in absen else None}
            for i, nama in enumerate(WARGA_RT01)
        ]  # fmt: skip
    setor = harap - len(absen)
    return partial(
        jimpitan.catat_ronda,
        wksbm=buku.wksbm,
        oleh=buku.oleh,
        periode="minggu",
        regu=regu,
        petugas=petugas,
        rumah_diharapkan=harap,
        rumah_setor=setor,
        uang=UANG_SEMINGGU * setor,
        beras=D(setor),
        satuan_beras=beras_cangkir,
        dana=buku.dana["Dana Jimpitan"],
        kas=buku.kas["tunai"],
        setoran=setoran,
    )


def _jimpitan(buku: Buku) -> list[Langkah]:
    """Weekly rounds of three regu; on the last Saturday of a month two thirds of the rice in
    stock (whole kg) is sold to the warung, the rest kept for penyaluran."""
    beras = natura.pastikan_beras(buku.wksbm)
    cangkir = beras.satuan.get(satuan="cangkir")
    langkah = []
    sabtu = _sabtu()
    for minggu, tanggal in enumerate(sabtu):
        for regu, petugas in REGU:
            ronda = _ronda(buku, cangkir, regu, petugas, minggu)
            langkah.append((tanggal, 0, lambda t, ronda=ronda: ronda(tanggal=t)))

    def jual(tanggal: date) -> None:
        stok = SaldoStok.objects.get(komoditas=beras, dana=buku.dana["Dana Jimpitan"]).jumlah
        kg = (stok * 2 / 3).to_integral_value(rounding="ROUND_FLOOR")
        if kg > 0:
            natura.jual_natura(
                wksbm=buku.wksbm,
                oleh=buku.oleh,
                komoditas=beras,
                dana=buku.dana["Dana Jimpitan"],
                kas=buku.kas["tunai"],
                tanggal=tanggal,
                jumlah=kg,
                satuan="kg",
                harga_satuan=HARGA_BERAS,
                nilai=kg * HARGA_BERAS,
                pembeli="Warung Bu Sum",
            )

    akhir_bulan = {t.month: t for t in sabtu}
    langkah += [(t, 1, jual) for t in akhir_bulan.values()]
    for bulan, hari, uraian, jumlah in TILIK:
        aksi = partial(
            buku.keluar,
            jumlah=jumlah,
            uraian=uraian,
            dana="Dana Jimpitan",
            kegiatan="perlindungan",
            penerima="Keluarga yang bersangkutan",
        )
        langkah.append((_hari(bulan, hari), 1, aksi))
    susut = partial(
        natura.susutkan,
        wksbm=buku.wksbm,
        oleh=buku.oleh,
        komoditas=beras,
        dana=buku.dana["Dana Jimpitan"],
        jumlah=D(2),
        satuan="kg",
        alasan="Beras berkutu dan lembap setelah hujan deras; dibuang (berita acara rapat).",
    )
    langkah.append((_hari(8, 29), 2, lambda t: susut(tanggal=t)))
    return langkah


def _natura(buku: Buku) -> list[Langkah]:
    """Rice from the donatur who give it monthly (into the fund of their purpose), and zakat
    fitrah in rice (2,5 kg a person), all of it handed to fakir and miskin before the Idul
    Fitri prayer."""
    beras = natura.pastikan_beras(buku.wksbm)
    langkah = []
    pemberi = Donatur.objects.filter(
        wksbm=buku.wksbm, donatur_tetap=True, satuan_komitmen=Donatur.Satuan.BERAS
    ).order_by("kode")
    for donatur in pemberi:
        mulai = donatur.sejak if donatur.sejak and donatur.sejak.year == TAHUN else _hari(1, 1)
        for bulan in range(mulai.month + 1, 13):
            aksi = partial(
                natura.terima_natura,
                wksbm=buku.wksbm,
                oleh=buku.oleh,
                komoditas=beras,
                dana=buku.dana[DANA_TUJUAN.get(donatur.tujuan, "Dana Umum")],
                jumlah=donatur.komitmen,
                satuan="kg",
                donatur=donatur,
                uraian=f"Beras bulanan {donatur.nama_publik}",
            )
            langkah.append((_hari(bulan, 5), 0, lambda t, aksi=aksi: aksi(tanggal=t)))
    fitrah = partial(
        natura.terima_natura,
        wksbm=buku.wksbm,
        oleh=buku.oleh,
        komoditas=beras,
        dana=buku.dana["Dana Zakat"],
        jumlah=D(120),
        satuan="kg",
        pemberi="Warga 48 jiwa @ 2,5 kg (dikumpulkan takmir masjid)",
        uraian="Zakat fitrah beras",
    )
    langkah.append((_hari(3, 17), 0, lambda t: fitrah(tanggal=t)))

    def bagikan(tanggal: date) -> None:
        sisa, bagian = D(120), []
        for ppks in _ppks(buku.wksbm, FAKIR_MISKIN):
            if ppks and sisa > 0:
                bagian.append((ppks, min(D(10), sisa)))
                sisa -= bagian[-1][1]
        if sisa > 0:
            bagian.append((None, sisa))
        for i, (ppks, jumlah) in enumerate(bagian):
            natura.salurkan_natura(
                wksbm=buku.wksbm,
                oleh=buku.oleh,
                komoditas=beras,
                dana=buku.dana["Dana Zakat"],
                tanggal=tanggal,
                jumlah=jumlah,
                satuan="kg",
                penerima=ppks,
                nama_penerima="" if ppks else "Warga fakir miskin (daftar terlampir)",
                asnaf="fakir" if i % 2 == 0 else "miskin",
                uraian="Zakat fitrah beras",
            )

    langkah.append((_hari(3, 19), 1, bagikan))
    return langkah


def _tutup(buku: Buku, hari_ini: date) -> list[Langkah]:
    """The bendahara closes January at the start of February (a finished month only)."""
    if (hari_ini.year, hari_ini.month) <= (TAHUN, 1):
        return []

    def tutup(tanggal: date) -> None:
        services.tutup_buku(wksbm=buku.wksbm, oleh=buku.oleh, tahun=TAHUN, bulan=1)

    return [(_hari(2, 3), 2, tutup)]


def isi(wksbm, *, user) -> None:
    """Record the demo year of `wksbm` up to today (nothing when it has journal entries)."""
    if Jurnal.objects.filter(wksbm=wksbm).exists():
        return
    hari_ini = timezone.localdate()
    with transaction.atomic():
        buku = _siapkan(wksbm, user)
        langkah = [
            *_umum(buku),
            *_donasi(buku),
            *_zakat(buku),
            *_santunan(buku),
            *_koreksi(buku),
            *_jimpitan(buku),
            *_natura(buku),
            *_tutup(buku, hari_ini),
        ]
        for tanggal, _, aksi in sorted(langkah, key=lambda s: s[:2]):
            if tanggal <= hari_ini:
                aksi(tanggal)
