"""Reads about the relay: who is on turn at a moment, the schedule, figures per region."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from estafette.activities.models import Activity
from estafette.core.dates import AMSTERDAM, local_date, start_of_day
from estafette.organisations.models import Organisation
from estafette.relay.models import Edition, Region, Stage


def stage_starts_at(stage: Stage) -> dt.datetime:
    return start_of_day(stage.starts_on)


def stage_ends_at(stage: Stage) -> dt.datetime:
    """The end of the stage's last day (exclusive): 00:00 on the next day."""
    return start_of_day(stage.ends_on + dt.timedelta(days=1))


@dataclass(frozen=True)
class RelayStatus:
    at: dt.datetime
    edition: Edition | None
    on_turn: Stage | None
    next: Stage | None
    handover_at: dt.datetime | None

    @property
    def time_to_handover(self) -> dt.timedelta | None:
        # Subtract in UTC: Python subtracts two datetimes of the same zone in wall-clock time,
        # which is an hour off across a DST change.
        if self.handover_at is None:
            return None
        return self.handover_at.astimezone(dt.UTC) - self.at.astimezone(dt.UTC)

    @property
    def phase(self) -> str:
        """'before', 'on_turn', 'between', 'after' or 'none' (no edition to show)."""
        if self.edition is None:
            return "none"
        if self.on_turn is not None:
            return "on_turn"
        stages = list(self.edition.stages.all())
        if stages and self.at < stage_starts_at(stages[0]):
            return "before"
        if self.next is not None:
            return "between"
        return "after"


def edition_at(at: dt.datetime) -> Edition | None:
    """The edition whose whole period holds the moment, else the next one to come, else none."""
    day = local_date(at)
    editions = Edition.objects.visible()
    return (
        editions.filter(starts_on__lte=day, ends_on__gte=day).first()
        or editions.filter(starts_on__gt=day).order_by("starts_on").first()
    )


def relay_status(at: dt.datetime | None = None) -> RelayStatus:
    """Who is on turn at `at` (default now), who is next and when the baton passes."""
    at = at or timezone.now()
    if timezone.is_naive(at):
        at = at.replace(tzinfo=AMSTERDAM)
    edition = edition_at(at)
    if edition is None:
        return RelayStatus(at=at, edition=None, on_turn=None, next=None, handover_at=None)
    stages = list(edition.stages.select_related("region").order_by("starts_on"))
    on_turn = next((s for s in stages if stage_starts_at(s) <= at < stage_ends_at(s)), None)
    upcoming = next((s for s in stages if stage_starts_at(s) > at), None)
    return RelayStatus(
        at=at,
        edition=edition,
        on_turn=on_turn,
        next=upcoming,
        handover_at=stage_starts_at(upcoming) if upcoming else None,
    )


@dataclass(frozen=True)
class RegionFigures:
    region: Region
    activities: int
    organisations: int


def region_figures(edition: Edition | None = None) -> list[RegionFigures]:
    """Published activities and organisations per region, for the map and its table.

    Activities count by the region whose week they belong to; organisations by their province.
    With an edition, only that edition's activities and the organisations taking part in it.
    """

    activities = Activity.objects.published().filter(stage__isnull=False)
    if edition is not None:
        activities = activities.filter(edition=edition)
    activity_counts = dict(
        activities.values_list("stage__region")
        .annotate(n=Count("id"))
        .values_list("stage__region", "n")
    )
    organisations = Organisation.objects.all()
    if edition is not None:
        # The lead organisations of its public activities, as ids (the listing index has them):
        # joining every activity row and removing duplicates cost 247 ms at one edition.
        organisations = organisations.filter(
            pk__in=activities.order_by().values("lead_organisation_id")
        )
    organisation_counts = dict(
        organisations.order_by()
        .values_list("province__region")
        .annotate(n=Count("id", distinct=True))
        .values_list("province__region", "n")
    )
    return [
        RegionFigures(
            region=region,
            activities=activity_counts.get(region.id, 0),
            organisations=organisation_counts.get(region.id, 0),
        )
        for region in Region.objects.prefetch_related("provinces")
    ]


@dataclass(frozen=True)
class ScheduleItem:
    """One line of an edition's schedule: a national moment or a stage, in date order."""

    first_day: dt.date
    last_day: dt.date
    stage: Stage | None = None
    moment: object | None = None

    @property
    def is_stage(self) -> bool:
        return self.stage is not None


def schedule(edition: Edition) -> list[ScheduleItem]:
    items = [
        ScheduleItem(s.starts_on, s.ends_on, stage=s)
        for s in edition.stages.select_related("region").prefetch_related("region__provinces")
    ]
    items += [ScheduleItem(m.date, m.date, moment=m) for m in edition.national_moments.all()]
    return sorted(items, key=lambda item: (item.first_day, item.is_stage))


def region_activities(region: Region, limit: int):
    """The first `limit` public activities of a region, the newest edition first. Taken stage
    by stage, newest first, along the stage index: sorting every edition's activities of the
    region by edition and start cost a second at 100,000 activities."""

    public = Activity.objects.published()
    ids: list[int] = []
    for stage_id in region.stages.order_by("-edition__starts_on").values_list("pk", flat=True):
        ids += (
            public.filter(stage_id=stage_id)
            .order_by("starts_at", "pk")
            .values_list("pk", flat=True)[: limit - len(ids)]
        )
        if len(ids) >= limit:
            break
    rows = public.filter(pk__in=ids).with_public_relations().in_bulk()
    return [rows[pk] for pk in ids if pk in rows]
