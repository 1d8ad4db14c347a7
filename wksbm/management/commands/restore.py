"""Restore an archive of `manage.py backup` and verify it against its manifest."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wksbm import backup
from wksbm.formatting import angka


class Command(BaseCommand):
    help = (
        "Pulihkan arsip cadangan ke basis data yang dikonfigurasi dan MEDIA_ROOT, lalu "
        "periksa jumlah baris setiap tabel dan hash setiap berkas terhadap manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="Arsip wksbm-backup-….tar.gz.")
        parser.add_argument(
            "--force", action="store_true", help="Timpa basis data tujuan yang tidak kosong."
        )

    def handle(self, *args, archive, force, **options):
        if not archive.is_file():
            raise CommandError(f"Arsip {archive} tidak ditemukan.")
        mulai = time.monotonic()
        hasil = backup.restore(archive, force=force)
        detik = time.monotonic() - mulai
        for masalah in hasil.masalah:
            self.stderr.write(f"Tidak cocok: {masalah}")
        if hasil.masalah:
            raise CommandError(f"Pemulihan tidak sesuai manifest: {len(hasil.masalah)} perbedaan.")
        self.stdout.write(
            f"Basis data dipulihkan: {hasil.tabel} tabel, {angka(hasil.baris)} baris sesuai "
            f"manifest; {angka(hasil.berkas)} berkas sesuai hash SHA-256 "
            f"({angka(round(detik, 1))} detik)."
        )
        if hasil.migrasi_tertunda:
            self.stdout.write(
                f"{hasil.migrasi_tertunda} migrasi kode ini belum diterapkan pada cadangan: "
                "jalankan `manage.py migrate`."
            )
        self.stdout.write(self.style.SUCCESS("Pemulihan selesai dan terverifikasi."))
