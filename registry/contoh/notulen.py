"""Demo rows of the Buku Notulensi Rapat for one WKSBM: eight meetings of 2026 (invented)."""

from datetime import date, time

from auditlog.context import set_actor
from django.db import transaction

from ..models import Jabatan, Keputusan, Peserta, Rapat

ACARA_BAKU = "Pembukaan\nSambutan ketua\n{inti}\nLain-lain\nPenutup dan doa"


def _rapat(desa: str, kapanewon: str) -> list[dict]:
    """Meetings with their decisions as (uraian, penanggung jawab, tenggat, tanggal selesai)."""
    # fmt: off
    return [
        {
            "jenis": Rapat.Jenis.PENGURUS,
            "judul": "Penyusunan program kerja 2026",
            "tanggal": date(2026, 1, 10),
            "jam": (time(19, 30), time(21, 40)),
            "tempat": "Rumah Ketua",
            "inti": "Evaluasi 2025 dan program kerja 2026",
            "pembahasan": "Ketua menyampaikan capaian 2025: 42 PPKS terdata, santunan lansia "
            "dua kali. Pengurus sepakat fokus 2026 pada pendataan ulang PPKS, jimpitan beras, "
            "dan santunan akhir tahun.",
            "tamu": [("Sugiyanto", "Dukuh")],
            "keputusan": [
                ("Program kerja 2026 disusun tertulis dan dibagikan", "sekretaris",
                 date(2026, 1, 24), date(2026, 1, 22)),
                ("Jadwal rapat pengurus rutin Sabtu kedua tiap bulan", "ketua", None,
                 date(2026, 1, 10)),
            ],
            "berikutnya": date(2026, 2, 7),
        },
        {
            "jenis": Rapat.Jenis.KOORDINASI,
            "judul": "Koordinasi pendataan PPKS dengan TKSK",
            "tanggal": date(2026, 2, 7),
            "jam": (time(9, 0), time(11, 30)),
            "tempat": f"Balai Kalurahan {desa}",
            "inti": "Paparan TKSK tentang 26 kategori PPKS",
            "pembahasan": f"TKSK Kapanewon {kapanewon} menjelaskan kategori PPKS dan format "
            "impor Dinas Sosial. Pendataan dilakukan per padukuhan oleh kader, hasil "
            "diserahkan ke sekretaris.",
            "tamu": [("Bayu Aji Nugroho", f"TKSK Kapanewon {kapanewon}"),
                     ("Sumarni", "PSM"), ("Ngadiyem", "Ketua TP PKK")],
            "keputusan": [
                ("Pendataan lansia telantar dan penyandang disabilitas per padukuhan",
                 "seksi", date(2026, 3, 21), date(2026, 3, 20)),
            ],
            "berikutnya": None,
        },
        {
            "jenis": Rapat.Jenis.ANGGOTA,
            "judul": "Sosialisasi jimpitan beras",
            "tanggal": date(2026, 3, 14),
            "jam": (time(19, 30), time(21, 15)),
            "tempat": "Masjid Nurul Huda",
            "inti": "Tata cara jimpitan dan pencatatan buku ronda",
            "pembahasan": "Warga sepakat jimpitan satu cangkir beras atau Rp500 per rumah tiap "
            "malam. Hasil dicatat di buku ronda dan diserahkan ke bendahara setiap akhir bulan.",
            "tamu": [("Parjiman", "Ketua RT 03"), ("Rohmadi", "Takmir masjid"),
                     ("Wulan Sari", "Karang taruna")],
            "keputusan": [
                ("Jimpitan dimulai 1 April 2026", "ketua", date(2026, 4, 1), date(2026, 4, 1)),
                ("Buku ronda dibagikan ke setiap kelompok ronda", "bendahara",
                 date(2026, 3, 31), date(2026, 3, 28)),
            ],
            "berikutnya": date(2026, 4, 18),
        },
        {
            "jenis": Rapat.Jenis.PENGURUS,
            "judul": "Laporan keuangan triwulan I",
            "tanggal": date(2026, 4, 18),
            "jam": (time(19, 30), time(21, 0)),
            "tempat": "Sekretariat WKSBM",
            "inti": "Laporan bendahara triwulan I",
            "pembahasan": "Bendahara melaporkan pemasukan donatur dan jimpitan triwulan I. "
            "Saldo dana zakat dipisahkan dari dana umum sesuai kesepakatan.",
            "tamu": [],
            "keputusan": [
                ("Laporan keuangan ditempel di papan pengumuman padukuhan", "bendahara",
                 date(2026, 4, 25), date(2026, 4, 24)),
            ],
            "berikutnya": date(2026, 5, 9),
        },
        {
            "jenis": Rapat.Jenis.MUSYAWARAH,
            "judul": "Penentuan penerima santunan lansia dan difabel",
            "tanggal": date(2026, 6, 13),
            "jam": (time(13, 0), time(15, 30)),
            "tempat": f"Balai Kalurahan {desa}",
            "inti": "Verifikasi calon penerima santunan",
            "pembahasan": "Musyawarah memverifikasi 31 calon penerima. Disepakati 24 lansia dan "
            "7 penyandang disabilitas menerima santunan Rp250.000 dan paket sembako.",
            "tamu": [("Sugiyanto", "Dukuh"), ("Sumarni", "PSM"),
                     ("Ngadiyem", "Ketua TP PKK"), ("Bidan Tri Astuti", "Puskesmas")],
            "keputusan": [
                ("Santunan disalurkan langsung ke rumah penerima", "seksi",
                 date(2026, 6, 30), date(2026, 6, 27)),
                ("Tanda terima ditandatangani penerima atau keluarga", "bendahara",
                 date(2026, 6, 30), date(2026, 6, 27)),
            ],
            "berikutnya": None,
        },
        {
            "jenis": Rapat.Jenis.KOORDINASI,
            "judul": "Kesiapsiagaan bencana musim hujan",
            "tanggal": date(2026, 8, 8),
            "jam": (time(9, 0), time(12, 0)),
            "tempat": f"Pendopo Kapanewon {kapanewon}",
            "inti": "Paparan Tagana tentang titik rawan banjir dan longsor",
            "pembahasan": "Tagana memetakan titik rawan di sepanjang sungai. WKSBM menyiapkan "
            "data lansia dan difabel yang perlu dievakuasi lebih dahulu.",
            "tamu": [("Heri Susanto", "Tagana Bantul"), ("Bayu Aji Nugroho", "TKSK")],
            "keputusan": [
                ("Pelatihan evakuasi bagi relawan padukuhan", "wakil_ketua",
                 date(2026, 12, 12), None),
                ("Daftar lansia dan difabel prioritas evakuasi diserahkan ke Tagana", "seksi",
                 date(2026, 9, 5), date(2026, 9, 2)),
            ],
            "berikutnya": None,
        },
        {
            "jenis": Rapat.Jenis.PENGURUS,
            "judul": "Evaluasi penyaluran triwulan III",
            "tanggal": date(2026, 10, 10),
            "jam": (time(19, 30), time(21, 30)),
            "tempat": "Sekretariat WKSBM",
            "inti": "Evaluasi penyaluran dan laporan kegiatan",
            "pembahasan": "Penyaluran triwulan III berjalan, tetapi laporan kegiatan ke Dinas "
            "Sosial belum dikirim. Data PPKS perlu diperbarui setelah ada yang pindah dan "
            "meninggal.",
            "tamu": [],
            "keputusan": [
                ("Laporan kegiatan triwulan III dikirim ke Dinas Sosial", "sekretaris",
                 date(2026, 11, 14), None),
                ("Pembaruan status PPKS yang pindah dan meninggal", "seksi",
                 date(2026, 12, 31), None),
            ],
            "berikutnya": date(2026, 11, 14),
        },
        {
            "jenis": Rapat.Jenis.ANGGOTA,
            "judul": "Persiapan santunan akhir tahun",
            "tanggal": date(2026, 11, 14),
            "jam": (time(19, 30), time(21, 45)),
            "tempat": "Masjid Nurul Huda",
            "inti": "Rencana santunan akhir tahun dan penggalangan dana",
            "pembahasan": "Target 40 paket sembako untuk lansia dan keluarga miskin. Dana dari "
            "jimpitan, donatur tetap, dan proposal ke dunia usaha.",
            "tamu": [("Parjiman", "Ketua RT 03"), ("Rohmadi", "Takmir masjid"),
                     ("Wulan Sari", "Karang taruna"), ("Ngadiyem", "Ketua TP PKK")],
            "keputusan": [
                ("Proposal bantuan CSR dikirim ke tiga perusahaan", "ketua",
                 date(2026, 12, 5), None),
                ("Pembelian 40 paket sembako", "bendahara", date(2026, 12, 15), None),
                ("Publikasi kegiatan di grup WhatsApp warga", "seksi", None, None),
            ],
            "berikutnya": date(2026, 12, 19),
        },
    ]
    # fmt: on


