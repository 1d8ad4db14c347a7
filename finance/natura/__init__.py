"""Natura: goods received in kind (beras first), kept in a stock ledger per commodity and fund.

Every movement goes through one service here: terima_natura, jual_natura (its Rupiah goes into
the same fund as a pemasukan), salurkan_natura (for penyaluran), susutkan, sesuaikan_stok and
batalkan_mutasi. Stock never goes below zero: the balance row per (komoditas, dana) is changed by
a conditional UPDATE in the posting transaction, as finance.services does for Rupiah.
"""

from datetime import date
from decimal import Decimal

from auditlog.context import set_actor
from auditlog.registry import auditlog
from django.db import transaction
from django.db.models import Case, F, When
from django.db.models.functions import Round
from django.utils import timezone

from registry.access import boleh_menulis
from registry.models import Donatur, Ppks, Wksbm
from wksbm import formatting
from wksbm.models import Jumlah, next_number

from .. import services
from ..models import Asnaf, Dana, Jurnal, Kas, Sumber
from ..models.natura import KG, Komoditas, MutasiStok, SaldoStok, SatuanKomoditas
from ..services import TransaksiDitolak

auditlog.register(Komoditas)
auditlog.register(SatuanKomoditas)

SERIBU = Decimal("0.001")
# Local units of rice (domain.md §4); each WKSBM sets its own factors on the komoditas page.
SATUAN_BERAS = [("kg", "1"), ("liter", "0.8"), ("cangkir", "0.2")]
Jenis = MutasiStok.Jenis
ZAKAT = Sumber.ZAKAT_FITRAH  # goods given as zakat are nearly always fitrah in rice
Arah = MutasiStok.Arah


def kg(value: Decimal) -> str:
    return f"{formatting.angka(value)} kg"


# --- services ------------------------------------------------------------------------------


def pastikan_beras(wksbm: Wksbm) -> Komoditas:
    """Beras, with kg, liter and cangkir, exists for every WKSBM that keeps natura."""
    beras = Komoditas.objects.filter(wksbm=wksbm, jenis=Komoditas.Jenis.BERAS).first()
    if beras is None:
        beras = tambah_komoditas(wksbm=wksbm, nama="Beras", jenis=Komoditas.Jenis.BERAS)
        for satuan, faktor in SATUAN_BERAS[1:]:
            SatuanKomoditas.objects.create(
                komoditas=beras, satuan=satuan, faktor_ke_dasar=Decimal(faktor)
            )
    return beras


def tambah_komoditas(*, wksbm: Wksbm, nama: str, jenis: str) -> Komoditas:
    komoditas = Komoditas.objects.create(wksbm=wksbm, nama=nama.strip(), jenis=jenis)
    SatuanKomoditas.objects.create(
        komoditas=komoditas, satuan=komoditas.satuan_dasar, faktor_ke_dasar=Decimal(1)
    )
    return komoditas


def konversi(komoditas: Komoditas, satuan: str = "") -> tuple[str, Decimal]:
    """(unit, factor) of `satuan` for this commodity; the base unit when none is given."""
    satuan = (satuan or komoditas.satuan_dasar).strip()
    faktor = (
        SatuanKomoditas.objects.filter(komoditas=komoditas, satuan=satuan)
        .values_list("faktor_ke_dasar", flat=True)
        .first()
    )
    if faktor is None:
        raise TransaksiDitolak(
            f"Satuan “{satuan}” belum diatur untuk {komoditas}; atur di halaman komoditas."
        )
    return satuan, faktor


def _ubah_stok(*, komoditas: Komoditas, dana: Dana, jumlah_dasar: Decimal) -> None:
    """Add `jumlah_dasar` (negative to take out), refusing to go below zero."""
    SaldoStok.objects.get_or_create(komoditas=komoditas, dana=dana)
    rows = SaldoStok.objects.filter(komoditas=komoditas, dana=dana)
    if jumlah_dasar < 0:
        rows = rows.filter(jumlah__gte=-jumlah_dasar)
    # Rounded: SQLite adds decimals as binary floats (see finance.services._ubah_saldo).
    if rows.update(jumlah=Round(F("jumlah") + jumlah_dasar, 3)) == 0:
        tersedia = SaldoStok.objects.get(komoditas=komoditas, dana=dana).jumlah
        raise TransaksiDitolak(
            f"Stok {komoditas} pada {dana} tidak cukup: tersedia {kg(tersedia)}, "
            f"dibutuhkan {kg(-jumlah_dasar)}."
        )


