from django.db import migrations


def load(apps, schema_editor):
    from registry.kategori import sync_ppks

    sync_ppks(apps.get_model("registry", "KategoriPpks"))


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_ppks")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
