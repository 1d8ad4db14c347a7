from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "distribution"
    verbose_name = "Penyaluran dan kegiatan"

    def ready(self) -> None:
        from wksbm import kunci

        from . import audit, bantuan, buku, cockpit, pdp  # noqa: F401  (history, panels, books, PDP)
        from .cockpit import unduh  # noqa: F401  (the recaps' background-export producers)
        from .laporan import services, views  # noqa: F401  (laporan panels)

        # A submitted laporan locks its period's books (wksbm.kunci).
        kunci.add(services.pesan_terkunci)
