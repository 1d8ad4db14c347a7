"""Demo data for `manage.py seed_demo`: accounts, three WKSBMs of Bantul and their lifecycle.

Everything is keyed on natural keys (username, WKSBM nama + desa, langkah, NIK), so a re-run
creates nothing twice and changes nothing. The two active WKSBMs are carried to `aktif` through
the real workflow (`services.ajukan_pengesahan`, `services.setujui_pengesahan`): their SK,
verification token and history are the ones a user would get.

The people are invented; their NIKs are well-formed (registry.nik) but belong to no one.
"""

import io
import math
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from . import access, services, wilayah_data
from .contoh import isi_semua
from .models import (
    CapDesa,
    Desa,
    Jabatan,
    Kabupaten,
    Kepengurusan,
    Konsiderans,
    Langkah,
    LangkahPenumbuhan,
    Padukuhan,
    Pengesahan,
    Pengurus,
    Peran,
    Wksbm,
)
from .nik import bersihkan_nik

DEMO_PASSWORD = "wksbm-demo-2026"
KABUPATEN_BANTUL = "34.02"
DESA_PANGGUNGHARJO = "34.02.15.2004"  # Kapanewon Sewon
DESA_BANGUNHARJO = "34.02.15.2003"  # Kapanewon Sewon
PERBUP_BANTUL = (
    "Peraturan Bupati Bantul Nomor 16 Tahun 2020 tentang Wahana Kesejahteraan Sosial "
    "Berbasis Masyarakat"
)
MASA_BAKTI = 5  # years; settings.MASA_BAKTI_TAHUN is the app's default for new terms


@dataclass(frozen=True)
class Akun:
    username: str
    first_name: str
    last_name: str
    peran: str  # as printed in the account table


@dataclass(frozen=True)
class Anggota:
    jabatan: str
    nama: str
    nik: str
    telepon: str
    alamat: str
    username: str = ""


def _anggota(tabel: str) -> tuple[Anggota, ...]:
    """Board members from a `jabatan | nama | NIK | telepon | alamat | akun` table."""
    anggota = []
    for baris in tabel.strip().splitlines():
        jabatan, *kolom = (k.strip() for k in baris.split("|"))
        anggota.append(Anggota(Jabatan(jabatan), *kolom))
    return tuple(anggota)


@dataclass(frozen=True)
class ContohWksbm:
    nama: str
    desa: str
    padukuhan: str
    tingkat: str
    alamat: str
    telepon: str
    email: str
    lurah: str  # username of the lurah of its desa
    langkah: tuple[tuple[str, int, str], ...]  # (langkah, days before today, catatan)
    anggota: tuple[Anggota, ...]
    nomor_sk: str = ""  # "" = stays in penumbuhan with a draft kepengurusan


AKUN = [
    Akun("admin", "Rahmat", "Hidayat", "Admin (superuser)"),
    Akun("pengurus_a", "Sri", "Wahyuni", "Ketua WKSBM Ngudi Rahayu"),
    Akun("bendahara_a", "Bambang", "Sutrisno", "Bendahara WKSBM Ngudi Rahayu"),
    Akun("pengurus_b", "Suparman", "Hadiwiyono", "Ketua WKSBM Sumber Kasih"),
    Akun("pengurus_c", "Tri", "Handayani", "Ketua WKSBM Guyub Rukun Kweni (penumbuhan)"),
    Akun("lurah_a", "Heru", "Prasetyo", "Lurah Panggungharjo"),
    Akun("lurah_b", "Sugeng", "Riyanto", "Lurah Bangunharjo"),
    Akun("dinsos", "Endang", "Purwaningsih", "Dinas Sosial Kabupaten Bantul"),
]

