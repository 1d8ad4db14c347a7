"""Generic, app-agnostic database pieces of the core: gap-free counters and exact sums."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.db.models import Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property


class Tepat(Coalesce):
    """COALESCE(expression, 0), exact to its field's decimal places on every database.

    SQLite sums decimals as binary floats (1,88 + 1,01 − 1,88 − 1,01 comes back as
    −2,2E−16, shown as "−Rp0,00"), so every computed money or quantity total goes through
    here."""

    def __init__(self, expression, *, output_field=None):
        super().__init__(expression, Value(0), output_field=output_field)

    def _resolve_output_field(self):
        return self.source_expressions[0].output_field

    @cached_property
    def convert_value(self):
        places = getattr(self.output_field, "decimal_places", None)
        if places is None:
            return super().convert_value
        unit = Decimal(1).scaleb(-places)

        def exact(value, expression, connection):
            # + 0 turns −0,00 into 0,00
            return None if value is None else Decimal(value).quantize(unit) + 0

        return exact


class Jumlah(Tepat):
    """The exact SUM(expression) over the rows [matching filter]; 0 over none."""

    def __init__(self, expression, *, filter=None, output_field=None):
        total = Sum(expression, filter=filter, output_field=output_field)
        super().__init__(total, output_field=output_field)


class Penomoran(models.Model):
    """Gap-free counters (letters, receipts, registers), one row per scope.

    The increment runs in the caller's transaction: if the record that takes the number is
    not saved, the number is not used either, so sequences have no gaps.
    """

    scope = models.CharField(max_length=120, unique=True)
    nilai = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "penomoran"
        verbose_name_plural = "penomoran"

    def __str__(self) -> str:
        return f"{self.scope}: {self.nilai}"


def next_number(scope: str) -> int:
    """The next number of `scope`; must run inside the transaction that uses it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside transaction.atomic()")
    Penomoran.objects.get_or_create(scope=scope)
    counter = Penomoran.objects.select_for_update().get(scope=scope)
    counter.nilai += 1
    counter.save(update_fields=["nilai"])
    return counter.nilai


def _berkas_ekspor(job: "Ekspor", filename: str) -> str:
    # A private, unguessable path: the file is served only by wksbm.ekspor.views.
    ext = filename.rsplit(".", 1)[-1].lower()
    return f"ekspor/{job.dibuat:%Y/%m}/{uuid.uuid4().hex}.{ext}"


class EksporQuerySet(models.QuerySet):
    def aktif(self) -> "EksporQuerySet":
        return self.filter(kedaluwarsa__gt=timezone.now())

    def kedaluwarsa_lewat(self, now=None) -> "EksporQuerySet":
        return self.filter(kedaluwarsa__lte=now or timezone.now())


class Ekspor(models.Model):
    """A long export made in the background (wksbm.ekspor): who asked, for which tenant, what,
    how far it got, and the private file it produced. The tenant is an id only: wksbm knows
    no app's models; access is re-checked through wksbm.books.tenancy on every view. A job of
    no tenant (a recap across an area) is its requester's alone, and its producer's own check
    (wksbm.ekspor.jobs.producer's `akses`) is run again on every view."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu giliran"
        BERJALAN = "berjalan", "Sedang dibuat"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ekspor"
    )
    tenant_id = models.PositiveBigIntegerField("WKSBM", db_index=True, null=True, blank=True)
    jenis = models.CharField("jenis", max_length=40)  # a producer of wksbm.ekspor, e.g. "buku-pdf"
    sumber = models.CharField("sumber", max_length=80)  # e.g. the book's slug
    judul = models.CharField("judul", max_length=200)
    parameter = models.JSONField("parameter", default=dict, blank=True)
    data_pribadi = models.BooleanField("berisi data pribadi", default=False)
    # The same request (user, tenant, producer, parameters) while one is pending: one job.
    kunci = models.CharField(max_length=64, db_index=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.MENUNGGU)
    baris_selesai = models.PositiveIntegerField(default=0)
    baris_total = models.PositiveIntegerField(default=0)
    berkas = models.FileField(upload_to=_berkas_ekspor, blank=True, max_length=200)
    nama_berkas = models.CharField("nama berkas", max_length=200, blank=True)
    pesan_galat = models.TextField("pesan galat", blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    dibuat = models.DateTimeField(default=timezone.now)
    selesai = models.DateTimeField(null=True, blank=True)
    kedaluwarsa = models.DateTimeField(db_index=True)

    objects = EksporQuerySet.as_manager()

    class Meta:
        verbose_name = "ekspor"
        verbose_name_plural = "ekspor"
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kunci"],
                condition=models.Q(status__in=["menunggu", "berjalan"]),
                name="ekspor_satu_yang_berjalan_per_permintaan",
            ),
            models.CheckConstraint(
                condition=models.Q(baris_selesai__lte=models.F("baris_total")),
                name="ekspor_baris_selesai_tidak_melebihi_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.get_status_display()})"

    @property
    def url_detail(self) -> str:
        if self.tenant_id is None:
            return reverse("wksbm:ekspor-area-detail", args=[self.pk])
        return reverse("wksbm:ekspor-detail", args=[self.tenant_id, self.pk])

    @property
    def url_unduh(self) -> str:
        if self.tenant_id is None:
            return reverse("wksbm:ekspor-area-unduh", args=[self.pk])
        return reverse("wksbm:ekspor-unduh", args=[self.tenant_id, self.pk])

    @property
    def persen(self) -> int:
        if self.status == self.Status.SELESAI:
            return 100
        if not self.baris_total:
            return 0
        return min(100, self.baris_selesai * 100 // self.baris_total)

    @property
    def sudah_kedaluwarsa(self) -> bool:
        return self.kedaluwarsa <= timezone.now()

    @property
    def menunggu(self) -> bool:
        return self.status in {self.Status.MENUNGGU, self.Status.BERJALAN}
