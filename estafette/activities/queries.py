"""Reads for organisers and coordinators: my activities, the moderation queue."""

from django.db.models import Q

from estafette.activities.models import Activity
from estafette.organisations.permissions import organisations_of
from estafette.partners.models import Partner


def activities_of(user):
    """Activities of all the user's organisations, as lead or as accepted partner."""
    mine = organisations_of(user).values("pk")
    return (
        Activity.objects.filter(
            Q(lead_organisation__in=mine)
            | Q(
                partners__organisation__in=mine,
                partners__status=Partner.Status.ACCEPTED,
            )
        )
        .distinct()
        .select_related("edition", "stage__region", "lead_organisation")
        .order_by("-edition__starts_on", "status", "starts_at")
    )


def moderation_queue(regions, *, status=None, include_national=False):
    """Waiting activities of these regions (submitted, or edited after publication), oldest first."""
    where = Q(stage__region__in=regions)
    if include_national:
        where |= Q(stage__isnull=True)
    if status == "changed":
        which = Q(status=Activity.Status.PUBLISHED, changed_since_review=True)
    elif status:
        which = Q(status=status)
    else:
        which = Q(status=Activity.Status.SUBMITTED) | Q(
            status=Activity.Status.PUBLISHED, changed_since_review=True
        )
    return (
        Activity.objects.filter(where, which)
        .select_related("edition", "stage__region", "lead_organisation")
        .order_by("submitted_at", "id")
    )
