"""A ranked search through the API on SQLite finds each row's rank through an index: with the
count in the same statement (a window), SQLite's planner scanned every rank for every row
(116 s for 'zorg' over every edition at 100,000 activities)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_no_rank_is_looked_up_by_scanning_them_all(client):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's full-text ranking")
    for number in range(5):
        ActivityFactory(title=f"Zorg op afstand {number}")
    with CaptureQueriesContext(connection) as captured:
        body = client.get("/api/v1/activities", {"q": "zorg"}).json()
    assert body["count"] == 5
    plans = []
    with connection.cursor() as cursor:
        for query in captured:
            if "bm25" in query["sql"]:
                cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
                plans += [row[-1] for row in cursor.fetchall()]
    assert plans and "SCAN ranked" not in plans
