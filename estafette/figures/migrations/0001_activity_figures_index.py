"""An index that holds every column the figures count by, so counting an edition reads the index
alone, never the wide activity rows (at 100,000 activities the table is some 160 MB)."""

from django.db import migrations

COLUMNS = "stage_id, starts_at, format, places_taken, lead_organisation_id, id"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        sql = (
            "CREATE INDEX IF NOT EXISTS figures_activity_cover_idx ON activities_activity "
            f"(edition_id, status) INCLUDE ({COLUMNS})"
        )
    else:
        sql = (
            "CREATE INDEX IF NOT EXISTS figures_activity_cover_idx ON activities_activity "
            f"(edition_id, status, {COLUMNS})"
        )
    schema_editor.execute(sql)


def drop(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS figures_activity_cover_idx")


class Migration(migrations.Migration):
    dependencies = [("activities", "0007_partner_moves_to_partners_app")]

    operations = [migrations.RunPython(create, drop)]
