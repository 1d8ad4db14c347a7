from django.apps import AppConfig


class WksbmConfig(AppConfig):
    name = "wksbm"
    verbose_name = "WKSBM Admin (inti)"

    def ready(self) -> None:
        from .books import latar  # noqa: F401  (the books' background-export producers)
