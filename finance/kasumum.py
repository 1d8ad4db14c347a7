"""Buku kas umum (Permendagri C.4): the journal in date order with a running balance.

Columns: No · Tgl · Kode · Uraian · Penerimaan · Pengeluaran · No. bukti · Jumlah kumulatif
(the period's cumulative spending, as on the C.4 form) · Saldo — per fund, per cash account or
over all of them, for any period, opened by a "Saldo awal" row.

How the numbers are read (measured on a 200,000-entry, five-year journal, SQLite):
- Everything on one page is read as of one journal number N (the chain head, read with the
  cached balance in one statement). Posting is serialised on the chain head, so the entries
  numbered ≤ N are exactly those committed with that balance: a posting that lands between
  two queries cannot make the page disagree with itself, on PostgreSQL's READ COMMITTED too.
- The opening balance is the cached balance (finance.models.Saldo) minus what was posted
  from the period's start on, so a recent period reads only its recent rows: last month's
  page took 57 ms, against 494 ms when summing every entry before the period. (A fund *and*
  a cash account together have no cached balance: then the earlier rows are summed.)
- Running values are computed while iterating the rows from the balance before the first
  one (one aggregate per page). A window function `Sum() OVER (ORDER BY tanggal, nomor)` sorts
  and sums the whole period on every page: 6.6 s against 2.2 s for the last page of the full
  journal, and equal (~55 ms) for a month. Exports stream the rows through the same
  generator: a year (40,000 rows) to Excel peaked at 3.6 MB of Python memory.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.db.models import Case, Count, DecimalField, F, Func, Q, QuerySet, Subquery, When
from django.db.models.functions import ExtractMonth, ExtractYear

from registry.models import Wksbm
from wksbm.books import Column
from wksbm.books.core import row_html
from wksbm.formatting import BULAN
from wksbm.models import Jumlah, Tepat

from .chart import ArusBulan
from .models import Dana, Jurnal, Kas, Kegiatan, RantaiJurnal, Saldo, Sumber, TutupBuku
from .models.jurnal import NILAI, PENERIMAAN, PENGELUARAN, SALDO_AWAL

NOL = Decimal(0)
UANG = DecimalField(max_digits=15, decimal_places=2)
# The balance moves by BERTANDA; the receipts and spending columns and their totals are
# NILAI on the PENERIMAAN and PENGELUARAN sides (a reversal beside its original, negative).
# Saldo awal entries are on neither side: they are part of the opening balance.
BERTANDA = Case(
    When(arah=Jurnal.Arah.MASUK, then="jumlah"), default=-F("jumlah"), output_field=UANG
)

# Kode: 1.x receipts by source, 2.x spending by kegiatan, 3 reclassification. A reversal keeps
# the code of the entry it reverses (services.batalkan copies sumber and kegiatan) and shows
# in its column with a negative amount.
KODE_SUMBER = {value: f"1.{i}" for i, value in enumerate(Sumber.values, start=1)}
KODE_KEGIATAN = {value: f"2.{i}" for i, value in enumerate(Kegiatan.values, start=1)}
KODE_REKLASIFIKASI = "3"
KETERANGAN_KODE = [
    *((KODE_SUMBER[v], f"Penerimaan: {label}") for v, label in Sumber.choices),
    *((KODE_KEGIATAN[v], f"Pengeluaran: {label}") for v, label in Kegiatan.choices),
    (KODE_REKLASIFIKASI, "Reklasifikasi antardana"),
]


def kode(entri: Jurnal) -> str:
    if entri.jenis == Jurnal.Jenis.REKLASIFIKASI:
        return KODE_REKLASIFIKASI
    return KODE_SUMBER.get(entri.sumber) or KODE_KEGIATAN.get(entri.kegiatan, "")


def nomor_bukti(entri: Jurnal) -> str:
    """The kuitansi number of a receipt, the proof or tanda terima number of a spending, else
    the entry's."""
    return (
        entri.nomor_kuitansi or entri.nomor_bukti or entri.nomor_tanda_terima or f"#{entri.nomor}"
    )


