"""Places left over every edition read the rows that may still have places, not every
edition's: the count of the has_places facet through the index of open places (20 → 3 ms at
100,000 activities on PostgreSQL), and the page in date order from the first of them (its
walk through every ended activity's start was 102 ms of 170)."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from estafette.activities.models import Activity, has_places_left, may_have_places
from estafette.agenda.queries import filtered_activities
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Whether the index can answer at all, not whether a few test rows make it worth it.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " ".join(str(row[-1]) for row in cursor.fetchall())


def test_the_index_of_open_places_answers_the_count_of_places_left():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite binds the constants as parameters, which its partial index needs")
    ActivityFactory.create_batch(3, status=Activity.Status.PUBLISHED)
    counted = Activity.objects.published().filter(has_places_left()).values("pk")
    assert "activity_open_places_idx" in plan(counted)


def future(**fields) -> Activity:
    start = timezone.now() + dt.timedelta(days=fields.pop("days", 3))
    return ActivityFactory(
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        status=Activity.Status.PUBLISHED,
        signup_mode=Activity.SignupMode.PLATFORM,
        **fields,
    )


def test_places_left_in_date_order_start_at_the_first_that_may_have_them():
    ended = ActivityFactory(
        year=2022, status=Activity.Status.PUBLISHED, signup_mode=Activity.SignupMode.PLATFORM
    )
    full = future(days=2, capacity=1, places_taken=1)
    open_ = [future(days=days, capacity=5) for days in (4, 3)]
    shown = filtered_activities({"has_places": "true"})
    assert list(shown.values_list("pk", flat=True)) == [open_[1].pk, open_[0].pk]
    # Bounded below by the first that may have places (the full one counts: the bound may be
    # lower than the first shown, never higher), so the ended ones are never read.
    assert lower_bounds_of_start(shown.query.where) == [full.starts_at]
    assert ended.starts_at < full.starts_at


def test_no_activity_that_may_have_places_shows_none():
    ActivityFactory(year=2022, status=Activity.Status.PUBLISHED)
    assert not Activity.objects.filter(may_have_places()).exists()
    assert list(filtered_activities({"has_places": "true"})) == []


def lower_bounds_of_start(where) -> list:
    """The values the query's conditions say starts_at is at least."""
    found = []
    for child in where.children:
        if hasattr(child, "children"):
            found += lower_bounds_of_start(child)
        elif child.lookup_name == "gte" and getattr(child.lhs, "target", None) is not None:
            found += [child.rhs] if child.lhs.target.name == "starts_at" else []
    return found
