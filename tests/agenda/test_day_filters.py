"""The agenda's "from" and "to" are Dutch days: an activity shows when it ends on or after the
first and starts on or before the last, in Amsterdam, also around midnight and the clock
changes; and no row is asked for its local date (SQLite did that in Python, row by row)."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estafette.agenda.queries import filtered_activities
from estafette.core.dates import AMSTERDAM, local_date
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

# Spring forward on 28 March 2027, fall back on 31 October 2027.
DAYS = [dt.date(2027, 3, 26) + dt.timedelta(days=n) for n in range(5)]
DAYS += [dt.date(2027, 10, 29) + dt.timedelta(days=n) for n in range(5)]


def _edges(day: dt.date) -> list[dt.datetime]:
    """Moments where a day's edge is easy to get wrong: local midnight and a microsecond either
    side, UTC midnight, and the hours the clock skips or repeats."""
    midnight = dt.datetime.combine(day, dt.time.min, tzinfo=AMSTERDAM)
    utc_midnight = dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)
    tiny = dt.timedelta(microseconds=1)
    return [
        midnight - tiny,
        midnight,
        midnight + tiny,
        utc_midnight,
        midnight + dt.timedelta(hours=2, minutes=30),
        midnight + dt.timedelta(hours=23, minutes=59),
    ]


def test_from_and_to_keep_what_the_dutch_days_say():
    rng = random.Random(5)
    moments = [moment for day in DAYS for moment in _edges(day)]
    spans = {}
    for _ in range(40):
        starts = rng.choice(moments)
        ends = max(rng.choice(moments), starts + dt.timedelta(minutes=1))
        activity = ActivityFactory(starts_at=starts, ends_at=ends)
        spans[activity.pk] = (local_date(starts), local_date(ends))

    @settings(
        max_examples=120,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.one_of(st.none(), st.sampled_from(DAYS)), st.one_of(st.none(), st.sampled_from(DAYS)))
    def check(first, last):
        filters = {"from": first, "to": last}
        found = {activity.pk for activity in filtered_activities(filters)}
        assert found == {
            pk
            for pk, (starts, ends) in spans.items()
            if (first is None or ends >= first) and (last is None or starts <= last)
        }

    check()


def test_no_row_is_asked_for_its_local_date():
    ActivityFactory()
    with CaptureQueriesContext(connection) as captured:
        list(filtered_activities({"from": DAYS[0], "to": DAYS[-1]}))
    sql = " ".join(query["sql"] for query in captured)
    assert "django_datetime_cast_date" not in sql  # SQLite's per-row Python function
    assert "AT TIME ZONE" not in sql.upper()  # PostgreSQL's conversion per row