def saldo_tersimpan(obj: Dana | Kas) -> Decimal:
    """The cached balance of a fund or cash account (0 before its first entry)."""
    saldo = getattr(obj, "saldo", None)  # RelatedObjectDoesNotExist is an AttributeError
    return saldo.jumlah if saldo is not None else NOL


def jumlah(expr, condition: Q | None = None) -> Jumlah:
    """The exact money total of expr over the rows [matching condition]."""
    return Jumlah(expr, filter=condition, output_field=UANG)


@dataclass(frozen=True)
class Saring:
    """Which part of the journal: one fund and/or cash account (None: all), a period."""

    dana: Dana | None = None
    kas: Kas | None = None
    dari: date | None = None
    sampai: date | None = None

    @property
    def periode(self) -> Q:
        q = Q()
        if self.dari:
            q &= Q(tanggal__gte=self.dari)
        if self.sampai:
            q &= Q(tanggal__lte=self.sampai)
        return q


@dataclass(frozen=True)
class Ringkasan:
    saldo_awal: Decimal  # the balance before the period, and the saldo awal posted in it
    penerimaan: Decimal
    pengeluaran: Decimal
    # Before the first row of a page: the balance, and the period's spending so far.
    saldo_sebelum: Decimal
    kumulatif_sebelum: Decimal
    serah_terima: Decimal = NOL  # saldo awal entries of the period (in saldo_awal)

    @property
    def saldo_akhir(self) -> Decimal:
        return self.saldo_awal + self.penerimaan - self.pengeluaran

    @property
    def uraian_awal(self) -> str:
        """The opening line's text."""
        if self.serah_terima:
            return "Saldo awal (serah terima dari pengurus sebelumnya)"
        return "Saldo awal"


@dataclass(frozen=True)
class Baris:
    urut: int
    entri: Jurnal
    kode: str
    penerimaan: Decimal | None
    pengeluaran: Decimal | None
    nomor_bukti: str
    kumulatif: Decimal
    saldo: Decimal


def baris(
    entries: Iterable[Jurnal], *, saldo: Decimal, kumulatif: Decimal = NOL, urut: int = 1
) -> Iterator[Baris]:
    """Rows in book order with their running values, from the balance before the first.
    `entries` carry `nilai` (Jurnal.objects.dengan_nilai())."""
    for i, e in enumerate(entries, start=urut):
        saldo += e.bertanda
        masuk = e.sisi == Jurnal.Arah.MASUK
        if not masuk:
            kumulatif += e.nilai
        yield Baris(
            urut=i,
            entri=e,
            kode=kode(e),
            penerimaan=e.nilai if masuk else None,
            pengeluaran=None if masuk else e.nilai,
            nomor_bukti=nomor_bukti(e),
            kumulatif=kumulatif,
            saldo=saldo,
        )


def _saldo_tersimpan(wksbm: Wksbm, saring: Saring) -> Subquery | None:
    """The cached balance of the book's scope, as a scalar subquery (None: not cached)."""
    if saring.dana is not None and saring.kas is not None:
        return None
    if saring.dana is not None:
        rows = Saldo.objects.filter(dana=saring.dana)
    elif saring.kas is not None:
        rows = Saldo.objects.filter(kas=saring.kas)
    else:
        rows = Saldo.objects.filter(dana__wksbm=wksbm)
    # SUM without GROUP BY: one value over the rows (a Func, so Django adds no grouping).
    total = rows.order_by().annotate(t=Func(F("jumlah"), function="SUM", output_field=UANG))
    return Subquery(total.values("t")[:1])


