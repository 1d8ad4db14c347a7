"""Recompute every WKSBM's journal hash chain and balances; name the first broken entry."""

from django.core.management.base import BaseCommand, CommandError

from finance import ledger, natura
from finance.models import Jurnal, RantaiJurnal, Saldo
from registry.models import Wksbm
from wksbm import formatting


class Command(BaseCommand):
    help = "Memeriksa keutuhan rantai jurnal (HMAC) dan saldo setiap WKSBM."

    def add_arguments(self, parser):
        parser.add_argument("--wksbm", type=int, help="Hanya WKSBM dengan ID ini.")

    def handle(self, *args, wksbm=None, **options):
        lembaga = Wksbm.objects.order_by("pk")
        if wksbm is not None:
            lembaga = lembaga.filter(pk=wksbm)
        rusak = 0
        for w in lembaga:
            masalah = self.periksa(w)
            rusak += bool(masalah)
            for m in masalah:
                self.stderr.write(f"{w.nama} (ID {w.pk}): {m}")
        if rusak:
            raise CommandError(f"{rusak} WKSBM memiliki jurnal yang tidak utuh.")
        self.stdout.write(self.style.SUCCESS("Semua jurnal utuh."))

    def periksa(self, wksbm) -> list[str]:
        entries = Jurnal.objects.filter(wksbm=wksbm).order_by("nomor").iterator(chunk_size=2000)
        hasil = ledger.periksa(entries)
        masalah = []
        if not hasil.utuh:
            e = hasil.rusak
            masalah.append(
                f"entri pertama yang rusak: #{e.nomor} ({formatting.tanggal(e.tanggal)}, "
                f"{e.uraian}) — {hasil.alasan}."
            )
        kepala = RantaiJurnal.objects.filter(wksbm=wksbm).first()
        if hasil.utuh and kepala and kepala.hash_terakhir != hasil.kepala:
            masalah.append("kepala rantai tidak cocok dengan entri terakhir (entri hilang?).")
        for saldo in Saldo.objects.filter(dana__wksbm=wksbm).select_related("dana"):
            hitung = Jurnal.objects.filter(dana=saldo.dana).total()
            if hitung != saldo.jumlah:
                masalah.append(
                    f"saldo {saldo.dana} tercatat {formatting.rupiah(saldo.jumlah)}, "
                    f"menurut jurnal {formatting.rupiah(hitung)}."
                )
        masalah += natura.periksa_stok(wksbm)
        if not masalah:
            self.stdout.write(
                f"{wksbm.nama}: {hasil.jumlah_entri} entri utuh; kepala {hasil.kepala[:16]}…"
            )
        return masalah
