from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "distribution"
    verbose_name = "Penyaluran dan kegiatan"

    def ready(self) -> None:
        from . import buku  # noqa: F401  (registers the kegiatan and penyaluran books)
