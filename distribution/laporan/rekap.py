"""The figures of a laporan, compiled from the books (never typed twice).

`susun(wksbm, periode)` reads the period once and returns a Rekap: plain dataclasses that the
page, the PDF and the Excel file all render (through `Rekap.tabel()`), and that a submitted
version stores as JSON (`Rekap.data()`). Each part is one aggregate query:

- kegiatan by jenis, with participants (distribution Kegiatan dated in the period);
- penyaluran planned vs delivered, by bentuk, fund, PPKS category and asnaf (the recipient
  rows of the rounds dated in the period; a cancelled hand-over counts nowhere);
- rujukan made in the period, by their status now;
- pemasukan by sumber and pengeluaran by jenis kegiatan (the journal's two sides, reversals
  netted with their originals, reclassifications between funds left out);
- per fund: the opening balance (everything before the period, and a saldo awal handed over
  in it), receipts, spending (reclassifications included) and the closing balance;
- per PPKS category: aktif PPKS, PPKS served in the period (aid handed over or referred),
  and those still without help since the period began (distribution.bantuan.belum_terbantu).
"""

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from finance.chart import ArusBulan
from finance.kasumum import BERTANDA, dua_belas_bulan
from finance.kasumum import jumlah as uang
from finance.models import Asnaf, Dana, Jurnal, Sumber
from finance.models import Kegiatan as JenisPengeluaran
from finance.models.jurnal import NILAI, PENERIMAAN, PENGELUARAN, SALDO_AWAL
from registry.models import Ppks, PpksKategori, Wksbm
from wksbm.formatting import angka, rupiah
from wksbm.models import Jumlah

from ..bantuan import belum_terbantu
from ..models import JenisKegiatan, Kegiatan, Penerima, Penyaluran, Rujukan
from ..models.laporan import nama_periode

NOL = Decimal(0)


@dataclass(frozen=True)
class Periode:
    jenis: str
    mulai: date
    akhir: date

    @property
    def nama(self) -> str:
        return nama_periode(self.jenis, self.mulai)

    @property
    def q(self) -> Q:
        return Q(tanggal__gte=self.mulai, tanggal__lte=self.akhir)


@dataclass(frozen=True)
class BarisKegiatan:
    jenis: str
    kegiatan: int
    peserta_l: int
    peserta_p: int

    @property
    def peserta(self) -> int:
        return self.peserta_l + self.peserta_p


@dataclass(frozen=True)
class BarisPenyaluran:
    nama: str
    penerima_rencana: int
    penerima_tersalur: int
    uang_rencana: Decimal
    uang_tersalur: Decimal
    natura_rencana: Decimal  # kg of goods from stock
    natura_tersalur: Decimal


@dataclass(frozen=True)
class BarisJumlah:
    nama: str
    banyak: int
    jumlah: Decimal


@dataclass(frozen=True)
class BarisDana:
    dana: str
    saldo_awal: Decimal
    penerimaan: Decimal
    pengeluaran: Decimal

    @property
    def saldo_akhir(self) -> Decimal:
        return self.saldo_awal + self.penerimaan - self.pengeluaran


@dataclass(frozen=True)
class BarisPpks:
    kode: str
    kategori: str
    terdaftar: int  # aktif PPKS of the category
    terlayani: int  # served in the period (aid handed over or referred)
    belum: int  # aktif and without aid or referral since the period began


@dataclass(frozen=True)
class Kolom:
    label: str
    kind: str = "text"  # excel kinds: text, int, money, decimal


def tampil(kind: str, nilai) -> str:
    if kind == "money":
        return rupiah(nilai)
    if kind in ("int", "decimal"):
        return angka(nilai)
    return str(nilai)


@dataclass(frozen=True)
class Tabel:
    """One table of the laporan, as the page, PDF and Excel file show it."""

    kunci: str
    judul: str
    kolom: tuple[Kolom, ...]
    baris: list[list]
    jumlah: list | None = None

    def _teks(self, row: list) -> list[tuple[str, bool]]:
        """(text, is a number) per cell."""
        return [(tampil(k.kind, v), k.kind != "text") for k, v in zip(self.kolom, row, strict=True)]

    def baris_tampil(self) -> list[list[tuple[str, bool]]]:
        return [self._teks(r) for r in self.baris]

    def jumlah_tampil(self) -> list[tuple[str, bool]] | None:
        if self.jumlah is None:
            return None
        return [("JUMLAH", False), *self._teks(self.jumlah)[1:]]


