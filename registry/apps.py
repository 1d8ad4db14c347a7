from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "Registri WKSBM"

    def ready(self) -> None:
        from . import audit  # noqa: F401
