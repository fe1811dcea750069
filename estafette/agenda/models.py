"""What the agenda keeps beside the activities to answer fast."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class CalendarEntry(models.Model):
    """An activity's VEVENT as the public feeds send it, kept so that a whole edition's
    iCalendar (tens of thousands of events) is a concatenation, not a re-rendering. The
    fingerprint covers every value the VEVENT is made of: a changed activity, a renamed lead
    organisation or another SITE_URL no longer matches and is rendered afresh."""

    activity = models.OneToOneField(
        "activities.Activity",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="calendar_entry",
    )
    fingerprint = models.CharField(max_length=64)
    vevent = models.TextField()

    def __str__(self):
        return f"VEVENT of activity {self.activity_id}"


class SearchWord(models.Model):
    """A word the search index has met (five letters or more) and the stem the index holds
    for it: the vocabulary through which a query word reaches the compounds that hold it and
    the plurals the stemmer keeps apart (see estafette.agenda.search). Words are added as
    activities are indexed and dropped only by a rebuild: a word nobody uses any more only
    adds an alternative that matches nothing."""

    word = models.CharField(max_length=60, primary_key=True)
    stem = models.CharField(max_length=60)

    def __str__(self):
        return self.word


class SearchEntry(models.Model):
    """On PostgreSQL, what the search reads of an activity: its weighted tsvector, with the
    edition and status that a search of one edition's public agenda filters on, and the title
    (in lower case) and start that it ranks on (see estafette.agenda.search). A table of its
    own, written in edition order, so that a word nearly every activity holds ('zorg') reads
    one edition's entries (about 2 MB per thousand activities) instead of every activity row
    (1.7 KB each), and a search with no other filter ranks without reading the activities.
    The indexer writes the vector; a trigger on the activity table keeps edition, status,
    title and start in step with every update, whichever code makes it. SQLite keeps its
    FTS5 table instead (this one stays empty there)."""

    activity = models.OneToOneField(
        "activities.Activity",
        primary_key=True,
        on_delete=models.DO_NOTHING,  # the database cascades (see the migration)
        related_name="search_entry",
        db_constraint=False,
    )
    edition_id = models.BigIntegerField()
    status = models.CharField(max_length=20)
    # lower(title), as PostgreSQL folds it: "the title holds the query" is a strpos on it
    # (UPPER(title) LIKE UPPER('%zorg%') cost a third of ranking every edition's 'zorg').
    folded_title = models.TextField()
    starts_at = models.DateTimeField()
    search_vector = SearchVectorField()

    class Meta:
        db_table = "agenda_search_entry"

    def __str__(self):
        return f"search entry of activity {self.activity_id}"


class SearchText(models.Model):
    """On SQLite, the full-text table (FTS5, made by the migrations: not by this model), its
    rowid the activity's id: joined to the activity (`search_text`), a search's matches are
    read from it once and ranked as they are read, instead of listed for an IN and matched
    again for the ranking. PostgreSQL has no such table (see SearchEntry)."""

    activity = models.OneToOneField(
        "activities.Activity",
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="search_text",
        db_constraint=False,
    )

    class Meta:
        managed = False
        db_table = "activity_search"

    def __str__(self):
        return f"full text of activity {self.activity_id}"


class EditionTally(models.Model):
    """An edition's facet counts as the agenda shows them without filters, kept between
    changes (see estafette.agenda.tallies): counting every public activity of every edition
    for "Alle edities" cost 71 ms of one page at 100,000 activities. A trigger on the activity
    table raises `version` in the transaction of every change to what the counts are made of
    (a public activity added, removed, or changed in a counted column), whichever code makes
    it; counts are kept with the version they were counted at (`counted`) and used only while
    it is still the current one. `edition_id` is a plain number: a row may outlive its
    edition (the trigger writes it while the edition's activities are being deleted)."""

    edition_id = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)
    counted = models.BigIntegerField(null=True)
    counts = models.JSONField(null=True)

    class Meta:
        db_table = "agenda_edition_tally"

    def __str__(self):
        return f"tally of edition {self.edition_id} (version {self.version})"
