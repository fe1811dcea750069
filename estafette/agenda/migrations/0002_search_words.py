"""The search vocabulary (see estafette.agenda.search): the table, on PostgreSQL a trigram
index for substring lookups, and the words of the activities already indexed."""

from django.db import migrations, models

TRIGRAM_INDEX = "agenda_searchword_trgm_idx"


def trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {TRIGRAM_INDEX} ON agenda_searchword USING gin (word gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


def fill(apps, schema_editor):
    from estafette.agenda.search import _stem, vocabulary_words

    Activity = apps.get_model("activities", "Activity")
    Organisation = apps.get_model("organisations", "Organisation")
    SearchWord = apps.get_model("agenda", "SearchWord")
    vocabulary = vocabulary_words(Organisation.objects.values_list("name", flat=True))
    for row in Activity.objects.values_list("title", "summary", "town", "description").iterator(
        chunk_size=2000
    ):
        vocabulary |= vocabulary_words(row)
    SearchWord.objects.bulk_create(
        [SearchWord(word=word, stem=_stem(word)) for word in sorted(vocabulary)],
        ignore_conflicts=True,
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0001_calendar_entries"),
        ("activities", "0006_full_text_search"),  # pg_trgm
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=60, primary_key=True, serialize=False)),
                ("stem", models.CharField(max_length=60)),
            ],
        ),
        migrations.RunPython(trigram_index, drop_trigram_index),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
