"""What the agenda keeps beside the activities to answer fast."""

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