# Persiapan and pelaksanaan before the pengesahan (which the lurah's approval records itself).
_LANGKAH_LENGKAP = (
    (Langkah.KOORDINASI_LURAH, 70, "Audiensi dengan lurah dan carik di balai kalurahan."),
    (
        Langkah.KOORDINASI_PADUKUHAN,
        56,
        "Pertemuan dukuh, ketua RT, PKK, karang taruna, dan takmir masjid se-kalurahan.",
    ),
    (Langkah.PERSIAPAN_ADMINISTRASI, 42, "Daftar hadir, draf AD/ART, dan buku administrasi."),
    (Langkah.SOSIALISASI, 28, "Sosialisasi WKSBM bersama TKSK dan PSM kapanewon."),
    (
        Langkah.PEMBENTUKAN_KEPENGURUSAN,
        14,
        "Musyawarah pembentukan pengurus; berita acara ditandatangani peserta.",
    ),
)

CONTOH = [
    ContohWksbm(
        nama="WKSBM Ngudi Rahayu",
        desa=DESA_PANGGUNGHARJO,
        padukuhan="Glugo",
        tingkat=Wksbm.Tingkat.KALURAHAN,
        alamat="Jl. Glugo No. 12, RT 03",
        telepon="0812-2734-5510",
        email="ngudirahayu.pgh@example.org",
        lurah="lurah_a",
        langkah=_LANGKAH_LENGKAP,
        nomor_sk="14",
        anggota=_anggota(
            """
ketua       | Sri Wahyuni      | 3402155405720003 | 0812-2734-5510 | Glugo RT 03 | pengurus_a
wakil_ketua | Slamet Riyadi    | 3402150209680001 | 0813-2811-4702 | Sawit RT 05 |
sekretaris  | Dewi Lestari     | 3402156111850002 | 0857-2900-3318 | Sawit RT 02 |
bendahara   | Bambang Sutrisno | 3402150703750004 | 0878-3812-0945 | Kweni RT 01 | bendahara_a
seksi       | Yuli Astuti      | 3402157006800005 | 0812-1564-8821 | Garon RT 04 |
seksi       | Joko Purnomo     | 3402151101780006 | 0819-0437-2260 | Glugo RT 06 |
"""
        ),
    ),
    ContohWksbm(
        nama="WKSBM Sumber Kasih",
        desa=DESA_BANGUNHARJO,
        padukuhan="Druwo",
        tingkat=Wksbm.Tingkat.KALURAHAN,
        alamat="Jl. Parangtritis Km 6, RT 02",
        telepon="0811-2950-7713",
        email="sumberkasih.bgh@example.org",
        lurah="lurah_b",
        langkah=_LANGKAH_LENGKAP,
        nomor_sk="9",
        anggota=_anggota(
            """
ketua       | Suparman Hadiwiyono | 3402151908650007 | 0811-2950-7713 | Druwo RT 02    | pengurus_b
wakil_ketua | Siti Aminah         | 3402154504700008 | 0852-2716-0394 | Ngoto RT 01    |
sekretaris  | Agus Prasetyo       | 3402152512830009 | 0856-4301-7782 | Jotawang RT 03 |
bendahara   | Rina Kusumawati     | 3402155202790010 | 0813-9022-1457 | Tarudan RT 05  |
seksi       | Wahyu Nugroho       | 3402150810900011 | 0895-3671-2208 | Druwo RT 04    |
seksi       | Ngatini             | 3402155707620012 |                | Ngoto RT 03    |
"""
        ),
    ),
    ContohWksbm(
        nama="WKSBM Guyub Rukun Kweni",
        desa=DESA_PANGGUNGHARJO,
        padukuhan="Kweni",
        tingkat=Wksbm.Tingkat.PADUKUHAN,
        alamat="Rumah Dukuh Kweni, RT 02",
        telepon="0821-3344-9071",
        email="",
        lurah="lurah_a",
        # Pembentukan kepengurusan is still to record: the pengurus record it, then submit.
        langkah=_LANGKAH_LENGKAP[:4],
        anggota=_anggota(
            """
ketua      | Tri Handayani | 3402154303820013 | 0821-3344-9071 | Kweni RT 02 | pengurus_c
sekretaris | Eko Saputro   | 3402152905880014 | 0857-4012-6635 | Kweni RT 04 |
bendahara  | Sumarni       | 3402154910760015 |                | Kweni RT 01 |
"""
        ),
    ),
]


