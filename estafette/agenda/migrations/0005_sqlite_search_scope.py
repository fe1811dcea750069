"""SQLite's full-text table gets a fifth column, `scope`: one token naming the activity's
edition and whether the public sees it ('e4p', or 'e4' for a draft), so that a search of one
edition's public agenda asks FTS5 for that token too and ranks (bm25) only those rows instead
of every activity that holds the word; and prefix indexes of 3 and 4 letters, so that the last
word of a query ('zorg*') is one list to read instead of a merge of every word it begins. A
trigger keeps the scope equal to the activity's edition and status on every update. Like the
trigger that forgets a deleted activity (activities 0009), it is lost when Django rebuilds the
activity table on SQLite (an altered column): such a migration creates both again (see
activities 0013).
PostgreSQL has its own table of search entries (0004) and is left alone.
"""

from django.db import migrations

SCOPE = "'e' || {row}.edition_id || CASE WHEN {row}.status IN ('published', 'cancelled') THEN 'p' ELSE '' END"

FORGET = (
    "CREATE TRIGGER activity_search_forget AFTER DELETE ON activities_activity"
    " BEGIN DELETE FROM activity_search WHERE rowid = old.id; END"
)

FORWARDS = [
    # The table is renamed below: SQLite refuses while a trigger names a table that is gone.
    "DROP TRIGGER IF EXISTS activity_search_forget",
    "CREATE VIRTUAL TABLE activity_search_scoped USING fts5("
    "title, summary, places, description, scope, prefix='3 4')",
    "INSERT INTO activity_search_scoped (rowid, title, summary, places, description, scope)"
    " SELECT s.rowid, s.title, s.summary, s.places, s.description, " + SCOPE.format(row="a")
    + " FROM activity_search AS s JOIN activities_activity AS a ON a.id = s.rowid",
    "DROP TABLE activity_search",
    "ALTER TABLE activity_search_scoped RENAME TO activity_search",
    FORGET,
    "CREATE TRIGGER activity_search_scope AFTER UPDATE OF edition_id, status"
    " ON activities_activity FOR EACH ROW"
    " WHEN OLD.edition_id IS NOT NEW.edition_id OR OLD.status IS NOT NEW.status BEGIN"
    " UPDATE activity_search SET scope = " + SCOPE.format(row="NEW") + " WHERE rowid = NEW.id;"
    " END",
]
BACKWARDS = [
    "DROP TRIGGER IF EXISTS activity_search_scope",
    "DROP TRIGGER IF EXISTS activity_search_forget",
    "CREATE VIRTUAL TABLE activity_search_plain USING fts5(title, summary, places, description)",
    "INSERT INTO activity_search_plain (rowid, title, summary, places, description)"
    " SELECT rowid, title, summary, places, description FROM activity_search",
    "DROP TABLE activity_search",
    "ALTER TABLE activity_search_plain RENAME TO activity_search",
    FORGET,
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0004_search_entries"),
        ("activities", "0013_facet_columns"),  # after the last rebuild of the activity table
    ]

    operations = [migrations.RunPython(run(FORWARDS), run(BACKWARDS))]
