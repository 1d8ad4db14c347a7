from functools import partial

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from distribution import contoh as contoh_distribusi
from distribution.cockpit import contoh as contoh_cockpit
from distribution.laporan import contoh as contoh_laporan
from finance import contoh as contoh_keuangan
from registry import demo


class Command(BaseCommand):
    """Lives in `distribution`, the app on top of the import chain, so it can fill every
    app's demo rows while `registry` stays free of imports from `finance`."""

    help = (
        "Isi data demo: akun untuk setiap peran, dua WKSBM aktif dan satu dalam penumbuhan "
        "di Kabupaten Bantul. Aman dijalankan berulang (tidak membuat duplikat)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help=f"Kata sandi akun demo (bawaan: {demo.DEMO_PASSWORD}). Bila diberikan, "
            "akun demo yang sudah ada juga diganti kata sandinya.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Tetap jalan walaupun DEBUG mati (mis. server uji coba).",
        )

    def handle(self, *args, password=None, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo menolak berjalan bila DEBUG mati (pengaturan produksi): akun demo "
                "berkata sandi umum. Pakai --force bila memang diinginkan."
            )
        rows = demo.seed(
            password=password or demo.DEMO_PASSWORD,
            reset_password=password is not None,
            log=self.stdout.write,
            # Kegiatan first; the rounds run inside the money year, before months close.
            isi_lain=[
                contoh_distribusi.isi,
                partial(contoh_keuangan.isi, tambahan=contoh_distribusi.langkah),
                # Last: a submitted laporan locks its period, after the demo's own postings.
                contoh_laporan.isi,
            ],
        )
        # More WKSBMs across Bantul with generated numbers, for the Dinas Sosial cockpit.
        contoh_cockpit.isi(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Data demo siap. Akun demo:"))
        self.stdout.write(demo.tabel_akun(rows))
