"""SQLite: a deleted activity leaves the full-text index with it (PostgreSQL keeps the search
vector in the row itself). The database does it, like a cascade, for every way of deleting."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE TRIGGER activity_search_forget AFTER DELETE ON activities_activity"
            " BEGIN DELETE FROM activity_search WHERE rowid = old.id; END"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS activity_search_forget")


class Migration(migrations.Migration):
    dependencies = [("activities", "0008_vocabulary_bits")]

    operations = [migrations.RunPython(forwards, backwards)]