class KasUmum:
    """The book for one WKSBM and one Saring, read as of one journal number."""

    def __init__(self, wksbm: Wksbm, saring: Saring):
        self.wksbm, self.saring = wksbm, saring

    @cached_property
    def _kepala(self) -> tuple[int, Decimal | None]:
        """(last journal number, cached balance of the scope) in one statement."""
        saldo = _saldo_tersimpan(self.wksbm, self.saring)
        rantai, fields = RantaiJurnal.objects.filter(wksbm=self.wksbm), ["nomor_terakhir"]
        if saldo is not None:
            rantai = rantai.annotate(saldo=Tepat(saldo, output_field=UANG))
            fields.append("saldo")
        row = rantai.values(*fields).first() or {"nomor_terakhir": 0, "saldo": NOL}
        return row["nomor_terakhir"], (row["saldo"] if saldo is not None else None)

    @property
    def nomor_terakhir(self) -> int:
        return self._kepala[0]

    def _dasar(self) -> QuerySet[Jurnal]:
        qs = Jurnal.objects.filter(wksbm=self.wksbm, nomor__lte=self.nomor_terakhir)
        if self.saring.dana is not None:
            qs = qs.filter(dana=self.saring.dana)
        if self.saring.kas is not None:
            qs = qs.filter(kas=self.saring.kas)
        return qs

    def entri(self) -> QuerySet[Jurnal]:
        """The rows of the book, in book order (saldo awal entries are in the opening line)."""
        qs = self._dasar().filter(self.saring.periode).exclude(SALDO_AWAL).dengan_nilai()
        qs = qs.order_by("tanggal", "nomor")
        return qs.select_related("dana") if self.saring.dana is None else qs

    def ringkasan(self, *, sebelum: Jurnal | None = None) -> Ringkasan:
        """Opening balance and the period's receipts and spending (with `sebelum`: also the
        running values before that row), in one aggregate query."""
        s, (_, tersimpan) = self.saring, self._kepala
        periode = s.periode
        qs = self._dasar()
        agg = {
            "penerimaan": jumlah(NILAI, periode & PENERIMAAN),
            "pengeluaran": jumlah(NILAI, periode & PENGELUARAN),
            "serah": jumlah(BERTANDA, periode & SALDO_AWAL),
        }
        if s.dari and tersimpan is not None:
            qs = qs.filter(tanggal__gte=s.dari)
            agg["sejak"] = jumlah(BERTANDA)
        else:
            if s.sampai:
                qs = qs.filter(tanggal__lte=s.sampai)
            if s.dari:
                agg["awal"] = jumlah(BERTANDA, Q(tanggal__lt=s.dari))
        if sebelum is not None:
            lebih_dulu = (
                periode
                & ~SALDO_AWAL
                & (
                    Q(tanggal__lt=sebelum.tanggal)
                    | Q(tanggal=sebelum.tanggal, nomor__lt=sebelum.nomor)
                )
            )
            agg["naik"] = jumlah(BERTANDA, lebih_dulu)
            agg["kumulatif"] = jumlah(NILAI, lebih_dulu & PENGELUARAN)
        v = qs.aggregate(**agg)
        awal = (tersimpan - v["sejak"] if "sejak" in v else v.get("awal", NOL)) + v["serah"]
        return Ringkasan(
            saldo_awal=awal,
            penerimaan=v["penerimaan"],
            pengeluaran=v["pengeluaran"],
            saldo_sebelum=awal + v.get("naik", NOL),
            kumulatif_sebelum=v.get("kumulatif", NOL),
            serah_terima=v["serah"],
        )

    def halaman(self, page) -> tuple[list[Baris], Ringkasan]:
        """A page of `entri()` with its running values, and the period's totals."""
        rows = list(page.object_list)
        total = self.ringkasan(sebelum=rows[0] if rows and page.number > 1 else None)
        hasil = baris(
            rows,
            saldo=total.saldo_sebelum,
            kumulatif=total.kumulatif_sebelum,
            urut=page.start_index() or 1,
        )
        return list(hasil), total

    def semua(self, ringkasan: Ringkasan) -> Iterator[Baris]:
        """Every row, streamed from the database in chunks (for the PDF and Excel files)."""
        return baris(self.entri().iterator(chunk_size=2000), saldo=ringkasan.saldo_awal)

    def terbaru(self) -> QuerySet[Jurnal]:
        """The scope's entries newest first (a fund's page), for `halaman_terbaru`."""
        qs = self._dasar().select_related("kas").dengan_nilai()
        return qs.order_by("-tanggal", "-nomor")

    def halaman_terbaru(self, page) -> list[tuple[Jurnal, Decimal]]:
        """A page of `terbaru()` with the balance after each entry, counted back from the
        cached balance; a later page takes off what was posted after its first row."""
        rows, saldo = list(page.object_list), self._kepala[1]
        if rows and page.number > 1:
            r = rows[0]
            lebih_baru = Q(tanggal__gt=r.tanggal) | Q(tanggal=r.tanggal, nomor__gt=r.nomor)
            saldo -= self._dasar().aggregate(t=jumlah(BERTANDA, lebih_baru))["t"]
        hasil = []
        for e in rows:
            hasil.append((e, saldo))
            saldo -= e.bertanda
        return hasil


