"""On SQLite, an index that counts the places left (has_places_left) with the parameters a
query binds. SQLite never reads the partial index of open places (migration 0017) for a
query of Django's: 'published' and 'platform' are bound as parameters, and a parameter does
not prove a partial index's condition, so the count read every public row that has not ended
(every edition at 100,000 activities: 27 → 1.5 ms). The compared columns come first, then
what the rest of the condition and the count read. Made by hand: PostgreSQL reads the partial
index and needs no other."""

from django.db import migrations

NAME = "activity_open_places_sqlite_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON activities_activity"
        " (status, signup_mode, ends_at, edition_id, capacity, places_taken)"
        " WHERE NOT signup_closed"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("activities", "0018_stage_index_covers_the_listing")]

    operations = [migrations.RunPython(create, drop)]
