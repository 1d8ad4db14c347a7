"""Official category lists (domain.md §5–§6), loaded by a data migration and kept in sync."""

# (nomor, kode, nama, options) — Permensos 8/2012, in the published order.
PPKS = [
    (1, "ABT", "Anak Balita Telantar", {"usia_max": 5}),
    (2, "AT", "Anak Telantar", {"usia_min": 6, "usia_max": 17}),
    (3, "ABH", "Anak yang Berhadapan dengan Hukum", {"usia_max": 17}),
    (4, "AJ", "Anak Jalanan", {"usia_max": 17}),
    (5, "ADK", "Anak dengan Kedisabilitasan", {"usia_max": 17, "perlu_jenis_disabilitas": True}),
    (
        6,
        "AKTK",
        "Anak yang Menjadi Korban Tindak Kekerasan atau Diperlakukan Salah",
        {"usia_max": 17},
    ),
    (7, "AMPK", "Anak yang Memerlukan Perlindungan Khusus", {"usia_max": 17}),
    (8, "LUT", "Lanjut Usia Telantar", {"usia_min": 60}),
    (9, "PD", "Penyandang Disabilitas", {"perlu_jenis_disabilitas": True}),
    (10, "TS", "Tuna Susila", {}),
    (11, "GLDG", "Gelandangan", {}),
    (12, "PGMS", "Pengemis", {}),
    (13, "PML", "Pemulung", {}),
    (14, "KM", "Kelompok Minoritas", {}),
    (15, "BWBLP", "Bekas Warga Binaan Lembaga Pemasyarakatan", {}),
    (16, "ODHA", "Orang dengan HIV/AIDS", {}),
    (17, "NAPZA", "Korban Penyalahgunaan NAPZA", {}),
    (18, "KTR", "Korban Trafficking", {}),
    (19, "KTK", "Korban Tindak Kekerasan", {}),
    (20, "PMBS", "Pekerja Migran Bermasalah Sosial", {}),
    (21, "KBA", "Korban Bencana Alam", {}),
    (22, "KBS", "Korban Bencana Sosial", {}),
    (23, "PRSE", "Perempuan Rawan Sosial Ekonomi", {"khusus_perempuan": True, "usia_min": 18}),
    (24, "FM", "Fakir Miskin", {}),
    (25, "KBSP", "Keluarga Bermasalah Sosial Psikologis", {}),
    (26, "KAT", "Komunitas Adat Terpencil", {}),
]


def sync_ppks(KategoriPpks) -> None:
    """Create or update the official PPKS categories (idempotent)."""
    for nomor, kode, nama, options in PPKS:
        KategoriPpks.objects.update_or_create(
            kode=kode, defaults={"nomor": nomor, "nama": nama, "resmi": True, **options}
        )


# (nomor, kode, nama) — PSKS, Permensos 8/2012, in the published order; the codes are ours.
PSKS = [
    (1, "PSP", "Pekerja Sosial Profesional"),
    (2, "PSM", "Pekerja Sosial Masyarakat"),
    (3, "TAGANA", "Taruna Siaga Bencana"),
    (4, "LKS", "Lembaga Kesejahteraan Sosial"),
    (5, "KT", "Karang Taruna"),
    (6, "LK3", "Lembaga Konsultasi Kesejahteraan Keluarga"),
    (7, "KP", "Keluarga Pioner"),
    (8, "WKSBM", "Wahana Kesejahteraan Sosial Keluarga Berbasis Masyarakat"),
    (9, "WPKS", "Wanita Pemimpin Kesejahteraan Sosial"),
    (10, "PENSOS", "Penyuluh Sosial"),
    (11, "TKSK", "Tenaga Kesejahteraan Sosial Kecamatan"),
    (12, "DU", "Dunia Usaha"),
]

# Common local additions (not official): created once, then left to the admin to edit.
PSKS_LOKAL = [
    (21, "PKK", "Tim Penggerak PKK"),
    (22, "RELAWAN", "Relawan sosial"),
    (23, "PKH", "Pendamping PKH"),
]


def sync_psks(KategoriPsks) -> None:
    """Create or update the official PSKS categories, and add the local ones (idempotent)."""
    for nomor, kode, nama in PSKS:
        KategoriPsks.objects.update_or_create(
            kode=kode, defaults={"nomor": nomor, "nama": nama, "resmi": True}
        )
    for nomor, kode, nama in PSKS_LOKAL:
        KategoriPsks.objects.get_or_create(
            kode=kode, defaults={"nomor": nomor, "nama": nama, "resmi": False}
        )
