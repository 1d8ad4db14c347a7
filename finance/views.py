"""The bendahara's pages: the finance home, buku kas umum, funds and cash accounts, the fund
page, reklasifikasi and tutup buku. Fetch the scoped WKSBM → check → act; the reads live in
finance.kasumum, the writes in finance.services."""

from datetime import date, timedelta
from itertools import chain

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from registry.access import boleh_menulis, get_wksbm
from registry.models import Jabatan, Wksbm
from wksbm import excel
from wksbm.books.periode import Periode
from wksbm.books.tenancy import current as tenancy
from wksbm.ekspor import jobs as ekspor
from wksbm.ekspor.views import di_latar
from wksbm.listing import paginate, querystring_without_page
from wksbm.pdf import render_pdf

from . import chart, kasumum, services
from .buku import AlasanForm
from .forms import (
    BukaKembaliForm,
    DanaForm,
    KasForm,
    KasUmumForm,
    PengaturanKeuanganForm,
    ReklasifikasiForm,
    SaldoAwalForm,
    contoh_nomor,
)
from .kasumum import NOL, KasUmum, Saring, saldo_tersimpan
from .models import Dana, Jurnal, Kas, PengaturanKeuangan, TutupBuku, menunggu_kuitansi

PENANDA_TANGAN = (Jabatan.KETUA, Jabatan.BENDAHARA)
KETUA = frozenset({Jabatan.KETUA})


def _tenant(request, wksbm: int, *, write: bool = False, jabatan=services.PENULIS_KEUANGAN):
    return get_wksbm(request.user, wksbm, write=write, jabatan=jabatan)


def _boleh_ubah(request, tenant: Wksbm) -> bool:
    return boleh_menulis(request.user, tenant, services.PENULIS_KEUANGAN)


def _crumbs(tenant: Wksbm) -> list[tuple[str, str]]:
    return [(reverse("finance:keuangan-home", args=[tenant.pk]), "Keuangan")]


def _dana_dan_kas(tenant: Wksbm) -> tuple[list[Dana], list[Kas]]:
    """Funds and cash accounts with their cached balances (no scan of the journal)."""
    dana = list(Dana.objects.filter(wksbm=tenant).select_related("saldo"))
    if not dana:  # a WKSBM that has never opened its money books
        services.pastikan_dana_bawaan(tenant)
        dana = list(Dana.objects.filter(wksbm=tenant).select_related("saldo"))
    return dana, list(Kas.objects.filter(wksbm=tenant).select_related("saldo"))