class Seeder:
    """Creates what is missing, and leaves what exists alone."""

    def __init__(self, *, password: str, reset_password: bool, log=print, isi_lain=()):
        # Other apps' demo rows (finance, distribution), handed in so registry imports neither.
        self.isi_lain = list(isi_lain)
        self.password = password
        self.reset_password = reset_password
        self.log = log
        self.today = timezone.localdate()
        self.users = {}
        self.password_ok: dict[str, bool] = {}

    # --- accounts -------------------------------------------------------------

    def akun(self, spec: Akun):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=spec.username,
            defaults={"first_name": spec.first_name, "last_name": spec.last_name},
        )
        changed = []
        if spec.username == "admin" and not (user.is_superuser and user.is_staff):
            user.is_superuser = user.is_staff = True
            changed += ["is_superuser", "is_staff"]
        if created or (self.reset_password and not user.check_password(self.password)):
            user.set_password(self.password)
            changed.append("password")
        if changed:
            user.save(update_fields=changed)
        if created:
            self.log(f"  akun {spec.username} dibuat")
        self.password_ok[spec.username] = "password" in changed or user.check_password(
            self.password
        )
        self.users[spec.username] = user
        return user

    def peran(
        self, user, *, jenis: str, mulai: date, selesai: date | None = None, **tempat
    ) -> Peran:
        """One role, keyed on (user, jenis, place[, jabatan])."""
        peran, created = Peran.objects.get_or_create(
            user=user, jenis=jenis, **tempat, defaults={"mulai": mulai, "selesai": selesai}
        )
        if created:
            self.log(f"  peran {peran} untuk {user.username}")
        return peran

    # --- one WKSBM ------------------------------------------------------------

    def wksbm(self, contoh: ContohWksbm) -> Wksbm:
        desa = Desa.objects.select_related("kecamatan__kabupaten").get(kode=contoh.desa)
        padukuhan, _ = Padukuhan.objects.get_or_create(desa=desa, nama=contoh.padukuhan)
        hari_pertama = self.today - timedelta(days=contoh.langkah[0][1])
        wksbm, created = Wksbm.objects.get_or_create(
            nama=contoh.nama,
            desa=desa,
            defaults={
                "tingkat": contoh.tingkat,
                "padukuhan": padukuhan,
                "alamat": contoh.alamat,
                "telepon": contoh.telepon,
                "email": contoh.email,
                "tanggal_berdiri": hari_pertama,
            },
        )
        if created:
            self.log(f"  {wksbm.nama} ({desa.nama}) dibuat")
        if not (wksbm.stempel and wksbm.stempel.storage.exists(wksbm.stempel.name)):
            png = gambar_stempel(wksbm.nama, desa=desa.nama, kabupaten=_tanpa_awalan(desa))
            wksbm.stempel.save("stempel.png", ContentFile(png), save=False)
            wksbm.save(update_fields=["stempel"])

        ketua = self._ketua(contoh)
        for langkah, hari_lalu, catatan in contoh.langkah:
            LangkahPenumbuhan.objects.get_or_create(
                wksbm=wksbm,
                langkah=langkah,
                defaults={
                    "tanggal": self.today - timedelta(days=hari_lalu),
                    "catatan": catatan,
                    "dicatat_oleh": ketua,
                },
            )

        kepengurusan = wksbm.kepengurusan.order_by("periode_mulai").first()
        if kepengurusan is None:
            mulai = self.today if contoh.nomor_sk else self.today + timedelta(days=30)
            kepengurusan = Kepengurusan.objects.create(
                wksbm=wksbm,
                periode_mulai=mulai,
                periode_selesai=_tambah_tahun(mulai, MASA_BAKTI) - timedelta(days=1),
            )
        if kepengurusan.boleh_diubah:
            for a in contoh.anggota:
                _valid_nik(a.nik)
                Pengurus.objects.get_or_create(
                    kepengurusan=kepengurusan,
                    nik=a.nik,
                    defaults={
                        "nama": a.nama,
                        "jabatan": a.jabatan,
                        "telepon": a.telepon,
                        "alamat": f"{a.alamat}, {desa.nama}",
                        "user": self.users.get(a.username),
                    },
                )

        # Accounts of board members work on their WKSBM from the start of penumbuhan;
        # approval keeps these roles (same user, same jabatan) for the term.
        for a in contoh.anggota:
            if a.username:
                self.peran(
                    self.users[a.username],
                    jenis=Peran.Jenis.PENGURUS,
                    mulai=hari_pertama,
                    selesai=kepengurusan.periode_selesai,
                    wksbm=wksbm,
                    jabatan=a.jabatan,
                )

        if contoh.nomor_sk:
            self.sahkan(wksbm, kepengurusan, contoh)
        return wksbm

    def cap_desa(self, kode: str) -> None:
        """The kalurahan's own cap, printed on its lurah's SK."""
        if CapDesa.objects.filter(desa_id=kode).exists():
            return
        desa = Desa.objects.select_related("kecamatan__kabupaten").get(kode=kode)
        png = gambar_stempel(
            desa.nama,
            desa=desa.nama,
            kabupaten=_tanpa_awalan(desa),
            atas=f"PEMERINTAH {desa.kecamatan.kabupaten.nama.upper()}",
            judul_tengah="LURAH",
        )
        cap = CapDesa(desa=desa)
        cap.cap.save("cap.png", ContentFile(png), save=False)
        cap.save()

    def _ketua(self, contoh: ContohWksbm):
        return next(self.users[a.username] for a in contoh.anggota if a.jabatan == Jabatan.KETUA)

    def sahkan(self, wksbm: Wksbm, kepengurusan: Kepengurusan, contoh: ContohWksbm) -> None:
        """Submit as the ketua and approve as the lurah, unless that already happened."""
        ketua = self._ketua(contoh)
        lurah = self.users[contoh.lurah]
        pengesahan = kepengurusan.pengesahan_atau_none
        if pengesahan is None or pengesahan.status == Pengesahan.Status.DIKEMBALIKAN:
            access.forget(ketua)
            pengesahan = services.ajukan_pengesahan(
                kepengurusan=kepengurusan,
                oleh=ketua,
                catatan="Mohon pengesahan kepengurusan hasil musyawarah pembentukan.",
            )
            self.log(f"  pengesahan {wksbm.nama} diajukan oleh {ketua.username}")
        if pengesahan.status == Pengesahan.Status.DIAJUKAN:
            access.forget(lurah)
            pengesahan = services.setujui_pengesahan(
                pengesahan=pengesahan,
                oleh=lurah,
                nomor_sk=contoh.nomor_sk,  # NOMOR 14 TAHUN <this year>
                tanggal_sk=self.today,
            )
            self.log(f"  {wksbm.nama} disahkan oleh {lurah.username}: SK {pengesahan.nomor_sk}")

    # --- everything -----------------------------------------------------------

    def run(self) -> list[tuple[str, str, str]]:
        if not Kabupaten.objects.filter(kode=KABUPATEN_BANTUL).exists():
            self.log("  memuat data wilayah DI Yogyakarta …")
            wilayah_data.load(["34"])
        with transaction.atomic():
            for spec in AKUN:
                self.akun(spec)
            lurah_mulai = date(self.today.year - 1, 1, 1)
            self.peran(
                self.users["lurah_a"],
                jenis=Peran.Jenis.LURAH,
                mulai=lurah_mulai,
                desa_id=DESA_PANGGUNGHARJO,
            )
            self.peran(
                self.users["lurah_b"],
                jenis=Peran.Jenis.LURAH,
                mulai=lurah_mulai,
                desa_id=DESA_BANGUNHARJO,
            )
            self.peran(
                self.users["dinsos"],
                jenis=Peran.Jenis.DINSOS,
                mulai=lurah_mulai,
                kabupaten_id=KABUPATEN_BANTUL,
            )
            Konsiderans.objects.get_or_create(
                kabupaten_id=KABUPATEN_BANTUL, defaults={"perbup": PERBUP_BANTUL}
            )
            for kode in (DESA_PANGGUNGHARJO, DESA_BANGUNHARJO):
                self.cap_desa(kode)
            for contoh in CONTOH:
                wksbm = self.wksbm(contoh)
                wksbm.refresh_from_db(fields=["status"])
                # Books only for the WKSBMs the demo itself makes active (those with an SK
                # here): one a user made active later, like Guyub Rukun Kweni after the
                # README walk-through, and any WKSBM the user added, are theirs alone.
                if contoh.nomor_sk and wksbm.status == Wksbm.Status.AKTIF:
                    self.log(f"  mengisi buku-buku {wksbm.nama} …")
                    isi_semua(wksbm, user=self._ketua(contoh))
                    for isi in self.isi_lain:
                        isi(wksbm, user=self._ketua(contoh))
        return [
            (
                spec.username,
                spec.peran,
                self.password if self.password_ok[spec.username] else "(sudah diganti)",
            )
            for spec in AKUN
        ]


