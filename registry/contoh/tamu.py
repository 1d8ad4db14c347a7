"""Demo rows of the Buku Tamu for one WKSBM (invented people, real-looking visits in 2026)."""

from datetime import date, time

from ..models import Tamu

KUNJUNGAN = [
    (
        "2026-01-14",
        "09:00",
        "Drs. Sugeng Riyadi",
        "TKSK Kapanewon",
        "Monitoring administrasi WKSBM",
    ),
    (
        "2026-02-03",
        "10:30",
        "Ibu Sri Wahyuni",
        "Ketua TP PKK Kalurahan",
        "Koordinasi posyandu lansia",
    ),
    ("2026-02-21", "19:30", "Bapak Marjono", "Dukuh", "Usulan warga lansia telantar"),
    (
        "2026-03-09",
        "13:00",
        "Rina Kartikasari, S.Tr.Sos.",
        "Pendamping PKH",
        "Verifikasi data PPKS",
    ),
    (
        "2026-04-16",
        "09:15",
        "Ahmad Fauzi",
        "Bank BPD DIY Cabang Bantul",
        "Survei proposal kursi roda",
    ),
    ("2026-05-05", "16:00", "Mas Yoga Pratama", "Karang Taruna", "Rencana bakti sosial"),
    (
        "2026-06-11",
        "10:00",
        "Hj. Siti Khotimah",
        "UPZ BAZNAS Kalurahan",
        "Koordinasi penyaluran zakat",
    ),
    (
        "2026-07-22",
        "11:00",
        "Wahyu Hidayat",
        "Mahasiswa KKN UGM",
        "Permohonan data untuk program KKN",
    ),
    ("2026-08-19", "09:30", "Tim Verifikasi", "Dinas Sosial Kabupaten Bantul", "Verifikasi ATENSI"),
    ("2026-09-08", "15:00", "Bapak Suradi", "Warga perantau (Jakarta)", "Menyerahkan donasi"),
    ("2026-10-17", "10:00", "Ibu Endang Lestari", "Puskesmas", "Koordinasi layanan ODGJ"),
    (
        "2026-11-12",
        "09:00",
        "Bapak Tri Haryanto",
        "Takmir Masjid Al-Ikhlas",
        "Titipan infak santunan",
    ),
]


def isi(wksbm, *, user) -> None:
    if Tamu.objects.filter(wksbm=wksbm).exists():
        return
    for tanggal, jam, nama, instansi, keperluan in KUNJUNGAN:
        Tamu.objects.create(
            wksbm=wksbm,
            tanggal=date.fromisoformat(tanggal),
            jam=time.fromisoformat(jam),
            nama=nama,
            instansi=instansi,
            alamat=f"Kalurahan {wksbm.desa.nama}",
            keperluan=keperluan,
            bertemu="Ketua WKSBM",
        )
