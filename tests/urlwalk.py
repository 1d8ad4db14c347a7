"""Every URL pattern of the project, with its path parameters filled from one WKSBM's objects.

Used by tests/test_urls.py (login required, tenant isolation) and tests/registry/test_pages.py
(every page renders). The walker fails loudly on a URL it cannot fill: a new URL pattern must
be taught here (a path parameter, a `pk` owner, or the values a new book's rows need), so that no
URL escapes the isolation tests.
"""

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from registry.models import (
    CapDesa,
    Jabatan,
    Kepengurusan,
    Langkah,
    LangkahPenumbuhan,
    Pengesahan,
    Pengurus,
)
from tests import factories as f
from tests.distribution import bantu as distribusi

# Not ours to test here: Django's admin (staff only, its own login) and static files.
LEWATI = ("admin/",)

# Reachable without login.
PUBLIK = {"login", "verifikasi", "finance:kuitansi-verifikasi", "distribution:laporan-verifikasi"}

# A recap's background export is its requester's alone (the Dinas Sosial who asked): a 404
# for every other user, as tests/distribution/test_cockpit.py proves.
PEMINTA_SAJA = {"wksbm:ekspor-area-detail", "wksbm:ekspor-area-unduh"}

# What `pk` means in each named URL outside the book machinery.
PK = {
    "registry:kepengurusan-detail": "kepengurusan",
    "registry:kepengurusan-ajukan": "kepengurusan",
    "registry:pengurus-create": "kepengurusan",
    "registry:pengurus-edit": "pengurus",
    "registry:pengurus-delete": "pengurus",
    "registry:pengesahan-detail": "pengesahan",
    "registry:pengesahan-setujui": "pengesahan",
    "registry:pengesahan-kembalikan": "pengesahan",
    "registry:pengesahan-cabut": "pengesahan",
    "registry:pengesahan-sk": "pengesahan",
    "finance:dana-detail": "dana",
    "finance:dana-edit": "dana",
    "finance:dana-pdf": "dana",
    "finance:kas-edit": "kas",
    "finance:saldo-awal-batalkan": "saldo_awal",
    "distribution:laporan-detail": "laporan",
    "distribution:laporan-ajukan": "laporan",
    "distribution:laporan-ketahui": "laporan",
    "distribution:laporan-terima": "laporan",
    "distribution:laporan-kembalikan": "laporan",
    "distribution:laporan-buka": "laporan",
    "distribution:laporan-pdf": "laporan",
    "distribution:laporan-xlsx": "laporan",
    "wksbm:ekspor-detail": "ekspor",
    "wksbm:ekspor-unduh": "ekspor",
    "wksbm:ekspor-area-detail": "ekspor_area",
    "wksbm:ekspor-area-unduh": "ekspor_area",
    "akun:pengguna-reset-sandi": "akun",
    "akun:pengguna-reset-dua-faktor": "akun",
}

# A month for the tutup buku URLs (<tahun>/<bulan>).
BULAN_UJI = {"tahun": 2026, "bulan": 10}


# A row of every registered book is built from its model's required fields (by type, below),
# with these values (or callables giving them) where the type alone is not enough: the row
# must satisfy the model's constraints and be in the book's queryset.
ISIAN_BUKU: dict[str, dict] = {
    "surat": {"arah": "keluar", "tahun": 2026, "nomor_surat": "001/WKSBM/XI/2026"},
    "psks": {"peran": "psks", "kategori": lambda: _kategori("KategoriPsks")},
    "jejaring": {"peran": "jejaring", "jenis": "pkk"},
    "donatur": {"kode": "D-001"},
}