# --- the book's columns (Excel cells and PDF rows via the shared Column) ---------------------


def kolom(*, semua_dana: bool) -> list[Column]:
    """C.4 columns; over all funds, the fund of each row after the uraian."""
    return [
        Column("urut", "No", kind="int", width=7),
        Column("entri.tanggal", "Tgl", kind="date", width=12),
        Column("kode", "Kode", width=7),
        Column("entri.uraian", "Uraian", width=40),
        *([Column("entri.dana.nama", "Dana", width=18)] if semua_dana else []),
        Column("penerimaan", "Penerimaan", kind="money", width=17),
        Column("pengeluaran", "Pengeluaran", kind="money", width=17),
        Column("nomor_bukti", "No. bukti", width=26),
        Column("kumulatif", "Jumlah kumulatif", kind="money", width=18),
        Column("saldo", "Saldo", kind="money", width=18),
    ]


def _sel(columns: list[Column], nilai: dict) -> list:
    return [nilai.get(c.label) for c in columns]


def sel_saldo_awal(columns: list[Column], saring: Saring, total: Ringkasan) -> list:
    nilai = {"Tgl": saring.dari, "Uraian": total.uraian_awal, "Saldo": total.saldo_awal}
    return _sel(columns, nilai)


def sel_jumlah(columns: list[Column], total: Ringkasan) -> list:
    return _sel(
        columns,
        {
            "No": "JUMLAH",
            "Penerimaan": total.penerimaan,
            "Pengeluaran": total.pengeluaran,
            "Saldo": total.saldo_akhir,
        },
    )


def sel_excel(columns: list[Column], b: Baris) -> list:
    return [c.cell(b) for c in columns]


def baris_html(rows: Iterable[Baris], columns: list[Column]) -> Iterator[str]:
    """The <td> cells of each row, built in Python (see wksbm.books.core.row_html)."""
    for b in rows:
        yield row_html(b, columns)


# --- months ---------------------------------------------------------------------------------


def nama_bulan(tahun: int, bulan: int) -> str:
    return f"{BULAN[bulan - 1]} {tahun}"


