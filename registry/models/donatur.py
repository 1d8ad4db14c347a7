"""Data donatur: the people and bodies who give to a WKSBM (domain.md §7).

Anonim: a donor who asks not to be named is never identifiable where a list may be published
or passed on. Every list, printed book and Excel file shows them as NAMA_ANONIM ("Hamba
Allah", as community donation lists usually say) without address, phone or email, and the
list search does not find them by those. Their own record — the donor's page, the form and
its history — keeps the real data for the people who may open it (the pengurus who keep the
book, and the lurah and Dinas Sosial who supervise it), so receipts and thanks still reach
the donor. Other apps listing donors (e.g. pemasukan) should show `nama_publik`.
"""

from django.db import models
from django.db.models import Case, F, Q, Value, When

from wksbm.books.audit import AuditedQuerySet

from .lembaga import Wksbm

NAMA_ANONIM = "Hamba Allah"
# What lists, prints and exports show instead of an anonymous donor's own data.
TERSAMAR = {"nama": NAMA_ANONIM, "alamat": "", "telepon": "", "email": ""}


class DonaturQuerySet(AuditedQuerySet):
    def tercantum(self):
        """Annotate `nama_tercantum` and `alamat_tercantum`: the values as published, so a
        search matches what a list shows and never an anonymous donor's own data."""
        return self.annotate(
            **{
                f"{name}_tercantum": Case(
                    When(anonim=True, then=Value(TERSAMAR[name])),
                    default=F(name),
                    output_field=models.CharField(),
                )
                for name in ("nama", "alamat")
            }
        )

    def tetap(self):
        return self.filter(donatur_tetap=True)


class Donatur(models.Model):
    class Jenis(models.TextChoices):
        PERSEORANGAN = "perseorangan", "Perseorangan"
        PERANTAU = "perantau", "Perantau"
        DUNIA_USAHA = "dunia_usaha", "Dunia usaha/CSR"
        LEMBAGA = "lembaga", "Lembaga"
        INSTANSI = "instansi", "Instansi"

    class Satuan(models.TextChoices):
        RUPIAH = "rupiah_bulan", "Rupiah per bulan"
        BERAS = "kg_beras_bulan", "kg beras per bulan"

    class Tujuan(models.TextChoices):
        UMUM = "umum", "Umum"
        ZAKAT = "zakat", "Zakat"
        LANSIA = "santunan_lansia", "Santunan lansia"
        PENDIDIKAN = "pendidikan", "Pendidikan"
        DISABILITAS = "disabilitas", "Disabilitas"
        BENCANA = "bencana", "Bencana"
        LAINNYA = "lainnya", "Lainnya"

    wksbm = models.ForeignKey(Wksbm, on_delete=models.CASCADE, related_name="+")
    kode = models.CharField("kode", max_length=20)
    nama = models.CharField("nama", max_length=150)
    jenis = models.CharField("jenis", max_length=12, choices=Jenis.choices)
    alamat = models.CharField("alamat", max_length=255, blank=True)
    telepon = models.CharField("HP/WA", max_length=30, blank=True)
    email = models.EmailField("email", blank=True)
    donatur_tetap = models.BooleanField("donatur tetap", default=False)
    komitmen = models.DecimalField(
        "komitmen", max_digits=15, decimal_places=2, null=True, blank=True
    )
    satuan_komitmen = models.CharField(
        "satuan komitmen", max_length=14, choices=Satuan.choices, blank=True
    )
    tujuan = models.CharField(
        "tujuan sumbangan", max_length=16, choices=Tujuan.choices, default=Tujuan.UMUM
    )
    anonim = models.BooleanField("anonim", default=False)
    sejak = models.DateField("donatur sejak", null=True, blank=True)
    keterangan = models.TextField("keterangan", blank=True)

    objects = DonaturQuerySet.as_manager()

    class Meta:
        ordering = ["kode", "id"]
        verbose_name = "donatur"
        verbose_name_plural = "donatur"
        indexes = [models.Index(fields=["wksbm", "kode", "id"])]
        constraints = [
            models.UniqueConstraint(fields=["wksbm", "kode"], name="kode_donatur_unik"),
            models.CheckConstraint(
                condition=Q(donatur_tetap=False, komitmen__isnull=True, satuan_komitmen="")
                | (Q(donatur_tetap=True, komitmen__gt=0) & ~Q(satuan_komitmen="")),
                name="komitmen_donatur_tetap",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} · {self.nama_publik}"

    def publik(self, name: str) -> str:
        return TERSAMAR[name] if self.anonim else getattr(self, name)

    @property
    def nama_publik(self) -> str:
        return self.publik("nama")

    @property
    def alamat_publik(self) -> str:
        return self.publik("alamat")

    @property
    def telepon_publik(self) -> str:
        return self.publik("telepon")

    @property
    def email_publik(self) -> str:
        return self.publik("email")
