"""Back up the database and the private media files into one archive (docs/deploy.md §7)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand

from wksbm import backup
from wksbm.formatting import angka


class Command(BaseCommand):
    help = (
        "Cadangkan basis data (SQLite: backup API daring; PostgreSQL: pg_dump -Fc) dan berkas "
        "unggahan (MEDIA_ROOT) ke satu arsip .tar.gz berisi manifest untuk verifikasi."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, default=Path("."), help="Folder arsip (bawaan: folder kerja)."
        )

    def handle(self, *args, output, **options):
        mulai = time.monotonic()
        hasil = backup.backup(output)
        detik = time.monotonic() - mulai
        ukuran = hasil.path.stat().st_size
        self.stdout.write(
            f"{hasil.tabel} tabel ({angka(hasil.baris)} baris) dan {angka(hasil.berkas)} berkas "
            f"dicadangkan dalam {angka(round(detik, 1))} detik."
        )
        if not hasil.manifest["media"]:
            self.stdout.write(
                "Penyimpanan berkas bukan FileSystemStorage: berkas tidak ikut dicadangkan "
                "(pakai versioning bucket S3)."
            )
        self.stdout.write(self.style.SUCCESS(f"Cadangan: {hasil.path} ({angka(ukuran)} bita)"))
