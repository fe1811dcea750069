"""The search entries keep their activity's title in lower case and its start, so that a
search with no other filter ranks from the entries alone (see SearchEntry). The trigger
follows the start too. The entries are written anew in edition order, the order the table is
read in (an UPDATE of every row would leave each edition's entries spread over twice the
pages)."""

import django.utils.timezone
from django.db import migrations, models

PUBLIC = "'published', 'cancelled'"
FOLLOW = """
    CREATE OR REPLACE FUNCTION agenda_search_entry_follow() RETURNS trigger AS $$
    BEGIN
        UPDATE agenda_search_entry
        SET edition_id = NEW.edition_id, status = NEW.status,
            folded_title = lower(NEW.title), starts_at = NEW.starts_at
        WHERE activity_id = NEW.id;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
"""
TRIGGER = (
    "CREATE TRIGGER agenda_search_entry_follow AFTER UPDATE OF edition_id, status, title,"
    " starts_at ON activities_activity FOR EACH ROW"
    " WHEN (OLD.edition_id IS DISTINCT FROM NEW.edition_id OR OLD.status IS DISTINCT FROM"
    " NEW.status OR OLD.title IS DISTINCT FROM NEW.title"
    " OR OLD.starts_at IS DISTINCT FROM NEW.starts_at)"
    " EXECUTE FUNCTION agenda_search_entry_follow()"
)
OLD_TRIGGER = (
    "CREATE TRIGGER agenda_search_entry_follow AFTER UPDATE OF edition_id, status, title"
    " ON activities_activity FOR EACH ROW"
    " WHEN (OLD.edition_id IS DISTINCT FROM NEW.edition_id OR OLD.status IS DISTINCT FROM"
    " NEW.status OR OLD.title IS DISTINCT FROM NEW.title)"
    " EXECUTE FUNCTION agenda_search_entry_follow()"
)
OLD_FOLLOW = """
    CREATE OR REPLACE FUNCTION agenda_search_entry_follow() RETURNS trigger AS $$
    BEGIN
        UPDATE agenda_search_entry
        SET edition_id = NEW.edition_id, status = NEW.status, title = NEW.title
        WHERE activity_id = NEW.id;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
"""
INDEXES = [
    "CREATE INDEX agenda_search_entry_edition_idx ON agenda_search_entry (edition_id, status)",
    "CREATE INDEX agenda_search_entry_vector_idx ON agenda_search_entry USING gin (search_vector)",
]
FORWARDS = [
    # DDL refuses to run while deferred foreign-key checks of the inserted rows are pending.
    "SET CONSTRAINTS ALL IMMEDIATE",
    "CREATE TEMPORARY TABLE agenda_search_entry_copy ON COMMIT DROP AS"
    " SELECT e.activity_id, e.edition_id, e.status, lower(a.title) AS folded_title,"
    " a.starts_at, e.search_vector"
    " FROM agenda_search_entry AS e JOIN activities_activity AS a ON a.id = e.activity_id",
    "TRUNCATE agenda_search_entry",
    "DROP INDEX agenda_search_entry_edition_idx",
    "DROP INDEX agenda_search_entry_vector_idx",
    "INSERT INTO agenda_search_entry"
    " (activity_id, edition_id, status, folded_title, starts_at, search_vector)"
    " SELECT activity_id, edition_id, status, folded_title, starts_at, search_vector"
    f" FROM agenda_search_entry_copy ORDER BY edition_id, status IN ({PUBLIC}) DESC, activity_id",
    *INDEXES,
    FOLLOW,
    "DROP TRIGGER agenda_search_entry_follow ON activities_activity",
    TRIGGER,
]
BACKWARDS = [
    # Before the field is renamed back: the column is folded_title still.
    "UPDATE agenda_search_entry AS e SET folded_title = a.title"
    " FROM activities_activity AS a WHERE a.id = e.activity_id",
    OLD_FOLLOW,
    "DROP TRIGGER agenda_search_entry_follow ON activities_activity",
    OLD_TRIGGER,
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("agenda", "0007_search_text_of_sqlite")]

    operations = [
        migrations.RenameField("searchentry", "title", "folded_title"),
        migrations.AlterField("searchentry", "folded_title", models.TextField()),
        migrations.AddField(
            "searchentry",
            "starts_at",
            models.DateTimeField(default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.RunPython(run(FORWARDS), run(BACKWARDS)),
    ]
