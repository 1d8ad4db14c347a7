"""Demo rows of the Buku Agenda Surat for one WKSBM: 15 letters in, 15 out, over 2026 (invented)."""

from datetime import date, timedelta

from auditlog.context import set_actor
from django.db import transaction

from ..buku.surat import daftarkan
from ..models import Disposisi, Jabatan, Surat

# diterima | tanggal surat | nomor | pengirim | isi singkat | keterangan
MASUK = """
2026-01-08 | 2026-01-06 | 400.9/012/I/2026 | Pemerintah Kalurahan {desa} | Undangan musyawarah kalurahan perencanaan pembangunan 2027 |
2026-01-20 | 2026-01-15 | 460/0153/Dinsos | Dinas Sosial Kabupaten Bantul | Permintaan pemutakhiran data PPKS semester I | Batas 28 Februari 2026
2026-02-03 | 2026-02-02 | 05/PKK-KAL/II/2026 | TP PKK Kalurahan {desa} | Pemberitahuan jadwal posyandu lansia Februari–Juni |
2026-02-16 | 2026-02-12 | 460/021/Kap | Kapanewon {kapanewon} | Undangan sosialisasi kampung peduli PPKS |
2026-03-02 | 2026-02-27 |  | Karang Taruna Tunas Bangsa | Permohonan dukungan bakti sosial ramadan | Surat tanpa nomor
2026-03-19 | 2026-03-17 | B-214/UPZ/III/2026 | UPZ BAZNAS Kalurahan {desa} | Pemberitahuan penyaluran zakat fitrah untuk fakir miskin |
2026-04-07 | 2026-04-06 | 07/TKSK/IV/2026 | TKSK Kapanewon {kapanewon} | Rujukan lansia telantar a.n. Mbah Sainem untuk pendampingan |
2026-04-28 | 2026-04-24 | 460/0488/Dinsos | Dinas Sosial Kabupaten Bantul | Undangan bimbingan teknis administrasi WKSBM |
2026-05-13 | 2026-05-11 | 021/PSM-Btl/V/2026 | Forum PSM Kabupaten Bantul | Undangan temu karya pekerja sosial masyarakat |
2026-06-09 | 2026-06-05 | CSR/BPD/VI/117 | Bank BPD DIY Cabang Bantul | Jawaban atas proposal bantuan kursi roda | Disetujui 3 unit
2026-07-14 | 2026-07-10 | 400.9/088/VII/2026 | Pemerintah Kalurahan {desa} | Permintaan laporan kegiatan semester I |
2026-08-04 | 2026-08-03 | 12/Takmir/VIII/2026 | Takmir Masjid Al-Ikhlas | Pemberitahuan titipan infak untuk santunan anak yatim |
2026-09-22 | 2026-09-18 | 460/1032/Dinsos | Dinas Sosial Kabupaten Bantul | Pemberitahuan verifikasi lapangan calon penerima ATENSI |
2026-10-15 | 2026-10-14 | 09/Puskesos/X/2026 | Puskesos {desa} | Koordinasi penanganan warga terdampak banjir di bantaran Sungai Progo |
2026-11-10 | 2026-11-06 | 400.9/131/XI/2026 | Pemerintah Kalurahan {desa} | Undangan rapat evaluasi program perlindungan sosial 2026 |
"""  # noqa: E501

