"""A desa's own data, kept by its lurah or the admin: padukuhan and the desa's cap."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from wksbm.files import serve_file
from wksbm.listing import paginate

from ..access import boleh_kelola_desa
from ..forms import CapDesaForm, PadukuhanForm
from ..models import CapDesa, Desa


def _desa(request, desa: str, apa: str) -> Desa:
    if not boleh_kelola_desa(request.user, desa):
        raise PermissionDenied(f"Hanya lurah kalurahan/desa ini atau admin yang mengelola {apa}.")
    return get_object_or_404(Desa.objects.select_related("kecamatan__kabupaten"), pk=desa)


def padukuhan_list(request: HttpRequest, desa: str) -> HttpResponse:
    obj = _desa(request, desa, "padukuhan")
    form = PadukuhanForm(request.POST or None, desa=obj)
    if request.method == "POST" and form.is_valid():
        padukuhan = form.save(commit=False)
        padukuhan.desa = obj
        padukuhan.save()
        messages.success(request, f"Padukuhan {padukuhan.nama} ditambahkan.")
        return redirect("registry:padukuhan-list", obj.pk)
    return render(
        request,
        "registry/padukuhan_list.html",
        {"desa": obj, "page": paginate(request, obj.padukuhan.all(), per_page=50), "form": form},
    )


def cap_desa(request: HttpRequest, desa: str) -> HttpResponse:
    """The desa's cap: shown, and uploaded or replaced."""
    obj = _desa(request, desa, "cap")
    cap = CapDesa.objects.filter(desa=obj).first()
    form = CapDesaForm(request.POST or None, request.FILES or None, instance=cap)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            baru = form.save(commit=False)
            baru.desa, baru.diunggah_oleh = obj, request.user
            baru.save()
        messages.success(request, f"Cap {obj.istilah.desa} {obj.nama} disimpan.")
        return redirect("registry:cap-desa", obj.pk)
    return render(request, "registry/cap_desa.html", {"desa": obj, "cap": cap, "form": form})


def cap_desa_gambar(request: HttpRequest, desa: str) -> HttpResponse:
    obj = _desa(request, desa, "cap")
    cap = get_object_or_404(CapDesa, desa=obj)
    return serve_file(cap.cap, download_name=f"cap-{obj.pk}")
