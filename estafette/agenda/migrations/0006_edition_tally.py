"""Kept facet counts per edition (EditionTally), and the trigger that makes them old: after
every insert, delete, or update of a counted column of a public activity, in the same
transaction, whichever code makes it, the version of its edition (of both editions, when it
moves) goes up. On SQLite the trigger is lost when Django rebuilds the activity table (an
altered column): such a migration creates it again (`sqlite_statements`), and a test checks
that it is there.
"""

from django.db import migrations, models

PUBLIC = "('published', 'cancelled')"
# What the kept counts are made of: the facets' columns, and the map's towns and organisers.
COUNTED = (
    "edition_id",
    "status",
    "stage_id",
    "province_id",
    "format",
    "theme_bits",
    "type_bits",
    "audience_bits",
    "organiser_kind_bits",
    "accessibility_bits",
    "is_interactive",
    "signup_mode",
    "town",
    "latitude",
    "longitude",
    "lead_organisation_id",
)
SQLITE_TRIGGERS = ("insert", "delete", "update_old", "update_new")
UPSERT = (
    "INSERT INTO agenda_edition_tally (edition_id, version) VALUES ({row}.edition_id, 1)"
    " ON CONFLICT (edition_id) DO UPDATE SET version = agenda_edition_tally.version + 1"
)


def _changed(distinct: str) -> str:
    return " OR ".join(f"OLD.{column} {distinct} NEW.{column}" for column in COUNTED)


def sqlite_statements() -> list[str]:
    """The SQLite triggers (again, after a rebuild of the activity table): one per case, as
    SQLite's triggers have no IF."""
    each_row = "AFTER {event} ON activities_activity FOR EACH ROW WHEN"
    return [
        *(f"DROP TRIGGER IF EXISTS agenda_tally_{name}" for name in SQLITE_TRIGGERS),
        f"CREATE TRIGGER agenda_tally_insert {each_row.format(event='INSERT')}"
        f" NEW.status IN {PUBLIC} BEGIN {UPSERT.format(row='NEW')}; END",
        f"CREATE TRIGGER agenda_tally_delete {each_row.format(event='DELETE')}"
        f" OLD.status IN {PUBLIC} BEGIN {UPSERT.format(row='OLD')}; END",
        # The edition it was counted in, and (when it newly counts there) the one it is in now.
        f"CREATE TRIGGER agenda_tally_update_old {each_row.format(event='UPDATE')}"
        f" OLD.status IN {PUBLIC} AND ({_changed('IS NOT')})"
        f" BEGIN {UPSERT.format(row='OLD')}; END",
        f"CREATE TRIGGER agenda_tally_update_new {each_row.format(event='UPDATE')}"
        f" NEW.status IN {PUBLIC}"
        f" AND (OLD.status NOT IN {PUBLIC} OR OLD.edition_id IS NOT NEW.edition_id)"
        f" BEGIN {UPSERT.format(row='NEW')}; END",
    ]


POSTGRES = [
    f"""
    CREATE FUNCTION agenda_tally_stale() RETURNS trigger AS $$
    BEGIN
        IF TG_OP <> 'INSERT' AND OLD.status IN {PUBLIC} THEN
            {UPSERT.format(row="OLD")};
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.status IN {PUBLIC} AND (TG_OP = 'INSERT'
                OR OLD.status NOT IN {PUBLIC} OR OLD.edition_id <> NEW.edition_id) THEN
            {UPSERT.format(row="NEW")};
        END IF;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    "CREATE TRIGGER agenda_tally_insert_delete AFTER INSERT OR DELETE ON activities_activity"
    " FOR EACH ROW EXECUTE FUNCTION agenda_tally_stale()",
    "CREATE TRIGGER agenda_tally_update AFTER UPDATE ON activities_activity FOR EACH ROW"
    f" WHEN ((OLD.status IN {PUBLIC} OR NEW.status IN {PUBLIC})"
    f" AND ({_changed('IS DISTINCT FROM')}))"
    " EXECUTE FUNCTION agenda_tally_stale()",
]
POSTGRES_BACKWARDS = [
    "DROP TRIGGER IF EXISTS agenda_tally_update ON activities_activity",
    "DROP TRIGGER IF EXISTS agenda_tally_insert_delete ON activities_activity",
    "DROP FUNCTION IF EXISTS agenda_tally_stale()",
]
SQLITE_BACKWARDS = [f"DROP TRIGGER IF EXISTS agenda_tally_{name}" for name in SQLITE_TRIGGERS]


def run(postgres, sqlite):
    def apply(apps, schema_editor):
        statements = postgres if schema_editor.connection.vendor == "postgresql" else sqlite
        for sql in statements:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0005_sqlite_search_scope"),
        ("activities", "0016_postcode_index_alone"),
    ]

    operations = [
        migrations.CreateModel(
            name="EditionTally",
            fields=[
                ("edition_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
                ("counted", models.BigIntegerField(null=True)),
                ("counts", models.JSONField(null=True)),
            ],
            options={"db_table": "agenda_edition_tally"},
        ),
        migrations.RunPython(
            run(POSTGRES, sqlite_statements()), run(POSTGRES_BACKWARDS, SQLITE_BACKWARDS)
        ),
    ]
