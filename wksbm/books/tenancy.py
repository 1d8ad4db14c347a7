"""How the generic book machinery reaches the tenant (the WKSBM) without knowing its model.

The registry app installs its implementation at start-up (registry.apps); the machinery in
wksbm/ only calls these functions.
"""

from typing import Any, Protocol


class Tenancy(Protocol):
    def get(self, user, pk: int, *, write: bool, jabatan: frozenset[str] | None) -> Any:
        """The tenant `pk` if visible to `user` (else Http404); PermissionDenied on a bad write."""

    def can_write(self, user, tenant, jabatan: frozenset[str] | None) -> bool: ...

    def can_see_personal_data(self, user, tenant) -> bool:
        """May this user export unmasked personal data (NIK, No. KK) of this tenant?"""

    def print_context(self, tenant, signers: tuple[str, str]) -> dict:
        """Kop, place, signature names and stempel for a printed book."""

    def log_personal_export(self, *, user, tenant, book: str, rows: int) -> str:
        """Log an export carrying names or NIK of people; returns the watermark (who, when)
        its PDF or Excel file must carry."""

    def slug(self, tenant) -> str:
        """A file-name-safe short name of the tenant."""


_installed: list[Tenancy] = []


def install(tenancy: Tenancy) -> None:
    _installed[:] = [tenancy]


def current() -> Tenancy:
    if not _installed:
        raise RuntimeError("No tenancy installed: registry.apps must install one at start-up.")
    return _installed[0]
