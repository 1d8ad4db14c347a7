"""Anonymise PPKS past the retention period (UU PDP 27/2022): see registry.pdp.purge."""

import getpass

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from registry import pdp


class Command(BaseCommand):
    help = (
        "Menganonimkan PPKS yang tidak lagi dilayani (tertangani/meninggal/pindah) lebih dari "
        "N tahun tanpa bantuan atau rujukan; buku keuangan tetap utuh."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tahun",
            type=int,
            default=settings.PPKS_RETENSI_TAHUN,
            help="masa retensi dalam tahun (bawaan: PPKS_RETENSI_TAHUN)",
        )
        parser.add_argument("--dry-run", action="store_true", help="hanya hitung, tanpa mengubah")

    def handle(self, *args, tahun: int, dry_run: bool, **options):
        if tahun < 1:
            raise CommandError("--tahun paling sedikit 1.")
        ids = pdp.purge(tahun=tahun, pelaksana=f"manage.py ({getpass.getuser()})", dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"{len(ids)} PPKS akan dianonimkan (masa retensi {tahun} tahun).")
        else:
            self.stdout.write(f"{len(ids)} PPKS dianonimkan (masa retensi {tahun} tahun).")