def _jurnal(book, uji: f.WksbmUji) -> Model:
    """Money books are written only through finance.services (append-only, hash-chained)."""
    from finance import services as keuangan
    from finance.models import Dana, Jurnal, Kas

    keuangan.pastikan_dana_bawaan(uji.wksbm)
    umum = {
        "wksbm": uji.wksbm,
        "oleh": f.segar(uji.bendahara),
        "tanggal": date(2026, 11, 2),
        "dana": Dana.objects.get(wksbm=uji.wksbm, nama="Dana Umum"),
        "kas": Kas.objects.filter(wksbm=uji.wksbm).order_by("pk").first(),
    }
    if book.slug == "pemasukan":
        return keuangan.catat_pemasukan(
            **umum,
            sumber=Jurnal._meta.get_field("sumber").choices[0][0],
            jumlah=Decimal("250000"),
            uraian="Donasi warga Padukuhan Ngentak",
        )
    return keuangan.catat_pengeluaran(
        **umum,
        kegiatan=Jurnal._meta.get_field("kegiatan").choices[0][0],
        jumlah=Decimal("50000"),
        uraian="Beras untuk lansia terlantar",
    )


def _jimpitan(book, uji: f.WksbmUji) -> Model:
    from finance import services as keuangan
    from finance.jimpitan import catat_ronda

    keuangan.pastikan_dana_bawaan(uji.wksbm)
    return catat_ronda(
        wksbm=uji.wksbm,
        oleh=f.segar(uji.bendahara),
        tanggal=date(2026, 11, 3),
        periode=book.model._meta.get_field("periode").choices[0][0],
        regu="RT 03",
        petugas="Pak Darmo",
        rumah_diharapkan=40,
        rumah_setor=36,
        uang=Decimal("36000"),
    )


def _natura(book, uji: f.WksbmUji) -> Model:
    from finance import natura
    from finance import services as keuangan
    from finance.models import Dana

    keuangan.pastikan_dana_bawaan(uji.wksbm)
    stok = {
        "wksbm": uji.wksbm,
        "oleh": f.segar(uji.bendahara),
        "komoditas": natura.pastikan_beras(uji.wksbm),
        "dana": Dana.objects.get(wksbm=uji.wksbm, nama="Dana Jimpitan"),
        "tanggal": date(2026, 11, 3),
    }
    natura.terima_natura(
        **stok, jumlah=Decimal("12.5"), pemberi="Jimpitan regu RT 03", uraian="Beras jimpitan"
    )
    # Goods handed out: the row that also has a tanda terima.
    return natura.salurkan_natura(
        **stok, jumlah=Decimal("5"), nama_penerima="Mbah Karto", uraian="Beras untuk lansia"
    )


# Books whose rows are written only through a service: slug -> builder(book, uji).
BUAT_BUKU = {
    "pemasukan": _jurnal,
    "pengeluaran": _jurnal,
    "jimpitan": _jimpitan,
    "natura": _natura,
    "kegiatan": distribusi.kegiatan_uji,
    "penyaluran": distribusi.penyaluran_uji,
    "rujukan": distribusi.rujukan_uji,
}


def _model(nama: str):
    return apps.get_model("registry", nama)


def _kategori(nama: str):
    """The first category of a list (the official lists are loaded by data migrations)."""
    model = _model(nama)
    return model.objects.first() or model.objects.create(kode="UJI", nama="Kategori uji")


def _nilai(kolom):
    """A valid value for a required model field, by its type."""
    if kolom.choices:
        return kolom.choices[0][0]
    for jenis, nilai in (
        (models.EmailField, "uji@contoh.desa.id"),
        (models.CharField, "Uji"),
        (models.TextField, "Uji coba"),
        (models.DateTimeField, timezone.now()),
        (models.DateField, date(2026, 11, 2)),
        (models.TimeField, time(9, 30)),
        (models.DecimalField, Decimal("1000")),
        (models.IntegerField, 1),
        (models.BooleanField, False),
    ):
        if isinstance(kolom, jenis):
            return nilai
    raise AssertionError(
        f"{kolom.model.__name__}.{kolom.name} ({type(kolom).__name__}) tidak dapat diisi "
        "otomatis: tambahkan nilainya ke ISIAN_BUKU di tests/urlwalk.py."
    )


