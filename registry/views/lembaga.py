"""The WKSBM: home pages, list, profile, stempel, penumbuhan steps."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from wksbm.files import serve_file
from wksbm.listing import paginate, querystring_without_page, search

from ..access import akses, boleh_menulis, get_wksbm, scoped, wksbm_visible
from ..forms import LangkahForm, WksbmForm
from ..models import Desa, Langkah, LangkahPenumbuhan, Pengesahan, Wksbm
from ..models.notulen import Keputusan
from ..models.wilayah import istilah_bersama
from ..services import syarat_pengajuan


def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its own useful page."""
    a = akses(request.user)
    if len(a.pengurus) == 1 and not (a.admin or a.pembaca_wilayah):
        return redirect("registry:wksbm-detail", next(iter(a.pengurus)))
    menunggu = (
        scoped(Pengesahan.objects.filter(status=Pengesahan.Status.DIAJUKAN), request.user)
        .filter(wksbm__desa__in=a.desa)
        .select_related("wksbm", "wksbm__desa")
        .order_by("diajukan_pada")
    )
    wksbm_saya = Wksbm.objects.filter(pk__in=list(a.pengurus)).select_related("desa")
    ringkasan = wksbm_visible(request.user).aggregate(
        total=Count("pk"),
        aktif=Count("pk", filter=Q(status=Wksbm.Status.AKTIF)),
        penumbuhan=Count("pk", filter=Q(status=Wksbm.Status.PENUMBUHAN)),
        nonaktif=Count("pk", filter=Q(status=Wksbm.Status.NONAKTIF)),
    )
    return render(
        request,
        "registry/home.html",
        {
            "menunggu": menunggu[:50] if a.desa else [],
            "wksbm_saya": wksbm_saya,
            "ringkasan": ringkasan,
            "desa_lurah": Desa.objects.filter(pk__in=a.desa).select_related("kecamatan"),
        },
    )


def wksbm_list(request: HttpRequest) -> HttpResponse:
    qs = wksbm_visible(request.user).select_related(
        "desa", "desa__kecamatan", "desa__kecamatan__kabupaten", "padukuhan"
    )
    q = request.GET.get("q", "")
    qs = search(qs, q, ["nama", "desa__nama", "desa__kecamatan__nama", "padukuhan__nama"])
    status = request.GET.get("status", "")
    if status in Wksbm.Status.values:
        qs = qs.filter(status=status)
    page = paginate(request, qs.order_by("desa__kecamatan__nama", "desa__nama", "nama"))
    return render(
        request,
        "registry/wksbm_list.html",
        {
            "page": page,
            "istilah": istilah_bersama([w.desa_id for w in page]),
            "q": q,
            "status": status,
            "status_choices": Wksbm.Status.choices,
            "qs_tanpa_halaman": querystring_without_page(request),
        },
    )


def wksbm_create(request: HttpRequest) -> HttpResponse:
    """A lurah registers a WKSBM that is being formed in the kalurahan."""
    desa = Desa.objects.filter(pk__in=akses(request.user).desa)
    if not desa.exists():
        raise PermissionDenied("Hanya lurah yang dapat mendaftarkan WKSBM baru.")
    form = WksbmForm(request.POST or None, request.FILES or None, desa_pilihan=desa)
    if request.method == "POST" and form.is_valid():
        wksbm = form.save()
        messages.success(request, f"WKSBM “{wksbm.nama}” terdaftar dalam tahap penumbuhan.")
        return redirect(wksbm)
    return render(request, "registry/wksbm_form.html", {"form": form, "judul": "Daftarkan WKSBM"})


def wksbm_detail(request: HttpRequest, wksbm: int) -> HttpResponse:
    obj = get_wksbm(request.user, wksbm)
    kepengurusan = obj.kepengurusan_berlaku()
    pengesahan = obj.pengesahan.select_related("kepengurusan").order_by("-diajukan_pada").first()
    return render(
        request,
        "registry/wksbm_detail.html",
        {
            "wksbm": obj,
            "kepengurusan": kepengurusan,
            "anggota": kepengurusan.anggota.all() if kepengurusan else [],
            "pengesahan": pengesahan,
            "langkah": _langkah_rows(obj),
            "boleh_ubah": boleh_menulis(request.user, obj),
            "keputusan_terbuka": Keputusan.objects.terbuka_untuk(obj)[:20],
        },
    )


def wksbm_edit(request: HttpRequest, wksbm: int) -> HttpResponse:
    obj = get_wksbm(request.user, wksbm, write=True)
    form = WksbmForm(request.POST or None, request.FILES or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, "Profil WKSBM disimpan.")
        return redirect(obj)
    return render(
        request,
        "registry/wksbm_form.html",
        {"form": form, "wksbm": obj, "judul": "Ubah profil WKSBM"},
    )


def wksbm_stempel(request: HttpRequest, wksbm: int) -> HttpResponse:
    obj = get_wksbm(request.user, wksbm)
    return serve_file(obj.stempel, download_name=f"stempel-wksbm-{obj.pk}")


def _langkah_rows(wksbm: Wksbm) -> list[dict]:
    tercatat = {lp.langkah: lp for lp in wksbm.langkah.all()}
    return [
        {
            "kode": kode,
            "label": label,
            "tahap": "Persiapan" if i < 3 else "Pelaksanaan",
            "catatan": tercatat.get(kode),
        }
        for i, (kode, label) in enumerate(Langkah.choices)
    ]


def penumbuhan(request: HttpRequest, wksbm: int) -> HttpResponse:
    obj = get_wksbm(request.user, wksbm)
    rows = _langkah_rows(obj)
    selesai = sum(1 for r in rows if r["catatan"])
    draf = obj.kepengurusan.filter(pengesahan__isnull=True).first()
    return render(
        request,
        "registry/penumbuhan.html",
        {
            "wksbm": obj,
            "langkah": rows,
            "selesai": selesai,
            "persen": round(selesai * 100 / len(rows)),
            "boleh_ubah": boleh_menulis(request.user, obj),
            "kekurangan": syarat_pengajuan(draf) if draf else [],
            "draf": draf,
        },
    )


def _langkah(kode: str) -> Langkah:
    if kode not in Langkah.values or kode == Langkah.PENGESAHAN:
        raise Http404("Langkah tidak dikenal.")
    return Langkah(kode)


def langkah_edit(request: HttpRequest, wksbm: int, langkah: str) -> HttpResponse:
    obj = get_wksbm(request.user, wksbm, write=True)
    kode = _langkah(langkah)
    instance = LangkahPenumbuhan.objects.filter(wksbm=obj, langkah=kode).first()
    form = LangkahForm(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        catatan = form.save(commit=False)
        catatan.wksbm, catatan.langkah, catatan.dicatat_oleh = obj, kode, request.user
        catatan.save()
        messages.success(request, f"Langkah “{kode.label}” dicatat.")
        return redirect("registry:penumbuhan", obj.pk)
    return render(
        request,
        "registry/langkah_form.html",
        {"form": form, "wksbm": obj, "langkah": kode},
    )


def langkah_lampiran(request: HttpRequest, wksbm: int, langkah: str) -> HttpResponse:
    obj = get_wksbm(request.user, wksbm)
    catatan = LangkahPenumbuhan.objects.filter(wksbm=obj, langkah=_langkah(langkah)).first()
    if catatan is None:
        raise Http404("Langkah belum dicatat.")
    return serve_file(catatan.lampiran, download_name=f"lampiran-{catatan.langkah}")
