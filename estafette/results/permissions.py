"""Who may report an activity's results, and who may hide them."""

from django.utils import timezone

from estafette.activities.models import Activity
from estafette.activities.permissions import can_edit, can_moderate
from estafette.core.dates import local_date


def has_ended(activity, now=None) -> bool:
    """From the day it ends: an afternoon workshop may be reported that same evening."""
    return local_date(now or timezone.now()) >= local_date(activity.ends_at)


def can_report(user, activity, now=None) -> bool:
    """Its organisers (the same people who may edit it), once a published activity has ended."""
    return (
        activity.status == Activity.Status.PUBLISHED
        and has_ended(activity, now)
        and can_edit(user, activity)
    )


def can_hide(user, result) -> bool:
    """The region's coordinator (or national staff), as for moderating the activity."""
    return can_moderate(user, result.activity)
