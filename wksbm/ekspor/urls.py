from django.urls import path

from . import views

app_name = "wksbm"

urlpatterns = [
    path("ekspor/", views.ekspor_list, name="ekspor-list"),
    path("ekspor/<int:pk>/", views.ekspor_area_detail, name="ekspor-area-detail"),
    path("ekspor/<int:pk>/unduh/", views.ekspor_area_unduh, name="ekspor-area-unduh"),
    path("w/<int:wksbm>/ekspor/<int:pk>/", views.ekspor_detail, name="ekspor-detail"),
    path("w/<int:wksbm>/ekspor/<int:pk>/unduh/", views.ekspor_unduh, name="ekspor-unduh"),
]
