"""Demo rows of the Buku Inventaris Barang for one WKSBM, with a few mutations."""

from datetime import date
from decimal import Decimal

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone

from ..buku.inventaris import BarangForm, BukuInventaris, catat_mutasi
from ..models import Barang

KEYS = ["nama", "merk_ukuran", "jumlah", "satuan", "tanggal_perolehan", "asal", "nilai"]
KEYS += ["kondisi", "lokasi", "disewakan", "keterangan"]

GUDANG = "Gudang balai padukuhan"
SEKRETARIAT = "Sekretariat WKSBM"

# fmt: off
BARANG = [
    ("Tenda dom", "4x6 m, rangka besi", 4, "unit", "2023-08-12", "dibeli", "12000000",
     "baik", GUDANG, True, "Disewakan untuk hajatan warga"),
    ("Tenda dom", "3x4 m, rangka besi", 2, "unit", "2024-07-20", "sumbangan", "4500000",
     "baik", GUDANG, True, "Sumbangan paguyuban perantau Jabodetabek"),
    ("Kursi lipat", "Chitose, rangka besi", 100, "buah", "2022-05-10", "kabupaten", "25000000",
     "baik", GUDANG, True, "Hibah Dinas Sosial Kabupaten Bantul"),
    ("Meja lipat", "180x60 cm", 10, "buah", "2022-05-10", "dibeli", "6500000",
     "baik", GUDANG, True, ""),
    ("Sound system portabel", "Yamaha 15 inci, 2 speaker + mixer", 1, "set", "2024-02-03",
     "sumbangan", "8000000", "baik", SEKRETARIAT, True, "Sumbangan UD Gerabah Kasongan Asri"),
    ("Mikrofon nirkabel", "Shure, sepasang", 2, "buah", "2024-02-03", "dibeli", "1800000",
     "baik", SEKRETARIAT, False, ""),
    ("Kursi roda", "standar, lipat", 3, "buah", "2025-10-05", "provinsi", "4200000",
     "baik", "Rumah Ketua", False, "Dipinjamkan bergilir kepada warga yang membutuhkan"),
    ("Kursi roda anak", "khusus CP, dengan penyangga kepala", 1, "buah", "2026-03-14",
     "sumbangan", "2750000", "baik", "Rumah Ketua", False, "Dipinjamkan kepada keluarga PPKS"),
    ("Kruk", "aluminium, dapat diatur", 4, "pasang", "2026-03-14", "sumbangan", "1000000",
     "baik", SEKRETARIAT, False, ""),
    ("Lemari arsip", "besi, 4 laci", 1, "buah", "2021-11-20", "kabupaten", "3200000",
     "rusak_ringan", SEKRETARIAT, False, "Kunci laci bawah macet sejak diterima"),
    ("Printer", "Epson L3210", 1, "unit", "2023-01-16", "dibeli", "2400000",
     "baik", SEKRETARIAT, False, ""),
    ("Laptop", "Lenovo IdeaPad 14 inci", 1, "unit", "2023-01-16", "kabupaten", "7500000",
     "baik", "Rumah Sekretaris", False, "Untuk pendataan PPKS"),
    ("Drum penyimpanan beras", "plastik 150 liter, bertutup", 6, "buah", "2024-09-01",
     "dibeli", "1350000", "baik", "Lumbung beras padukuhan", False, "Untuk beras jimpitan"),
    ("Timbangan duduk", "kapasitas 150 kg", 1, "buah", "2024-09-01", "dibeli", "950000",
     "baik", "Lumbung beras padukuhan", False, ""),
    ("Genset", "Honda 2.500 watt", 1, "unit", "2025-01-25", "pemerintah", "9800000",
     "baik", GUDANG, False, "Bantuan siaga bencana melalui Tagana"),
    ("Tikar plastik", "3x4 m", 12, "lembar", "2022-08-15", "sumbangan", "1440000",
     "baik", GUDANG, True, ""),
    ("Papan nama WKSBM", "plat besi 120x80 cm", 1, "buah", "2021-09-01", "dibeli", "850000",
     "baik", "Depan balai padukuhan", False, ""),
    ("Kompor gas", "2 tungku + tabung 12 kg", 1, "set", "2023-12-10", "sumbangan", "1100000",
     "baik", GUDANG, False, "Untuk dapur umum"),
    ("Dandang", "aluminium 50 liter", 4, "buah", "2023-12-10", "sumbangan", "1600000",
     "baik", GUDANG, True, "Untuk dapur umum dan disewakan"),
    ("Brankas kecil", "Ichiban, 30 kg", 1, "buah", "2024-04-22", "dibeli", "1750000",
     "baik", "Rumah Bendahara", False, "Tempat kas tunai dan kuitansi"),
    ("Tandu lipat", "aluminium", 1, "buah", "2025-06-30", "provinsi", "1250000",
     "baik", GUDANG, False, ""),
    ("Kotak P3K", "lengkap dengan isi", 2, "buah", "2026-01-20", "sumbangan", "600000",
     "baik", SEKRETARIAT, False, "Sumbangan Apotek Sehat Sentosa"),
]

