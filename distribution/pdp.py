"""What distribution holds about a PPKS, handed to registry.pdp: the aid they received and
their referrals (sections of the subject-access export), whether they were served since a
date (the retention rule), and clearing what identifies them (the retention purge)."""

from datetime import date

from auditlog.context import disable_auditlog
from django.db.models import Q

from finance.models import Jurnal
from finance.models.natura import MutasiStok
from registry import pdp
from wksbm import formatting

from .models import Penerima, Rujukan


def bagian(ppks) -> list[pdp.Bagian]:
    penerimaan = Penerima.objects.filter(ppks=ppks).select_related("penyaluran", "dana")
    bantuan = [
        [
            formatting.tanggal(r.tanggal_serah or r.penyaluran.tanggal),
            f"No. {r.penyaluran.nomor}: {r.penyaluran.judul}",
            r.penyaluran.get_bentuk_display(),
            formatting.rupiah(r.jumlah) if r.jumlah else "—",
            f"{formatting.angka(r.banyak)} {r.penyaluran.satuan_tampil}" if r.banyak else "—",
            r.get_status_display(),
        ]
        for r in penerimaan.order_by("penyaluran__tanggal", "pk")
    ]
    rujukan = [
        [
            formatting.tanggal(r.tanggal),
            r.kebutuhan,
            r.nama_tujuan or str(r.mitra or "—"),
            r.get_status_display(),
        ]
        for r in Rujukan.objects.filter(ppks=ppks).select_related("mitra").order_by("tanggal")
    ]
    return [
        pdp.Bagian(
            "Bantuan yang diterima",
            ["Tanggal", "Penyaluran", "Bentuk", "Jumlah", "Banyak", "Status"],
            bantuan,
        ),
        pdp.Bagian("Rujukan", ["Tanggal", "Kebutuhan", "Tujuan", "Status"], rujukan),
    ]


def dilayani_sejak(sejak: date):
    """PPKS handed aid (or planned for it) or referred on or after `sejak`."""
    penerima = Penerima.objects.filter(
        Q(tanggal_serah__gte=sejak) | Q(penyaluran__tanggal__gte=sejak)
    ).values_list("ppks_id", flat=True)
    rujukan = Rujukan.objects.filter(
        Q(tanggal__gte=sejak) | Q(tanggal_status__gte=sejak)
    ).values_list("ppks_id", flat=True)
    # Money or goods handed to them straight from the books, outside a penyaluran round.
    jurnal = Jurnal.objects.filter(ppks__isnull=False, tanggal__gte=sejak)
    mutasi = MutasiStok.objects.filter(ppks__isnull=False, tanggal__gte=sejak)
    return {
        *penerima,
        *rujukan,
        *jurnal.values_list("ppks_id", flat=True),
        *mutasi.values_list("ppks_id", flat=True),
    }


def hapus(ppks_ids: list[int]) -> None:
    """Keep the rows (the money books point at them), drop what identifies the person: the
    NIK hash, the representative's name, the signed receipt or photo, the referral's text."""
    penerima = list(Penerima.objects.filter(ppks_id__in=ppks_ids).values_list("pk", flat=True))
    rujukan = list(Rujukan.objects.filter(ppks_id__in=ppks_ids).values_list("pk", flat=True))
    pdp.lupakan_riwayat(Penerima, penerima)
    pdp.lupakan_riwayat(Rujukan, rujukan)
    with disable_auditlog():
        for row in Penerima.objects.filter(ppks_id__in=ppks_ids):
            if row.bukti:
                row.bukti.delete(save=False)
            row.nik_hash = row.nama_wakil = row.hubungan_wakil = ""
            row.save(update_fields=["nik_hash", "nama_wakil", "hubungan_wakil", "bukti"])
        for r in Rujukan.objects.filter(ppks_id__in=ppks_ids):
            r.kebutuhan, r.catatan = "(dihapus: masa retensi)", ""
            r.save(update_fields=["kebutuhan", "catatan"])


pdp.tambah_penyedia(bagian)
pdp.tambah_aktivitas(dilayani_sejak)
pdp.tambah_penghapus(hapus)