def _periksa_peran(oleh, wksbm: Wksbm) -> None:
    if not boleh_menulis(oleh, wksbm, services.PENULIS_KEUANGAN):
        raise TransaksiDitolak("Hanya bendahara atau ketua WKSBM ini yang mencatat stok natura.")


def _simpan(
    *,
    wksbm: Wksbm,
    oleh,
    komoditas: Komoditas,
    dana: Dana,
    tanggal: date,
    jenis: str,
    arah: str,
    jumlah: Decimal,
    satuan: str,
    faktor: Decimal,
    **fields,
) -> MutasiStok:
    """Append one movement and move the balance (the one place that writes MutasiStok)."""
    if komoditas.wksbm_id != wksbm.pk or dana.wksbm_id != wksbm.pk:
        raise TransaksiDitolak("Komoditas atau dana bukan milik WKSBM ini.")
    if not (komoditas.aktif and dana.aktif):
        raise TransaksiDitolak(f"Komoditas {komoditas} atau {dana} sudah tidak aktif.")
    services.periksa_tanggal(wksbm, tanggal)
    if jenis in {Jenis.SUSUT, Jenis.PENYESUAIAN, Jenis.PEMBATALAN} and not fields.get("alasan"):
        raise TransaksiDitolak("Alasan wajib diisi untuk susut, penyesuaian atau pembatalan.")
    jumlah = Decimal(jumlah)
    dasar = (jumlah * faktor).quantize(SERIBU)
    if jumlah <= 0 or dasar <= 0:
        raise TransaksiDitolak("Jumlah harus lebih dari 0.")
    ppks = fields.get("ppks")
    if ppks is not None and ppks.wksbm_id != wksbm.pk:
        raise TransaksiDitolak("Penerima bukan PPKS WKSBM ini.")
    if jenis == Jenis.DISALURKAN and dana.zakat and fields.get("asnaf") not in Asnaf.values:
        raise TransaksiDitolak("Penyaluran dari Dana Zakat wajib menyebut asnaf penerimanya.")
    _ubah_stok(komoditas=komoditas, dana=dana, jumlah_dasar=dasar if arah == Arah.MASUK else -dasar)
    if jenis == Jenis.DISALURKAN:  # handed out: the recipient signs a numbered tanda terima
        fields["nomor_tanda_terima"] = services.nomor_tanda_terima(wksbm, tanggal)
    return MutasiStok.objects.create(
        wksbm=wksbm,
        nomor=next_number(f"mutasi-stok:{wksbm.pk}"),
        tanggal=tanggal,
        komoditas=komoditas,
        dana=dana,
        jenis=jenis,
        arah=arah,
        jumlah=jumlah,
        satuan=satuan,
        faktor=faktor,
        jumlah_dasar=dasar,
        dicatat_oleh=oleh,
        dicatat_pada=timezone.now().replace(microsecond=0),
        **fields,
    )


@transaction.atomic
def _catat(*, wksbm, oleh, komoditas, jumlah, satuan="", **fields) -> MutasiStok:
    _periksa_peran(oleh, wksbm)
    satuan, faktor = konversi(komoditas, satuan)
    return _simpan(
        wksbm=wksbm,
        oleh=oleh,
        komoditas=komoditas,
        jumlah=jumlah,
        satuan=satuan,
        faktor=faktor,
        **fields,
    )


def terima_natura(
    *,
    wksbm: Wksbm,
    oleh,
    komoditas: Komoditas,
    dana: Dana,
    tanggal: date,
    jumlah: Decimal,
    satuan: str = "",
    donatur: Donatur | None = None,
    pemberi: str = "",
    uraian: str = "",
) -> MutasiStok:
    """Goods received (a donation, a jimpitan round): the stock of `dana` rises. Goods for
    Dana Zakat (zakat fitrah in rice) follow the WKSBM's basis for handling zakat."""
    if donatur is not None and donatur.wksbm_id != wksbm.pk:
        raise TransaksiDitolak("Donatur bukan milik WKSBM ini.")
    if dana.zakat and (pesan := services.tolak_zakat(wksbm=wksbm, sumber=ZAKAT, dana=dana)):
        raise TransaksiDitolak(pesan)
    return _catat(
        wksbm=wksbm,
        oleh=oleh,
        komoditas=komoditas,
        dana=dana,
        tanggal=tanggal,
        jumlah=jumlah,
        satuan=satuan,
        jenis=Jenis.MASUK,
        arah=Arah.MASUK,
        donatur=donatur,
        penerima=pemberi.strip(),
        uraian=uraian.strip(),
    )


