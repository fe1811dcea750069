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
