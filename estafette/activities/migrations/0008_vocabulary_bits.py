"""The vocabularies as bits in the activity row, and the listing index the agenda reads."""

from django.db import migrations, models


LINKS = [
    ("theme_bits", "activities_activity_themes", "theme_id"),
    ("type_bits", "activities_activity_types", "activitytype_id"),
    ("audience_bits", "activities_activity_audiences", "audience_id"),
]
# What the agenda's filters and facet counts read: on PostgreSQL an index-only scan answers
# them without touching the wide rows (descriptions, search vector); SQLite uses the index the
# same way when every column is in it.
LISTING_KEYS = ["edition_id", "status", "starts_at", "id"]
LISTING_MORE = ["stage_id", "format", "province_id", "signup_mode", "lead_organisation_id",
                "ends_at", "theme_bits", "type_bits", "audience_bits", "town", "latitude",
                "longitude"]  # fmt: skip


def forwards(apps, schema_editor):
    sets = ", ".join(
        f"{column} = COALESCE((SELECT SUM(CAST(1 AS BIGINT) << CAST({item} - 1 AS INTEGER)) FROM {table}"
        f" WHERE activity_id = activities_activity.id AND {item} <= 63), 0)"
        for column, table, item in LINKS
    )
    schema_editor.execute(f"UPDATE activities_activity SET {sets}")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX activity_listing_idx ON activities_activity ({', '.join(LISTING_KEYS)})"
            f" INCLUDE ({', '.join(LISTING_MORE)})"
        )
    else:
        columns = ", ".join(LISTING_KEYS + LISTING_MORE)
        schema_editor.execute(
            f"CREATE INDEX activity_listing_idx ON activities_activity ({columns})"
        )


def backwards(apps, schema_editor):
    schema_editor.execute("DROP INDEX activity_listing_idx")


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0007_partner_moves_to_partners_app"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="audience_bits",
            field=models.BigIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="activity",
            name="theme_bits",
            field=models.BigIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="activity",
            name="type_bits",
            field=models.BigIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(forwards, backwards),
    ]
