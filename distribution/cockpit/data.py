"""The Dinas Sosial's figures for an area and a period: a few GROUP BY queries, never a loop
over WKSBMs.

`rekap(area, periode)` groups every figure by the area's next level down (a kabupaten's
kapanewon/kecamatan, a kapanewon's kalurahan/desa, a kalurahan's WKSBMs) or by WKSBM for the
recap file, and by month for the trends. Five queries whatever the number of WKSBMs:

1. the WKSBMs of the area, with their region, their last submitted laporan, their aktif PPKS
   and the PPKS served in the period (correlated counts per WKSBM, on indexed columns);
2. aktif PPKS and PPKS served (a semi-join on the hand-overs) per group and PPKS category;
3. the journal per group, month, side, sumber and jenis kegiatan (money in and out);
4. hand-overs per group, month and bentuk (money and goods distributed);
5. kegiatan per group, month and jenis.

Only numbers leave this module: no PPKS name or NIK is ever read.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Concat, TruncMonth

from finance.models import Jurnal, Sumber
from finance.models import Kegiatan as JenisPengeluaran
from finance.models.jurnal import NILAI, PENERIMAAN, PENGELUARAN
from registry.access import wksbm_visible
from registry.models import Ppks, PpksKategori, Wksbm
from wksbm.formatting import BULAN

from ..models import JenisKegiatan, Kegiatan, Laporan, Penerima, Penyaluran
from .periode import Periode, periode

NOL = Decimal(0)

# Laporan that count as reported: submitted once (a revision keeps its submitted version).
DILAPORKAN = (*Laporan.TERKUNCI, Laporan.Status.DIREVISI)


@dataclass(frozen=True)
class Area:
    """Where the cockpit looks: the user's whole area or one region of it."""

    kode: str | None  # None: every region the user reads
    nama: str
    kunci: str  # group by this Wksbm path: the next level down
    tingkat_anak: str  # the name of that level ("kapanewon", "kalurahan", "WKSBM")
    q_wksbm: Q  # the area, as a filter on Wksbm
    induk: tuple[tuple[str, str | None], ...] = ()  # (label, wilayah code) breadcrumbs

    @property
    def dinas(self) -> str:
        """The heading of a printed recap: the Dinas Sosial of the kabupaten or province."""
        if self.induk:
            return f"Dinas Sosial {self.induk[0][0]}"
        if self.kode and len(self.kode) <= 5:
            return f"Dinas Sosial {self.nama}"
        return "Dinas Sosial"


@dataclass
class Angka:
    """The figures of one group (a region or a WKSBM), or of the whole area."""

    status: Counter = field(default_factory=Counter)
    ppks: int = 0
    dilayani: int = 0
    kategori: Counter = field(default_factory=Counter)
    kategori_dilayani: Counter = field(default_factory=Counter)
    masuk: defaultdict = field(default_factory=lambda: defaultdict(Decimal))
    keluar: defaultdict = field(default_factory=lambda: defaultdict(Decimal))
    serah: Counter = field(default_factory=Counter)  # hand-overs per bentuk
    uang: Decimal = NOL  # money handed to PPKS
    natura: Decimal = NOL  # goods from stock (kg)
    kegiatan: Counter = field(default_factory=Counter)
    peserta: int = 0

    @property
    def wksbm(self) -> int:
        return sum(self.status.values())

    @property
    def total_masuk(self) -> Decimal:
        return sum(self.masuk.values(), NOL)

    @property
    def total_keluar(self) -> Decimal:
        return sum(self.keluar.values(), NOL)


@dataclass
class Kelompok:
    kunci: str | int
    nama: str
    wilayah: str | None  # the region code to drill into (None for a WKSBM)
    wksbm: int | None = None  # the WKSBM of a per-WKSBM row
    angka: Angka = field(default_factory=Angka)


@dataclass
class Bulan:
    tahun: int
    bulan: int
    masuk: Decimal = NOL
    keluar: Decimal = NOL
    uang: Decimal = NOL
    serah: int = 0
    kegiatan: int = 0

    @property
    def nama(self) -> str:
        return f"{BULAN[self.bulan - 1]} {self.tahun}"


@dataclass(frozen=True)
class Kolom:
    kunci: str
    label: str
    kind: str = "int"  # excel kinds: int, money, decimal


@dataclass
class Tabel:
    """One table: a row per group and a JUMLAH row, as the page, PDF and Excel file show it."""

    kunci: str
    judul: str
    kolom: list[Kolom]
    baris: list[tuple[Kelompok, list]]
    jumlah: list


