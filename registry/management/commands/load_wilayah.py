"""Load the Kemendagri region data: `load_wilayah --provinsi 34` or `load_wilayah --semua`."""

from django.core.management.base import BaseCommand, CommandError

from registry import wilayah_data


class Command(BaseCommand):
    help = (
        "Memuat data wilayah Kemendagri (provinsi, kabupaten/kota, kecamatan, desa) dari "
        "registry/data/wilayah/. Aman dijalankan ulang: nama diperbarui, tidak ada duplikat."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument(
            "--provinsi",
            action="extend",
            nargs="+",
            metavar="KODE",
            help="kode provinsi Kemendagri, mis. 34 untuk DI Yogyakarta (boleh lebih dari satu)",
        )
        group.add_argument("--semua", action="store_true", help="muat semua provinsi")

    def handle(self, *args, provinsi: list[str] | None, semua: bool, **options):
        try:
            counts = wilayah_data.load(None if semua else provinsi)
        except ValueError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(self.style.SUCCESS(wilayah_data.ringkasan(counts)))
