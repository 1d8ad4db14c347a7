"""What the lurah's SK (a Keputusan Lurah/Kepala Desa) needs beyond the pengesahan itself: the
desa's own cap, and the Menimbang/Mengingat text (konsiderans) of each kabupaten/kota."""

from django.conf import settings
from django.db import models

from wksbm.uploads import GeneratedPath

from .wilayah import Desa, Kabupaten

MENIMBANG_BAWAAN = "\n".join(
    [
        "bahwa untuk meningkatkan kesejahteraan sosial warga diperlukan wahana kerja sama "
        "keperangkatan pelayanan sosial yang tumbuh dari masyarakat;",
        "bahwa kepengurusan {wksbm} telah dibentuk melalui musyawarah dan diajukan untuk disahkan;",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu "
        "menetapkan {keputusan} tentang Pengesahan Pengurus {wksbm}",
    ]
)

MENGINGAT_BAWAAN = "\n".join(
    [
        "Undang-Undang Nomor 11 Tahun 2009 tentang Kesejahteraan Sosial;",
        "Keputusan Menteri Sosial Nomor 42/HUK/2004 tentang Pedoman Pelaksanaan Pemberdayaan "
        "Wahana Kesejahteraan Sosial Berbasis Masyarakat",
    ]
)


class CapDesa(models.Model):
    """The kalurahan/desa's own cap, printed on the lurah's SK (never the WKSBM's stempel)."""

    desa = models.OneToOneField(
        Desa,
        verbose_name="kalurahan/desa",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="cap",
    )
    cap = models.FileField("cap (PNG/JPEG, maks. 1 MB)", upload_to=GeneratedPath("cap_desa"))
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, editable=False
    )
    diunggah_pada = models.DateTimeField("diunggah pada", auto_now=True)

    class Meta:
        verbose_name = "cap kalurahan/desa"
        verbose_name_plural = "cap kalurahan/desa"

    def __str__(self) -> str:
        return f"Cap {self.desa}"


class Konsiderans(models.Model):
    """The Menimbang and Mengingat of SKs issued in one kabupaten/kota, set by the admin.

    One point per line; `{wksbm}` and `{keputusan}` are replaced by the WKSBM's name and the
    decree's name ("Keputusan Lurah Panggungharjo"). The kabupaten's Perbup, when set, is
    the last point of Mengingat.
    """

    kabupaten = models.OneToOneField(
        Kabupaten,
        verbose_name="kabupaten/kota",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="konsiderans",
    )
    menimbang = models.TextField(
        "menimbang",
        default=MENIMBANG_BAWAAN,
        help_text="Satu butir per baris (huruf a, b, … ditambahkan otomatis). "
        "{wksbm} = nama WKSBM, {keputusan} = nama keputusan.",
    )
    mengingat = models.TextField(
        "mengingat",
        default=MENGINGAT_BAWAAN,
        help_text="Satu peraturan per baris (nomor 1, 2, … ditambahkan otomatis).",
    )
    perbup = models.CharField(
        "peraturan bupati/wali kota tentang WKSBM",
        max_length=300,
        blank=True,
        help_text="Mis. Peraturan Bupati Bantul Nomor 16 Tahun 2020 tentang Wahana "
        "Kesejahteraan Sosial Berbasis Masyarakat. Dicetak sebagai butir terakhir Mengingat.",
    )

    class Meta:
        verbose_name = "konsiderans SK (menimbang/mengingat)"
        verbose_name_plural = "konsiderans SK (menimbang/mengingat)"

    def __str__(self) -> str:
        return f"Konsiderans SK {self.kabupaten}"

    @classmethod
    def untuk(cls, kabupaten_id: str) -> "Konsiderans":
        """The kabupaten's text, or the defaults (unsaved) when the admin set none."""
        return cls.objects.filter(pk=kabupaten_id).first() or cls(kabupaten_id=kabupaten_id)

    def butir_menimbang(self, *, wksbm: str, keputusan: str) -> list[str]:
        return [
            baris.replace("{wksbm}", wksbm).replace("{keputusan}", keputusan)
            for baris in _baris(self.menimbang)
        ]

    def butir_mengingat(self) -> list[str]:
        return [*_baris(self.mengingat), *([self.perbup.strip()] if self.perbup.strip() else [])]


def _baris(teks: str) -> list[str]:
    return [b.strip().rstrip(";") for b in teks.splitlines() if b.strip()]
