from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render


@login_not_required
def forbidden(request, exception=None):
    return render(request, "403.html", {"pesan": str(exception or "")}, status=403)


@login_not_required
def not_found(request, exception=None):
    return render(request, "404.html", status=404)
