from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "distribution"
    verbose_name = "Penyaluran dan kegiatan"

    def ready(self) -> None:
        from . import audit, bantuan, buku  # noqa: F401  (history, panels, the books)
