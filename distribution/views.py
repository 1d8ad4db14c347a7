"""Pages of a penyaluran round: planning recipients, recording hand-overs, the field checklist.

Each view fetches the round through the book's scoped queryset (another WKSBM's round is a
404), checks the role (a read-only role gets a 403 on every write), acts through
distribution.services and redirects (POST/redirect/GET).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from registry.access import boleh_menulis, get_wksbm
from registry.models import Ppks
from wksbm import formatting
from wksbm.files import serve_file
from wksbm.listing import paginate, querystring_without_page
from wksbm.models import Jumlah

from . import exports, services
from .forms import (
    BatalForm,
    CariPpksForm,
    SerahForm,
    TambahPenerimaForm,
    TidakForm,
    UbahRencanaForm,
)
from .models import Penerima, Penyaluran

Status = Penerima.Status
PER_HALAMAN_CEKLIS = 50


def _penyaluran(request, wksbm: int, pk: int, book, *, write: bool = False):
    tenant = get_wksbm(request.user, wksbm)
    obj = get_object_or_404(
        Penyaluran.objects.filter(wksbm=tenant).select_related(
            "wksbm__desa__kecamatan", "komoditas", "kas", "kegiatan"
        ),
        pk=pk,
    )
    if write and not boleh_menulis(request.user, tenant, book.writers):
        raise PermissionDenied("Peran Anda tidak berwenang mengubah penyaluran ini.")
    return tenant, obj


def _penerima(obj: Penyaluran, pk: int) -> Penerima:
    return get_object_or_404(obj.penerima.select_related("ppks", "dana", "jurnal", "mutasi"), pk=pk)


def _url(book, action: str, tenant, obj, **kw) -> str:
    return reverse(book.url_name(action), kwargs={"wksbm": tenant.pk, "pk": obj.pk, **kw})


def _crumbs(book, tenant, obj) -> list[tuple[str, str]]:
    return [
        (reverse(book.url_name("list"), args=[tenant.pk]), book.title),
        (_url(book, "detail", tenant, obj), str(obj)),
    ]


def ringkasan_dana(obj: Penyaluran) -> list[dict]:
    """Per fund of the round: budget, planned, delivered (one query for the sums)."""
    ukuran = "banyak" if obj.natura else "jumlah"
    sums = {
        r["dana"]: r
        for r in obj.penerima.order_by()
        .values("dana")
        .annotate(
            rencana=Jumlah(ukuran, filter=Q(status__in=[Status.RENCANA, Status.DISERAHKAN])),
            tersalur=Jumlah(ukuran, filter=Q(status=Status.DISERAHKAN)),
        )
    }

    def tampil(nilai) -> str:
        if obj.natura:
            return f"{formatting.angka(nilai)} {obj.satuan_tampil}"
        return formatting.rupiah(nilai)

    rows = []
    for d in obj.dana.select_related("dana"):
        s = sums.get(d.dana_id, {})
        rencana, tersalur = s.get("rencana", 0), s.get("tersalur", 0)
        rows.append(
            {
                "dana": d.dana,
                "batas": tampil(d.batas),
                "rencana": tampil(rencana),
                "tersalur": tampil(tersalur),
                "sisa": tampil(d.batas - tersalur),
            }
        )
    return rows


# Only what the round's page shows: a round may have thousands of recipients.
KOLOM_HALAMAN = [
    "id", "penyaluran_id", "ppks_id", "dana_id", "status", "tanggal_serah", "alasan", "asnaf",
    "jumlah", "banyak", "nik_hash", "ppks__nama", "dana__nama",
]  # fmt: skip
_BARIS = (
    '<tr id="p-{pk}"><td>{no}</td><td><a href="{url}{pk}/">{nama}</a></td><td>{dana}</td>'
    '<td>{asnaf}</td><td class="angka">{nilai}</td><td>{status}</td><td>{peringatan}</td></tr>'
)


def _baris(no: int, p: Penerima, url: str, peringatan: list[str]) -> str:
    """One recipient row of the round's page, escaped. Built here rather than in a template
    loop, as the book machinery does (wksbm.books.core.row_html): a round has thousands of
    rows, and the template engine's per-cell cost dominated the page (bench/penyaluran.py)."""
    status = p.get_status_display()
    if p.tanggal_serah:
        status += f", {formatting.tanggal(p.tanggal_serah)}"
    if p.alasan:
        status += f" ({p.get_alasan_display().lower()})"
    return format_html(
        _BARIS,
        pk=p.pk,
        no=no,
        url=url,
        nama=p.ppks.nama,
        dana=p.dana.nama if p.dana_id else "—",
        asnaf=p.get_asnaf_display() or "—",
        nilai=p.nilai_tampil(),
        status=status,
        peringatan=format_html_join(
            "",
            '<span class="d-block small text-warning-emphasis">{}</span>',
            ((w,) for w in peringatan),
        ),
    )