def seed(
    *, password: str = DEMO_PASSWORD, reset_password: bool = False, log=print, isi_lain=()
) -> list[tuple[str, str, str]]:
    """Create the demo data; returns the account table rows (username, peran, kata sandi).

    Existing accounts keep their password unless `reset_password` is set.
    """
    return Seeder(
        password=password, reset_password=reset_password, log=log, isi_lain=isi_lain
    ).run()


def tabel_akun(rows: list[tuple[str, str, str]]) -> str:
    head = ("Username", "Peran", "Kata sandi")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(3)]
    line = "  ".join("-" * w for w in widths)
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join(
        row.rstrip() for row in [fmt.format(*head), line, *(fmt.format(*r) for r in rows)]
    )


# --- helpers -------------------------------------------------------------------


def _valid_nik(nik: str) -> str:
    return bersihkan_nik(nik)  # raises for a malformed demo NIK: a bug in this file


def _tambah_tahun(d: date, tahun: int) -> date:
    try:
        return d.replace(year=d.year + tahun)
    except ValueError:  # 29 February
        return d.replace(year=d.year + tahun, day=28)


def _tanpa_awalan(desa: Desa) -> str:
    nama = desa.kecamatan.kabupaten.nama
    for awalan in ("Kabupaten ", "Kota "):
        if nama.startswith(awalan):
            return nama[len(awalan) :]
    return nama


