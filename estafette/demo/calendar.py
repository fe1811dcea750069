"""When things happen in the demo: the editions' region weeks and national moments, and the
upcoming edition (February next year) that seed_demo creates when it does not exist yet."""

import datetime as dt
from dataclasses import dataclass

from estafette.core.dates import AMSTERDAM
from estafette.relay.models import Edition, NationalMoment, Region, Stage

# The upcoming edition's order of regions differs from 2021–2023 (oost, west, noord, zuid).
UPCOMING_ORDER = ["noord", "oost", "zuid", "west"]
COMMISSIONED_BY = "het ministerie van Volksgezondheid, Welzijn en Sport (VWS)"


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def minutes(delta: dt.timedelta) -> dt.timedelta:
    return dt.timedelta(minutes=int(delta.total_seconds() // 60))


def weekdays(first: dt.date, last: dt.date) -> list[dt.date]:
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return [day for day in days if day.weekday() < 5] or days


def upcoming_weeks(year: int) -> list[tuple[dt.date, dt.date]]:
    """Four Monday–Friday weeks from the first Monday of February."""
    first = dt.date(year, 2, 1)
    first += dt.timedelta(days=(7 - first.weekday()) % 7)
    return [
        (first + dt.timedelta(weeks=i), first + dt.timedelta(weeks=i, days=4)) for i in range(4)
    ]


def ensure_upcoming_edition(today: dt.date) -> tuple[Edition, bool]:
    """The edition of February next year with four region weeks; left alone when it exists."""
    year = today.year + 1
    existing = Edition.objects.filter(year=year).first()
    if existing:
        return existing, False
    weeks = upcoming_weeks(year)
    edition = Edition.objects.create(
        year=year, starts_on=weeks[0][0], ends_on=weeks[-1][1], commissioned_by=COMMISSIONED_BY
    )
    NationalMoment.objects.bulk_create(
        [
            NationalMoment(
                edition=edition,
                kind=NationalMoment.Kind.OPENING,
                date=weeks[0][0],
                title="Landelijke opening",
            ),
            NationalMoment(
                edition=edition,
                kind=NationalMoment.Kind.CLOSING,
                date=weeks[-1][1],
                title="Landelijke afsluiting",
            ),
        ]
    )
    regions = {region.slug: region for region in Region.objects.all()}
    Stage.objects.bulk_create(
        [
            Stage(edition=edition, region=regions[slug], order=order, starts_on=first, ends_on=last)
            for order, (slug, (first, last)) in enumerate(
                zip(UPCOMING_ORDER, weeks, strict=True), start=1
            )
        ]
    )
    return edition, True


@dataclass
class Editions:
    """Every edition with region weeks, their stages, moments and weekdays."""

    editions: list[Edition]
    stages: dict[int, list[Stage]]
    moments: dict[int, list[NationalMoment]]
    stage_days: dict[int, list[dt.date]]
    weights: list[float]


def load_editions(today: dt.date) -> Editions:
    stages = Stage.objects.select_related("edition", "region").order_by("edition__year", "order")
    moments = NationalMoment.objects.select_related("edition").order_by("edition__year", "date")
    stages_by_edition: dict[int, list[Stage]] = {}
    editions: list[Edition] = []
    for stage in stages:
        if stage.edition_id not in stages_by_edition:
            editions.append(stage.edition)
            stages_by_edition[stage.edition_id] = []
        stages_by_edition[stage.edition_id].append(stage)
    moments_by_edition: dict[int, list[NationalMoment]] = {}
    for moment in moments:
        moments_by_edition.setdefault(moment.edition_id, []).append(moment)
    stage_days = {
        stage.id: weekdays(stage.starts_on, stage.ends_on)
        for stages_ in stages_by_edition.values()
        for stage in stages_
    }
    # Editions still to come get a bit more: they are what `make run` shows.
    weights = [1.5 if edition.ends_on >= today else 1.0 for edition in editions]
    return Editions(editions, stages_by_edition, moments_by_edition, stage_days, weights)