# dikirim | tanggal surat | ditujukan kepada | isi singkat | keterangan
KELUAR = """
2026-01-12 | 2026-01-12 | Lurah {desa} | Laporan kegiatan WKSBM tahun 2025 |
2026-01-26 | 2026-01-24 | Para Dukuh se-Kalurahan {desa} | Permohonan bantuan pendataan PPKS per padukuhan | 12 eksemplar
2026-02-09 | 2026-02-09 | Seluruh pengurus WKSBM | Undangan rapat pengurus bulan Februari |
2026-02-27 | 2026-02-26 | Kepala Dinas Sosial Kabupaten Bantul | Penyampaian hasil pemutakhiran data PPKS semester I | Lampiran 1 berkas
2026-03-10 | 2026-03-09 | Bank BPD DIY Cabang Bantul | Proposal bantuan kursi roda bagi penyandang disabilitas |
2026-03-24 | 2026-03-23 | Karang Taruna Tunas Bangsa | Jawaban dukungan bakti sosial ramadan |
2026-04-15 | 2026-04-14 | TKSK Kapanewon {kapanewon} | Laporan hasil kunjungan rumah lansia telantar |
2026-05-04 | 2026-05-04 | Warga dan para donatur | Pemberitahuan jadwal jimpitan beras bulan Mei | Ditempel di pos ronda
2026-06-02 | 2026-06-01 | Ketua TP PKK Kalurahan {desa} | Permohonan kerja sama posyandu lansia |
2026-06-23 | 2026-06-22 | Bank BPD DIY Cabang Bantul | Ucapan terima kasih atas bantuan kursi roda |
2026-07-20 | 2026-07-20 | Lurah {desa} | Laporan kegiatan semester I tahun 2026 |
2026-08-11 | 2026-08-10 | Takmir Masjid Al-Ikhlas | Tanda terima titipan infak santunan anak yatim |
2026-09-08 | 2026-09-07 | Panewu {kapanewon} | Permohonan narasumber sosialisasi pencegahan narkoba |
2026-10-20 | 2026-10-19 | Puskesos {desa} | Data warga terdampak banjir untuk rujukan bantuan |
2026-11-17 | 2026-11-16 | Seluruh pengurus WKSBM | Undangan rapat persiapan santunan akhir tahun |
"""  # noqa: E501

# Disposisi on some incoming letters (by their line in MASUK): (jabatan, instruksi).
DISPOSISI = {
    0: [(Jabatan.KETUA, "Hadir bersama sekretaris; siapkan usulan program sosial.")],
    1: [
        (Jabatan.SEKRETARIS, "Koordinasikan pendataan dengan para dukuh."),
        (Jabatan.SEKSI, "Bantu rekap per padukuhan."),
    ],
    3: [(Jabatan.WAKIL_KETUA, "Mohon mewakili ketua.")],
    5: [(Jabatan.BENDAHARA, "Cocokkan daftar penerima dengan data PPKS.")],
    6: [(Jabatan.SEKSI, "Kunjungi rumah yang bersangkutan minggu ini.")],
    9: [(Jabatan.KETUA, "Atur serah terima bersama pemerintah kalurahan.")],
}


def _baris(tabel: str, **nama) -> list[list[str]]:
    return [
        [k.strip().format(**nama) for k in line.split("|")] for line in tabel.strip().splitlines()
    ]


def isi(wksbm, *, user) -> None:
    """Fill the agenda of `wksbm` (nothing when it already has letters)."""
    if Surat.objects.filter(wksbm=wksbm).exists():
        return
    nama = {"desa": wksbm.desa.nama, "kapanewon": wksbm.desa.kecamatan.nama}
    pengurus = {}
    kepengurusan = wksbm.kepengurusan_berlaku()
    if kepengurusan is not None:
        for anggota in kepengurusan.anggota.all():
            pengurus.setdefault(anggota.jabatan, anggota)

    surat = []
    for i, (diterima, tgl_surat, nomor, pihak, isi_singkat, ket) in enumerate(
        _baris(MASUK, **nama)
    ):
        surat.append((Surat.Arah.MASUK, diterima, tgl_surat, nomor, pihak, isi_singkat, ket, i))
    for dikirim, tgl_surat, pihak, isi_singkat, ket in _baris(KELUAR, **nama):
        surat.append((Surat.Arah.KELUAR, dikirim, tgl_surat, "", pihak, isi_singkat, ket, None))
    surat.sort(key=lambda s: s[1])  # entered in the order letters came and went

    with set_actor(user), transaction.atomic():
        for arah, tanggal, tgl_surat, nomor, pihak, isi_singkat, ket, baris in surat:
            obj = daftarkan(
                Surat(
                    wksbm=wksbm,
                    arah=arah,
                    tanggal=date.fromisoformat(tanggal),
                    tanggal_surat=date.fromisoformat(tgl_surat),
                    nomor_surat=nomor,
                    pihak=pihak,
                    isi_singkat=isi_singkat,
                    keterangan=ket,
                )
            )
            for hari, (jabatan, instruksi) in enumerate(DISPOSISI.get(baris, []), start=1):
                anggota = pengurus.get(jabatan)
                Disposisi.objects.create(
                    surat=obj,
                    pengurus=anggota,
                    kepada=str(anggota) if anggota else Jabatan(jabatan).label,
                    instruksi=instruksi,
                    tanggal=obj.tanggal + timedelta(days=hari),
                )
