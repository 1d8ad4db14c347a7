from django.urls import path

from wksbm import books

from .views import lembaga, pdp, pengesahan, wilayah

app_name = "registry"

urlpatterns = [
    path("wksbm/", lembaga.wksbm_list, name="wksbm-list"),
    path("wksbm/baru/", lembaga.wksbm_create, name="wksbm-create"),
    path("w/<int:wksbm>/", lembaga.wksbm_detail, name="wksbm-detail"),
    path("w/<int:wksbm>/ubah/", lembaga.wksbm_edit, name="wksbm-edit"),
    path("w/<int:wksbm>/stempel/", lembaga.wksbm_stempel, name="wksbm-stempel"),
    path("w/<int:wksbm>/penumbuhan/", lembaga.penumbuhan, name="penumbuhan"),
    path("w/<int:wksbm>/penumbuhan/<str:langkah>/", lembaga.langkah_edit, name="langkah-edit"),
    path(
        "w/<int:wksbm>/penumbuhan/<str:langkah>/lampiran/",
        lembaga.langkah_lampiran,
        name="langkah-lampiran",
    ),
    path("w/<int:wksbm>/kepengurusan/", pengesahan.kepengurusan_list, name="kepengurusan-list"),
    path(
        "w/<int:wksbm>/kepengurusan/baru/",
        pengesahan.kepengurusan_create,
        name="kepengurusan-create",
    ),
    path(
        "w/<int:wksbm>/kepengurusan/<int:pk>/",
        pengesahan.kepengurusan_detail,
        name="kepengurusan-detail",
    ),
    path(
        "w/<int:wksbm>/kepengurusan/<int:pk>/anggota/baru/",
        pengesahan.pengurus_create,
        name="pengurus-create",
    ),
    path(
        "w/<int:wksbm>/kepengurusan/<int:pk>/ajukan/",
        pengesahan.kepengurusan_ajukan,
        name="kepengurusan-ajukan",
    ),
    path("w/<int:wksbm>/pengurus/<int:pk>/ubah/", pengesahan.pengurus_edit, name="pengurus-edit"),
    path(
        "w/<int:wksbm>/pengurus/<int:pk>/hapus/", pengesahan.pengurus_delete, name="pengurus-delete"
    ),
    path("pengesahan/", pengesahan.pengesahan_inbox, name="pengesahan-list"),
    path(
        "w/<int:wksbm>/pengesahan/<int:pk>/",
        pengesahan.pengesahan_detail,
        name="pengesahan-detail",
    ),
    path(
        "w/<int:wksbm>/pengesahan/<int:pk>/setujui/",
        pengesahan.pengesahan_setujui,
        name="pengesahan-setujui",
    ),
    path(
        "w/<int:wksbm>/pengesahan/<int:pk>/kembalikan/",
        pengesahan.pengesahan_kembalikan,
        name="pengesahan-kembalikan",
    ),
    path(
        "w/<int:wksbm>/pengesahan/<int:pk>/cabut/",
        pengesahan.pengesahan_cabut,
        name="pengesahan-cabut",
    ),
    path(
        "w/<int:wksbm>/pengesahan/<int:pk>/sk.pdf", pengesahan.pengesahan_sk, name="pengesahan-sk"
    ),
    path("w/<int:wksbm>/ekspor-data-pribadi/", pdp.ekspor_log, name="pdp-log"),
    path("wilayah/desa/<str:desa>/padukuhan/", wilayah.padukuhan_list, name="padukuhan-list"),
    path("wilayah/desa/<str:desa>/cap/", wilayah.cap_desa, name="cap-desa"),
    path("wilayah/desa/<str:desa>/cap/gambar/", wilayah.cap_desa_gambar, name="cap-desa-gambar"),
]

urlpatterns += books.urlpatterns(app_name)
