"""Append-only journal tables on SQLite; PostgreSQL has django-pgtrigger's triggers."""

from django.db import migrations

from finance import triggers


def pasang(apps, schema_editor):
    triggers.ensure(schema_editor.connection)


def lepas(apps, schema_editor):
    triggers.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_jurnal")]
    operations = [migrations.RunPython(pasang, lepas)]
