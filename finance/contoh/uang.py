"""The demo year's money: opening balances, dues, tent rental, donations, zakat with the
amil share within 12,5%, santunan, running costs, one reversal and a reklasifikasi."""

from datetime import date
from functools import partial

from registry.models import Donatur

from .. import services
from ..models import Jurnal, Saldo
from .dasar import (
    ANAK,
    DANA_TUJUAN,
    FAKIR_MISKIN,
    LANSIA,
    TAHUN,
    Buku,
    D,
    Langkah,
    pada,
    penerima_dari,
    ppks_aktif,
)

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
# Money the previous board handed over as the books start here: (cash account, uraian, Rupiah).
# Not income: a saldo awal (services.catat_saldo_awal), opening the kas umum.
SALDO_AWAL = [
    ("tunai", "Saldo kas tunai akhir 2025 diserahkan pengurus lama", "2750000"),
    ("bank", "Saldo Rekening BRI akhir 2025", "6125000"),
]
# Other receipts: (month, day, sumber, cash account, uraian, from whom, Rupiah).
LAIN = [
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


def umum(buku: Buku) -> list[Langkah]:
    """Opening balances, dues, tent rental, sold scrap, meetings and programmes."""
    langkah = []
    for kas, uraian, jumlah in SALDO_AWAL:
        aksi = partial(buku.saldo_awal, jumlah=jumlah, uraian=uraian, kas=kas)
        langkah.append((pada(1, 1), -1, aksi))  # before any other entry
    for bulan, hari, sumber, kas, uraian, pemberi, jumlah in LAIN:
        aksi = partial(
            buku.masuk, jumlah=jumlah, uraian=uraian, kas=kas, sumber=sumber, penerima=pemberi
        )
        langkah.append((pada(bulan, hari), 0, aksi))
    for bulan, hari, penyewa, acara, jumlah in SEWA_TENDA:
        uraian = f"Sewa tenda dan 50 kursi untuk {acara}"
        aksi = partial(buku.masuk, jumlah=jumlah, uraian=uraian, sumber="usaha", penerima=penyewa)
        langkah.append((pada(bulan, hari), 0, aksi))
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
        langkah += [(pada(bulan, 10), 0, iuran), (pada(bulan, 10), 1, rapat)]
    for bulan, hari, kegiatan, uraian, penerima, jumlah in BIAYA:
        aksi = partial(
            buku.keluar,
            jumlah=jumlah,
            uraian=uraian,
            kegiatan=kegiatan,
            penerima=penerima or "Panitia kegiatan",
        )
        langkah.append((pada(bulan, hari), 1, aksi))
    return langkah


def donasi(buku: Buku) -> list[Langkah]:
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
        mulai = donatur.sejak if donatur.sejak and donatur.sejak.year == TAHUN else pada(1, 1)
        if donatur.donatur_tetap:
            if donatur.satuan_komitmen != Donatur.Satuan.RUPIAH:
                continue  # rice: recorded in kind by the natura demo
            for bulan in range(mulai.month + 1, 13):
                aksi = partial(
                    buku.masuk, jumlah=donatur.komitmen, uraian=f"{nama} (bulanan)", **data
                )
                langkah.append((pada(bulan, 3 + i % 20), 0, aksi))
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


def zakat(buku: Buku) -> list[Langkah]:
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
        langkah.append((pada(bulan, hari), 0, aksi))
    fitrah = partial(
        buku.masuk,
        jumlah="2880000",
        uraian="Zakat fitrah uang 64 jiwa @ Rp45.000",
        dana="Dana Zakat",
        sumber="zakat_fitrah",
        penerima="Warga (dikumpulkan takmir masjid)",
    )
    langkah.append((pada(3, 17), 0, fitrah))
    penerima = ppks_aktif(buku.wksbm, FAKIR_MISKIN)

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
                **penerima_dari(ppks, "Warga fakir miskin (daftar terlampir)"),
            )

    # Fitrah before the Idul Fitri prayer (20 March 2026), then each quarter.
    langkah += [(pada(b, h), 1, salurkan) for b, h in ((3, 19), (6, 15), (9, 15), (12, 15))]
    return langkah


def santunan(buku: Buku) -> list[Langkah]:
    """Santunan lansia every month to the WKSBM's elderly PPKS, more before Idul Fitri, paid
    from the restricted fund topped up by a reklasifikasi; school kits in July."""
    lansia = ppks_aktif(buku.wksbm, LANSIA)
    anak = ppks_aktif(buku.wksbm, ANAK)
    langkah = []
    for bulan in range(1, 13):
        jumlah = "300000" if bulan == 3 else "200000"
        for ppks in lansia:
            aksi = partial(
                buku.keluar,
                jumlah=jumlah,
                uraian=f"Santunan lansia {'Lebaran' if bulan == 3 else 'bulanan'}",
                dana="Dana Santunan Lansia",
                **penerima_dari(ppks, "Lansia telantar (daftar terlampir)"),
            )
            langkah.append((pada(bulan, 18 if bulan == 3 else 25), 1, aksi))

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

    langkah.append((pada(3, 16), 1, tambah))
    kursi_roda = partial(
        buku.keluar,
        jumlah="2350000",
        uraian="Kursi roda dan tongkat kaki empat",
        dana="Dana Santunan Lansia",
        kegiatan="rehabilitasi",
        **penerima_dari(lansia[0], "Lansia telantar"),
    )
    langkah.append((pada(10, 9), 1, kursi_roda))
    for ppks in anak:
        aksi = partial(
            buku.keluar,
            jumlah="350000",
            uraian="Bantuan seragam, tas dan buku tahun ajaran baru",
            dana="Dana Beasiswa Pendidikan",
            kegiatan="pemberdayaan",
            **penerima_dari(ppks, "Anak dari keluarga miskin (daftar terlampir)"),
        )
        langkah.append((pada(7, 13), 1, aksi))
    return langkah


def koreksi(buku: Buku) -> list[Langkah]:
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

    return [(pada(5, 20), 0, catat_salah), (pada(5, 22), 1, batalkan)]