@transaction.atomic
def jual_natura(
    *,
    wksbm: Wksbm,
    oleh,
    komoditas: Komoditas,
    dana: Dana,
    kas: Kas,
    tanggal: date,
    jumlah: Decimal,
    nilai: Decimal,
    satuan: str = "",
    harga_satuan: Decimal | None = None,
    pembeli: str = "",
    uraian: str = "",
) -> MutasiStok:
    """Sell goods: the stock of `dana` falls and the money is a pemasukan of the SAME fund
    (sumber "penjualan natura"; zakat fitrah for Dana Zakat), both in one transaction."""
    nilai = Decimal(nilai)
    if nilai <= 0:
        raise TransaksiDitolak("Nilai penjualan harus lebih dari Rp0.")
    satuan, _ = konversi(komoditas, satuan)
    uraian_jual = f"Penjualan {komoditas} {formatting.angka(jumlah)} {satuan} ({dana})"
    entri = services.catat_pemasukan(
        wksbm=wksbm,
        oleh=oleh,
        tanggal=tanggal,
        # Zakat rice sold stays zakat: Dana Zakat takes nothing else.
        sumber=ZAKAT if dana.zakat else Sumber.PENJUALAN_NATURA,
        dana=dana,
        kas=kas,
        jumlah=nilai,
        uraian=f"{uraian_jual}: {uraian.strip()}" if uraian.strip() else uraian_jual,
        penerima=pembeli.strip(),
    )
    return _catat(
        wksbm=wksbm,
        oleh=oleh,
        komoditas=komoditas,
        dana=dana,
        tanggal=tanggal,
        jumlah=jumlah,
        satuan=satuan,
        jenis=Jenis.DIJUAL,
        arah=Arah.KELUAR,
        harga_satuan=harga_satuan,
        nilai=nilai,
        jurnal=entri,
        penerima=pembeli.strip(),
        uraian=uraian.strip(),
    )


def salurkan_natura(
    *,
    wksbm: Wksbm,
    oleh,
    komoditas: Komoditas,
    dana: Dana,
    tanggal: date,
    jumlah: Decimal,
    satuan: str = "",
    penerima: Ppks | None = None,
    nama_penerima: str = "",
    asnaf: str = "",
    uraian: str = "",
) -> MutasiStok:
    """Hand goods to a recipient (a PPKS, or a named person/group). The distribution app
    calls this for each penyaluran in kind; from Dana Zakat an asnaf is required."""
    return _catat(
        wksbm=wksbm,
        oleh=oleh,
        komoditas=komoditas,
        dana=dana,
        tanggal=tanggal,
        jumlah=jumlah,
        satuan=satuan,
        jenis=Jenis.DISALURKAN,
        arah=Arah.KELUAR,
        ppks=penerima,
        penerima=nama_penerima.strip(),
        asnaf=asnaf,
        uraian=uraian.strip(),
    )


def susutkan(
    *,
    wksbm: Wksbm,
    oleh,
    komoditas: Komoditas,
    dana: Dana,
    tanggal: date,
    jumlah: Decimal,
    alasan: str,
    satuan: str = "",
) -> MutasiStok:
    """Write off shrinkage or spoiled goods (kutu, basah, tikus…): a reason is required."""
    return _catat(
        wksbm=wksbm,
        oleh=oleh,
        komoditas=komoditas,
        dana=dana,
        tanggal=tanggal,
        jumlah=jumlah,
        satuan=satuan,
        jenis=Jenis.SUSUT,
        arah=Arah.KELUAR,
        alasan=alasan.strip(),
    )


def sesuaikan_stok(
    *,
    wksbm: Wksbm,
    oleh,
    komoditas: Komoditas,
    dana: Dana,
    tanggal: date,
    jumlah: Decimal,
    arah: str,
    alasan: str,
    satuan: str = "",
) -> MutasiStok:
    """Bring the book in line with a stock count (up or down), with its reason."""
    if arah not in Arah.values:
        raise TransaksiDitolak("Pilih apakah stok bertambah atau berkurang.")
    return _catat(
        wksbm=wksbm,
        oleh=oleh,
        komoditas=komoditas,
        dana=dana,
        tanggal=tanggal,
        jumlah=jumlah,
        satuan=satuan,
        jenis=Jenis.PENYESUAIAN,
        arah=arah,
        alasan=alasan.strip(),
    )


