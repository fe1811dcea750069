"""The map's organisations per region and its towns, read in one statement, equal what two
plain aggregates count from scratch (both databases)."""

import random

import pytest
from django.db.models import Avg, Count

from estafette.activities.models import Activity
from estafette.agenda.mapview import PIN_LIMIT, regions_and_towns
from estafette.agenda.queries import filtered_activities
from tests.factories import ActivityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def from_scratch(rows):
    organisations = dict(
        rows.order_by()
        .values_list("stage__region__slug")
        .annotate(n=Count("lead_organisation", distinct=True))
        .values_list("stage__region__slug", "n")
    )
    towns = [
        {"town": row["town"], "n": row["n"], "lat": row["lat"], "lon": row["lon"]}
        for row in rows.filter(latitude__isnull=False, longitude__isnull=False)
        .exclude(town="")
        .values("town")
        .annotate(n=Count("pk"), lat=Avg("latitude"), lon=Avg("longitude"))
        .order_by("-n", "town")[:PIN_LIMIT]
    ]
    return organisations, towns


def test_one_statement_counts_what_two_aggregates_count():
    rng = random.Random(7)
    leads = [OrganisationFactory() for _ in range(4)]
    for _ in range(30):
        located = rng.random() < 0.7
        ActivityFactory(
            region=rng.choice(["oost", "west", "noord", "zuid"]),
            lead_organisation=rng.choice(leads),
            town=rng.choice(["Enschede", "Hengelo", "Zwolle", ""]),
            latitude=rng.uniform(51, 53) if located else None,
            longitude=rng.uniform(4, 7) if located else None,
            title=rng.choice(["Beeldbellen thuis", "Valpreventie"]),
        )
    for filters in (
        {},
        {"region": "oost"},
        {"q": "beeldbellen"},
        {"q": "beeldbellen", "sort": "date"},
    ):
        rows = filtered_activities(filters)
        organisations, towns = regions_and_towns(rows)
        expected_organisations, expected_towns = from_scratch(
            Activity.objects.filter(pk__in=rows.values("pk"))
        )
        assert organisations == expected_organisations
        assert [(t["town"], t["n"]) for t in towns] == [(t["town"], t["n"]) for t in expected_towns]
        for got, expected in zip(towns, expected_towns, strict=True):
            assert got["lat"] == pytest.approx(expected["lat"])
            assert got["lon"] == pytest.approx(expected["lon"])


def test_a_search_without_words_has_no_organisations_and_no_towns():
    ActivityFactory(latitude=52.2, longitude=6.9)
    assert regions_and_towns(filtered_activities({"q": "de"}).none()) == ({}, [])