# --- the stamp -------------------------------------------------------------------

_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_TINTA = (38, 52, 150, 235)  # stamp-pad violet-blue


def _font(size: int, bold: bool = True) -> ImageFont.ImageFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(str(_FONT_DIR / name), size)
    except OSError:
        return ImageFont.load_default(size)


def _teks_melingkar(img: Image.Image, teks: str, *, radius: float, font, atas: bool) -> None:
    """Write `teks` along the circle: clockwise over the top, or left-to-right along the bottom."""
    cx, cy = img.width / 2, img.height / 2
    lebar = [font.getlength(ch) + 1.5 for ch in teks]
    busur = sum(lebar) / radius
    sudut = -math.pi / 2 - busur / 2 if atas else math.pi / 2 + busur / 2
    sisi = int(font.size * 1.6)
    for ch, w in zip(teks, lebar, strict=True):
        langkah = w / radius
        tengah = sudut + langkah / 2 if atas else sudut - langkah / 2
        glyph = Image.new("RGBA", (sisi, sisi), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((sisi / 2, sisi / 2), ch, font=font, fill=_TINTA, anchor="mm")
        derajat = math.degrees(tengah)
        putar = -(derajat + 90) if atas else 90 - derajat
        glyph = glyph.rotate(putar, resample=Image.Resampling.BICUBIC)
        x = cx + radius * math.cos(tengah) - sisi / 2
        y = cy + radius * math.sin(tengah) - sisi / 2
        img.alpha_composite(glyph, (round(x), round(y)))
        sudut = sudut + langkah if atas else sudut - langkah


def _bintang(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    titik = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.42
        a = -math.pi / 2 + i * math.pi / 5
        titik.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    draw.polygon(titik, fill=_TINTA)


def _pas(teks: list[str], *, radius: float, busur_maks: list[float], ukuran: int):
    """The largest font (from `ukuran` down) with which each text fits its arc (radians)."""
    while ukuran > 8:
        font = _font(ukuran)
        if all(
            sum(font.getlength(ch) + 1.5 for ch in t) / radius <= b
            for t, b in zip(teks, busur_maks, strict=True)
        ):
            return font
        ukuran -= 1
    return _font(8)


def gambar_stempel(
    nama: str,
    *,
    desa: str,
    kabupaten: str,
    ukuran: int = 480,
    atas: str = "WAHANA KESEJAHTERAAN SOSIAL BERBASIS MASYARAKAT",
    judul_tengah: str = "WKSBM",
) -> bytes:
    """A round violet stamp as PNG bytes: text between two rings, the name in the middle.

    The WKSBM's stempel by default; with `atas` and `judul_tengah`, the kalurahan's cap.
    """
    img = Image.new("RGBA", (ukuran, ukuran), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    c = ukuran / 2
    draw.ellipse([6, 6, ukuran - 6, ukuran - 6], outline=_TINTA, width=9)
    draw.ellipse([20, 20, ukuran - 20, ukuran - 20], outline=_TINTA, width=3)
    cincin = c - 20 - ukuran * 0.045  # middle of the text band
    dalam = cincin - ukuran * 0.047
    draw.ellipse([c - dalam, c - dalam, c + dalam, c + dalam], outline=_TINTA, width=3)

    bawah = f"KALURAHAN {desa.upper()} · {kabupaten.upper()}"
    huruf = _pas(
        [atas, bawah],
        radius=cincin,
        busur_maks=[math.radians(200), math.radians(130)],
        ukuran=int(ukuran * 0.05),
    )
    _teks_melingkar(img, atas, radius=cincin, font=huruf, atas=True)
    _teks_melingkar(img, bawah, radius=cincin, font=huruf, atas=False)
    for x in (c - cincin, c + cincin):
        _bintang(draw, x, c + ukuran * 0.035, ukuran * 0.018)

    baris = _bungkus(nama.removeprefix("WKSBM ").upper(), maks=12)[:3]
    judul = _font(int(ukuran * 0.1))
    besar = _font(int(ukuran * (0.06 if len(baris) > 2 else 0.07)))
    _bintang(draw, c, c - ukuran * 0.2, ukuran * 0.025)
    draw.text((c, c - ukuran * 0.09), judul_tengah, font=judul, fill=_TINTA, anchor="mm")
    draw.line(
        [c - dalam * 0.7, c - ukuran * 0.025, c + dalam * 0.7, c - ukuran * 0.025],
        fill=_TINTA,
        width=3,
    )
    y = c + ukuran * 0.045
    for teks in baris:
        draw.text((c, y), teks, font=besar, fill=_TINTA, anchor="mm")
        y += besar.size * 1.15

    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _bungkus(teks: str, *, maks: int) -> list[str]:
    baris: list[str] = []
    for kata in teks.split():
        if baris and len(baris[-1]) + 1 + len(kata) <= maks:
            baris[-1] += " " + kata
        else:
            baris.append(kata)
    return baris