def baris_buku(book, wksbm) -> Model:
    """One row of `book` belonging to `wksbm` (reusing one another book of its model made)."""
    ada = book.queryset(wksbm).first()
    if ada is not None:
        return ada
    data = {"wksbm": wksbm}
    for kolom in book.model._meta.concrete_fields:
        if isinstance(kolom, models.FileField):
            # An attachment, so that the URL serving it has something to serve.
            data[kolom.name] = ContentFile(f.pdf_bytes(), name="berkas.pdf")
            continue
        kosong_boleh = kolom.null or kolom.blank or kolom.has_default()
        if kolom.primary_key or kolom.name in data or kosong_boleh:
            continue
        if getattr(kolom, "auto_now", False) or getattr(kolom, "auto_now_add", False):
            continue
        assert not kolom.is_relation, (
            f"{book.model.__name__}.{kolom.name} menunjuk {kolom.related_model.__name__}: "
            "tambahkan nilainya ke ISIAN_BUKU di tests/urlwalk.py."
        )
        data[kolom.name] = _nilai(kolom)
    for nama, nilai in ISIAN_BUKU.get(book.slug, {}).items():
        data[nama] = nilai() if callable(nilai) else nilai
    obj = book.model.objects.create(**data)
    assert book.queryset(wksbm).filter(pk=obj.pk).exists(), (
        f"Baris buatan untuk buku {book.slug!r} tidak tampil di bukunya: tambahkan isian yang "
        "tepat ke ISIAN_BUKU di tests/urlwalk.py."
    )
    return obj


@dataclass(frozen=True)
class Rute:
    nama: str  # namespaced URL name, e.g. "registry:wksbm-detail"
    pola: str  # the full route, for messages
    kwargs: tuple[str, ...]
    book: type | None = None  # the Book behind a book URL

    @property
    def publik(self) -> bool:
        return self.nama in PUBLIK

    @property
    def milik_wksbm(self) -> bool:
        """Does this URL name an object of one WKSBM?"""
        return "wksbm" in self.kwargs


def _kwargs(pattern) -> list[str]:
    converters = getattr(pattern, "converters", None)
    if converters is not None:
        return list(converters)
    return list(pattern.regex.groupindex)


def semua_rute() -> list[Rute]:
    """Every named URL pattern of the project (recursively through includes)."""
    hasil: list[Rute] = []
    statis = tuple(u.lstrip("/") for u in (settings.STATIC_URL, settings.MEDIA_URL))

    def jalan(patterns, prefix: str, namespaces: list[str], kwargs: list[str]) -> None:
        for p in patterns:
            route = prefix + str(p.pattern)
            if route.startswith(LEWATI) or route.startswith(statis):
                continue
            if isinstance(p, URLResolver):
                ns = [*namespaces, p.namespace] if p.namespace else namespaces
                jalan(p.url_patterns, route, ns, kwargs + _kwargs(p.pattern))
            elif isinstance(p, URLPattern):
                assert p.name, f"URL tanpa nama: {route!r} — beri nama agar dapat diuji."
                hasil.append(
                    Rute(
                        nama=":".join([*namespaces, p.name]),
                        pola=route,
                        kwargs=tuple(kwargs + _kwargs(p.pattern)),
                        book=p.default_args.get("book"),
                    )
                )

    jalan(get_resolver().url_patterns, "", [], [])
    return hasil


