"""A search by relevance puts the matches whose title holds the query first, so a page is read
as two lists (search.TitleFirst): those matches ranked, then the others ranked, and a page
among the first ranks none of the others. Any slice of it is the slice of the one statement
that orders them all, on either database and from PostgreSQL's search entries alone."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from estafette.activities.models import Activity
from estafette.agenda import search, tallies
from estafette.agenda.queries import filtered_activities, page_ids
from tests.agenda.test_facet_counts import random_agendas
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

TITLES = ["Zorgmiddag", "Open dag", "Mantelzorg thuis", "Wandeling"]
SUMMARIES = ["Over zorg.", "Zorg, zorg en nog eens zorg.", "Over thuiszorg en zorg."]

row = st.tuples(
    st.sampled_from(TITLES),
    st.sampled_from(SUMMARIES),
    st.integers(0, 2),  # the day it starts: ties of rank and start
    st.sampled_from([2022, 2023]),
)


def test_any_slice_of_a_search_is_the_slice_of_its_one_ordering_statement():
    @random_agendas()
    @given(st.lists(row, min_size=1, max_size=9), st.integers(0, 10), st.integers(1, 5))
    def check(rows, start, size):
        with transaction.atomic():
            first = ActivityFactory(year=2023).starts_at
            for title, summary, day, year in rows:
                ActivityFactory(
                    title=title,
                    summary=summary,
                    year=year,
                    status=Activity.Status.PUBLISHED,
                    starts_at=first + dt.timedelta(days=day),
                    ends_at=first + dt.timedelta(days=day, hours=2),
                )
            found = filtered_activities({"q": "zorg"})
            ordered = list(found.values_list("pk", flat=True))
            stop = start + size
            assert search.title_first(found)[start:stop] == ordered[start:stop]
            assert page_ids(found, start, stop) == ordered[start:stop]
            ranked = search.ranked_entries("zorg", tallies.edition_ids({}))
            if ranked is not None:  # PostgreSQL: from the entries alone
                assert ranked[start:stop] == ordered[start:stop]
                assert list(ranked) == ordered
            transaction.set_rollback(True)

    check()


def test_a_page_among_the_matches_whose_title_holds_the_query_ranks_no_other():
    holding = [ActivityFactory(title=f"Zorgmiddag {n}") for n in range(3)]
    ActivityFactory(title="Open dag", summary="Over zorg.")
    found = filtered_activities({"q": "zorg"})
    with CaptureQueriesContext(connection) as first_page:
        assert page_ids(found, 0, 2) == [a.pk for a in holding[:2]]
    (ranking,) = first_page.captured_queries
    assert "NOT (" not in ranking["sql"]  # the others were not read
    with CaptureQueriesContext(connection) as across:
        assert len(page_ids(found, 2, 4)) == 2  # the last that holds it, then the other
    assert len(across.captured_queries) == 2
    with CaptureQueriesContext(connection) as beyond:
        assert len(page_ids(found, 3, 5)) == 1  # past them all: the one order of every match
    assert len(beyond.captured_queries) == 2


def test_only_a_search_by_relevance_is_read_title_first():
    assert search.title_first(filtered_activities({"q": "zorg", "sort": "date"})) is None
    assert search.title_first(filtered_activities({})) is None
    assert search.title_first(filtered_activities({"q": "zorg"})) is not None