def konteks_penyaluran(obj: Penyaluran, *, tenant, user) -> dict:
    """The round's page: funds, status counts, every recipient with its warnings."""
    penerima = list(obj.penerima.select_related("ppks", "dana").only(*KOLOM_HALAMAN))
    hitung = dict.fromkeys(Status.values, 0)
    peringatan = services.peringatan(obj, penerima)
    url = reverse("distribution:penyaluran-detail", args=[tenant.pk, obj.pk]) + "penerima/"
    baris = []
    for no, p in enumerate(penerima, start=1):
        hitung[p.status] += 1
        baris.append(_baris(no, p, url, peringatan.get(p.pk, [])))
    return {
        "ringkasan_dana": ringkasan_dana(obj),
        "penerima": penerima,
        "baris_penerima": mark_safe("".join(baris)),  # noqa: S308 (each row escaped above)
        "hitung": [(Status(s).label, n) for s, n in hitung.items()],
        "boleh_ubah": boleh_menulis(user, tenant),
    }


def penerima_tambah(request: HttpRequest, wksbm: int, pk: int, book) -> HttpResponse:
    """Plan recipients: aktif PPKS of the WKSBM not yet on the list, narrowed by category or
    name, each ticked; all get the fund, amount and asnaf of the form."""
    tenant, obj = _penyaluran(request, wksbm, pk, book, write=True)
    form = TambahPenerimaForm(request.POST or None, penyaluran=obj)
    cari = CariPpksForm(request.GET or None)
    calon = (
        Ppks.objects.aktif()
        .filter(wksbm=tenant)
        .exclude(pk__in=obj.penerima.berlaku().values("ppks_id"))
        .prefetch_related("kategori")
        .order_by("nama", "id")
    )
    if cari.is_valid():
        if cari.cleaned_data["kategori"]:
            calon = calon.filter(kategori=cari.cleaned_data["kategori"]).distinct()
        for kata in cari.cleaned_data["q"].split()[:5]:
            calon = calon.filter(nama__icontains=kata)
    dipilih = request.POST.getlist("ppks")
    if request.method == "POST" and form.is_valid():
        ppks = list(Ppks.objects.filter(wksbm=tenant, pk__in=[p for p in dipilih if p.isdigit()]))
        try:
            rows = services.tambah_penerima(
                penyaluran=obj,
                oleh=request.user,
                ppks=ppks,
                dana=form.cleaned_data["dana"],
                jumlah=form.cleaned_data.get("jumlah"),
                banyak=form.cleaned_data.get("banyak"),
                asnaf=form.cleaned_data["asnaf"],
            )
        except services.TransaksiDitolak as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{len(rows)} penerima ditambahkan ke daftar.")
            nama = {r.pk: r.ppks.nama for r in rows}
            for pk_row, pesan in services.peringatan(obj, rows).items():
                for p in pesan:
                    messages.warning(request, f"{nama[pk_row]}: {p}")
            return redirect(_url(book, "detail", tenant, obj))
    return render(
        request,
        "distribution/penerima_tambah.html",
        {
            "wksbm": tenant,
            "book": book,
            "obj": obj,
            "form": form,
            "cari": cari,
            "page": paginate(request, calon, per_page=100),
            "dipilih": set(dipilih),
            "qs_tanpa_halaman": querystring_without_page(request),
            "crumbs": _crumbs(book, tenant, obj),
        },
        status=400 if request.method == "POST" else 200,
    )