@dataclass
class Rekap:
    area: Area
    periode: Periode
    kelompok: list[Kelompok]
    total: Angka
    bulan: list[Bulan]
    wksbm: list[dict]  # the area's WKSBMs: id, nama, status, region names, last laporan
    kategori: dict[str, str]  # kode -> nama, of the categories with figures
    tidak_aktif_sejak: date

    def tabel(self) -> list[Tabel]:
        return _tabel(self)


# --- the WKSBMs and their status ---------------------------------------------------------------


def dua_periode_lalu(p: Periode) -> date:
    """The start of the quarter before the one the period ends in: a WKSBM that reported
    nothing since then has missed two quarterly reports."""
    ke = (p.sampai.month - 1) // 3 + 1
    tahun, ke = (p.sampai.year, ke - 1) if ke > 1 else (p.sampai.year - 1, 4)
    return periode("triwulan", tahun, ke).dari


def status_wksbm(w: dict, sejak: date) -> str:
    """penumbuhan, aktif, tidak_aktif (aktif, but no laporan for two periods), nonaktif."""
    if w["status"] == Wksbm.Status.AKTIF and (
        w["laporan_akhir"] is None or w["laporan_akhir"] < sejak
    ):
        return "tidak_aktif"
    return w["status"]


STATUS = {
    "penumbuhan": "Penumbuhan",
    "aktif": "Aktif",
    "tidak_aktif": "Tidak aktif",
    "nonaktif": "Nonaktif (SK dicabut)",
}


def wksbm_area(user, area: Area):
    """The area's WKSBMs the user may see (registry.access)."""
    return wksbm_visible(user).filter(area.q_wksbm)


def _daftar_wksbm(user, area: Area, p: Periode) -> list[dict]:
    """The area's WKSBMs with their region, their last reported day, their aktif PPKS and the
    PPKS served in the period (correlated counts on indexed columns: one query)."""
    ppks = (
        Ppks.objects.filter(wksbm=OuterRef("pk"), status=Ppks.Status.AKTIF)
        .order_by()
        .values("wksbm")
        .annotate(n=Count("pk"))
        .values("n")
    )
    dilayani = (
        Penerima.objects.filter(
            penyaluran__wksbm=OuterRef("pk"),
            status=Penerima.Status.DISERAHKAN,
            tanggal_serah__gte=p.dari,
            tanggal_serah__lte=p.sampai,
        )
        .order_by()
        .values("penyaluran__wksbm")
        .annotate(n=Count("ppks", distinct=True))
        .values("n")
    )
    terakhir = (
        Laporan.objects.filter(wksbm=OuterRef("pk"), status__in=DILAPORKAN)
        .order_by()
        .values("wksbm")
        .annotate(m=Max("akhir"))
        .values("m")
    )
    return list(
        wksbm_area(user, area)
        .annotate(
            laporan_akhir=Subquery(terakhir),
            ppks=Coalesce(Subquery(ppks), 0),
            dilayani=Coalesce(Subquery(dilayani), 0),
        )
        .values(
            "ppks",
            "dilayani",
            "id",
            "nama",
            "status",
            "laporan_akhir",
            "desa_id",
            "desa__nama",
            "desa__kecamatan_id",
            "desa__kecamatan__nama",
            "desa__kecamatan__kabupaten_id",
            "desa__kecamatan__kabupaten__nama",
        )
        .order_by("desa__kecamatan__kabupaten_id", "desa__kecamatan_id", "desa_id", "nama", "id")
    )


# Per group level: the key of a WKSBM row, its name, whether it drills down further.
_LEVEL = {
    "desa__kecamatan__kabupaten_id": ("desa__kecamatan__kabupaten__nama", True),
    "desa__kecamatan_id": ("desa__kecamatan__nama", True),
    "desa_id": ("desa__nama", True),
    "id": ("nama", False),
}


# --- the figures ---------------------------------------------------------------------------------


def _di(qs, user, path: str, area: Area, kunci: str):
    """`qs` restricted to the area's visible WKSBMs, with the group key as `g`."""
    qs = qs.filter(**{f"{path}__in": wksbm_area(user, area).values("pk")})
    return qs.values(g=F(f"{path}__{kunci}"))


