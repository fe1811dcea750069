"""Reads about organisations: search, an organisation's public activities, open invitations."""

from itertools import groupby

from django.db.models import Q

from estafette.activities.models import Activity, CoOrganisation
from estafette.organisations.models import Membership, Organisation


def search_organisations(query: str = ""):
    organisations = Organisation.objects.select_related("province")
    query = (query or "").strip()
    if query:
        organisations = organisations.filter(Q(name__icontains=query) | Q(town__icontains=query))
    return organisations.order_by("name")


def public_activities_of(organisation):
    """Published (and publicly cancelled) activities it leads or co-organises, every edition."""
    return (
        Activity.objects.published()
        .filter(edition__is_published=True)
        .filter(
            Q(lead_organisation=organisation)
            | Q(
                partnerships__organisation=organisation,
                partnerships__status=CoOrganisation.Status.ACCEPTED,
            )
        )
        .distinct()
        .with_public_relations()
        .order_by("-edition__year", "starts_at", "id")
    )


def activities_by_edition(organisation) -> list[tuple]:
    """[(edition, [activity, ...]), ...], newest edition first."""
    return [
        (edition, list(activities))
        for edition, activities in groupby(
            public_activities_of(organisation), key=lambda activity: activity.edition
        )
    ]


def pending_invitations_for(user):
    """Co-organisation invitations waiting for an answer from an organisation the user admins."""
    if not user.is_authenticated:
        return CoOrganisation.objects.none()
    admin_of = Membership.objects.filter(
        user=user, status=Membership.Status.ACTIVE, role=Membership.Role.ADMIN
    ).values("organisation_id")
    return (
        CoOrganisation.objects.filter(
            status=CoOrganisation.Status.INVITED, organisation_id__in=admin_of
        )
        .select_related(
            "organisation", "activity__lead_organisation", "activity__edition", "invited_by"
        )
        .order_by("created_at")
    )


def members_of(organisation):
    return organisation.memberships.select_related("user").order_by(
        "status", "-role", "user__email"
    )


def partners_of(activity):
    return activity.partnerships.select_related("organisation").order_by("created_at")
