"""The calendar's grids, which the database fills (counts per hour, the first few of each), equal
filling them by looking at every activity one by one, on random weeks around a clock change."""

import datetime as dt
from collections import defaultdict

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estafette.activities.models import Activity
from estafette.agenda import calendar
from tests.factories import ActivityFactory, at

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2023, 3, 20)  # summer time starts on Sunday 26 March 2023 at 02:00
# Summer time ends on Sunday 29 October 2023 at 03:00: the hour from 02:00 comes twice (two
# hours in UTC, one cell of the grid).
AUTUMN_MONDAY = dt.date(2023, 10, 23)
mondays = st.sampled_from([MONDAY, AUTUMN_MONDAY])
HOUR = dt.timedelta(hours=1)


def in_utc(moment: dt.datetime) -> dt.datetime:
    """Adding an hour to a wall-clock time inside the clock change would give the same instant."""
    return moment.astimezone(dt.UTC)


starts = st.lists(
    st.tuples(
        st.integers(min_value=-1, max_value=7),  # a day around the week, both neighbours too
        st.integers(min_value=0, max_value=23),
        st.sampled_from([0, 15, 30, 59]),
        st.sampled_from([0, 1]),  # which of a time that comes twice (the autumn's 02:00-03:00)
    ),
    max_size=30,
)


def made(starts, monday=MONDAY) -> list:
    activities = []
    for n, (day, hour, minute, fold) in enumerate(starts):
        starts_at = at(monday + dt.timedelta(days=day), hour, minute).replace(fold=fold)
        starts_at = timezone.localtime(in_utc(starts_at))  # the second 02:30 of the autumn too
        activities.append(
            ActivityFactory(
                title=f"Activiteit {n}", starts_at=starts_at, ends_at=in_utc(starts_at) + HOUR
            )
        )
    return activities


def by_hand(activities, first: dt.date, last: dt.date, part_of, limit: int):
    """{cell: (total, the first `limit` titles in start order)}, one activity at a time."""
    cells = defaultdict(list)
    # In UTC: Python compares two times of the same zone by their wall clock, and inside the
    # clock change 02:30 (which does not exist) would sort after 03:00 (the same instant).
    for activity in sorted(activities, key=lambda a: (in_utc(a.starts_at), a.pk)):
        local = timezone.localtime(activity.starts_at)
        if first <= local.date() <= last:
            cells[part_of(local)].append(activity.title)
    return {cell: (len(titles), titles[:limit]) for cell, titles in cells.items()}


def week_part(local):
    key = next(key for key, _label, low, high in calendar.PARTS if low <= local.hour < high)
    return key, local.date()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(starts, mondays)
def test_week_grid_equals_filling_it_by_hand(starts, monday):
    with transaction.atomic():
        activities = made(starts, monday)
        grid = calendar.week_grid(Activity.objects.published(), monday + dt.timedelta(days=3))
        shown = {
            (row["key"], cell.day): (cell.total, [item["title"] for item in cell.items])
            for row in grid["rows"]
            for cell in row["cells"]
            if cell.total
        }
        expected = by_hand(
            activities,
            monday,
            monday + dt.timedelta(days=6),
            week_part,
            calendar.WEEK_CELL_LIMIT,
        )
        assert shown == expected
        transaction.set_rollback(True)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(starts, mondays)
def test_day_grid_equals_filling_it_by_hand(starts, monday):
    day = monday + dt.timedelta(days=6)  # the day the clocks go forward or back
    hours = calendar.DAY_HOURS

    def part_of(local):
        if local.hour < hours.start:
            return "early"
        return "late" if local.hour >= hours.stop else local.hour

    with transaction.atomic():
        activities = made(starts, monday)
        grid = calendar.day_grid(Activity.objects.published(), day)
        labels = {f"{hour:02d}:00": hour for hour in hours}
        shown = {}
        for row in grid["rows"]:
            cell = row["cell"]
            if cell.total:
                key = labels.get(row["label"]) or ("early" if "Vóór" in row["label"] else "late")
                shown[key] = (cell.total, [item["title"] for item in cell.items])
        assert shown == by_hand(activities, day, day, part_of, calendar.DAY_CELL_LIMIT)
        assert grid["total"] == sum(total for total, _titles in shown.values())
        transaction.set_rollback(True)
