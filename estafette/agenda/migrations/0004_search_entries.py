"""PostgreSQL's search vectors move out of the activity rows into a narrow table of their own
(see SearchEntry): one edition's entries in a row, so that a search for a word nearly every
activity holds reads that edition's entries, not every wide activity row. A trigger keeps the
entry's edition, status and title equal to the activity's on every update; deleting the
activity deletes its entry. SQLite keeps its FTS5 table (the entries' table stays empty there).
"""

import django.contrib.postgres.search
from django.db import migrations, models

FORWARDS = [
    # In edition order, the public ones of each edition together (what a search reads).
    "INSERT INTO agenda_search_entry (activity_id, edition_id, status, title, search_vector)"
    " SELECT id, edition_id, status, title, search_vector FROM activities_activity"
    " WHERE search_vector IS NOT NULL"
    " ORDER BY edition_id, status IN ('published', 'cancelled') DESC, id",
    "CREATE INDEX agenda_search_entry_edition_idx ON agenda_search_entry (edition_id, status)",
    "CREATE INDEX agenda_search_entry_vector_idx ON agenda_search_entry USING gin (search_vector)",
    "ALTER TABLE agenda_search_entry ADD CONSTRAINT agenda_search_entry_activity_fk"
    " FOREIGN KEY (activity_id) REFERENCES activities_activity (id)"
    " ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED",
    """
    CREATE FUNCTION agenda_search_entry_follow() RETURNS trigger AS $$
    BEGIN
        UPDATE agenda_search_entry
        SET edition_id = NEW.edition_id, status = NEW.status, title = NEW.title
        WHERE activity_id = NEW.id;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    "CREATE TRIGGER agenda_search_entry_follow AFTER UPDATE OF edition_id, status, title"
    " ON activities_activity FOR EACH ROW"
    " WHEN (OLD.edition_id IS DISTINCT FROM NEW.edition_id OR OLD.status IS DISTINCT FROM"
    " NEW.status OR OLD.title IS DISTINCT FROM NEW.title)"
    " EXECUTE FUNCTION agenda_search_entry_follow()",
    "DROP INDEX IF EXISTS activity_search_idx",
    "ALTER TABLE activities_activity DROP COLUMN search_vector",
]
BACKWARDS = [
    "ALTER TABLE activities_activity ADD COLUMN search_vector tsvector",
    "UPDATE activities_activity AS a SET search_vector = e.search_vector"
    " FROM agenda_search_entry AS e WHERE e.activity_id = a.id",
    "CREATE INDEX activity_search_idx ON activities_activity USING gin (search_vector)",
    "DROP TRIGGER IF EXISTS agenda_search_entry_follow ON activities_activity",
    "DROP FUNCTION IF EXISTS agenda_search_entry_follow()",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0003_search_word_trigrams"),
        ("activities", "0006_full_text_search"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "activity",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="activities.activity",
                    ),
                ),
                ("edition_id", models.BigIntegerField()),
                ("status", models.CharField(max_length=20)),
                ("title", models.CharField(max_length=150)),
                ("search_vector", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={"db_table": "agenda_search_entry"},
        ),
        migrations.RunPython(run(FORWARDS), run(BACKWARDS)),
    ]