@dataclass
class Rekap:
    wksbm: str
    periode: Periode
    kegiatan: list[BarisKegiatan]
    penyaluran: dict[str, list[BarisPenyaluran]]  # by: bentuk, dana, kategori, asnaf
    rujukan: list[BarisJumlah]
    pemasukan: list[BarisJumlah]
    pengeluaran: list[BarisJumlah]
    dana: list[BarisDana]
    ppks: list[BarisPpks]
    arus: list[ArusBulan] = field(default_factory=list)

    @property
    def total_pemasukan(self) -> Decimal:
        return sum((b.jumlah for b in self.pemasukan), NOL)

    @property
    def total_pengeluaran(self) -> Decimal:
        return sum((b.jumlah for b in self.pengeluaran), NOL)

    def tabel(self) -> list[Tabel]:
        return _tabel(self)

    def data(self) -> dict:
        """JSON-ready figures (Decimal and date by DjangoJSONEncoder) of a frozen version."""
        d = asdict(self)
        d["periode"]["nama"] = self.periode.nama
        d["dana_akhir"] = {b.dana: b.saldo_akhir for b in self.dana}
        d["tabel"] = [asdict(t) for t in self.tabel()]
        return d


# --- compile ---------------------------------------------------------------------------------


def _bulan_periode(periode: Periode) -> list[tuple[int, int]]:
    semua = dua_belas_bulan(periode.akhir)
    return [(t, b) for t, b in semua if date(t, b, 1) >= periode.mulai.replace(day=1)]


def _kegiatan(wksbm: Wksbm, periode: Periode) -> list[BarisKegiatan]:
    rows = (
        Kegiatan.objects.filter(periode.q, wksbm=wksbm)
        .values("jenis")
        .annotate(
            n=Count("pk"),
            l=Sum("peserta_anak_l") + Sum("peserta_dewasa_l") + Sum("peserta_lansia_l"),
            p=Sum("peserta_anak_p") + Sum("peserta_dewasa_p") + Sum("peserta_lansia_p"),
        )
        .order_by()
    )
    per = {r["jenis"]: r for r in rows}
    nol = {"n": 0, "l": 0, "p": 0}
    return [
        BarisKegiatan(label, per.get(v, nol)["n"], per.get(v, nol)["l"], per.get(v, nol)["p"])
        for v, label in JenisKegiatan.choices
    ]


def _penyaluran(wksbm: Wksbm, periode: Periode) -> dict[str, list[BarisPenyaluran]]:
    rows = Penerima.objects.filter(
        penyaluran__wksbm=wksbm,
        penyaluran__tanggal__gte=periode.mulai,
        penyaluran__tanggal__lte=periode.akhir,
    ).exclude(status=Penerima.Status.DIBATALKAN)
    tersalur = Q(status=Penerima.Status.DISERAHKAN)
    natura = Q(penyaluran__bentuk=Penyaluran.Bentuk.NATURA)
    agg = {
        "rn": Count("pk", distinct=True),
        "tn": Count("pk", filter=tersalur, distinct=True),
        "ru": Jumlah("jumlah"),
        "tu": Jumlah("jumlah", filter=tersalur),
        "rk": Jumlah("banyak", filter=natura),
        "tk": Jumlah("banyak", filter=natura & tersalur),
    }

    def per(key: str, label, base=rows) -> list[BarisPenyaluran]:
        hasil = []
        for r in base.values(key).annotate(**agg).order_by(key):
            hasil.append(
                BarisPenyaluran(label(r[key]), r["rn"], r["tn"], r["ru"], r["tu"], r["rk"], r["tk"])
            )
        return hasil

    bentuk = dict(Penyaluran.Bentuk.choices)
    asnaf = dict(Asnaf.choices)
    return {
        "bentuk": per("penyaluran__bentuk", lambda v: bentuk.get(v, v)),
        "dana": per("dana__nama", lambda v: v or "Tanpa dana (barang/jasa)"),
        "kategori": per("ppks__asesmen__kategori__nama", lambda v: v or "Tanpa kategori"),
        "asnaf": per("asnaf", lambda v: asnaf.get(v, v), rows.exclude(asnaf="")),
    }


def _rujukan(wksbm: Wksbm, periode: Periode) -> list[BarisJumlah]:
    rows = dict(
        Rujukan.objects.filter(periode.q, wksbm=wksbm)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("status", "n")
    )
    return [BarisJumlah(label, rows.get(v, 0), NOL) for v, label in Rujukan.Status.choices]


