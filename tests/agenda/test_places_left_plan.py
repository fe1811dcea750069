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


# What ANALYZE wrote for the activities' indexes at 100,000 activities (`make bench`).
BENCH_STATISTICS = {
    "activities_activity_copied_from_id_a32e519a": "100000 100000",
    "activities_activity_created_by_id_b5334206": "100000 16667",
    "activities_activity_edition_id_0a4ed655": "100000 25000",
    "activities_activity_lead_organisation_id_0a8a5686": "100000 25",
    "activities_activity_national_moment_id_63e4d1a3": "100000 16667",
    "activities_activity_province_id_c7cd3b80": "100000 7693",
    "activities_activity_slug_15d2d0ee": "100000 79",
    "activities_activity_stage_id_6c4abc09": "100000 5883",
    "activities_activity_status_c7a76fd4": "100000 16667",
    "activity_edition_idx": "100000 25000 6667 31",
    "activity_format_idx": "100000 33334 5556",
    "activity_lead_idx": "100000 25 6",
    "activity_listing_idx": "100000 25000 6667 31" + " 1" * 19,
    "activity_open_places_idx": "39403 61 61 40 2 2",
    "activity_postcode_idx": "100000 676",
    "activity_province_idx": "100000 7693 1283",
    "activity_signup_idx": "100000 33334 5556",
    "activity_stage_idx": "100000 5883 1516 29",
    "activity_status_end_idx": "100000 16667 42",
    "activity_status_start_idx": "100000 16667 31",
    "activity_updated_idx": "100000 3",
    "figures_activity_cover_idx": "100000 25000 6667 1334 29 12 12 1 1",
}
OPEN_PLACES_STATISTICS = "100000 16667 5556 16 16 3 3"  # SQLite's own index, there


def test_sqlite_counts_places_left_through_an_index_its_bound_parameters_can_use():
    """SQLite cannot use the partial index of open places: a query binds 'published' and
    'platform' as parameters, and a parameter never proves a partial index's condition. The
    count read every public row that has not ended instead (every edition at 100,000: 27 ms
    of a search's 247). Its own index, with the compared columns first, answers it (1.5 ms).
    With the statistics of that agenda, as ANALYZE wrote them there."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL reads the partial index of open places (the test above)")
    ActivityFactory.create_batch(3, status=Activity.Status.PUBLISHED)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'activities_activity'")
        cursor.executemany(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('activities_activity', %s, %s)",
            [
                *BENCH_STATISTICS.items(),
                ("activity_open_places_sqlite_idx", OPEN_PLACES_STATISTICS),
            ],
        )
        cursor.execute("ANALYZE sqlite_schema")  # read the statistics again
    counted = Activity.objects.published().filter(edition_id__in=[1, 2, 3, 4])
    found = plan(counted.filter(has_places_left()).order_by().values("pk"))
    assert "activity_open_places_sqlite_idx" in found, found


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
