"""Builders of distribution rows for the tests (and tests/urlwalk.py): PPKS, rounds, kegiatan."""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from distribution import services
from distribution.models import DanaPenyaluran, Kegiatan, LampiranKegiatan, Penyaluran
from finance import natura
from finance import services as keuangan
from finance.models import Dana, Kas
from registry.models import KategoriPpks, Ppks, PpksKategori
from tests import factories as f

_urut = iter(range(1, 10_000))


def ppks(wksbm, n: int = 1, *, kode: str = "LUT", nik: str | None = None, **kwargs) -> list[Ppks]:
    """n aktif PPKS of `wksbm` in category `kode`, each with a valid NIK."""
    kategori, _ = KategoriPpks.objects.get_or_create(
        kode=kode, defaults={"nama": kode, "resmi": True}
    )
    hasil = []
    for _ in range(n):
        i = next(_urut)
        orang = Ppks.objects.create(
            wksbm=wksbm,
            nomor=f"U{i:05d}",
            nama=kwargs.pop("nama", None) or f"Penerima Uji {i:04d}",
            nik=nik if nik is not None else f.nik_sah(5000 + i),
            jenis_kelamin="L",
            status=kwargs.get("status", Ppks.Status.AKTIF),
        )
        PpksKategori.objects.create(ppks=orang, kategori=kategori)
        hasil.append(orang)
    return hasil


def dana(wksbm, nama: str = "Dana Umum") -> Dana:
    keuangan.pastikan_dana_bawaan(wksbm)
    return Dana.objects.get(wksbm=wksbm, nama=nama)


def kas(wksbm) -> Kas:
    keuangan.pastikan_dana_bawaan(wksbm)
    return Kas.objects.filter(wksbm=wksbm).order_by("pk").first()


def isi_dana(wksbm, oleh, jumlah, nama: str = "Dana Umum", **kwargs):
    kwargs.setdefault("sumber", "donasi")
    return keuangan.catat_pemasukan(
        wksbm=wksbm,
        oleh=oleh,
        tanggal=kwargs.pop("tanggal", date(2026, 11, 2)),
        dana=dana(wksbm, nama),
        kas=kas(wksbm),
        jumlah=Decimal(jumlah),
        uraian="Donasi warga",
        **kwargs,
    )


def penyaluran(wksbm, *, pagu: dict, bentuk: str = "uang", **kwargs) -> Penyaluran:
    """A round with budget `pagu` {Dana: amount (Rp, or kg for natura)}."""

    with transaction.atomic():
        obj = Penyaluran.objects.create(
            wksbm=wksbm,
            nomor=services.nomor_baru(wksbm),
            judul=kwargs.pop("judul", "Santunan lansia Desember"),
            tanggal=kwargs.pop("tanggal", date(2026, 11, 20)),
            bentuk=bentuk,
            kas=kwargs.pop("kas", None) or (kas(wksbm) if bentuk != "natura" else None),
            komoditas=natura.pastikan_beras(wksbm) if bentuk == "natura" else None,
            **kwargs,
        )
        for d, batas in pagu.items():
            field = "pagu_banyak" if bentuk == "natura" else "pagu"
            DanaPenyaluran.objects.create(penyaluran=obj, dana=d, **{field: Decimal(batas)})
    return obj


def penyaluran_uji(book, uji) -> Penyaluran:
    """For tests/urlwalk.py: a money round of WKSBM `uji` with one planned recipient."""
    bendahara = f.segar(uji.bendahara)
    obj = penyaluran(uji.wksbm, pagu={dana(uji.wksbm): "500000"})
    (row,) = services.tambah_penerima(
        penyaluran=obj,
        oleh=bendahara,
        ppks=ppks(uji.wksbm),
        dana=dana(uji.wksbm),
        jumlah=Decimal("250000"),
    )
    row.bukti.save("bukti.pdf", ContentFile(f.pdf_bytes()), save=True)  # for the bukti URL
    return obj


def kegiatan_uji(book, uji) -> Kegiatan:
    """For tests/urlwalk.py: a kegiatan of WKSBM `uji` with one attachment."""
    obj = Kegiatan.objects.create(
        wksbm=uji.wksbm,
        jenis="pencegahan",
        judul="Penyuluhan bahaya narkoba",
        tanggal=date(2026, 11, 2),
        tempat="Balai padukuhan",
    )
    LampiranKegiatan.objects.create(
        kegiatan=obj,
        berkas=ContentFile(f.pdf_bytes(), name="daftar-hadir.pdf"),
        keterangan="Daftar hadir",
    )
    return obj


def rujukan(wksbm, orang=None, *, tanggal=None, sebelum=None, **kwargs):
    """A referral of `orang` (default: a new aktif PPKS) to a puskesmas, status diajukan."""
    from datetime import timedelta

    from distribution.models import Rujukan
    from wksbm.models import next_number

    tanggal = tanggal or date(2026, 11, 2)
    with transaction.atomic():
        return Rujukan.objects.create(
            wksbm=wksbm,
            nomor=next_number(f"rujukan:{wksbm.pk}"),
            tanggal=tanggal,
            tanggal_status=tanggal,
            ppks=orang or ppks(wksbm)[0],
            kebutuhan=kwargs.pop("kebutuhan", "Pemeriksaan katarak"),
            tujuan=kwargs.pop("tujuan", Rujukan.Tujuan.PUSKESMAS),
            nama_tujuan=kwargs.pop("nama_tujuan", "Puskesmas Sewon I"),
            tindak_lanjut_sebelum=sebelum or tanggal + timedelta(days=14),
            **kwargs,
        )


def rujukan_uji(book, uji):
    """For tests/urlwalk.py: an open referral of WKSBM `uji`."""
    return rujukan(uji.wksbm)