def _jurnal(wksbm: Wksbm, periode: Periode):
    return Jurnal.objects.filter(periode.q, wksbm=wksbm).exclude(jenis=Jurnal.Jenis.REKLASIFIKASI)


def _per_kode(qs, key: str, choices) -> list[BarisJumlah]:
    rows = {r[key]: r for r in qs.values(key).annotate(n=Count("pk"), t=uang(NILAI)).order_by()}
    nol = {"n": 0, "t": NOL}
    return [
        BarisJumlah(label, rows.get(v, nol)["n"], rows.get(v, nol)["t"]) for v, label in choices
    ]


def _dana(wksbm: Wksbm, periode: Periode) -> list[BarisDana]:
    dalam = periode.q
    rows = (
        Jurnal.objects.filter(wksbm=wksbm, tanggal__lte=periode.akhir)
        .values("dana")
        .annotate(
            awal=uang(BERTANDA, Q(tanggal__lt=periode.mulai) | (dalam & SALDO_AWAL)),
            masuk=uang(NILAI, dalam & PENERIMAAN),
            keluar=uang(NILAI, dalam & PENGELUARAN),
            n=Count("pk"),
        )
        .order_by()
    )
    per = {r["dana"]: r for r in rows}
    hasil = []
    for d in Dana.objects.filter(wksbm=wksbm).order_by("pk"):
        r = per.get(d.pk)
        if r is None and not d.aktif:
            continue
        r = r or {"awal": NOL, "masuk": NOL, "keluar": NOL}
        hasil.append(BarisDana(d.nama, r["awal"], r["masuk"], r["keluar"]))
    return hasil


def _ppks(wksbm: Wksbm, periode: Periode) -> list[BarisPpks]:
    dibantu = Penerima.objects.filter(
        penyaluran__wksbm=wksbm,
        status=Penerima.Status.DISERAHKAN,
        tanggal_serah__gte=periode.mulai,
        tanggal_serah__lte=periode.akhir,
    ).values("ppks_id")
    dirujuk = Rujukan.objects.filter(periode.q, wksbm=wksbm).values("ppks_id")
    belum = belum_terbantu(wksbm, periode.mulai).values("pk")
    aktif = Q(ppks__status=Ppks.Status.AKTIF)
    rows = (
        PpksKategori.objects.filter(ppks__wksbm=wksbm)
        .values("kategori__nomor", "kategori__kode", "kategori__nama")
        .annotate(
            terdaftar=Count("ppks", distinct=True, filter=aktif),
            terlayani=Count(
                "ppks", distinct=True, filter=Q(ppks__in=dibantu) | Q(ppks__in=dirujuk)
            ),
            belum=Count("ppks", distinct=True, filter=Q(ppks__in=belum)),
        )
        .order_by("kategori__nomor", "kategori__kode")
    )
    return [
        BarisPpks(
            r["kategori__kode"], r["kategori__nama"], r["terdaftar"], r["terlayani"], r["belum"]
        )
        for r in rows
        if r["terdaftar"] or r["terlayani"]
    ]


def _arus(wksbm: Wksbm, periode: Periode) -> list[ArusBulan]:
    """Money in and out per month of the period (for the chart)."""
    rows = (
        _jurnal(wksbm, periode)
        .annotate(tahun=ExtractYear("tanggal"), bulan=ExtractMonth("tanggal"))
        .values("tahun", "bulan")
        .annotate(masuk=uang(NILAI, PENERIMAAN), keluar=uang(NILAI, PENGELUARAN))
        .order_by()
    )
    per = {(r["tahun"], r["bulan"]): r for r in rows}
    nol = {"masuk": NOL, "keluar": NOL}
    return [
        ArusBulan(t, b, per.get((t, b), nol)["masuk"], per.get((t, b), nol)["keluar"])
        for t, b in _bulan_periode(periode)
    ]


def susun(wksbm: Wksbm, periode: Periode) -> Rekap:
    """Every figure of the laporan of `wksbm` for `periode`, from the books."""
    jurnal = _jurnal(wksbm, periode)
    return Rekap(
        wksbm=wksbm.nama,
        periode=periode,
        kegiatan=_kegiatan(wksbm, periode),
        penyaluran=_penyaluran(wksbm, periode),
        rujukan=_rujukan(wksbm, periode),
        pemasukan=_per_kode(jurnal.penerimaan(), "sumber", Sumber.choices),
        pengeluaran=_per_kode(jurnal.pengeluaran(), "kegiatan", JenisPengeluaran.choices),
        dana=_dana(wksbm, periode),
        ppks=_ppks(wksbm, periode),
        arus=_arus(wksbm, periode),
    )