# (item name, merk/ukuran, jenis, tanggal, jumlah, nilai jual, keterangan)
MUTASI = [
    ("Printer", "Epson L3210", "rusak", "2025-11-03", 1, None, "Head printer tersumbat"),
    ("Tenda dom", "4x6 m, rangka besi", "rusak", "2026-01-22", 1, None,
     "Terpal sobek diterpa angin kencang"),
    ("Kursi lipat", "Chitose, rangka besi", "rusak", "2026-02-10", 6, None,
     "Kaki patah setelah dipakai hajatan"),
    ("Printer", "Epson L3210", "dihapus", "2026-02-28", 1, None,
     "Tidak ekonomis diperbaiki; berita acara rapat pengurus"),
    ("Kursi lipat", "Chitose, rangka besi", "diperbaiki", "2026-03-05", 3, None,
     "Dilas di bengkel Pak Wardi"),
    ("Tenda dom", "4x6 m, rangka besi", "dijual", "2026-04-11", 1, "750000",
     "Rangka dan terpal dijual ke pengepul"),
    ("Tikar plastik", "3x4 m", "disumbangkan", "2026-06-05", 4, None,
     "Untuk TPA Masjid Al-Ikhlas"),
    ("Kursi lipat", "Chitose, rangka besi", "dihapus", "2026-08-17", 3, None,
     "Rusak berat, tidak dapat diperbaiki"),
]
# fmt: on


def isi(wksbm, *, user) -> None:
    """Fill the inventaris of `wksbm` (nothing when it already has items)."""
    if Barang.objects.filter(wksbm=wksbm).exists():
        return
    today = timezone.localdate()
    with set_actor(user), transaction.atomic():
        barang = {}
        for values in BARANG:
            data = dict(zip(KEYS, values, strict=True))
            if date.fromisoformat(data["tanggal_perolehan"]) > today:
                continue
            if not data["disewakan"]:
                del data["disewakan"]
            form = BarangForm(data, wksbm=wksbm)
            if not form.is_valid():
                raise ValueError(f"Contoh barang {data['nama']} tidak sah: {form.errors}")
            obj = BukuInventaris.save(form, tenant=wksbm, user=user)
            barang[obj.nama, obj.merk_ukuran] = obj
        for nama, merk, jenis, tanggal, jumlah, nilai_jual, keterangan in MUTASI:
            tanggal = date.fromisoformat(tanggal)
            if tanggal > today or (nama, merk) not in barang:
                continue
            catat_mutasi(
                barang=barang[nama, merk],
                oleh=user,
                jenis=jenis,
                tanggal=tanggal,
                jumlah=jumlah,
                nilai_jual=nilai_jual and Decimal(nilai_jual),
                keterangan=keterangan,
            )
