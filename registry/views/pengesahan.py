"""Kepengurusan (board terms), pengesahan by the lurah, the SK PDF and its public check."""

import string

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from wksbm.listing import paginate, querystring_without_page, search
from wksbm.pdf import data_uri, qr_data_uri, render_pdf

from .. import services
from ..access import adalah_lurah, boleh_menulis, get_scoped, get_wksbm, scoped
from ..forms import (
    AjukanForm,
    AlasanForm,
    KepengurusanForm,
    KonfirmasiSetujuiForm,
    PengurusForm,
    SetujuiForm,
)
from ..models import CapDesa, Kepengurusan, Konsiderans, Pengesahan, Pengurus
from ..models.wilayah import istilah_bersama


def kepengurusan_list(request: HttpRequest, wksbm: int) -> HttpResponse:
    obj = get_wksbm(request.user, wksbm)
    qs = obj.kepengurusan.select_related("pengesahan").order_by("-periode_mulai")
    return render(
        request,
        "registry/kepengurusan_list.html",
        {
            "wksbm": obj,
            "page": paginate(request, qs),
            "boleh_ubah": boleh_menulis(request.user, obj),
        },
    )


def kepengurusan_create(request: HttpRequest, wksbm: int) -> HttpResponse:
    obj = get_wksbm(request.user, wksbm, write=True)
    form = KepengurusanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kepengurusan = form.save(commit=False)
        kepengurusan.wksbm = obj
        kepengurusan.save()
        messages.success(request, "Kepengurusan baru dibuat. Tambahkan anggotanya.")
        return redirect(kepengurusan)
    return render(
        request,
        "registry/simple_form.html",
        {"form": form, "wksbm": obj, "judul": "Kepengurusan baru"},
    )


def _kepengurusan(request, wksbm: int, pk: int) -> Kepengurusan:
    return get_scoped(
        Kepengurusan.objects.filter(wksbm_id=wksbm).select_related("wksbm", "wksbm__desa"),
        request.user,
        pk=pk,
    )