def _pdf(pdf: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


# --- the finance home ---------------------------------------------------------------------


def keuangan_home(request: HttpRequest, wksbm: int) -> HttpResponse:
    tenant = _tenant(request, wksbm)
    hari_ini = timezone.localdate()
    dana, kas = _dana_dan_kas(tenant)
    menunggu = menunggu_kuitansi(tenant)
    return render(
        request,
        "finance/keuangan_home.html",
        {
            "wksbm": tenant,
            "dana": [(d, saldo_tersimpan(d)) for d in dana],
            "kas": [(k, saldo_tersimpan(k)) for k in kas],
            "total_dana": sum((saldo_tersimpan(d) for d in dana), NOL),
            "bulan_ini": kasumum.arus_bulan(tenant, hari_ini.year, hari_ini.month),
            "nama_bulan": kasumum.nama_bulan(hari_ini.year, hari_ini.month),
            "menunggu": list(menunggu[:5]),
            "jumlah_menunggu": menunggu.count(),
            "periode": kasumum.periode_buku(tenant, hari_ini),
            "boleh_ubah": _boleh_ubah(request, tenant),
        },
    )


# --- buku kas umum ------------------------------------------------------------------------


def _saring(request, tenant: Wksbm) -> tuple[Saring | None, KasUmumForm]:
    """The kas umum's filter from the query string; without a period: this month."""
    data = request.GET.copy()
    if "dari" not in data and "sampai" not in data:
        hari_ini = timezone.localdate()
        data["dari"] = hari_ini.replace(day=1).isoformat()
        akhir = kasumum.bulan_berikut(hari_ini.year, hari_ini.month) - timedelta(days=1)
        data["sampai"] = akhir.isoformat()
    form = KasUmumForm(data, wksbm=tenant)
    if not form.is_valid():
        return None, form
    d = form.cleaned_data
    return Saring(dana=d["dana"], kas=d["kas"], dari=d["dari"], sampai=d["sampai"]), form


def _judul_saring(saring: Saring) -> list[str]:
    return [
        f"Dana: {saring.dana or 'semua dana'}" + (f" · Kas: {saring.kas}" if saring.kas else ""),
        f"Periode: {Periode(saring.dari, saring.sampai).label}",
    ]


def kas_umum(request: HttpRequest, wksbm: int) -> HttpResponse:
    tenant = _tenant(request, wksbm)
    saring, form = _saring(request, tenant)
    context = {"wksbm": tenant, "form": form, "crumbs": _crumbs(tenant)}
    if saring is None:
        return render(request, "finance/kas_umum.html", context, status=400)
    buku = KasUmum(tenant, saring)
    page = paginate(request, buku.entri())
    rows, total = buku.halaman(page)
    query = form.data.copy()
    query.pop("halaman", None)
    context.update(
        saring=saring,
        keterangan=_judul_saring(saring),
        page=page,
        rows=rows,
        total=total,
        query=query.urlencode(),
        qs_tanpa_halaman=query.urlencode(),
        keterangan_kode=kasumum.KETERANGAN_KODE,
    )
    return render(request, "finance/kas_umum.html", context)


def _nama_berkas(tenant: Wksbm, saring: Saring, ext: str) -> str:
    bagian = ["buku-kas-umum", tenancy().slug(tenant)]
    if saring.dana:
        bagian.append(slugify(saring.dana.nama))
    if saring.kas:
        bagian.append(slugify(saring.kas.nama))
    bagian.append(Periode(saring.dari, saring.sampai).slug)
    return "_".join(bagian) + f".{ext}"


def _galat_saring(form: KasUmumForm) -> HttpResponse:
    pesan = " ".join(e for errors in form.errors.values() for e in errors)
    return HttpResponseBadRequest(f"Saringan tidak sah: {pesan}", content_type="text/plain")


def kas_umum_pdf(request: HttpRequest, wksbm: int) -> HttpResponse:
    """The PDF now, or (over EKSPOR_LATAR_PDF_BARIS entries, or a whole year) by the worker."""
    tenant = _tenant(request, wksbm)
    saring, form = _saring(request, tenant)
    if saring is None:
        return _galat_saring(form)
    baris = KasUmum(tenant, saring).entri().count()
    setahun = (
        bool(saring.dari and saring.sampai)
        and (saring.sampai - saring.dari).days + 1 >= settings.EKSPOR_LATAR_HARI
    )
    if baris > settings.EKSPOR_LATAR_PDF_BARIS or setahun:
        return di_latar(
            request,
            nama="Buku Kas Umum",
            isi=f"berisi {baris} baris",
            fmt="pdf",
            wksbm=tenant,
            crumbs=[*_crumbs(tenant), (reverse("finance:kas-umum-list", args=[tenant.pk]), "Kas")],
            tenant_id=tenant.pk,
            jenis="kas-umum-pdf",
            sumber="kas-umum",
            judul=f"Buku Kas Umum (PDF) · {' · '.join(_judul_saring(saring))}",
            # the period as resolved now ("this month" must not move while the job waits)
            parameter={k: form.data.getlist(k) for k in sorted(form.data)},
            baris_total=baris,
        )
    return _pdf(_kas_umum_pdf(tenant, saring), _nama_berkas(tenant, saring, "pdf"))


@ekspor.producer("kas-umum-pdf")
def kas_umum_pdf_latar(job, progress) -> ekspor.Hasil:
    request = ekspor.permintaan(job)
    tenant = _tenant(request, job.tenant_id)
    saring, form = _saring(request, tenant)
    if saring is None:
        raise ValueError(form.errors.as_text())
    progress(0, KasUmum(tenant, saring).entri().count())
    return ekspor.Hasil(_kas_umum_pdf(tenant, saring), _nama_berkas(tenant, saring, "pdf"))


def _kas_umum_pdf(tenant: Wksbm, saring: Saring) -> bytes:
    buku = KasUmum(tenant, saring)
    total = buku.ringkasan()
    kolom = kasumum.kolom(semua_dana=saring.dana is None)
    return render_pdf(
        "finance/kas_umum_print.html",
        {
            "judul": "Buku Kas Umum",
            "keterangan": _judul_saring(saring),
            "saring": saring,
            "total": total,
            "kolom": kolom,
            "rows": kasumum.baris_html(buku.semua(total), kolom),
            "keterangan_kode": kasumum.KETERANGAN_KODE,
            "tanggal_cetak": timezone.localdate(),
            **tenancy().print_context(tenant, PENANDA_TANGAN),
        },
    )


def kas_umum_xlsx(request: HttpRequest, wksbm: int) -> HttpResponse:
    tenant = _tenant(request, wksbm)
    saring, form = _saring(request, tenant)
    if saring is None:
        return _galat_saring(form)
    buku = KasUmum(tenant, saring)
    total = buku.ringkasan()
    kolom = kasumum.kolom(semua_dana=saring.dana is None)
    sheet = excel.Sheet(
        title="Buku Kas Umum",
        subtitle=[str(tenant), *_judul_saring(saring)],
        headers=[k.label for k in kolom],
        kinds=[k.kind for k in kolom],
        widths=[k.width for k in kolom],
    )
    rows = chain(
        [kasumum.sel_saldo_awal(kolom, saring, total)],
        (kasumum.sel_excel(kolom, b) for b in buku.semua(total)),
    )
    out = excel.write(sheet, rows, kasumum.sel_jumlah(kolom, total))
    return FileResponse(
        out,
        as_attachment=True,
        filename=_nama_berkas(tenant, saring, "xlsx"),
        content_type=excel.XLSX_TYPE,
    )


# --- funds and cash accounts --------------------------------------------------------------


def dana_list(request: HttpRequest, wksbm: int) -> HttpResponse:
    tenant = _tenant(request, wksbm)
    dana, kas = _dana_dan_kas(tenant)
    aturan = PengaturanKeuangan.objects.filter(wksbm=tenant).first() or PengaturanKeuangan()
    return render(
        request,
        "finance/dana_list.html",
        {
            "wksbm": tenant,
            "crumbs": _crumbs(tenant),
            "dana": [(d, saldo_tersimpan(d)) for d in dana],
            "kas": [(k, saldo_tersimpan(k)) for k in kas],
            "total_dana": sum((saldo_tersimpan(d) for d in dana), NOL),
            "total_kas": sum((saldo_tersimpan(k) for k in kas), NOL),
            "aturan": aturan,
            "contoh_kuitansi": contoh_nomor(aturan.pola_kuitansi, kode=aturan.kode or "NR"),
            "contoh_tanda_terima": contoh_nomor(aturan.pola_tanda_terima, kode=aturan.kode or "NR"),
            "boleh_ubah": _boleh_ubah(request, tenant),
        },
    )


def _form_page(request, tenant: Wksbm, form, *, judul: str, kembali: str, **extra):
    return render(
        request,
        "finance/form.html",
        {
            "wksbm": tenant,
            "form": form,
            "judul": judul,
            "kembali": kembali,
            "crumbs": _crumbs(tenant)
            + ([(kembali, "Dana dan kas")] if kembali == _url_dana_list(tenant) else []),
            **extra,
        },
        status=400 if form.is_bound else 200,
    )


def _simpan(request, tenant: Wksbm, form, *, judul: str, pesan: str, sukses) -> HttpResponse:
    """A settings form page: save valid input (recorded), else show it again with errors."""
    kembali = reverse("finance:dana-list", args=[tenant.pk])
    if request.method == "POST" and form.is_valid():
        obj = form.simpan(oleh=request.user)
        messages.success(request, pesan.format(obj=obj))
        return redirect(sukses(obj))
    return _form_page(request, tenant, form, judul=judul, kembali=kembali)


def dana_create(request: HttpRequest, wksbm: int) -> HttpResponse:
    tenant = _tenant(request, wksbm, write=True)
    form = DanaForm(request.POST or None, wksbm=tenant)
    return _simpan(
        request, tenant, form, judul="Tambah dana", pesan="{obj} ditambahkan.", sukses=_url_dana
    )


def _dana(tenant: Wksbm, pk: int) -> Dana:
    return get_object_or_404(Dana.objects.filter(wksbm=tenant).select_related("saldo"), pk=pk)


def _url_dana(dana: Dana) -> str:
    return reverse("finance:dana-detail", args=[dana.wksbm_id, dana.pk])


def dana_edit(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    tenant = _tenant(request, wksbm, write=True)
    form = DanaForm(request.POST or None, instance=_dana(tenant, pk), wksbm=tenant)
    return _simpan(
        request, tenant, form, judul="Ubah dana", pesan="{obj} disimpan.", sukses=_url_dana
    )


def _url_dana_list(tenant: Wksbm) -> str:
    return reverse("finance:dana-list", args=[tenant.pk])


def _url_kas(kas: Kas) -> str:
    return reverse("finance:dana-list", args=[kas.wksbm_id])


def kas_create(request: HttpRequest, wksbm: int) -> HttpResponse:
    tenant = _tenant(request, wksbm, write=True)
    form = KasForm(request.POST or None, wksbm=tenant)
    return _simpan(
        request, tenant, form, judul="Tambah kas", pesan="{obj} ditambahkan.", sukses=_url_kas
    )


def kas_edit(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    tenant = _tenant(request, wksbm, write=True)
    kas = get_object_or_404(Kas.objects.filter(wksbm=tenant), pk=pk)
    form = KasForm(request.POST or None, instance=kas, wksbm=tenant)
    return _simpan(
        request, tenant, form, judul=f"Ubah {kas}", pesan="{obj} disimpan.", sukses=_url_kas
    )


def pengaturan_edit(request: HttpRequest, wksbm: int) -> HttpResponse:
    tenant = _tenant(request, wksbm, write=True)
    aturan = PengaturanKeuangan.objects.filter(wksbm=tenant).first()
    form = PengaturanKeuanganForm(
        request.POST or None, instance=aturan or PengaturanKeuangan(wksbm=tenant)
    )
    return _simpan(
        request,
        tenant,
        form,
        judul="Pengaturan keuangan",
        pesan="Pengaturan keuangan disimpan.",
        sukses=lambda obj: reverse("finance:dana-list", args=[tenant.pk]),
    )


# --- the fund page ------------------------------------------------------------------------


def _grafik(tenant: Wksbm, dana: Dana, hari_ini: date):
    arus = kasumum.arus_bulanan(tenant, dana, hari_ini)
    svg = chart.batang_bulanan(arus, judul=f"Penerimaan dan pengeluaran {dana} per bulan")
    return arus, svg


def dana_detail(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    tenant = _tenant(request, wksbm)
    dana = _dana(tenant, pk)
    buku = KasUmum(tenant, Saring(dana=dana))
    page = paginate(request, buku.terbaru())
    arus, svg = _grafik(tenant, dana, timezone.localdate())
    return render(
        request,
        "finance/dana_detail.html",
        {
            "wksbm": tenant,
            "crumbs": [*_crumbs(tenant), (_url_dana_list(tenant), "Dana dan kas")],
            "dana": dana,
            "saldo": saldo_tersimpan(dana),
            "page": page,
            "rows": buku.halaman_terbaru(page),
            "qs_tanpa_halaman": querystring_without_page(request),
            "arus": arus,
            "grafik": svg,
            "boleh_ubah": _boleh_ubah(request, tenant),
        },
    )


def dana_pdf(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    tenant = _tenant(request, wksbm)
    dana = _dana(tenant, pk)
    hari_ini = timezone.localdate()
    arus, svg = _grafik(tenant, dana, hari_ini)
    pdf = render_pdf(
        "finance/dana_print.html",
        {
            "judul": f"Laporan {dana}",
            "periode": f"{arus[0].nama} s.d. {arus[-1].nama}",
            "dana": dana,
            "saldo": saldo_tersimpan(dana),
            "arus": arus,
            "grafik": svg,
            "total_masuk": sum((a.masuk for a in arus), NOL),
            "total_keluar": sum((a.keluar for a in arus), NOL),
            "total_selisih": sum((a.selisih for a in arus), NOL),
            "tanggal_cetak": hari_ini,
            **tenancy().print_context(tenant, PENANDA_TANGAN),
        },
    )
    return _pdf(pdf, f"laporan-{slugify(dana.nama)}_{tenancy().slug(tenant)}_{hari_ini:%Y-%m}.pdf")


# --- reklasifikasi ------------------------------------------------------------------------


def reklasifikasi_create(request: HttpRequest, wksbm: int) -> HttpResponse:
    tenant = _tenant(request, wksbm, write=True)
    form = ReklasifikasiForm(request.POST or None, wksbm=tenant)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            keluar, masuk = services.reklasifikasi(
                wksbm=tenant,
                oleh=request.user,
                dari=d["dari"],
                ke=d["ke"],
                kas=d["kas"],
                jumlah=d["jumlah"],
                alasan=d["alasan"],
                tanggal=d["tanggal"],
                tujuan_terpenuhi=d["tujuan_terpenuhi"],
            )
        except services.TransaksiDitolak as exc:
            form.add_error(None, exc.galat_form(form))
        else:
            messages.success(
                request,
                f"Reklasifikasi dicatat: entri #{keluar.nomor} dari {d['dari']} "
                f"dan #{masuk.nomor} ke {d['ke']}.",
            )
            return redirect(_url_dana(d["ke"]))
    return _form_page(
        request,
        tenant,
        form,
        judul="Reklasifikasi antardana",
        kembali=reverse("finance:keuangan-home", args=[tenant.pk]),
        penjelasan="Memindahkan uang antardana dicatat sebagai sepasang entri dengan alasannya. "
        "Dana Zakat tidak dapat dipindahkan; dana terikat lain hanya bila tujuannya sudah "
        "terpenuhi.",
    )


# --- saldo awal (serah terima) ------------------------------------------------------------


def saldo_awal(request: HttpRequest, wksbm: int) -> HttpResponse:
    """The opening balances a new board took over: listed for every reader, recorded (POST)
    by the bendahara or ketua. Not income: no kuitansi, not in the pemasukan book."""
    tenant = _tenant(request, wksbm, write=request.method == "POST")
    boleh_ubah = _boleh_ubah(request, tenant)
    form = SaldoAwalForm(request.POST or None, wksbm=tenant) if boleh_ubah else None
    if request.method == "POST" and form.is_valid():
        try:
            entri = services.catat_saldo_awal(wksbm=tenant, oleh=request.user, **form.cleaned_data)
        except services.TransaksiDitolak as exc:
            form.add_error(None, exc.galat_form(form))
        else:
            messages.success(request, f"Saldo awal {entri.dana} dicatat (entri #{entri.nomor}).")
            return redirect(entri.get_absolute_url())
    entri = Jurnal.objects.filter(wksbm=tenant, jenis=Jurnal.Jenis.SALDO_AWAL)
    return render(
        request,
        "finance/saldo_awal.html",
        {
            "wksbm": tenant,
            "crumbs": _crumbs(tenant),
            "entri": entri.select_related(
                "dana", "kas", "membatalkan", "pembatalan", "dicatat_oleh"
            ).order_by("tanggal", "nomor"),
            "total": entri.total(),
            "form": form,
            "alasan_form": AlasanForm(),
            "boleh_ubah": boleh_ubah,
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@require_POST
def saldo_awal_batalkan(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    """Correct a saldo awal by its reversal (a saldo awal entry too), with a reason."""
    tenant = _tenant(request, wksbm, write=True)
    asal = Jurnal.objects.filter(wksbm=tenant, jenis=Jurnal.Jenis.SALDO_AWAL)
    entri = get_object_or_404(asal, pk=pk)
    form = AlasanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pembatalan tidak dicatat: alasan wajib diisi.")
        return redirect(entri.get_absolute_url())
    try:
        balik = services.batalkan(
            entri=entri, oleh=request.user, alasan=form.cleaned_data["alasan"]
        )
    except services.TransaksiDitolak as exc:
        messages.error(request, str(exc))
        return redirect(entri.get_absolute_url())
    messages.success(request, f"Saldo awal #{entri.nomor} dibatalkan oleh entri #{balik.nomor}.")
    return redirect(balik.get_absolute_url())


# --- tutup buku ---------------------------------------------------------------------------


def _bulan(tahun: int, bulan: int) -> tuple[int, int]:
    if not (1 <= bulan <= 12 and 2000 <= tahun <= 2100):
        raise Http404("Bulan tidak dikenal.")
    return tahun, bulan


def _tutup_buku_page(
    request, tenant: Wksbm, *, galat: tuple[int, int, str] | None = None, buka_form=None
) -> HttpResponse:
    """The months and their closing state; after a refused action, its message (and the
    reopening form with the input kept) at that month, with status 400."""
    hari_ini = timezone.localdate()
    bulan = []
    for s in kasumum.status_bulan(tenant, hari_ini):
        di_sini = galat is not None and galat[:2] == (s.tahun, s.bulan)
        bulan.append((s, galat[2] if di_sini else "", buka_form if di_sini else None))
    return render(
        request,
        "finance/tutup_buku.html",
        {
            "wksbm": tenant,
            "crumbs": _crumbs(tenant),
            "page": Paginator(bulan, 24).get_page(request.GET.get("halaman")),
            "boleh_tutup": _boleh_ubah(request, tenant),
            "boleh_buka": boleh_menulis(request.user, tenant, KETUA),
            "galat": galat,
        },
        status=400 if galat else 200,
    )


def tutup_buku_list(request: HttpRequest, wksbm: int) -> HttpResponse:
    return _tutup_buku_page(request, _tenant(request, wksbm))


@require_POST
def tutup_buku_tutup(request: HttpRequest, wksbm: int, tahun: int, bulan: int) -> HttpResponse:
    tenant = _tenant(request, wksbm, write=True)
    tahun, bulan = _bulan(tahun, bulan)
    try:
        tutup = services.tutup_buku(wksbm=tenant, oleh=request.user, tahun=tahun, bulan=bulan)
    except services.TransaksiDitolak as exc:
        return _tutup_buku_page(request, tenant, galat=(tahun, bulan, str(exc)))
    messages.success(
        request,
        f"Buku {kasumum.nama_bulan(tahun, bulan)} ditutup. Cetak laporan penutupannya dan "
        "simpan di luar sistem.",
    )
    return redirect(
        reverse("finance:tutup-buku-list", args=[tenant.pk]) + f"#bulan-{tutup.tahun}-{tutup.bulan}"
    )


@require_POST
def tutup_buku_buka(request: HttpRequest, wksbm: int, tahun: int, bulan: int) -> HttpResponse:
    tenant = _tenant(request, wksbm, write=True, jabatan=KETUA)
    tahun, bulan = _bulan(tahun, bulan)
    form = BukaKembaliForm(request.POST)
    if form.is_valid():
        try:
            services.buka_kembali(
                wksbm=tenant,
                oleh=request.user,
                tahun=tahun,
                bulan=bulan,
                alasan=form.cleaned_data["alasan"],
            )
        except services.TransaksiDitolak as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Buku {kasumum.nama_bulan(tahun, bulan)} dibuka kembali.")
            return redirect("finance:tutup-buku-list", wksbm=tenant.pk)
    pesan = " ".join([*form.errors.get("alasan", []), *form.non_field_errors()])
    return _tutup_buku_page(
        request, tenant, galat=(tahun, bulan, f"Buku belum dibuka kembali: {pesan}"), buka_form=form
    )


def tutup_buku_pdf(request: HttpRequest, wksbm: int, tahun: int, bulan: int) -> HttpResponse:
    """The monthly closing report: per fund, and the chain head that anchors the journal."""
    tenant = _tenant(request, wksbm)
    tahun, bulan = _bulan(tahun, bulan)
    terakhir = (
        TutupBuku.objects.filter(wksbm=tenant, tahun=tahun, bulan=bulan)
        .select_related("oleh")
        .order_by("-pada", "-id")
        .first()
    )
    penutupan = terakhir if terakhir and terakhir.aksi == TutupBuku.Aksi.TUTUP else None
    nomor = penutupan.nomor_terakhir if penutupan else KasUmum(tenant, Saring()).nomor_terakhir
    baris = kasumum.laporan_bulan(tenant, tahun, bulan, nomor)
    pdf = render_pdf(
        "finance/tutup_buku_print.html",
        {
            "judul": "Laporan Penutupan Buku Bulanan",
            "periode": kasumum.nama_bulan(tahun, bulan),
            "baris": baris,
            "jumlah": kasumum.DanaBulan(
                None,
                sum((b.saldo_awal for b in baris), NOL),
                sum((b.penerimaan for b in baris), NOL),
                sum((b.pengeluaran for b in baris), NOL),
                sum(b.jumlah_entri for b in baris),
            ),
            "penutupan": penutupan,
            "nomor_terakhir": nomor,
            "tanggal_cetak": timezone.localdate(),
            **tenancy().print_context(tenant, PENANDA_TANGAN),
        },
    )
    return _pdf(pdf, f"tutup-buku_{tenancy().slug(tenant)}_{tahun}-{bulan:02d}.pdf")