def _pengurus(wksbm) -> list[tuple[str, str]]:
    """(jabatan, nama) of the board in office."""
    kepengurusan = wksbm.kepengurusan_berlaku()
    if kepengurusan is None:
        return []
    return list(kepengurusan.anggota.values_list("jabatan", "nama"))


def isi(wksbm, *, user) -> None:
    """Fill the notulen book of `wksbm` with eight meetings (nothing when it has rows)."""
    if Rapat.objects.filter(wksbm=wksbm).exists():
        return
    pengurus = _pengurus(wksbm)
    jabatan: dict[str, str] = {}
    for j, nama in pengurus:
        jabatan.setdefault(j, nama)
    ketua = jabatan.get(Jabatan.KETUA, "Ketua")
    sekretaris = jabatan.get(Jabatan.SEKRETARIS, ketua)
    board = [(nama, Jabatan(j).label) for j, nama in pengurus]
    kapanewon = wksbm.desa.kecamatan.nama
    with transaction.atomic(), set_actor(user):
        for i, r in enumerate(_rapat(wksbm.desa.nama, kapanewon)):
            mulai, selesai = r["jam"]
            rapat = Rapat(
                wksbm=wksbm,
                jenis=r["jenis"],
                judul=r["judul"],
                tanggal=r["tanggal"],
                jam_mulai=mulai,
                jam_selesai=selesai,
                tempat=r["tempat"],
                pimpinan=ketua,
                notulis=sekretaris,
                susunan_acara=ACARA_BAKU.format(inti=r["inti"]),
                pembahasan=r["pembahasan"],
                rapat_berikutnya=r["berikutnya"],
            )
            rapat.full_clean()
            rapat.save()
            for j, (nama, unsur) in enumerate(board + r["tamu"]):
                # One board member is away at every other meeting.
                hadir = not (i % 2 and j == len(board) - 1)
                Peserta.objects.create(rapat=rapat, nama=nama, unsur=unsur, hadir=hadir)
            for uraian, pj, tenggat, tanggal_selesai in r["keputusan"]:
                Keputusan.objects.create(
                    rapat=rapat,
                    uraian=uraian,
                    penanggung_jawab=jabatan.get(pj, Jabatan(pj).label),
                    tenggat=tenggat,
                    selesai=tanggal_selesai is not None,
                    tanggal_selesai=tanggal_selesai,
                )