@dataclass
class Objek:
    """The objects of one WKSBM that fill the URLs."""

    uji: f.WksbmUji
    kepengurusan: Kepengurusan
    pengurus: Pengurus
    pengesahan: Pengesahan
    langkah: str
    baris_buku: dict[str, Model] = field(default_factory=dict)

    @property
    def wksbm(self):
        return self.uji.wksbm

    @property
    def akun(self):
        """An account of this WKSBM (a user's pk in the account URLs)."""
        return self.uji.bendahara or self.uji.ketua

    @property
    def dana(self):
        from finance.models import Dana
        from finance.services import pastikan_dana_bawaan

        pastikan_dana_bawaan(self.wksbm)
        return Dana.objects.filter(wksbm=self.wksbm).order_by("pk").first()

    @property
    def kas(self):
        from finance.models import Kas
        from finance.services import pastikan_dana_bawaan

        pastikan_dana_bawaan(self.wksbm)
        return Kas.objects.filter(wksbm=self.wksbm).order_by("pk").first()

    @property
    def ekspor(self):
        """A finished background export of this WKSBM, asked for by its ketua."""
        from wksbm.models import Ekspor

        ada = Ekspor.objects.filter(tenant_id=self.wksbm.pk).first()
        if ada is not None:
            return ada
        job = Ekspor.objects.create(
            user=self.uji.ketua,
            tenant_id=self.wksbm.pk,
            jenis="buku-pdf",
            sumber="tamu",
            judul="Buku Tamu (PDF)",
            kunci=f"uji-{self.wksbm.pk}",
            status=Ekspor.Status.SELESAI,
            nama_berkas="buku-tamu.pdf",
            kedaluwarsa=timezone.now() + timedelta(days=7),
        )
        job.berkas.save("buku-tamu.pdf", ContentFile(f.pdf_bytes()), save=True)
        return job

    @property
    def ekspor_area(self):
        """A finished recap of the kabupaten, asked for by a Dinas Sosial reading it (a job of
        no tenant: its requester's alone, a 404 for everyone else)."""
        from registry.models import Peran
        from wksbm.models import Ekspor

        kabupaten = self.wksbm.desa.kecamatan.kabupaten
        ada = Ekspor.objects.filter(tenant_id=None, parameter__wilayah=kabupaten.pk).first()
        if ada is not None:
            return ada
        peran = Peran.objects.filter(jenis=Peran.Jenis.DINSOS, kabupaten=kabupaten).first()
        dinsos = peran.user if peran else f.PeranDinsosFactory(kabupaten=kabupaten).user
        job = Ekspor.objects.create(
            user=dinsos,
            tenant_id=None,
            jenis="rekap-pdf",
            sumber="cockpit",
            judul=f"Rekap WKSBM {kabupaten.nama} (PDF)",
            parameter={"wilayah": kabupaten.pk, "query": {}},
            kunci=f"uji-area-{kabupaten.pk}",
            status=Ekspor.Status.SELESAI,
            nama_berkas="rekap-wksbm.pdf",
            kedaluwarsa=timezone.now() + timedelta(days=7),
        )
        job.berkas.save("rekap-wksbm.pdf", ContentFile(f.pdf_bytes()), save=True)
        return job

    @property
    def laporan(self):
        """A laporan of September 2026 submitted by the ketua (its PDF and Excel stored); the
        rows of the other books are dated in November, outside the locked period."""
        from distribution.laporan import services as laporan
        from distribution.models import Laporan

        ada = Laporan.objects.filter(wksbm=self.wksbm).first()
        if ada is not None:
            return ada
        obj = laporan.buat(
            wksbm=self.wksbm, oleh=self.uji.ketua, jenis_periode="bulan", tahun=2026, ke=9
        )
        laporan.ajukan(laporan=obj, oleh=self.uji.ketua)
        return obj

    @property
    def saldo_awal(self):
        """A saldo awal entry (services.catat_saldo_awal), dated before the other entries."""
        from finance.models import Jurnal
        from finance.services import catat_saldo_awal

        ada = Jurnal.objects.filter(wksbm=self.wksbm, jenis="saldo_awal").first()
        return ada or catat_saldo_awal(
            wksbm=self.wksbm,
            oleh=f.segar(self.uji.bendahara),
            tanggal=date(2026, 11, 1),
            dana=self.dana,
            kas=self.kas,
            jumlah=Decimal("750000"),
            penerima="Bendahara periode lalu",
        )

    def isi(self, rute: Rute) -> dict:
        nilai = {}
        for nama in rute.kwargs:
            if nama == "wksbm":
                nilai[nama] = self.wksbm.pk
            elif nama == "pk":
                nilai[nama] = self._pk(rute)
            elif nama == "langkah":
                nilai[nama] = self.langkah
            elif nama == "token" and rute.nama == "finance:kuitansi-verifikasi":
                nilai[nama] = self.baris_buku["pemasukan"].token
            elif nama == "token" and rute.nama == "distribution:laporan-verifikasi":
                nilai[nama] = self.laporan.versi.first().token
            elif nama == "token":
                nilai[nama] = self.pengesahan.token
            elif nama == "lampiran":  # a kegiatan's attachment
                nilai[nama] = self.baris_buku["kegiatan"].lampiran.first().pk
            elif nama == "penerima":  # a recipient row of a penyaluran round
                nilai[nama] = self.baris_buku["penyaluran"].penerima.first().pk
            elif nama == "desa" or nama == "wilayah":
                nilai[nama] = self.wksbm.desa_id
            elif nama in BULAN_UJI:
                nilai[nama] = BULAN_UJI[nama]
            else:
                raise AssertionError(
                    f"URL {rute.nama} ({rute.pola}) punya parameter {nama!r} yang belum dikenal "
                    "tests/urlwalk.py: ajari Objek.isi mengisinya."
                )
        return nilai

    def _pk(self, rute: Rute) -> int:
        if rute.book is not None:
            return self.baris_buku[rute.book.slug].pk
        pemilik = PK.get(rute.nama)
        assert pemilik is not None, (
            f"URL {rute.nama} ({rute.pola}) punya <pk> yang belum dikenal: tambahkan ke PK "
            "di tests/urlwalk.py."
        )
        return getattr(self, pemilik).pk

    def url(self, rute: Rute) -> str:
        return reverse(rute.nama, kwargs=self.isi(rute))


