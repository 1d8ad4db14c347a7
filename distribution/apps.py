from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "distribution"
    verbose_name = "Penyaluran dan kegiatan"

    def ready(self) -> None:
        pass  # the books arrive with distribution/buku.py
