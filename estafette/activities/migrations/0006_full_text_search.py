"""Full-text search storage, per database (see estafette.agenda.search).

PostgreSQL: a tsvector column on the activity (not a model field, so ordinary reads never fetch
it) with a GIN index, and a trigram index on the town to forgive typos in town names.
SQLite: an FTS5 table whose rowid is the activity id.
"""

from django.db import migrations

FORWARDS = {
    "postgresql": [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "ALTER TABLE activities_activity ADD COLUMN search_vector tsvector",
        "CREATE INDEX activity_search_idx ON activities_activity USING gin (search_vector)",
        "CREATE INDEX activity_town_trgm_idx ON activities_activity USING gin (town gin_trgm_ops)",
    ],
    "sqlite": [
        "CREATE VIRTUAL TABLE activity_search USING fts5(title, summary, places, description)",
    ],
}
BACKWARDS = {
    "postgresql": [
        "DROP INDEX IF EXISTS activity_town_trgm_idx",
        "DROP INDEX IF EXISTS activity_search_idx",
        "ALTER TABLE activities_activity DROP COLUMN IF EXISTS search_vector",
    ],
    "sqlite": ["DROP TABLE IF EXISTS activity_search"],
}


def run(statements):
    def apply(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("activities", "0005_changed_since_review")]

    operations = [migrations.RunPython(run(FORWARDS), run(BACKWARDS))]
