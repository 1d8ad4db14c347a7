"""Demo rows of Data PSKS and Data Jejaring Kerja for one WKSBM (names and groups invented)."""

from auditlog.context import set_actor
from django.db import transaction
from django.utils.text import slugify

from ..buku.mitra import BukuJejaring, BukuPsks
from ..kategori import sync_psks
from ..models import KategoriPsks, Mitra


def _psks(desa: str, kapanewon: str) -> list[dict]:
    # nama, subjek, kategori, wilayah, tingkat, alamat, kontak, telepon, sejak, keterangan
    # fmt: off
    rows = [
        ("Agus Setiawan", "perorangan", "TKSK", "dalam", "kapanewon",
         f"Kantor Kapanewon {kapanewon}", "", "0813 2811 4420", "2026-01-12",
         f"TKSK Kapanewon {kapanewon}; membantu verifikasi data PPKS."),
        ("Tukiyo", "perorangan", "PSM", "dalam", "kalurahan",
         f"Padukuhan Kauman, {desa}", "", "0812 2790 1133", "2026-01-20",
         "Pendamping lansia telantar."),
        ("Rahayu Lestari", "perorangan", "PSM", "dalam", "padukuhan",
         f"RT 04, {desa}", "", "0878 3912 0045", "2026-02-03", "Aktif di kelas ibu balita."),
        ("Tagana Kabupaten Bantul", "lembaga", "TAGANA", "luar", "kabupaten",
         "Jl. Lingkar Timur, Manding, Trirenggo, Bantul", "Sutarjo (koordinator)",
         "0274 367 512", "2026-02-14", "Siaga banjir dan angin kencang musim hujan."),
        (f"Karang Taruna {desa}", "lembaga", "KT", "dalam", "kalurahan",
         f"Balai Kalurahan {desa}", "Dimas Prasetyo (ketua)", "0857 2944 1021", "2026-01-05",
         "Penggalangan dana bulan bakti sosial."),
        ("LKS Lansia Ngesti Mulyo", "lembaga", "LKS", "luar", "kabupaten",
         "Jl. Parangtritis Km 9, Timbulharjo, Sewon", "Ibu Suwarni", "0274 441 209",
         "2026-03-10", "Menerima rujukan lansia tanpa keluarga."),
        ("LK3 Sekar Melati", "lembaga", "LK3", "luar", "kabupaten",
         "Jl. Dr. Wahidin Sudirohusodo, Bantul", "Dra. Endang Sulistyowati",
         "0274 368 770", "2026-04-02", "Konsultasi keluarga bermasalah sosial psikologis."),
        ("Keluarga Bapak Sugiyanto", "perorangan", "KP", "dalam", "padukuhan",
         f"RT 02, {desa}", "", "0815 7810 3344", "2026-02-21",
         "Keluarga teladan; mengasuh dua anak yatim kerabat."),
        ("Ibu Ngatinem", "perorangan", "WPKS", "dalam", "kalurahan",
         f"RT 06, {desa}", "", "0819 0411 7720", "2026-03-15", "Penggerak arisan peduli lansia."),
        ("Drs. Heru Prasetyo", "perorangan", "PENSOS", "luar", "kabupaten",
         "Dinas Sosial Kabupaten Bantul", "", "0812 1588 0901", "2026-05-06",
         "Penyuluh sosial; narasumber sosialisasi bahaya NAPZA."),
        ("Toko Bangunan Sumber Rejeki", "lembaga", "DU", "dalam", "kalurahan",
         f"Jl. Parangtritis, {desa}", "Hendra Wijaya", "0274 387 115", "2026-04-18",
         "Bantuan bahan bedah rumah."),
        (f"Tim Penggerak PKK {desa}", "lembaga", "PKK", "dalam", "kalurahan",
         f"Balai Kalurahan {desa}", "Ibu Sri Mulyani", "0813 9204 5561", "2026-01-08", ""),
        ("Siti Nurjanah, S.Pd.", "perorangan", "PKH", "dalam", "kapanewon",
         f"Kapanewon {kapanewon}", "", "0821 3377 8410", "2026-06-01",
         "Pendamping PKH untuk tiga kalurahan."),
    ]
    # fmt: on
    keys = ["nama", "subjek", "kategori", "wilayah", "tingkat", "alamat", "nama_kontak"]
    keys += ["telepon", "sejak", "keterangan"]
    return [dict(zip(keys, row, strict=True)) for row in rows]