def periode_laporan(laporan) -> Periode:
    return Periode(laporan.jenis_periode, laporan.mulai, laporan.akhir)


# --- the tables ------------------------------------------------------------------------------

_PENYALURAN = {
    "bentuk": "Penyaluran menurut bentuk",
    "dana": "Penyaluran menurut dana",
    "kategori": "Penyaluran per kategori PPKS",
    "asnaf": "Penyaluran zakat menurut asnaf",
}
_JUDUL_KELOMPOK = {
    "bentuk": "Bentuk",
    "dana": "Dana",
    "kategori": "Kategori PPKS",
    "asnaf": "Asnaf",
}


def _jumlahkan(rows: list[list], dari: int) -> list:
    return (
        ["JUMLAH", *(sum((r[i] for r in rows), 0) for i in range(dari, len(rows[0])))]
        if rows
        else None
    )


def _tabel(r: Rekap) -> list[Tabel]:
    hasil = []
    kegiatan = [[b.jenis, b.kegiatan, b.peserta_l, b.peserta_p, b.peserta] for b in r.kegiatan]
    hasil.append(
        Tabel(
            "kegiatan",
            "Kegiatan menurut jenis",
            (
                Kolom("Jenis kegiatan"),
                Kolom("Jumlah kegiatan", "int"),
                Kolom("Peserta laki-laki", "int"),
                Kolom("Peserta perempuan", "int"),
                Kolom("Jumlah peserta", "int"),
            ),
            kegiatan,
            _jumlahkan(kegiatan, 1),
        )
    )
    for kunci, judul in _PENYALURAN.items():
        rows = [
            [
                b.nama,
                b.penerima_rencana,
                b.penerima_tersalur,
                b.uang_rencana,
                b.uang_tersalur,
                b.natura_rencana,
                b.natura_tersalur,
            ]
            for b in r.penyaluran[kunci]
        ]
        hasil.append(
            Tabel(
                f"penyaluran_{kunci}",
                judul,
                (
                    Kolom(_JUDUL_KELOMPOK[kunci]),
                    Kolom("Penerima direncanakan", "int"),
                    Kolom("Penerima tersalur", "int"),
                    Kolom("Uang direncanakan", "money"),
                    Kolom("Uang tersalur", "money"),
                    Kolom("Natura direncanakan (kg)", "decimal"),
                    Kolom("Natura tersalur (kg)", "decimal"),
                ),
                rows,
                # A PPKS of two categories counts in each: no sum over categories.
                None if kunci == "kategori" else _jumlahkan(rows, 1),
            )
        )
    rujukan = [[b.nama, b.banyak] for b in r.rujukan]
    hasil.append(
        Tabel(
            "rujukan",
            "Rujukan menurut status",
            (Kolom("Status"), Kolom("Jumlah rujukan", "int")),
            rujukan,
            _jumlahkan(rujukan, 1),
        )
    )
    for kunci, judul, kepala, baris in (
        ("pemasukan", "Pemasukan menurut sumber", "Sumber", r.pemasukan),
        ("pengeluaran", "Pengeluaran per jenis kegiatan", "Jenis kegiatan", r.pengeluaran),
    ):
        rows = [[b.nama, b.banyak, b.jumlah] for b in baris]
        hasil.append(
            Tabel(
                kunci,
                judul,
                (Kolom(kepala), Kolom("Jumlah entri", "int"), Kolom("Jumlah (Rp)", "money")),
                rows,
                _jumlahkan(rows, 1),
            )
        )
    dana = [[b.dana, b.saldo_awal, b.penerimaan, b.pengeluaran, b.saldo_akhir] for b in r.dana]
    hasil.append(
        Tabel(
            "dana",
            "Saldo dana",
            (
                Kolom("Dana"),
                Kolom("Saldo awal", "money"),
                Kolom("Penerimaan", "money"),
                Kolom("Pengeluaran", "money"),
                Kolom("Saldo akhir", "money"),
            ),
            dana,
            _jumlahkan(dana, 1),
        )
    )
    ppks = [[b.kode, b.kategori, b.terdaftar, b.terlayani, b.belum] for b in r.ppks]
    hasil.append(
        Tabel(
            "ppks",
            "PPKS menurut kategori",
            (
                Kolom("Kode"),
                Kolom("Kategori PPKS"),
                Kolom("PPKS aktif", "int"),
                Kolom("Terlayani dalam periode", "int"),
                Kolom("Belum terbantu", "int"),
            ),
            ppks,
        )
    )
    return hasil
