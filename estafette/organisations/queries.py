"""Reads about organisations: search, an organisation's public activities, members."""

from itertools import groupby

from django.db.models import Q

from estafette.activities.models import Activity
from estafette.organisations.models import Organisation


def search_organisations(query: str = ""):
    organisations = Organisation.objects.select_related("province")
    query = (query or "").strip()
    if query:
        organisations = organisations.filter(Q(name__icontains=query) | Q(town__icontains=query))
    return organisations.order_by("name")


def public_activity_ids_of(organisation):
    """The ids of the published (and publicly cancelled) activities it leads or co-organises,
    every edition."""
    return Activity.objects.published().organised_by([organisation]).values_list("pk", flat=True)


def public_activities_of(organisation):
    """Those activities with what their public pages show.

    Their ids first: in one statement with the page's eight joins PostgreSQL kept the joins in
    the order written and joined every public activity before it looked for the few of this
    organisation (509 ms at 100,000)."""
    return (
        Activity.objects.filter(pk__in=list(public_activity_ids_of(organisation)))
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


def members_of(organisation):
    return organisation.memberships.select_related("user").order_by(
        "status", "-role", "user__email"
    )
