"""Reads about the relay: who is on turn at a moment, the schedule, figures per region."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from estafette.activities.models import Activity
from estafette.core.dates import AMSTERDAM, local_date, start_of_day
from estafette.figures.queries import Tally, region_tallies
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


def latest_edition() -> Edition | None:
    return Edition.objects.visible().order_by("-starts_on").first()


def edition_shown(at: dt.datetime | None = None) -> Edition | None:
    """The edition the home page and a region page open on: the running one, else the next to
    come, else the latest."""
    return edition_at(at or timezone.now()) or latest_edition()


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
    tally: Tally | None = None


@dataclass(frozen=True)
class PublicFigures:
    total: Tally
    regions: list[RegionFigures]

    def of(self, region: Region) -> Tally:
        found = next((row.tally for row in self.regions if row.region.pk == region.pk), None)
        return found or Tally()


def public_figures(edition: Edition | None) -> PublicFigures:
    """One edition's figures as the public pages show them: per region (for the map, its table
    and the region pages) and in total, the activities that go ahead (cancelled ones apart) and
    the organisations taking part. The figures' kept numbers (figures.queries), so these pages
    say what the figures page says, without counting again."""
    regions = list(Region.objects.prefetch_related("provinces"))
    tallies = region_tallies(edition, regions) if edition is not None else {}
    empty = Tally()
    return PublicFigures(
        total=tallies.get(None, empty),
        regions=[
            RegionFigures(
                region=region,
                activities=tallies.get(region.pk, empty).activities,
                organisations=tallies.get(region.pk, empty).organisations,
                tally=tallies.get(region.pk, empty),
            )
            for region in regions
        ],
    )


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


def _first_public(limit: int, **where) -> list[Activity]:
    """The first `limit` public activities matching `where`, by start (cancelled ones too,
    marked as such). Their ids first, along the listing index, then their rows with relations:
    sorting every joined row of an edition to keep 20 cost 400 ms at 100,000 activities."""
    public = Activity.objects.published()
    ids = list(
        public.filter(**where).order_by("starts_at", "pk").values_list("pk", flat=True)[:limit]
    )
    rows = public.filter(pk__in=ids).with_public_relations().in_bulk()
    return [rows[pk] for pk in ids if pk in rows]


def stage_activities(stage: Stage | None, limit: int) -> list[Activity]:
    """The first `limit` public activities of a region's week, by start."""
    if stage is None:
        return []
    return _first_public(limit, stage=stage)


def edition_activities(edition: Edition, limit: int) -> list[Activity]:
    """The first `limit` public activities of an edition, by start: the archive's taste of it;
    the agenda filtered by the edition lists them all."""
    return _first_public(limit, edition=edition)
