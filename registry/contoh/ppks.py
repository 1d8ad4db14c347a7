"""Demo rows of Data PPKS for one WKSBM (invented people; NIKs valid in form, not real)."""

from datetime import date

from django.db import transaction

from wksbm.models import next_number

from ..models import KategoriPpks, Ppks, PpksKategori
from ..nik import bersihkan_nik

# nama | L/P | lahir | kategori | disabilitas | program | status
WARGA = """
Sainem | P | 1938-04-12 | LUT | | PBI-JK | aktif
Karto Wiyono | L | 1941-08-30 | LUT | | PBI-JK,BPNT | aktif
Paijem | P | 1947-02-17 | LUT,FM | | PKH,BPNT | aktif
Suyatmi | P | 1979-11-03 | PRSE,FM | | PKH | aktif
Wagiyo | L | 1968-06-21 | PD | fisik | ATENSI | aktif
Rizky Ramadhan | L | 2014-05-09 | ADK | intelektual | PKH | aktif
Ngatirah | P | 1952-12-01 | FM | | BPNT | aktif
Sumarno | L | 1975-03-14 | BWBLP | | | aktif
Tukinah | P | 1944-07-07 | LUT | | | meninggal
Slamet Riyadi | L | 1983-09-25 | NAPZA | | | tertangani
Dewi Anggraini | P | 2011-01-19 | AT | | PKH | aktif
Jumirah | P | 1959-10-10 | KBA,FM | | BLT-DD | aktif
Parjiyo | L | 1962-02-28 | PD | sensorik | PBI-JK | aktif
Lestari Handayani | P | 1988-08-08 | KTK | | | tertangani
Marsudi | L | 1949-05-05 | LUT,PD | fisik | PBI-JK | pindah
"""


def _nik(n: int, lahir: date, perempuan: bool) -> str:
    hari = lahir.day + (40 if perempuan else 0)
    urut = (n - 1) % 9999 + 1  # four digits: PostgreSQL ids keep growing across test runs
    nik = f"340201{hari:02d}{lahir.month:02d}{lahir.year % 100:02d}{urut:04d}"
    return bersihkan_nik(nik)  # raises for a malformed demo NIK


@transaction.atomic
def isi(wksbm, *, user) -> None:
    if Ppks.objects.filter(wksbm=wksbm).exists():
        return
    kategori = {k.kode: k for k in KategoriPpks.objects.all()}
    padukuhan = list(wksbm.desa.padukuhan.all()[:4])
    for n, line in enumerate(WARGA.strip().splitlines(), start=1):
        nama, jk, lahir, kode, disabilitas, program, status = (p.strip() for p in line.split("|"))
        lahir = date.fromisoformat(lahir)
        ppks = Ppks.objects.create(
            wksbm=wksbm,
            nomor=f"{next_number(f'ppks:{wksbm.pk}'):05d}",
            nama=nama,
            nik=_nik(n + 10 * wksbm.pk, lahir, jk == "P") if n % 5 else "",
            jenis_kelamin=jk,
            tempat_lahir="Bantul",
            tanggal_lahir=lahir,
            alamat=f"RT {n % 6 + 1:02d}",
            rt=f"{n % 6 + 1:02d}",
            rw=f"{n % 3 + 1:02d}",
            padukuhan=padukuhan[n % len(padukuhan)] if padukuhan else None,
            jenis_disabilitas=disabilitas,
            program=[p for p in program.split(",") if p],
            terdaftar_dtsen=bool(program),
            desil=n % 4 + 1 if program else None,
            status=status,
            tanggal_pendataan=date(2026, 1, 10 + n),
        )
        for k in kode.split(","):
            PpksKategori.objects.create(
                ppks=ppks,
                kategori=kategori[k],
                tanggal_asesmen=date(2026, 1, 10 + n),
                pelapor="Dukuh",
            )
