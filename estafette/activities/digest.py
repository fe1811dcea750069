"""The coordinators' daily digest of activities waiting too long for a review."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from estafette.activities.queries import moderation_age, moderation_queue, waiting_since
from estafette.core.dates import local_date
from estafette.mail.services import queue_templated_mail


def send_moderation_digest(*, now=None) -> int:
    """One e-mail per coordinator whose regions have items waiting longer than the limit."""
    today = local_date(now or timezone.now())
    sent = 0
    users = get_user_model().objects.filter(is_active=True, coordinated_regions__isnull=False)
    for user in users.distinct():
        ages = [
            (activity, moderation_age(waiting_since(activity), today=today))
            for activity in moderation_queue(user.coordinated_regions.all())
        ]
        overdue = [(activity, age.working_days) for activity, age in ages if age.overdue]
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
