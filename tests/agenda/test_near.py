"""'Near a place': the agenda keeps exactly the activities whose distance_km (the haversine every
card shows) is within the radius, decided in SQL without naming every match by id; towns and
postcodes are placed cheaply (both databases)."""

import random
import re

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from estafette.agenda.places import Place, approximate_point, distance_km, locate
from estafette.agenda.queries import filtered_activities
from estafette.relay.postcodes import parse_postcode
from estafette.relay.towns import TOWNS
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _scattered(rng: random.Random, n: int = 40) -> dict[int, tuple[float, float] | None]:
    """Activities over the Netherlands and a little beyond, a few without coordinates, and two
    far north (where the plane is not used)."""
    points = {}
    for index in range(n):
        point = (rng.uniform(50.6, 53.7), rng.uniform(3.2, 7.4)) if index % 9 else None
        activity = ActivityFactory(
            latitude=point[0] if point else None, longitude=point[1] if point else None
        )
        points[activity.pk] = point
    for point in ((78.2, 15.6), (78.9, 11.9)):
        points[ActivityFactory(latitude=point[0], longitude=point[1]).pk] = point
    return points


def _within(points, place, radius_km) -> set[int]:
    return {
        pk
        for pk, point in points.items()
        if point is not None and distance_km(place.point, point) <= radius_km
    }


def test_near_keeps_exactly_what_distance_km_keeps_on_random_places():
    points = _scattered(random.Random(3))
    located = [point for point in points.values() if point]

    @settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.function_scoped_fixture,
            HealthCheck.filter_too_much,
        ],
    )
    @given(
        st.one_of(
            st.tuples(st.floats(50.4, 53.9), st.floats(3.0, 7.6)),
            st.tuples(st.floats(77.0, 80.0), st.floats(8.0, 20.0)),
        ),
        st.sampled_from(range(len(located))),
        # The radius right at one activity's distance, a hair either side, inside the band
        # the plane leaves to distance_km, or anywhere.
        st.one_of(
            st.sampled_from([0.0, 1e-9, -1e-9, 0.001, -0.001, 0.0025, -0.0025]),
            st.just(None),
        ),
        st.floats(1, 300),
    )
    def check(point, index, nudge, anywhere):
        place = Place("Hier", point)
        radius = anywhere
        if nudge is not None:
            radius = max(distance_km(point, located[index]) * (1 + nudge), 0.001)
            assume(radius <= 300)  # the form's limit
        found = {a.pk for a in filtered_activities({"near": place, "radius_km": radius})}
        assert found == _within(points, place, radius)

    check()


def test_the_queries_do_not_name_each_match():
    """Every match listed by id put thousands of ids in each of the page's queries."""
    place = Place("Utrecht", TOWNS["Utrecht"])

    def sql():
        return str(filtered_activities({"near": place, "radius_km": 25}).query)

    ActivityFactory(latitude=52.09, longitude=5.12)
    one = sql()
    for step in range(1, 25):
        ActivityFactory(latitude=52.09 + step * 0.002, longitude=5.12 - step * 0.001)
    assert len(filtered_activities({"near": place, "radius_km": 25})) == 25
    assert re.sub(r"\d+", "0", sql()) == re.sub(r"\d+", "0", one)


def test_a_written_down_town_is_placed_without_a_query(django_assert_num_queries):
    cache.clear()
    with django_assert_num_queries(0):
        assert locate("utrecht") == Place("Utrecht", TOWNS["Utrecht"])


def test_a_postcode_is_placed_in_its_own_area_only():
    ActivityFactory(postcode="3519 AB", latitude=52.1, longitude=5.1)
    ActivityFactory(postcode="3520 AB", latitude=52.0, longitude=5.0)
    ActivityFactory(postcode="9999 AA", latitude=53.4, longitude=6.8)
    assert approximate_point(parse_postcode("3519 XX")) == pytest.approx((52.1, 5.1))
    assert approximate_point(parse_postcode("9999 ZZ")) == pytest.approx((53.4, 6.8))
    assert approximate_point(parse_postcode("3500 AA")) == pytest.approx((52.05, 5.05))  # PC2
