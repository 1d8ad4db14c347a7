"""The cockpit's URLs (included in distribution.urls): the area's page, a region of it, one
WKSBM, the downloads of each, and the reports inbox."""

from django.urls import path

from . import kotak, unduh, views

urlpatterns = [
    path("dinsos/", views.cockpit, name="cockpit"),
    path("dinsos/rekap.xlsx", unduh.cockpit_xlsx, name="cockpit-xlsx"),
    path("dinsos/rekap.pdf", unduh.cockpit_pdf, name="cockpit-pdf"),
    path("dinsos/bundel.zip", unduh.cockpit_zip, name="cockpit-zip"),
    path("dinsos/laporan/", kotak.kotak_laporan, name="cockpit-laporan"),
    path("dinsos/wilayah/<str:wilayah>/", views.cockpit, name="cockpit-wilayah"),
    path(
        "dinsos/wilayah/<str:wilayah>/rekap.xlsx", unduh.cockpit_xlsx, name="cockpit-xlsx-wilayah"
    ),
    path("dinsos/wilayah/<str:wilayah>/rekap.pdf", unduh.cockpit_pdf, name="cockpit-pdf-wilayah"),
    path("dinsos/wilayah/<str:wilayah>/bundel.zip", unduh.cockpit_zip, name="cockpit-zip-wilayah"),
    path("dinsos/w/<int:wksbm>/", views.cockpit_wksbm, name="cockpit-wksbm"),
]