def objek_wksbm(uji: f.WksbmUji) -> Objek:
    """Fill an active WKSBM with one of everything: a draft new term with a member, a recorded
    step with an attachment, and one row of every registered book."""
    from wksbm.books import all_books

    draf = f.KepengurusanFactory(
        wksbm=uji.wksbm,
        periode_mulai=uji.kepengurusan.periode_selesai + timedelta(days=1),
        periode_selesai=date(uji.kepengurusan.periode_selesai.year + 5, 12, 31),
    )
    ketua = f.PengurusFactory(kepengurusan=draf, jabatan=Jabatan.KETUA, user=uji.ketua)
    langkah = LangkahPenumbuhan.objects.get(wksbm=uji.wksbm, langkah=Langkah.KOORDINASI_LURAH)
    langkah.lampiran.save("berita-acara.pdf", ContentFile(f.pdf_bytes()), save=True)
    cap = CapDesa(desa_id=uji.wksbm.desa_id)  # the desa's cap, served at /wilayah/desa/…/cap/
    cap.cap.save("cap.png", ContentFile(f.png_bytes()), save=True)
    baris = {
        book.slug: BUAT_BUKU[book.slug](book, uji)
        if book.slug in BUAT_BUKU
        else baris_buku(book, uji.wksbm)
        for book in all_books()
    }
    return Objek(
        uji=uji,
        kepengurusan=draf,
        pengurus=ketua,
        pengesahan=uji.pengesahan,
        langkah=Langkah.KOORDINASI_LURAH,
        baris_buku=baris,
    )


def halaman_html(client, objek: "Objek") -> list[str]:
    """The WKSBM URLs that answer `client` with an HTML page (not a file, not a POST action)."""
    urls = []
    for rute in semua_rute():
        if rute.publik or not rute.milik_wksbm:
            continue
        url = objek.url(rute)
        response = client.get(url, secure=True)
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            urls.append(url)
    return urls