@transaction.atomic
def batalkan_mutasi(
    *, mutasi: MutasiStok, oleh, alasan: str, tanggal: date | None = None
) -> MutasiStok:
    """Correct a movement by a reversal entry (same quantity and factor, opposite side).

    Cancelling a sale also cancels its pemasukan (unless that was already cancelled)."""
    mutasi = MutasiStok.objects.select_related("wksbm", "komoditas", "dana").get(pk=mutasi.pk)
    _periksa_peran(oleh, mutasi.wksbm)
    if not alasan.strip():
        raise TransaksiDitolak("Alasan pembatalan wajib diisi.")
    if mutasi.jenis == Jenis.PEMBATALAN:
        raise TransaksiDitolak("Mutasi pembatalan tidak dapat dibatalkan lagi.")
    if MutasiStok.objects.filter(membatalkan=mutasi).exists():
        raise TransaksiDitolak(f"Mutasi #{mutasi.nomor} sudah dibatalkan.")
    tanggal = tanggal or timezone.localdate()
    if mutasi.jurnal_id and not Jurnal.objects.filter(membatalkan_id=mutasi.jurnal_id).exists():
        services.batalkan(entri=mutasi.jurnal, oleh=oleh, alasan=alasan, tanggal=tanggal)
    return _simpan(
        wksbm=mutasi.wksbm,
        oleh=oleh,
        komoditas=mutasi.komoditas,
        dana=mutasi.dana,
        tanggal=tanggal,
        jenis=Jenis.PEMBATALAN,
        arah=Arah.KELUAR if mutasi.arah == Arah.MASUK else Arah.MASUK,
        jumlah=mutasi.jumlah,
        satuan=mutasi.satuan,
        faktor=mutasi.faktor,
        membatalkan=mutasi,
        nilai=mutasi.nilai,  # a sale's value, netted in the book (NILAI_JUAL)
        alasan=alasan.strip(),
        uraian=f"Pembatalan #{mutasi.nomor}: {mutasi.get_jenis_display()}"[:255],
    )


# --- commodities and units (settings of the WKSBM) -----------------------------------------


@transaction.atomic
def atur_satuan(
    *, wksbm: Wksbm, oleh, komoditas: Komoditas, satuan: str, faktor: Decimal
) -> SatuanKomoditas:
    """Add a local unit or change its factor (recorded in the history); past movements keep
    the factor they were posted with."""
    _periksa_peran(oleh, wksbm)
    if komoditas.wksbm_id != wksbm.pk:
        raise TransaksiDitolak("Komoditas bukan milik WKSBM ini.")
    obj = SatuanKomoditas.objects.filter(komoditas=komoditas, satuan=satuan).first()
    obj = obj or SatuanKomoditas(komoditas=komoditas, satuan=satuan)
    obj.faktor_ke_dasar = Decimal(faktor)
    with set_actor(oleh):
        obj.save()
    return obj


def periksa_stok(wksbm: Wksbm) -> list[str]:
    """Balance rows that disagree with the ledger (for verify_ledger), in two queries; the
    sums are exact (Jumlah), as SQLite adds decimals as binary floats."""
    tercatat = {
        (s.komoditas_id, s.dana_id): s
        for s in SaldoStok.objects.filter(dana__wksbm=wksbm).select_related("komoditas", "dana")
    }
    hitung = {
        (r["komoditas"], r["dana"]): r["akhir"]
        for r in MutasiStok.objects.filter(wksbm=wksbm)
        .values("komoditas", "dana")
        .annotate(
            akhir=Jumlah(
                Case(When(arah=Arah.MASUK, then="jumlah_dasar"), default=-F("jumlah_dasar")),
                output_field=KG,
            )
        )
    }
    return [
        f"stok {s.komoditas} pada {s.dana} tercatat {kg(s.jumlah)}, "
        f"menurut mutasi {kg(hitung.get(kunci, Decimal(0)))}."
        for kunci, s in tercatat.items()
        if s.jumlah != hitung.get(kunci, Decimal(0))
    ]