def kepengurusan_detail(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    kepengurusan = _kepengurusan(request, wksbm, pk)
    obj = kepengurusan.wksbm
    boleh_ubah = boleh_menulis(request.user, obj)
    return render(
        request,
        "registry/kepengurusan_detail.html",
        {
            "wksbm": obj,
            "kepengurusan": kepengurusan,
            "anggota": kepengurusan.anggota.select_related("user"),
            "pengesahan": kepengurusan.pengesahan_atau_none,
            "boleh_ubah": boleh_ubah and kepengurusan.boleh_diubah,
            "kekurangan": services.syarat_pengajuan(kepengurusan)
            if kepengurusan.boleh_diubah
            else [],
            "ajukan_form": AjukanForm(),
        },
    )


def _kepengurusan_ubah(request, wksbm: int, pk: int) -> Kepengurusan:
    kepengurusan = _kepengurusan(request, wksbm, pk)
    if not boleh_menulis(request.user, kepengurusan.wksbm):
        raise PermissionDenied("Peran Anda tidak berwenang mengubah kepengurusan.")
    if not kepengurusan.boleh_diubah:
        raise PermissionDenied("Kepengurusan yang sudah diajukan atau disahkan tidak dapat diubah.")
    return kepengurusan


def pengurus_create(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    kepengurusan = _kepengurusan_ubah(request, wksbm, pk)
    form = PengurusForm(request.POST or None, kepengurusan=kepengurusan)
    if request.method == "POST" and form.is_valid():
        anggota = form.save(commit=False)
        anggota.kepengurusan = kepengurusan
        anggota.save()
        messages.success(
            request, f"{anggota.nama} ditambahkan sebagai {anggota.get_jabatan_display()}."
        )
        return redirect(kepengurusan)
    return render(
        request,
        "registry/simple_form.html",
        {
            "form": form,
            "wksbm": kepengurusan.wksbm,
            "judul": "Tambah anggota pengurus",
            "kembali": kepengurusan.get_absolute_url(),
        },
    )


def _pengurus(request, wksbm: int, pk: int) -> Pengurus:
    anggota = get_scoped(
        Pengurus.objects.filter(kepengurusan__wksbm_id=wksbm).select_related("kepengurusan"),
        request.user,
        pk=pk,
    )
    _kepengurusan_ubah(request, wksbm, anggota.kepengurusan_id)
    return anggota


def pengurus_edit(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    anggota = _pengurus(request, wksbm, pk)
    kepengurusan = anggota.kepengurusan
    form = PengurusForm(request.POST or None, instance=anggota, kepengurusan=kepengurusan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Data pengurus disimpan.")
        return redirect(kepengurusan)
    return render(
        request,
        "registry/simple_form.html",
        {
            "form": form,
            "wksbm": kepengurusan.wksbm,
            "judul": f"Ubah data {anggota.nama}",
            "kembali": kepengurusan.get_absolute_url(),
        },
    )


@require_POST
def pengurus_delete(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    anggota = _pengurus(request, wksbm, pk)
    kepengurusan = anggota.kepengurusan
    anggota.delete()
    messages.success(request, f"{anggota.nama} dihapus dari draf kepengurusan.")
    return redirect(kepengurusan)


@require_POST
def kepengurusan_ajukan(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    kepengurusan = _kepengurusan(request, wksbm, pk)
    if not boleh_menulis(request.user, kepengurusan.wksbm):
        raise PermissionDenied("Hanya pengurus WKSBM ini yang dapat mengajukan pengesahan.")
    form = AjukanForm(request.POST)
    form.is_valid()
    try:
        pengesahan = services.ajukan_pengesahan(
            kepengurusan=kepengurusan,
            oleh=request.user,
            catatan=form.cleaned_data.get("catatan", ""),
        )
    except services.TransisiTidakSah as exc:
        messages.error(request, str(exc))
        return redirect(kepengurusan)
    messages.success(request, "Pengesahan diajukan kepada lurah.")
    return redirect(pengesahan)


def pengesahan_inbox(request: HttpRequest) -> HttpResponse:
    """Pengesahan of the WKSBMs the user may see, pending ones first."""
    qs = scoped(Pengesahan.objects.all(), request.user).select_related(
        "wksbm", "wksbm__desa", "kepengurusan"
    )
    q = request.GET.get("q", "")
    qs = search(qs, q, ["wksbm__nama", "wksbm__desa__nama", "nomor_sk"])
    status = request.GET.get("status", "")
    if status in Pengesahan.Status.values:
        qs = qs.filter(status=status)
    page = paginate(request, qs.order_by("status", "-diajukan_pada"))
    return render(
        request,
        "registry/pengesahan_list.html",
        {
            "page": page,
            "istilah": istilah_bersama([p.wksbm.desa_id for p in page]),
            "q": q,
            "status": status,
            "status_choices": Pengesahan.Status.choices,
            "qs_tanpa_halaman": querystring_without_page(request),
        },
    )


def _pengesahan(request, wksbm: int, pk: int) -> Pengesahan:
    return get_scoped(
        Pengesahan.objects.filter(wksbm_id=wksbm).select_related(
            "wksbm", "wksbm__desa", "wksbm__desa__kecamatan", "kepengurusan"
        ),
        request.user,
        pk=pk,
    )


def pengesahan_detail(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    pengesahan = _pengesahan(request, wksbm, pk)
    lurah = adalah_lurah(request.user, pengesahan.wksbm)
    return render(
        request,
        "registry/pengesahan_detail.html",
        {
            "wksbm": pengesahan.wksbm,
            "pengesahan": pengesahan,
            "anggota": pengesahan.kepengurusan.anggota.all(),
            "riwayat": pengesahan.riwayat.select_related("oleh"),
            "lurah": lurah,
            "setujui_form": SetujuiForm(),
            "alasan_form": AlasanForm(),
        },
    )


def _keputusan(request, wksbm: int, pk: int, form_class) -> tuple[Pengesahan, object]:
    pengesahan = _pengesahan(request, wksbm, pk)
    if not adalah_lurah(request.user, pengesahan.wksbm):
        raise PermissionDenied("Hanya lurah kalurahan WKSBM ini yang dapat memutuskan pengesahan.")
    return pengesahan, form_class(request.POST)


def _ulang(request, pengesahan: Pengesahan, **forms) -> HttpResponse:
    """Show the detail page again with the lurah's input and its errors."""
    context = {
        "wksbm": pengesahan.wksbm,
        "pengesahan": pengesahan,
        "anggota": pengesahan.kepengurusan.anggota.all(),
        "riwayat": pengesahan.riwayat.select_related("oleh"),
        "lurah": True,
        "setujui_form": SetujuiForm(),
        "alasan_form": AlasanForm(),
        **forms,
    }
    return render(request, "registry/pengesahan_detail.html", context, status=400)


@require_POST
def pengesahan_setujui(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    """Two steps: the number and date, then a page with the data to approve and a checkbox."""
    konfirmasi = request.POST.get("tahap") == "konfirmasi"
    pengesahan, form = _keputusan(
        request, wksbm, pk, KonfirmasiSetujuiForm if konfirmasi else SetujuiForm
    )
    valid = form.is_valid()
    sk = {k: form.cleaned_data.get(k) for k in ("nomor_sk", "tanggal_sk")}
    if not valid:
        if konfirmasi and set(form.errors) == {"konfirmasi"}:
            return _halaman_konfirmasi(request, pengesahan, form, sk, status=400)
        return _ulang(request, pengesahan, setujui_form=SetujuiForm(request.POST))
    try:
        if not konfirmasi:
            services.periksa_persetujuan(pengesahan=pengesahan, oleh=request.user, **sk)
            form = KonfirmasiSetujuiForm(initial=sk)
            return _halaman_konfirmasi(request, pengesahan, form, sk)
        services.setujui_pengesahan(pengesahan=pengesahan, oleh=request.user, **sk)
    except services.NomorSkGanda as exc:
        ulang = SetujuiForm(request.POST)
        ulang.is_valid()
        ulang.add_error("nomor_sk", str(exc))
        return _ulang(request, pengesahan, setujui_form=ulang)
    except services.TransisiTidakSah as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Pengesahan disetujui. SK dapat diunduh.")
    return redirect(pengesahan)


def _halaman_konfirmasi(
    request, pengesahan: Pengesahan, form, sk: dict, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "registry/pengesahan_setujui.html",
        {
            "wksbm": pengesahan.wksbm,
            "pengesahan": pengesahan,
            "kepengurusan": pengesahan.kepengurusan,
            "anggota": pengesahan.kepengurusan.anggota.all(),
            "form": form,
            **sk,
        },
        status=status,
    )


@require_POST
def pengesahan_kembalikan(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    return _dengan_alasan(request, wksbm, pk, services.kembalikan_pengesahan, "dikembalikan")


@require_POST
def pengesahan_cabut(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    return _dengan_alasan(request, wksbm, pk, services.cabut_pengesahan, "dicabut")


def _dengan_alasan(request, wksbm: int, pk: int, action, kata: str) -> HttpResponse:
    pengesahan, form = _keputusan(request, wksbm, pk, AlasanForm)
    if not form.is_valid():
        return _ulang(request, pengesahan, alasan_form=form)
    try:
        action(pengesahan=pengesahan, oleh=request.user, alasan=form.cleaned_data["alasan"])
    except services.TransisiTidakSah as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Pengesahan {kata}.")
    return redirect(pengesahan)


def verifikasi_url(pengesahan: Pengesahan) -> str:
    return settings.SITE_URL + reverse("verifikasi", args=[pengesahan.token])


def pengesahan_sk(request: HttpRequest, wksbm: int, pk: int) -> HttpResponse:
    pengesahan = _pengesahan(request, wksbm, pk)
    if not pengesahan.punya_sk:
        messages.error(request, "SK belum terbit: pengesahan belum disetujui lurah.")
        return redirect(pengesahan)
    url = verifikasi_url(pengesahan)
    wksbm = pengesahan.wksbm
    istilah = wksbm.istilah
    keputusan = f"{istilah.keputusan} {wksbm.desa.nama}"
    konsiderans = Konsiderans.untuk(wksbm.desa.kecamatan.kabupaten_id)
    menimbang = konsiderans.butir_menimbang(wksbm=wksbm.nama, keputusan=keputusan)
    # The desa's own cap, never the WKSBM's stempel: the SK is the lurah's decree.
    cap = CapDesa.objects.filter(desa_id=wksbm.desa_id).first()
    pdf = render_pdf(
        "registry/sk_print.html",
        {
            "wksbm": wksbm,
            "pengesahan": pengesahan,
            "kepengurusan": pengesahan.kepengurusan,
            "anggota": pengesahan.kepengurusan.anggota.all(),
            "istilah": istilah,
            "keputusan": keputusan,
            "menimbang": list(zip(string.ascii_lowercase, menimbang, strict=False)),
            "mengingat": konsiderans.butir_mengingat(),
            "cap": data_uri(cap.cap) if cap else "",
            "qr": qr_data_uri(url),
            "verifikasi_url": url,
            "judul": f"{keputusan} Nomor {pengesahan.nomor_sk} Tahun {pengesahan.tanggal_sk.year}",
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sk_wksbm_{pengesahan.wksbm_id}.pdf"'
    return response


@login_not_required
def verifikasi(request: HttpRequest, token: str) -> HttpResponse:
    """Public: is this SK authentic and in force? No personal data is shown."""
    pengesahan = get_object_or_404(
        Pengesahan.objects.select_related(
            "wksbm", "wksbm__desa", "wksbm__desa__kecamatan", "wksbm__desa__kecamatan__kabupaten"
        ),
        token=token,
    )
    response = render(request, "registry/verifikasi.html", {"pengesahan": pengesahan})
    response["X-Robots-Tag"] = "noindex"
    return response
