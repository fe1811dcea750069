"""The agenda's new facets as columns of the activity row (accessibility as bits, whether it is
interactive, the kinds of its organisers as bits), filled from the links and organisers, and
the listing index with them and the columns that say whether places are left."""

from django.db import migrations, models

# Organisation.Kind in the order of estafette.activities.vocabulary_bits.KINDS (bit 0 first).
KINDS = [
    "care_provider", "municipality", "library", "insurer", "patient_organisation", "education",
    "company", "government", "other",
]  # fmt: skip
LISTING_KEYS = ["edition_id", "status", "starts_at", "id"]
LISTING_BEFORE = ["stage_id", "format", "province_id", "signup_mode", "lead_organisation_id",
                  "ends_at", "theme_bits", "type_bits", "audience_bits", "town", "latitude",
                  "longitude"]  # fmt: skip
LISTING_AFTER = LISTING_BEFORE + [
    "accessibility_bits", "is_interactive", "organiser_kind_bits", "signup_closed", "capacity",
    "places_taken",
]  # fmt: skip


def listing_index(schema_editor, more):
    """The listing index with these columns; on SQLite, adding or removing a column copies the
    table, which loses its own index and its search trigger (0009): both come back here."""
    schema_editor.execute("DROP INDEX IF EXISTS activity_listing_idx")
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS activity_search_forget")
        schema_editor.execute(
            "CREATE TRIGGER activity_search_forget AFTER DELETE ON activities_activity"
            " BEGIN DELETE FROM activity_search WHERE rowid = old.id; END"
        )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX activity_listing_idx ON activities_activity ({', '.join(LISTING_KEYS)})"
            f" INCLUDE ({', '.join(more)})"
        )
    else:
        columns = ", ".join(LISTING_KEYS + more)
        schema_editor.execute(f"CREATE INDEX activity_listing_idx ON activities_activity ({columns})")


def forwards(apps, schema_editor):
    kind_bit = " ".join(f"WHEN '{kind}' THEN {1 << n}" for n, kind in enumerate(KINDS))
    schema_editor.execute(
        "UPDATE activities_activity SET"
        " accessibility_bits = COALESCE((SELECT SUM(CAST(1 AS BIGINT)"
        " << CAST(accessibilityfacility_id - 1 AS INTEGER)) FROM activities_activity_accessibility"
        " WHERE activity_id = activities_activity.id AND accessibilityfacility_id <= 63), 0),"
        " is_interactive = EXISTS(SELECT 1 FROM activities_activity_interactive_elements"
        " WHERE activity_id = activities_activity.id),"
        f" organiser_kind_bits = COALESCE((SELECT SUM(DISTINCT CASE o.kind {kind_bit} ELSE 0 END)"
        " FROM organisations_organisation o WHERE o.id = activities_activity.lead_organisation_id"
        " OR o.id IN (SELECT p.organisation_id FROM activities_coorganisation p"
        " WHERE p.activity_id = activities_activity.id AND p.status = 'accepted'"
        " AND p.organisation_id IS NOT NULL)), 0)"
    )
    listing_index(schema_editor, LISTING_AFTER)


def backwards(apps, schema_editor):
    listing_index(schema_editor, LISTING_BEFORE)


def nothing(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0012_coordinator_note"),
        ("organisations", "0001_initial"),
        ("partners", "0001_initial"),
    ]

    # The old index comes back last when going back, after the columns are gone.
    operations = [
        migrations.RunPython(nothing, backwards),
        migrations.AddField(
            model_name="activity",
            name="accessibility_bits",
            field=models.BigIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="activity",
            name="is_interactive",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name="activity",
            name="organiser_kind_bits",
            field=models.IntegerField(default=0, editable=False),
        ),
        migrations.RunPython(forwards, nothing),
    ]
