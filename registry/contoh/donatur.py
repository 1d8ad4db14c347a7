"""Demo rows of Data Donatur for one WKSBM (people and businesses invented)."""

from auditlog.context import set_actor
from django.db import transaction

from ..buku.donatur import BukuDonatur
from ..models import Donatur

KEYS = ["nama", "jenis", "alamat", "telepon", "komitmen", "satuan", "tujuan", "anonim", "sejak"]


def _donatur(desa: str) -> list[dict]:
    # nama, jenis, alamat, HP/WA, komitmen per bulan (None: not a donatur tetap), satuan,
    # tujuan, anonim, sejak
    # fmt: off
    rows = [
        ("H. Slamet Riyadi", "perseorangan", f"RT 03, {desa}", "0812 2712 3301",
         "100000", "rupiah_bulan", "umum", False, "2026-01-06"),
        ("Bambang Wicaksono", "perantau", "Cempaka Putih, Jakarta Pusat", "0811 9088 2210",
         "250000", "rupiah_bulan", "santunan_lansia", False, "2026-01-10"),
        ("Sri Handayani", "perantau", "Bekasi Timur, Kota Bekasi", "0813 1422 7765",
         "150000", "rupiah_bulan", "pendidikan", False, "2026-01-18"),
        ("Paguyuban Perantau Jabodetabek", "lembaga", "Ciracas, Jakarta Timur",
         "0812 8100 4523", "1000000", "rupiah_bulan", "umum", False, "2026-02-01"),
        ("Toko Kelontong Barokah", "dunia_usaha", f"Jl. Parangtritis, {desa}",
         "0274 388 120", "50000", "rupiah_bulan", "umum", False, "2026-02-03"),
        ("Warung Makan Bu Sum", "dunia_usaha", f"RT 05, {desa}", "0857 4311 0098",
         None, "", "umum", False, "2026-02-14"),
        ("Hamba Allah", "perseorangan", "", "", None, "", "zakat", True, "2026-03-02"),
        ("Sutrisno Adi", "perseorangan", f"RT 01, {desa}", "0812 2755 0034",
         "5", "kg_beras_bulan", "santunan_lansia", True, "2026-01-20"),
        ("Majelis Taklim Nurul Iman", "lembaga", f"Masjid Nurul Iman, {desa}",
         "0813 2890 1122", "200000", "rupiah_bulan", "santunan_lansia", False, "2026-01-25"),
        ("Bengkel Motor Jaya Abadi", "dunia_usaha", "Jl. Imogiri Barat Km 6, Sewon",
         "0878 3970 5512", None, "", "bencana", False, "2026-03-11"),
        ("UD Gerabah Kasongan Asri", "dunia_usaha", "Kasongan, Bangunjiwo, Kasihan",
         "0274 370 441", "300000", "rupiah_bulan", "disabilitas", False, "2026-03-20"),
        ("Pemerintah Kalurahan " + desa, "instansi", f"Balai Kalurahan {desa}",
         "0274 367 990", None, "", "umum", False, "2026-01-02"),
        ("Dwi Kurniawan", "perantau", "Batam Kota, Kota Batam", "0812 7055 3310",
         "100000", "rupiah_bulan", "pendidikan", False, "2026-04-05"),
        ("Endang Sulastri", "perantau", "Rungkut, Surabaya", "0815 5530 2291",
         None, "", "santunan_lansia", False, "2026-04-12"),
        ("Kelompok Tani Ngudi Makmur", "lembaga", f"Bulak sawah, {desa}", "0857 2911 4478",
         "10", "kg_beras_bulan", "umum", False, "2026-04-20"),
        ("Apotek Sehat Sentosa", "dunia_usaha", "Jl. Bantul Km 7, Sewon", "0274 376 812",
         None, "", "disabilitas", False, "2026-05-02"),
        ("Agus Purnomo", "perseorangan", f"RT 07, {desa}", "0813 9200 1176",
         "3", "kg_beras_bulan", "umum", False, "2026-05-09"),
        ("Rina Marlina", "perantau", "Cikarang, Kabupaten Bekasi", "0812 1023 8890",
         "75000", "rupiah_bulan", "pendidikan", True, "2026-05-21"),
        ("Arisan Ibu-Ibu Dasawisma Melati", "lembaga", f"RT 02, {desa}", "0878 3400 6621",
         None, "", "santunan_lansia", False, "2026-06-07"),
        ("PT Sari Tani Mandiri", "dunia_usaha", "Jl. Ringroad Selatan, Bantul",
         "0274 412 338", None, "", "bencana", False, "2026-06-15"),
        ("Hj. Siti Maryam", "perseorangan", f"RT 04, {desa}", "0813 2733 1009",
         "500000", "rupiah_bulan", "zakat", False, "2026-03-27"),
        ("Yohanes Budi Santoso", "perseorangan", f"RT 06, {desa}", "0812 1590 4402",
         None, "", "disabilitas", False, "2026-07-01"),
        ("Koperasi Simpan Pinjam Sejahtera", "lembaga", "Jl. Parangtritis Km 5, Sewon",
         "0274 385 660", "150000", "rupiah_bulan", "umum", False, "2026-07-14"),
        ("Bayu Saputra", "perantau", "Denpasar Barat, Bali", "0819 3311 7460",
         None, "", "bencana", False, "2026-08-03"),
        ("Puskesmas Sewon I", "instansi", "Jl. Parangtritis Km 6, Sewon", "0274 367 211",
         None, "", "santunan_lansia", False, "2026-09-10"),
    ]
    # fmt: on
    return [dict(zip(KEYS, row, strict=True)) for row in rows]


def isi(wksbm, *, user) -> None:
    """Fill Data Donatur of `wksbm` with ~25 donors (nothing when it has rows)."""
    if Donatur.objects.filter(wksbm=wksbm).exists():
        return
    with transaction.atomic(), set_actor(user):
        for row in _donatur(wksbm.desa.nama):
            tetap = row["komitmen"] is not None
            data = {
                "nama": row["nama"],
                "jenis": row["jenis"],
                "alamat": row["alamat"],
                "telepon": row["telepon"],
                "donatur_tetap": "on" if tetap else "",
                "komitmen": row["komitmen"] or "",
                "satuan_komitmen": row["satuan"],
                "tujuan": row["tujuan"],
                "anonim": "on" if row["anonim"] else "",
                "sejak": row["sejak"],
            }
            form = BukuDonatur.form(data, wksbm=wksbm)
            if not form.is_valid():
                raise ValueError(f"Data contoh donatur tidak sah: {form.errors.as_text()}")
            BukuDonatur.save(form, tenant=wksbm, user=user)
