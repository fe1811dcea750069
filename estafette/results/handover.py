"""The baton: when a region's week ends, the next region's coordinators and organisers hear
"het stokje is aan u", with what the week brought and what it passes on. Once per stage."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from estafette.accounts.models import User
from estafette.activities.models import Activity
from estafette.core.dates import local_date
from estafette.mail.services import queue_templated_mail_per_language
from estafette.organisations.models import Membership
from estafette.relay.models import Stage
from estafette.results import queries
from estafette.results.models import Handover

# A first run (or a late one) never mails about weeks that ended long ago.
HANDOVER_WINDOW_DAYS = 7
LESSONS_IN_MAIL = 3


def next_region_emails(stage: Stage) -> list[str]:
    """The coordinators of the stage's region and the organisers of its activities (the admins
    of the lead organisations and whoever registered them)."""
    activities = Activity.objects.filter(
        stage=stage,
        status__in=[
            Activity.Status.PUBLISHED,
            Activity.Status.SUBMITTED,
            Activity.Status.CHANGES_REQUESTED,
        ],
    )
    coordinators = User.objects.filter(coordinated_regions=stage.region, is_active=True)
    admins = Membership.objects.admins().filter(
        organisation_id__in=activities.values("lead_organisation_id"), user__is_active=True
    )
    creators = User.objects.filter(pk__in=activities.values("created_by_id"), is_active=True)
    emails = {
        *coordinators.values_list("email", flat=True),
        *admins.values_list("user__email", flat=True),
        *creators.values_list("email", flat=True),
    }
    return sorted(email for email in emails if email)


def send_handover_mails(*, now=None) -> int:
    """Mail the next region for every week that ended (yesterday, or up to a week ago when the
    command did not run); returns the number of stages handed over. Idempotent: the Handover
    row is claimed in the same transaction as the mails are queued."""
    now = now or timezone.now()
    today = local_date(now)
    ended = (
        Stage.objects.filter(
            edition__is_published=True,
            ends_on__lt=today,
            ends_on__gte=today - dt.timedelta(days=HANDOVER_WINDOW_DAYS),
        )
        .exclude(pk__in=Handover.objects.values("stage_id"))
        .select_related("edition", "region")
    )
    handed_over = 0
    for stage in ended:
        week = queries.handover(stage, today=today)
        following = week["next_stage"]
        recipients = next_region_emails(following) if following else []
        try:
            with transaction.atomic():
                Handover.objects.create(stage=stage, recipients=len(recipients))
                for email in recipients:  # one each: their own language, no shared To
                    queue_templated_mail_per_language(
                        to=email,
                        template="handover",
                        context=lambda week=week, stage=stage: {
                            **week,
                            "lessons": week["lessons"][:LESSONS_IN_MAIL],
                            "stage_path": reverse(
                                "results:stage",
                                kwargs={"year": stage.edition.year, "region": stage.region.slug},
                            ),
                        },
                    )
        except IntegrityError:
            continue  # another run handed this stage over
        handed_over += 1
    return handed_over