def _jejaring(desa: str, kapanewon: str) -> list[dict]:
    surel = slugify(desa).replace("-", "")
    # nama, jenis, wilayah, tingkat, kontak, telepon, email, kerja sama, dasar, sejak, ket
    # fmt: off
    rows = [
        (f"Tim Penggerak PKK {desa}", "pkk", "dalam", "kalurahan", "Ibu Sri Mulyani",
         "0813 9204 5561", "", ["pendataan", "pelayanan"], "lisan", "2026-01-08",
         "Pendataan balita dan ibu hamil rawan gizi."),
        (f"Karang Taruna {desa}", "karang_taruna", "dalam", "kalurahan", "Dimas Prasetyo",
         "0857 2944 1021", "", ["pendanaan", "pelayanan"], "lisan", "2026-01-05", ""),
        ("Majelis Taklim Al-Hidayah", "majelis_taklim", "dalam", "padukuhan",
         "Ustazah Khoiriyah", "0812 2650 7788", "", ["pendanaan"], "lisan", "2026-02-01",
         "Infak Jumat untuk santunan lansia."),
        ("Posyandu Lansia Mugi Waras", "posyandu_lansia", "dalam", "padukuhan", "Ibu Tumini",
         "0878 3301 2290", "", ["pendataan", "rujukan"], "lisan", "2026-02-10", ""),
        ("Takmir Masjid Al-Ikhlas", "takmir", "dalam", "padukuhan", "H. Mursidi",
         "0812 2799 4410", "", ["pendanaan"], "lisan", "2026-03-01",
         "Penyaluran zakat fitrah bersama."),
        (f"Puskesos {desa}", "puskesos", "dalam", "kalurahan", "Wahyu Nugroho",
         "0274 6461 220", f"puskesos.{surel}@contoh.desa.id", ["rujukan", "pendataan"],
         "sk", "2026-01-15", "Rujukan pengaduan warga ke Dinas Sosial."),
        (f"UPZ BAZNAS Kalurahan {desa}", "baznas", "dalam", "kalurahan", "H. Ahmad Syafii",
         "0813 2870 5566", "", ["pendanaan"], "sk", "2026-04-01",
         "Zakat maal disalurkan melalui UPZ."),
        ("Dinas Sosial Kabupaten Bantul", "dinsos", "luar", "kabupaten", "Bidang Rehabilitasi",
         "0274 367 506", "dinsos@contoh.bantulkab.go.id", ["rujukan", "pendataan"], "sk",
         "2026-01-02", "Pembinaan WKSBM dan rujukan ATENSI."),
        ("PT Sari Tani Mandiri (CSR)", "csr", "luar", "kabupaten", "Bagian CSR",
         "0274 412 338", "csr@saritani.contoh.co.id", ["pendanaan"], "mou", "2026-05-20",
         "Bantuan sembako lansia tiap Ramadan."),
        (f"TKSK Kapanewon {kapanewon}", "tksk", "dalam", "kapanewon", "Agus Setiawan",
         "0813 2811 4420", "", ["rujukan", "pendataan", "pelayanan"], "lisan", "2026-01-12",
         ""),
        ("WKSBM Ngudi Makmur Timbulharjo", "wksbm", "luar", "kalurahan", "Bapak Sarjono",
         "0812 1500 6677", "", ["rujukan"], "lisan", "2026-07-17",
         "Tukar pengalaman jimpitan beras."),
    ]
    # fmt: on
    alamat = [
        f"Balai Kalurahan {desa}",
        f"Balai Kalurahan {desa}",
        "Mushola Al-Hidayah, RT 03",
        "Rumah Ibu Tumini, RT 05",
        "Masjid Al-Ikhlas, RT 02",
        f"Balai Kalurahan {desa}",
        f"Masjid Jami' {desa}",
        "Jl. Lingkar Timur, Manding, Trirenggo, Bantul",
        "Jl. Ringroad Selatan, Bantul",
        f"Kantor Kapanewon {kapanewon}",
        "Balai Kalurahan Timbulharjo, Sewon",
    ]
    keys = ["nama", "jenis", "wilayah", "tingkat", "nama_kontak", "telepon", "email"]
    keys += ["bentuk_kerja_sama", "dasar", "sejak", "keterangan"]
    return [
        {**dict(zip(keys, row, strict=True)), "alamat": a}
        for row, a in zip(rows, alamat, strict=True)
    ]


def _simpan(book, rows: list[dict], wksbm, user) -> None:
    for data in rows:
        form = book.form(data, wksbm=wksbm)
        if not form.is_valid():
            raise ValueError(f"Data contoh {book.slug} tidak sah: {form.errors.as_text()}")
        book.save(form, tenant=wksbm, user=user)


def isi(wksbm, *, user) -> None:
    """Fill Data PSKS and Data Jejaring Kerja of `wksbm` (nothing when they have rows)."""
    desa, kapanewon = wksbm.desa.nama, wksbm.desa.kecamatan.nama
    with transaction.atomic(), set_actor(user):
        if not Mitra.objects.filter(wksbm=wksbm, peran=Mitra.Peran.PSKS).exists():
            sync_psks(KategoriPsks)
            kategori = dict(KategoriPsks.objects.values_list("kode", "pk"))
            rows = _psks(desa, kapanewon)
            for row in rows:
                row["kategori"] = kategori[row["kategori"]]
            _simpan(BukuPsks, rows, wksbm, user)
        if not Mitra.objects.filter(wksbm=wksbm, peran=Mitra.Peran.JEJARING).exists():
            _simpan(BukuJejaring, _jejaring(desa, kapanewon), wksbm, user)
