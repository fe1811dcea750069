"""Reads of activities: the organisers' and coordinators' lists, the moderation queue, and the
vocabularies of a page of activities."""

import datetime as dt
from dataclasses import dataclass
from typing import cast

from django.db.models import Exists, ManyToManyField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from estafette.activities.models import Activity, CoordinatorNote, Revision
from estafette.activities.revisions import has_pending_revision
from estafette.core.dates import local_date
from estafette.organisations.permissions import organisations_of


def activities_of(user):
    """Activities of all the user's organisations, as lead or as accepted partner."""
    return (
        Activity.objects.organised_by(organisations_of(user).values("pk"))
        .annotate(has_revision=has_pending_revision())
        .select_related("edition", "stage__region", "lead_organisation")
        .order_by("-edition__starts_on", "status", "starts_at")
    )


def moderation_queue(regions, *, status=None, include_national=False):
    """Waiting items of these regions, oldest first: submitted activities, and published ones
    whose organisers proposed a revision (`has_revision`). `waiting_since` is when the item
    started to wait: `waiting_from`, the submission or the revision."""
    where = Q(stage__region__in=regions)
    if include_national:
        where |= Q(stage__isnull=True)
    revisions = Revision.objects.pending().filter(activity_id=OuterRef("pk"))
    with_revision = Q(status=Activity.Status.PUBLISHED, has_revision=True)
    if status == "changed":
        which = with_revision
    elif status:
        which = Q(status=status)
    else:
        which = Q(status=Activity.Status.SUBMITTED) | with_revision
    return (
        Activity.objects.annotate(
            has_revision=Exists(revisions),
            waiting_from=Coalesce(
                Subquery(revisions.values("created_at")[:1]), "submitted_at", "updated_at"
            ),
        )
        .filter(where, which)
        .select_related("edition", "stage__region", "lead_organisation")
        .order_by("waiting_from", "id")
    )


# Items waiting longer than this many working days are overdue: marked in the queue and put in
# the coordinators' daily digest.
WAITING_LIMIT = 2


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


@dataclass(frozen=True)
class ModerationAge:
    """How long a moderation item has waited, counted in Dutch days up to `today`."""

    days: int
    working_days: int

    @property
    def overdue(self) -> bool:
        return self.working_days > WAITING_LIMIT


def waiting_since(activity: Activity) -> dt.datetime:
    """Since when an item waits: the revision it waits with (`waiting_from`, from the moderation
    queue), else its submission, else its last edit."""
    return getattr(activity, "waiting_from", None) or activity.submitted_at or activity.updated_at


def moderation_age(since: dt.datetime, *, today: dt.date) -> ModerationAge:
    first = local_date(since)
    return ModerationAge(
        days=max((today - first).days, 0), working_days=working_days_between(first, today)
    )


def coordinator_note_text(activity: Activity) -> str:
    """The coordinators' note on the activity ("" without one): for the review page only, which
    coordinators of its region and national staff alone open."""
    note = CoordinatorNote.objects.filter(activity=activity).first()
    return note.text if note is not None else ""


OPEN_DATA_VOCABULARIES = ("themes", "types", "audiences", "interactive_elements")


def load_vocabularies(activities, relations=OPEN_DATA_VOCABULARIES):
    """Each activity's items of these vocabularies as `activity.vocabularies[relation]`, in the
    vocabulary's order, in one query for all of them. A prefetch per vocabulary costs a query
    each and a related manager per activity and vocabulary: most of a feed page's time."""
    by_pk = {activity.pk: activity for activity in activities}
    for activity in by_pk.values():
        activity.vocabularies = {relation: [] for relation in relations}
    if not by_pk:
        return activities
    fields = [cast(ManyToManyField, Activity._meta.get_field(relation)) for relation in relations]
    parts = []
    for index, (relation, field) in enumerate(zip(relations, fields, strict=True)):
        item = field.m2m_reverse_field_name()  # the through table's link to the item
        parts.append(
            getattr(Activity, relation)
            .through.objects.filter(activity_id__in=by_pk)
            .order_by()
            .values_list(
                "activity_id",
                Value(index),
                *(f"{item}__{name}" for name in ("id", "slug", "name", "name_en", "position")),
            )
        )
    first = fields[0].m2m_reverse_field_name()
    rows = parts[0].union(*parts[1:], all=True).order_by(f"{first}__position", f"{first}__name")
    for activity_id, index, pk, slug, name, name_en, position in rows:
        item = fields[index].related_model(
            id=pk, slug=slug, name=name, name_en=name_en, position=position
        )
        by_pk[activity_id].vocabularies[relations[index]].append(item)
    return activities
