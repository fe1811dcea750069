"""A search that finds most of an agenda is counted as the kept counts of its editions less
the counts of the activities it leaves out (agenda/tallies.py, searched_counts): the same
numbers as counting its matches, on any agenda, and the page takes that way only where the
search is that wide."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estafette.activities.models import Activity
from estafette.agenda import search, tallies
from estafette.agenda.facets import facet_counts
from estafette.agenda.queries import filtered_activities
from tests.agenda.test_edition_tallies import vocabulary_items
from tests.agenda.test_facet_counts import (
    SEARCHES,
    TITLE_WORDS,
    VOCABULARIES,
    activity,
    counted_from_scratch,
    make_activity,
)
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def public_of(years) -> object:
    return Activity.objects.published().filter(edition__year__in=years)


def test_all_less_what_a_search_leaves_out_equals_counting_its_matches():
    vocabularies = {
        relation: list(model.objects.order_by("pk")) for relation, model in VOCABULARIES.items()
    }

    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        st.lists(activity, min_size=1, max_size=8),
        st.sampled_from([*SEARCHES, "middag robotica", "kwisp"]),
        st.sampled_from([None, 2022, 2023]),
    )
    def check(rows, term, year):
        with transaction.atomic():
            for row in rows:
                make_activity(row, vocabularies)
            items = vocabulary_items()
            cleaned = {"q": term, **({"edition": year} if year else {})}
            ids = tallies.edition_ids(cleaned)
            one = ids[0] if year and ids else None
            matches = filtered_activities(cleaned)
            every = tallies.KeptCounts(ids).facet_counts(items)
            left_out = search.not_matching(
                Activity.objects.published().filter(edition_id__in=ids), term, edition_id=one
            )
            # What it leaves out and what it finds are the editions' public activities, apart.
            found = set(matches.values_list("pk", flat=True))
            others = set(left_out.values_list("pk", flat=True))
            assert not found & others
            assert found | others == set(
                Activity.objects.published().filter(edition_id__in=ids).values_list("pk", flat=True)
            )
            scratch = {
                name: {v: n for v, n in c.items() if n}
                for name, c in counted_from_scratch(matches).items()
            }
            assert tallies.less(every, facet_counts(left_out, items=items)) == scratch
            transaction.set_rollback(True)

    check()


def wide_agenda() -> list[Activity]:
    """Nine public activities of 2023 whose summaries hold 'zorg' (the factory's), one of
    2022, and one whose title holds 'robotica'."""
    made = ActivityFactory.create_batch(9, year=2023, status=Activity.Status.PUBLISHED)
    made.append(ActivityFactory(year=2022, status=Activity.Status.PUBLISHED, region="west"))
    made.append(
        ActivityFactory(year=2023, status=Activity.Status.PUBLISHED, title="Middag robotica")
    )
    return made


@pytest.mark.parametrize(
    ("query", "counted_as_all_less"),
    [
        ({"q": "zorg"}, True),
        ({"q": "zorg", "edition": 2023}, True),
        ({"q": "robotica"}, False),  # one of eleven: its own count is cheaper
        ({"q": "zorg", "region": "oost"}, False),  # another filter: counted as it is
    ],
)
def test_the_page_counts_a_wide_search_as_all_less_what_it_leaves_out(
    client, monkeypatch, query, counted_as_all_less
):
    # At eleven activities PostgreSQL's estimate is no estimate: the true number stands in.
    monkeypatch.setattr(tallies, "BROAD_AT_LEAST", 1)
    monkeypatch.setattr(
        search,
        "matches_about",
        lambda term, ids, edition_id=None: filtered_activities(
            {"q": term, "edition": query.get("edition")}
        ).count(),
    )
    wide_agenda()
    tallies.ensure_kept()
    with CaptureQueriesContext(connection) as page:
        response = client.get("/agenda/", query)
    assert response.status_code == 200
    sql = " ".join(q["sql"] for q in page.captured_queries)
    less = (
        "NOT (EXISTS" if connection.vendor == "postgresql" else 'NOT ("activities_activity"."id" IN'
    )
    assert (less in sql) is counted_as_all_less
    counts = facet_counts(filtered_activities(query))
    shown = {
        facet["name"]: {option["value"]: option["count"] for option in facet["options"]}
        for facet in response.context["facets"]
    }
    for name in ("region", "format", "theme", "kind"):
        assert {v: n for v, n in shown[name].items() if n} == counts[name]
    assert response.context["count"] == sum(counts["format"].values())


def test_a_count_that_would_go_below_nothing_is_counted_again():
    """The kept counts and those of what a search leaves out are two reads: a change that
    came in between shows as a count below 0, and the page counts the matches instead."""
    assert tallies.less({"format": {"online": 2}}, {"format": {"online": 3}}) is None
    assert tallies.less({"format": {"online": 2}}, {"format": {"hybrid": 1}}) is None
    assert tallies.less({"format": {"online": 2}}, {"format": {"online": 2}}) == {"format": {}}


def test_a_search_that_finds_few_reads_no_kept_counts():
    wide_agenda()
    tallies.ensure_kept()
    cleaned = {"q": "robotica"}
    with CaptureQueriesContext(connection) as reads:
        assert tallies.searched_counts(cleaned, vocabulary_items()) is None
    assert not any("agenda_edition_tally" in q["sql"] for q in reads.captured_queries)
    assert search.matches_about("robotica", tallies.edition_ids({})) >= 1


@pytest.mark.parametrize("term", [TITLE_WORDS[0], "zorg", "?!"])  # "?!": no words, finds none
def test_what_a_search_leaves_out_is_the_rest_of_the_agenda(term):
    made = wide_agenda()
    shown = Activity.objects.published()
    found = set(filtered_activities({"q": term}).values_list("pk", flat=True))
    rest = set(search.not_matching(shown, term).values_list("pk", flat=True))
    assert found | rest == {a.pk for a in made} and not found & rest
