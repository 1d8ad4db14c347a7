from django.db import migrations


def load(apps, schema_editor):
    from registry.kategori import sync_psks

    sync_psks(apps.get_model("registry", "KategoriPsks"))


class Migration(migrations.Migration):
    dependencies = [("registry", "0005_buku_sekretariat_dan_register")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
