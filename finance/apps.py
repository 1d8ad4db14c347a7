from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = "Keuangan"

    def ready(self) -> None:
        from registry.buku.donatur import tambah_panel

        from . import buku, jimpitan, views  # noqa: F401  (Buku Jimpitan; Kas Umum PDF producer)
        from .kuitansi import panel_donasi
        from .natura import buku as buku_natura  # noqa: F401  (registers Buku Stok Natura)

        tambah_panel(panel_donasi)