def _pesan_galat(request, exc) -> None:
    messages.error(request, str(exc))


def penerima_serah(request: HttpRequest, wksbm: int, pk: int, penerima: int, book):
    """One recipient: record the hand-over (with proof) or why it did not happen."""
    tenant, obj = _penyaluran(request, wksbm, pk, book, write=request.method == "POST")
    row = _penerima(obj, penerima)
    aksi = request.POST.get("aksi")
    serah = SerahForm(request.POST if aksi == "serah" else None, request.FILES or None)
    # Both forms have a `keterangan`: distinct element ids, the same field names.
    tidak = TidakForm(request.POST if aksi == "tidak" else None, auto_id="tidak_%s")
    ubah = UbahRencanaForm(request.POST if aksi == "ubah" else None, row=row)
    nama = row.ppks.nama
    langkah = {  # aksi -> (its form, the service step, the message when it is done)
        "ubah": (
            ubah,
            lambda d: services.ubah_rencana(
                penerima=row,
                oleh=request.user,
                **{"jumlah": None, "banyak": None, "asnaf": "", **d},
            ),
            f"Rencana untuk {nama} diubah.",
        ),
        "serah": (
            serah,
            lambda d: services.serahkan(penerima=row, oleh=request.user, **d),
            f"Penyerahan kepada {nama} dicatat.",
        ),
        "tidak": (
            tidak,
            lambda d: services.tidak_tersalurkan(penerima=row, oleh=request.user, **d),
            f"{nama}: dicatat tidak tersalurkan.",
        ),
    }
    if aksi in langkah:
        form, jalankan, pesan = langkah[aksi]
        if form.is_valid():
            try:
                jalankan(form.cleaned_data)
            except services.TransaksiDitolak as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, pesan)
                return redirect(_url(book, "detail", tenant, obj))
    return render(
        request,
        "distribution/penerima_serah.html",
        {
            "wksbm": tenant,
            "book": book,
            "obj": obj,
            "row": row,
            "serah": serah,
            "tidak": tidak,
            "ubah": ubah,
            "batal": BatalForm(),
            "boleh_ubah": boleh_menulis(request.user, tenant, book.writers),
            "crumbs": _crumbs(book, tenant, obj),
        },
        status=400 if request.method == "POST" else 200,
    )


def _aksi(request, wksbm, pk, penerima, book, kerja, sukses: str) -> HttpResponse:
    tenant, obj = _penyaluran(request, wksbm, pk, book, write=True)
    row = _penerima(obj, penerima)
    try:
        kerja(row)
    except services.TransaksiDitolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, sukses.format(nama=row.ppks.nama))
    return redirect(_url(book, "detail", tenant, obj))


@require_POST
def penerima_hapus(request: HttpRequest, wksbm: int, pk: int, penerima: int, book):
    def kerja(row):
        services.hapus_penerima(penerima=row, oleh=request.user)

    return _aksi(request, wksbm, pk, penerima, book, kerja, "{nama} dihapus dari daftar penerima.")


@require_POST
def penerima_ulang(request: HttpRequest, wksbm: int, pk: int, penerima: int, book):
    def kerja(row):
        services.rencanakan_ulang(penerima=row, oleh=request.user)

    return _aksi(request, wksbm, pk, penerima, book, kerja, "{nama} direncanakan kembali.")