def _tanggal(tahun: int, bulan: int) -> date:
    return date(tahun + (bulan - 1) // 12, (bulan - 1) % 12 + 1, 1)


def bulan_berikut(tahun: int, bulan: int) -> date:
    return _tanggal(tahun, bulan + 1)


def dua_belas_bulan(sampai: date) -> list[tuple[int, int]]:
    """The twelve months ending with `sampai`'s month, oldest first."""
    return [
        (d.year, d.month)
        for d in (_tanggal(sampai.year, sampai.month - i) for i in range(11, -1, -1))
    ]


def arus_bulanan(wksbm: Wksbm, dana: Dana, sampai: date) -> list[ArusBulan]:
    """Money in and out of a fund in each of the twelve months ending with `sampai`'s month."""
    bulan = dua_belas_bulan(sampai)
    rows = (
        Jurnal.objects.filter(
            wksbm=wksbm,
            dana=dana,
            tanggal__gte=date(*bulan[0], 1),
            tanggal__lt=bulan_berikut(*bulan[-1]),
        )
        .annotate(tahun=ExtractYear("tanggal"), bulan=ExtractMonth("tanggal"))
        .values("tahun", "bulan")
        .annotate(masuk=jumlah(NILAI, PENERIMAAN), keluar=jumlah(NILAI, PENGELUARAN))
        .order_by()
    )
    per_bulan = {(r["tahun"], r["bulan"]): r for r in rows}
    nol = {"masuk": NOL, "keluar": NOL}
    return [
        ArusBulan(t, b, per_bulan.get((t, b), nol)["masuk"], per_bulan.get((t, b), nol)["keluar"])
        for t, b in bulan
    ]


def arus_bulan(wksbm: Wksbm, tahun: int, bulan: int) -> dict[str, Decimal]:
    """Money in and out over all funds in one month, without the reclassification pairs
    (reversals netted against their side, saldo awal left out)."""
    return (
        Jurnal.objects.filter(wksbm=wksbm, tanggal__gte=date(tahun, bulan, 1))
        .filter(tanggal__lt=bulan_berikut(tahun, bulan))
        .exclude(jenis=Jurnal.Jenis.REKLASIFIKASI)
        .aggregate(masuk=jumlah(NILAI, PENERIMAAN), keluar=jumlah(NILAI, PENGELUARAN))
    )


@dataclass(frozen=True)
class DanaBulan:
    """One fund's line in a month's closing report."""

    dana: Dana
    saldo_awal: Decimal
    penerimaan: Decimal
    pengeluaran: Decimal
    jumlah_entri: int

    @property
    def saldo_akhir(self) -> Decimal:
        return self.saldo_awal + self.penerimaan - self.pengeluaran


def laporan_bulan(wksbm: Wksbm, tahun: int, bulan: int, nomor_terakhir: int) -> list[DanaBulan]:
    """Per fund: opening balance, receipts, spending and entries of the month, counting the
    entries up to `nomor_terakhir` (the chain head when the month was closed)."""
    awal, akhir = date(tahun, bulan, 1), bulan_berikut(tahun, bulan)
    dalam = Q(tanggal__gte=awal)
    rows = (
        Jurnal.objects.filter(wksbm=wksbm, nomor__lte=nomor_terakhir, tanggal__lt=akhir)
        .values("dana")
        .annotate(
            awal=jumlah(BERTANDA, Q(tanggal__lt=awal) | (dalam & SALDO_AWAL)),
            masuk=jumlah(NILAI, dalam & PENERIMAAN),
            keluar=jumlah(NILAI, dalam & PENGELUARAN),
            n=Count("pk", filter=dalam),
        )
        .order_by()
    )
    per_dana = {r["dana"]: r for r in rows}
    hasil = []
    for dana in Dana.objects.filter(wksbm=wksbm).order_by("pk"):
        r = per_dana.get(dana.pk, {"awal": NOL, "masuk": NOL, "keluar": NOL, "n": 0})
        if not dana.aktif and not any((r["awal"], r["n"])):
            continue
        hasil.append(DanaBulan(dana, r["awal"], r["masuk"], r["keluar"], r["n"]))
    return hasil


@dataclass
class StatusBulan:
    """A month of the journal: its entries and its closing history (newest event first)."""

    tahun: int
    bulan: int
    jumlah_entri: int = 0
    penerimaan: Decimal = NOL
    pengeluaran: Decimal = NOL
    riwayat: list[TutupBuku] = field(default_factory=list)
    berakhir: bool = False  # only a finished month can be closed

    @property
    def nama(self) -> str:
        return f"{BULAN[self.bulan - 1]} {self.tahun}"

    @property
    def ditutup(self) -> bool:
        return bool(self.riwayat) and self.riwayat[0].aksi == TutupBuku.Aksi.TUTUP

    @property
    def penutupan(self) -> TutupBuku | None:
        """The closing in force (None while the month is open)."""
        return self.riwayat[0] if self.ditutup else None


def status_bulan(wksbm: Wksbm, hari_ini: date) -> list[StatusBulan]:
    """Every month with entries or closing events, and the current one, newest first
    (two queries: entries per month, and the closing events)."""
    per_bulan: dict[tuple[int, int], StatusBulan] = {}
    rows = (
        Jurnal.objects.filter(wksbm=wksbm)
        .annotate(tahun=ExtractYear("tanggal"), bulan=ExtractMonth("tanggal"))
        .values("tahun", "bulan")
        .annotate(
            n=Count("pk"),
            masuk=jumlah(NILAI, PENERIMAAN),
            keluar=jumlah(NILAI, PENGELUARAN),
        )
        .order_by()
    )
    for r in rows:
        key = (r["tahun"], r["bulan"])
        per_bulan[key] = StatusBulan(*key, r["n"], r["masuk"], r["keluar"])
    per_bulan.setdefault(
        (hari_ini.year, hari_ini.month), StatusBulan(hari_ini.year, hari_ini.month)
    )
    events = TutupBuku.objects.filter(wksbm=wksbm).select_related("oleh").order_by("-pada", "-id")
    for e in events:
        per_bulan.setdefault((e.tahun, e.bulan), StatusBulan(e.tahun, e.bulan)).riwayat.append(e)
    for key, status in per_bulan.items():
        status.berakhir = key < (hari_ini.year, hari_ini.month)
    return [per_bulan[k] for k in sorted(per_bulan, reverse=True)]


@dataclass(frozen=True)
class PeriodeBuku:
    """For the finance home: the month being posted, the last closed month, and the finished
    months still open since then (with entries) or reopened. Older months never closed show
    on the tutup buku page: finding them here would read the whole journal on every visit."""

    berjalan: str
    terakhir_ditutup: TutupBuku | None
    belum_ditutup: list[str]

    @property
    def nama_ditutup(self) -> str:
        t = self.terakhir_ditutup
        return nama_bulan(t.tahun, t.bulan) if t else ""


def periode_buku(wksbm: Wksbm, hari_ini: date) -> PeriodeBuku:
    """Two queries: the closing events, and the months with entries since the last closing."""
    terakhir: dict[tuple[int, int], TutupBuku] = {}
    for e in TutupBuku.objects.filter(wksbm=wksbm).select_related("oleh").order_by("-pada", "-id"):
        terakhir.setdefault((e.tahun, e.bulan), e)
    ditutup = sorted(k for k, e in terakhir.items() if e.aksi == TutupBuku.Aksi.TUTUP)
    dibuka = {k for k, e in terakhir.items() if e.aksi == TutupBuku.Aksi.BUKA}
    awal_bulan = hari_ini.replace(day=1)
    sejak = bulan_berikut(*ditutup[-1]) if ditutup else None
    bulan_entri = Jurnal.objects.filter(wksbm=wksbm, tanggal__lt=awal_bulan)
    if sejak is not None:
        bulan_entri = bulan_entri.filter(tanggal__gte=sejak)
    terbuka = dibuka | {(d.year, d.month) for d in bulan_entri.dates("tanggal", "month")}
    terbuka = {k for k in terbuka if k < (hari_ini.year, hari_ini.month)}
    return PeriodeBuku(
        berjalan=nama_bulan(hari_ini.year, hari_ini.month),
        terakhir_ditutup=terakhir[ditutup[-1]] if ditutup else None,
        belum_ditutup=[nama_bulan(*k) for k in sorted(terbuka)],
    )
