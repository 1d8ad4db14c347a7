"""Padukuhan are added by the lurah (of that kalurahan) or the admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from wksbm.listing import paginate

from ..access import akses
from ..forms import PadukuhanForm
from ..models import Desa


def padukuhan_list(request: HttpRequest, desa: str) -> HttpResponse:
    a = akses(request.user)
    if not a.admin and desa not in a.desa:
        raise PermissionDenied("Hanya lurah kalurahan ini atau admin yang mengelola padukuhan.")
    obj = get_object_or_404(Desa.objects.select_related("kecamatan__kabupaten"), pk=desa)
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