def rekap(user, area: Area, p: Periode, *, kunci: str | None = None) -> Rekap:
    """Every figure of the area in period `p`, grouped by `kunci` (a Wksbm path; default the
    area's next level down)."""
    kunci = kunci or area.kunci
    nama_kunci, turun = _LEVEL[kunci]
    daftar = _daftar_wksbm(user, area, p)
    sejak = dua_periode_lalu(p)
    groups: dict = {}
    for w in daftar:
        g = w[kunci]
        if g not in groups:
            groups[g] = Kelompok(g, w[nama_kunci], g if turun else None, None if turun else w["id"])
        a = groups[g].angka
        a.status[status_wksbm(w, sejak)] += 1
        a.ppks += w["ppks"]
        a.dilayani += w["dilayani"]
    total = Angka()
    for k in groups.values():
        total.status.update(k.angka.status)
        total.ppks += k.angka.ppks
        total.dilayani += k.angka.dilayani

    def ke(g) -> Angka:
        k = groups.get(g)
        return k.angka if k is not None else Angka()  # pragma: no cover (scoped alike)

    rentang = {"tanggal_serah__gte": p.dari, "tanggal_serah__lte": p.sampai}
    # 2. aktif PPKS and PPKS served (a hand-over in the period) per group and category, in one
    # pass over the categories (a PPKS of two categories counts in each). Served is a semi-join
    # on the period's hand-overs: one row per PPKS and category, so a count is of people.
    kategori = {}
    aktif = Q(ppks__status=Ppks.Status.AKTIF)
    serah = Penerima.objects.filter(
        penyaluran__wksbm__in=wksbm_area(user, area).values("pk"),  # a small hash, not the nation
        status=Penerima.Status.DISERAHKAN,
        **rentang,
    )
    dilayani = Q(ppks__in=serah.values("ppks"))
    for r in (
        _di(PpksKategori.objects.all(), user, "ppks__wksbm", area, kunci)
        .values("g", "kategori_id")
        # Grouped on two short keys (a hash aggregate); the names ride along as Max(). The
        # counts read the (ppks, kategori) unique index: no visit to the table's rows.
        .annotate(
            n=Count("ppks", filter=aktif),
            dilayani=Count("ppks", filter=dilayani),
            kode=Max("kategori__kode"),
            nomor=Max("kategori__nomor"),
            nama=Max("kategori__nama"),
        )
        .order_by()
    ):
        if not (r["n"] or r["dilayani"]):
            continue  # only PPKS no longer aktif and not served: no figure to show
        kategori[r["kode"]] = (r["nomor"], r["nama"])
        for a in (ke(r["g"]), total):
            if r["n"]:
                a.kategori[r["kode"]] += r["n"]
            if r["dilayani"]:
                a.kategori_dilayani[r["kode"]] += r["dilayani"]
    kategori = {k: v[1] for k, v in sorted(kategori.items(), key=lambda kv: (kv[1][0], kv[0]))}
    bulan = {(t, b): Bulan(t, b) for t, b in p.bulan()}

    def pada(d) -> Bulan:
        return bulan[(d.year, d.month)]

    # 3. money in by sumber and out by jenis kegiatan; a reversal nets against its original
    # (it carries the original's sumber/kegiatan on the other side), reclassifications between
    # funds and opening balances are not money raised or spent.
    # One key per row: an entry has either a sumber (a receipt) or a jenis kegiatan (a
    # spending), so the journal groups on three short keys (a hash aggregate).
    jurnal = (
        _di(Jurnal.objects.all(), user, "wksbm", area, kunci)
        .filter(tanggal__gte=p.dari, tanggal__lte=p.sampai)
        .filter(jenis__in=[Jurnal.Jenis.BIASA, Jurnal.Jenis.PEMBATALAN])
        .annotate(m=TruncMonth("tanggal"), kode=Concat("sumber", "kegiatan"))
        .values("g", "m", "kode")
        .annotate(
            masuk=Sum(NILAI, filter=PENERIMAAN, default=NOL),
            keluar=Sum(NILAI, filter=PENGELUARAN, default=NOL),
        )
        .order_by()
    )
    for r in jurnal:
        if not r["kode"]:  # pragma: no cover (every receipt has a sumber, spending a jenis)
            continue
        for a in (ke(r["g"]), total):
            if r["masuk"]:
                a.masuk[r["kode"]] += r["masuk"]
            if r["keluar"]:
                a.keluar[r["kode"]] += r["keluar"]
        pada(r["m"]).masuk += r["masuk"]
        pada(r["m"]).keluar += r["keluar"]
    # 4. hand-overs
    for r in (
        _di(Penerima.objects.all(), user, "penyaluran__wksbm", area, kunci)
        .filter(
            status=Penerima.Status.DISERAHKAN,
            tanggal_serah__gte=p.dari,
            tanggal_serah__lte=p.sampai,
        )
        .annotate(m=TruncMonth("tanggal_serah"), bentuk=F("penyaluran__bentuk"))
        .values("g", "m", "bentuk")
        .annotate(n=Count("pk"), uang=Sum("jumlah"), banyak=Sum("banyak"))
        .order_by()
    ):
        uang = r["uang"] or NOL if r["bentuk"] == Penyaluran.Bentuk.UANG else NOL
        natura = r["banyak"] or NOL if r["bentuk"] == Penyaluran.Bentuk.NATURA else NOL
        for a in (ke(r["g"]), total):
            a.serah[r["bentuk"]] += r["n"]
            a.uang += uang
            a.natura += natura
        pada(r["m"]).serah += r["n"]
        pada(r["m"]).uang += uang
    # 5. kegiatan
    peserta = sum(
        (F(f"peserta_{u}_{s}") for u in ("anak", "dewasa", "lansia") for s in "lp"), start=0
    )
    for r in (
        _di(Kegiatan.objects.all(), user, "wksbm", area, kunci)
        .filter(tanggal__gte=p.dari, tanggal__lte=p.sampai)
        .annotate(m=TruncMonth("tanggal"))
        .values("g", "m", "jenis")
        .annotate(n=Count("pk"), peserta=Sum(peserta))
        .order_by()
    ):
        for a in (ke(r["g"]), total):
            a.kegiatan[r["jenis"]] += r["n"]
            a.peserta += r["peserta"] or 0
        pada(r["m"]).kegiatan += r["n"]
    return Rekap(
        area=area,
        periode=p,
        kelompok=list(groups.values()),
        total=total,
        bulan=list(bulan.values()),
        wksbm=daftar,
        kategori=kategori,
        tidak_aktif_sejak=sejak,
    )


