"""Delete the background exports past their expiry, with their files (run daily: docs/deploy.md)."""

from django.core.management.base import BaseCommand

from wksbm.ekspor.jobs import hapus_kedaluwarsa


class Command(BaseCommand):
    help = "Hapus ekspor latar belakang yang sudah kedaluwarsa beserta berkasnya."

    def handle(self, *args, **options):
        count = hapus_kedaluwarsa()
        self.stdout.write(f"{count} ekspor kedaluwarsa dihapus.")
