"""The coordinators' daily digest of activities waiting too long for a review."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from estafette.activities.queries import moderation_queue
from estafette.core.dates import local_date
from estafette.mail.services import queue_templated_mail

WAITING_LIMIT = 2  # working days


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days (Mon–Fri) that passed from start to end: Friday → Monday is 1."""
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    days = weeks * 5
    for offset in range(1, rest + 1):
        if (start + dt.timedelta(days=offset)).weekday() < 5:
            days += 1
    return days


def waiting_working_days(activity, *, today: dt.date) -> int:
    return working_days_between(local_date(activity.submitted_at or activity.updated_at), today)


def send_moderation_digest(*, now=None) -> int:
    """One e-mail per coordinator whose regions have items waiting longer than the limit."""
    today = local_date(now or timezone.now())
    sent = 0
    users = get_user_model().objects.filter(is_active=True, coordinated_regions__isnull=False)
    for user in users.distinct():
        overdue = [
            (activity, waiting_working_days(activity, today=today))
            for activity in moderation_queue(user.coordinated_regions.all())
        ]
        overdue = [(activity, days) for activity, days in overdue if days > WAITING_LIMIT]
        if not overdue:
            continue
        queue_templated_mail(
            to=user.email,
            template="activity_digest",
            context={
                "user": user,
                "items": overdue,
                "link": settings.SITE_URL.rstrip("/") + reverse("activities:queue"),
            },
        )
        sent += 1
    return sent
