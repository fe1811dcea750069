"""A page of a search fetches its rows without ranking or matching them again: the ids come
in the search's order already."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from estafette.agenda.queries import counted_page, filtered_activities
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_a_searchs_page_is_fetched_in_its_order_without_ranking_again():
    first = ActivityFactory(title="Beeldbellen", description="Beeldbellen, beeldbellen.")
    second = ActivityFactory(title="Open dag", description="Ook beeldbellen.")
    third = ActivityFactory(title="Wandeling", description="Een keer beeldbellen.")
    with CaptureQueriesContext(connection) as captured:
        rows, total = counted_page(filtered_activities({"q": "beeldbellen"}), 0, 20, one_scan=True)
    assert rows[0] == first and set(rows) == {first, second, third} and total == 3
    statements = [q["sql"] for q in captured.captured_queries]
    # Only the ids are ranked and matched: on PostgreSQL with their count, in one statement; on
    # SQLite those whose title holds the query, then (the page is not full) the others
    # (search.TitleFirst). The rows' query neither ranks nor matches.
    ranked = [sql for sql in statements if "ts_rank(" in sql or "bm25(" in sql]
    matched = [
        sql for sql in statements if 'search_vector" @@ ' in sql or "activity_search MATCH" in sql
    ]
    assert len(ranked) == (1 if connection.vendor == "postgresql" else 2), statements
    assert matched == ranked
    assert all(sql.startswith('SELECT "activities_activity"."id" AS "pk"') for sql in ranked)