@require_POST
def penerima_batal(request: HttpRequest, wksbm: int, pk: int, penerima: int, book):
    form = BatalForm(request.POST)

    def kerja(row):
        if not form.is_valid():
            raise services.TransaksiDitolak("Pembatalan tidak dicatat: alasan wajib diisi.")
        services.batalkan_penyerahan(
            penerima=row, oleh=request.user, alasan=form.cleaned_data["alasan"]
        )

    return _aksi(
        request,
        wksbm,
        pk,
        penerima,
        book,
        kerja,
        "Penyerahan kepada {nama} dibatalkan; pengeluarannya dibalik di buku keuangan.",
    )


def penerima_bukti(request: HttpRequest, wksbm: int, pk: int, penerima: int, book):
    tenant, obj = _penyaluran(request, wksbm, pk, book)
    row = _penerima(obj, penerima)
    return serve_file(row.bukti, download_name=f"bukti-penyaluran-{obj.nomor}-{row.pk}")


def penerima_tanda_terima(request: HttpRequest, wksbm: int, pk: int, penerima: int, book):
    tenant, obj = _penyaluran(request, wksbm, pk, book)
    row = _penerima(obj, penerima)
    watermark = exports.catat_ekspor(request.user, obj, "Tanda Terima (PDF)", 1)
    return exports.pdf_response(
        exports.tanda_terima(obj, row, watermark), f"tanda-terima_penyaluran-{obj.nomor}_{row.pk}"
    )


# --- the field checklist ---------------------------------------------------------------


def ceklis(request: HttpRequest, wksbm: int, pk: int, book) -> HttpResponse:
    """Recipients on a phone: each row its own small form, saved on its own (a dropped
    connection loses at most the row being sent). Works without JavaScript."""
    tenant, obj = _penyaluran(request, wksbm, pk, book)
    semua = obj.penerima.exclude(status=Status.DIBATALKAN).select_related("ppks", "dana")
    status = request.GET.get("status", "")
    rows = semua.filter(status=status) if status in Status.values else semua
    hitung = dict(semua.order_by().values_list("status").annotate(n=Count("id")))
    return render(
        request,
        "distribution/ceklis.html",
        {
            "wksbm": tenant,
            "book": book,
            "obj": obj,
            "page": paginate(request, rows, per_page=PER_HALAMAN_CEKLIS),
            "status": status,
            "hitung": hitung,
            "alasan": Penerima.Alasan.choices,
            "hari_ini": SerahForm().fields["tanggal"].initial,
            "boleh_ubah": boleh_menulis(request.user, tenant, book.writers),
            "qs_tanpa_halaman": querystring_without_page(request),
            "crumbs": _crumbs(book, tenant, obj),
        },
    )


@require_POST
def ceklis_simpan(request: HttpRequest, wksbm: int, pk: int, penerima: int, book):
    tenant, obj = _penyaluran(request, wksbm, pk, book, write=True)
    row = _penerima(obj, penerima)
    aksi = request.POST.get("aksi")
    try:
        if aksi == "serah":
            form = SerahForm({"tanggal": request.POST.get("tanggal"), "diterima_oleh": "sendiri"})
            if not form.is_valid():
                raise services.TransaksiDitolak(
                    " ".join(e for errs in form.errors.values() for e in errs)
                )
            services.serahkan(penerima=row, oleh=request.user, tanggal=form.cleaned_data["tanggal"])
            messages.success(request, f"{row.ppks.nama}: diserahkan.")
        elif aksi == "tidak":
            services.tidak_tersalurkan(
                penerima=row, oleh=request.user, alasan=request.POST.get("alasan", "")
            )
            messages.success(request, f"{row.ppks.nama}: tidak tersalurkan.")
        else:
            raise services.TransaksiDitolak("Pilih Diserahkan atau Tidak tersalurkan.")
    except services.TransaksiDitolak as exc:
        messages.error(request, f"{row.ppks.nama}: {exc}")
    kembali = {k: request.POST[k] for k in ("halaman", "status") if request.POST.get(k)}
    url = _url(book, "ceklis", tenant, obj)
    return redirect(f"{url}?{urlencode(kembali)}#p-{row.pk}" if kembali else f"{url}#p-{row.pk}")
