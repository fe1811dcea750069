"""The agenda's calendar view: a week grid and a day grid over the filtered activities.

A relay week easily holds thousands of activities, so each cell shows the first few and links to
the list view of that day for the rest; the database counts the activities per hour and picks the first few of each.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import CharField, Count, Func, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from estafette.agenda.facets import without_ranking
from estafette.core.bounds import OUT_OF_RANGE, is_supported_day
from estafette.core.dates import local_today
from estafette.relay.models import Stage

WEEK_CELL_LIMIT = 4
DAY_CELL_LIMIT = 12
PARTS = [
    ("morning", _("Ochtend"), 0, 12),
    ("afternoon", _("Middag"), 12, 17),
    ("evening", _("Avond"), 17, 24),
]
DAY_HOURS = range(7, 23)


class InvalidDay(ValueError):
    pass


@dataclass
class Cell:
    day: dt.date
    items: list = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as error:
        raise InvalidDay(
            _("Vul een bestaande datum in als JJJJ-MM-DD, bijvoorbeeld 2024-03-11.")
        ) from error
    if not is_supported_day(day):  # the week around 9999-12-31 runs off the calendar
        raise InvalidDay(OUT_OF_RANGE)
    return day


def default_day(cleaned) -> dt.date:
    """The day the calendar opens on: the filter's first day, else the relay week on turn or next."""
    if cleaned.get("from"):
        return cleaned["from"]
    today = local_today()
    stages = Stage.objects.filter(edition__is_published=True)
    if cleaned.get("edition"):
        stages = stages.filter(edition__year=cleaned["edition"])
    if cleaned.get("region"):
        stages = stages.filter(region__slug=cleaned["region"])
    stage = (
        stages.filter(ends_on__gte=today).order_by("starts_on").first()
        or stages.order_by("-starts_on").first()
    )
    if stage is None:
        return today
    return (
        max(stage.starts_on, today)
        if stage.starts_on <= today <= stage.ends_on
        else stage.starts_on
    )


class _UtcHour(Func):
    """The hour a moment starts in UTC, as text ('2027-02-01 09'): a plain column expression
    on both databases (SQLite stores UTC text; PostgreSQL formats it), where truncating in the
    local zone ran a Python function per row on SQLite. Every offset of the Netherlands is
    whole hours, so each UTC hour is one local hour of one day; Python names it (`_local`)."""

    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="substr(%(expressions)s, 1, 13)")

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24')",
        )


def _local(utc_hour: str, tz) -> tuple[dt.date, int]:
    """(local day, local hour) of a UTC hour as `_UtcHour` writes it."""
    moment = dt.datetime.fromisoformat(f"{utc_hour[:10]} {utc_hour[11:13]}:00").replace(
        tzinfo=dt.UTC
    )
    local = moment.astimezone(tz)
    return local.date(), local.hour


def _rows(queryset, first: dt.date, last: dt.date, limit: int):
    """The activities starting on these days: ({(local day, hour): how many}, the first `limit`
    rows of every hour of every day in start order). The database counts and picks, in one
    statement over the hours in UTC (`_UtcHour`): a relay week holds thousands of activities,
    and reading all their starts to show a few per cell cost more than the rest of the page. A
    cell spanning several hours (or the hour the clocks go back, twice) takes the first `limit`
    of their union, which are always among the first `limit` of each hour."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min), tz)
    end = timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min), tz)
    hour = _UtcHour("starts_at")
    shown = (
        without_ranking(queryset)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .annotate(
            utc_hour=hour,
            place=Window(RowNumber(), partition_by=[hour], order_by=["starts_at", "pk"]),
            n=Window(Count("*"), partition_by=[hour]),
        )
        .filter(place__lte=limit)
        .values_list("pk", "utc_hour", "n")
    )
    ids, totals = [], Counter()
    for pk, utc_hour, n in shown:
        ids.append(pk)
        totals[utc_hour] = n  # the same on every row of the hour
    counted = Counter()
    for utc_hour, n in totals.items():
        counted[_local(utc_hour, tz)] += n
    rows = list(
        queryset.model.objects.filter(pk__in=ids)
        .order_by("starts_at", "pk")
        .values("pk", "title", "slug", "starts_at", "ends_at", "town", "status")
    )
    for row in rows:
        row["starts_at"] = timezone.localtime(row["starts_at"])
        row["ends_at"] = timezone.localtime(row["ends_at"])
    return dict(counted), rows


def _fill(cell_of, totals, rows, limit: int) -> None:
    for (day, hour), n in totals.items():
        cell_of(day, hour).total += n
    for row in rows:
        cell = cell_of(row["starts_at"].date(), row["starts_at"].hour)
        if len(cell.items) < limit:
            cell.items.append(row)


def week_grid(queryset, day: dt.date) -> dict:
    monday = day - dt.timedelta(days=day.weekday())
    days = [monday + dt.timedelta(days=n) for n in range(7)]
    grid = {key: [Cell(d) for d in days] for key, *_ in PARTS}

    def cell_of(day, hour):
        key = next(key for key, _label, low, high in PARTS if low <= hour < high)
        return grid[key][(day - monday).days]

    _fill(cell_of, *_rows(queryset, days[0], days[-1], WEEK_CELL_LIMIT), WEEK_CELL_LIMIT)
    return {
        "days": days,
        "rows": [{"key": key, "label": label, "cells": grid[key]} for key, label, *_ in PARTS],
        "previous": monday - dt.timedelta(days=7),
        "next": monday + dt.timedelta(days=7),
    }


def day_grid(queryset, day: dt.date) -> dict:
    hours = {hour: Cell(day) for hour in DAY_HOURS}
    early, late = Cell(day), Cell(day)

    def cell_of(_day, hour):
        return hours.get(hour) or (early if hour < DAY_HOURS.start else late)

    _fill(cell_of, *_rows(queryset, day, day, DAY_CELL_LIMIT), DAY_CELL_LIMIT)
    rows = [{"label": f"{hour:02d}:00", "cell": cell} for hour, cell in hours.items()]
    if early.total:
        rows.insert(
            0, {"label": _("Vóór %(hour)02d:00") % {"hour": DAY_HOURS.start}, "cell": early}
        )
    if late.total:
        rows.append({"label": _("Vanaf %(hour)02d:00") % {"hour": DAY_HOURS.stop}, "cell": late})
    return {
        "day": day,
        "rows": rows,
        "total": sum(row["cell"].total for row in rows),
        "previous": day - dt.timedelta(days=1),
        "next": day + dt.timedelta(days=1),
    }


def relay_weeks(cleaned) -> list[Stage]:
    """The relay's weeks to jump to: the stages of the filtered (or the latest) edition."""
    stages = Stage.objects.filter(edition__is_published=True).select_related("region", "edition")
    if cleaned.get("edition"):
        return list(stages.filter(edition__year=cleaned["edition"]).order_by("starts_on"))
    latest = stages.order_by("-edition__starts_on").values_list("edition", flat=True).first()
    return list(stages.filter(edition=latest).order_by("starts_on")) if latest else []