# --- the tables ----------------------------------------------------------------------------------


def _tabel(r: Rekap) -> list[Tabel]:
    def tabel(kunci, judul, kolom: list[Kolom], nilai) -> Tabel:
        baris = [(k, [nilai(k.angka, c.kunci) for c in kolom]) for k in r.kelompok]
        return Tabel(kunci, judul, kolom, baris, [nilai(r.total, c.kunci) for c in kolom])

    status = [Kolom(k, v) for k, v in STATUS.items()] + [Kolom("jumlah", "Jumlah WKSBM")]
    kategori = [Kolom(k, f"{k} – {v}") for k, v in r.kategori.items()]
    pakai_masuk = [v for v, _ in Sumber.choices if r.total.masuk.get(v)]
    pakai_keluar = [v for v, _ in JenisPengeluaran.choices if r.total.keluar.get(v)]
    label_sumber, label_keluar = dict(Sumber.choices), dict(JenisPengeluaran.choices)
    return [
        tabel(
            "wksbm",
            "WKSBM menurut status",
            status,
            lambda a, c: a.wksbm if c == "jumlah" else a.status[c],
        ),
        tabel(
            "ppks",
            "PPKS aktif menurut kategori",
            [*kategori, Kolom("jumlah", "Jumlah PPKS aktif")],
            lambda a, c: a.ppks if c == "jumlah" else a.kategori[c],
        ),
        tabel(
            "dilayani",
            "PPKS terlayani (menerima bantuan dalam periode) menurut kategori",
            [*kategori, Kolom("jumlah", "Jumlah PPKS terlayani")],
            lambda a, c: a.dilayani if c == "jumlah" else a.kategori_dilayani[c],
        ),
        tabel(
            "masuk",
            "Dana terhimpun menurut sumber",
            [Kolom(v, label_sumber[v], "money") for v in pakai_masuk]
            + [Kolom("jumlah", "Jumlah", "money")],
            lambda a, c: a.total_masuk if c == "jumlah" else a.masuk.get(c, NOL),
        ),
        tabel(
            "keluar",
            "Pengeluaran menurut jenis kegiatan",
            [Kolom(v, label_keluar[v], "money") for v in pakai_keluar]
            + [Kolom("jumlah", "Jumlah", "money")],
            lambda a, c: a.total_keluar if c == "jumlah" else a.keluar.get(c, NOL),
        ),
        tabel(
            "salur",
            "Bantuan tersalur kepada PPKS menurut bentuk",
            [Kolom(v, f"{label} (penyerahan)") for v, label in Penyaluran.Bentuk.choices]
            + [
                Kolom("rupiah", "Uang tersalur", "money"),
                Kolom("kg", "Natura tersalur (kg)", "decimal"),
            ],
            lambda a, c: a.uang if c == "rupiah" else a.natura if c == "kg" else a.serah[c],
        ),
        tabel(
            "kegiatan",
            "Kegiatan menurut jenis",
            [Kolom(v, label) for v, label in JenisKegiatan.choices]
            + [Kolom("jumlah", "Jumlah kegiatan"), Kolom("peserta", "Peserta")],
            lambda a, c: (
                sum(a.kegiatan.values())
                if c == "jumlah"
                else a.peserta
                if c == "peserta"
                else a.kegiatan[c]
            ),
        ),
    ]
