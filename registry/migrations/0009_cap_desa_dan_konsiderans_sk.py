import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import wksbm.uploads


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0008_nomor_sk_unik_per_desa"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Konsiderans",
            fields=[
                (
                    "kabupaten",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="konsiderans",
                        serialize=False,
                        to="registry.kabupaten",
                        verbose_name="kabupaten/kota",
                    ),
                ),
                (
                    "menimbang",
                    models.TextField(
                        default="bahwa untuk meningkatkan kesejahteraan sosial warga diperlukan wahana kerja sama keperangkatan pelayanan sosial yang tumbuh dari masyarakat;\nbahwa kepengurusan {wksbm} telah dibentuk melalui musyawarah dan diajukan untuk disahkan;\nbahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan {keputusan} tentang Pengesahan Pengurus {wksbm}",
                        help_text="Satu butir per baris (huruf a, b, … ditambahkan otomatis). {wksbm} = nama WKSBM, {keputusan} = nama keputusan.",
                        verbose_name="menimbang",
                    ),
                ),
                (
                    "mengingat",
                    models.TextField(
                        default="Undang-Undang Nomor 11 Tahun 2009 tentang Kesejahteraan Sosial;\nKeputusan Menteri Sosial Nomor 42/HUK/2004 tentang Pedoman Pelaksanaan Pemberdayaan Wahana Kesejahteraan Sosial Berbasis Masyarakat",
                        help_text="Satu peraturan per baris (nomor 1, 2, … ditambahkan otomatis).",
                        verbose_name="mengingat",
                    ),
                ),
                (
                    "perbup",
                    models.CharField(
                        blank=True,
                        help_text="Mis. Peraturan Bupati Bantul Nomor 16 Tahun 2020 tentang Wahana Kesejahteraan Sosial Berbasis Masyarakat. Dicetak sebagai butir terakhir Mengingat.",
                        max_length=300,
                        verbose_name="peraturan bupati/wali kota tentang WKSBM",
                    ),
                ),
            ],
            options={
                "verbose_name": "konsiderans SK (menimbang/mengingat)",
                "verbose_name_plural": "konsiderans SK (menimbang/mengingat)",
            },
        ),
        migrations.CreateModel(
            name="CapDesa",
            fields=[
                (
                    "desa",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="cap",
                        serialize=False,
                        to="registry.desa",
                        verbose_name="kalurahan/desa",
                    ),
                ),
                (
                    "cap",
                    models.FileField(
                        upload_to=wksbm.uploads.GeneratedPath("cap_desa"),
                        verbose_name="cap (PNG/JPEG, maks. 1 MB)",
                    ),
                ),
                (
                    "diunggah_pada",
                    models.DateTimeField(auto_now=True, verbose_name="diunggah pada"),
                ),
                (
                    "diunggah_oleh",
                    models.ForeignKey(
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "cap kalurahan/desa",
                "verbose_name_plural": "cap kalurahan/desa",
            },
        ),
    ]
