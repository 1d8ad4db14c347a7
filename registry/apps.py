from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "Registri WKSBM"

    def ready(self) -> None:
        from wksbm.books import tenancy

        from . import audit, buku  # noqa: F401
        from .akun import signals  # noqa: F401
        from .tenancy import WksbmTenancy

        tenancy.install(WksbmTenancy())
