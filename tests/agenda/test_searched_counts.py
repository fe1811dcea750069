"""A search that finds most of an agenda is counted as the kept counts of its editions less
the counts of the activities it leaves out (agenda/tallies.py, WideSearch), and so is its
map: the same numbers as counting its matches, on any agenda, and the page takes that way
only where the search is that wide."""

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from estafette.activities.models import Activity
from estafette.agenda import calendar, search, tallies
from estafette.agenda.facets import facet_counts, without_ranking
from estafette.agenda.mapview import organisers_and_town_sums, regions_and_towns
from estafette.agenda.models import SearchEntry
from estafette.agenda.queries import filtered_activities
from tests.agenda.test_edition_tallies import TOWNS, vocabulary_items
from tests.agenda.test_facet_counts import (
    SEARCHES,
    TITLE_WORDS,
    activity,
    counted_from_scratch,
    make_activity,
    random_agendas,
    vocabulary_rows,
)
from tests.factories import ActivityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def left_out_in(sql: str) -> bool:
    """Whether the page asked for what a search leaves out (search.not_matching)."""
    if connection.vendor == "postgresql":  # from the entries alone, or each activity's
        return 'FILTER (WHERE NOT ("agenda_search_entry"."search_vector"' in sql or (
            "NOT (EXISTS" in sql
        )
    return 'NOT ("activities_activity"."id" IN (SELECT rowid FROM activity_search' in sql


def test_all_less_what_a_search_leaves_out_equals_counting_its_matches():
    vocabularies = vocabulary_rows()

    @random_agendas()
    @given(
        st.lists(activity, min_size=1, max_size=8),
        st.sampled_from([*SEARCHES, "middag robotica", "kwisp"]),
        st.sampled_from([None, 2022, 2023]),
    )
    def check(rows, term, year):
        with transaction.atomic():
            for row in rows:
                made = make_activity(row, vocabularies)
                Activity.objects.filter(pk=made.pk).update(  # towns, one without coordinates
                    town=TOWNS[made.pk % 3], latitude=52.5, longitude=6.0 + made.pk % 3 / 10
                )
            items = vocabulary_items()
            cleaned = {"q": term, **({"edition": year} if year else {})}
            ids = tallies.edition_ids(cleaned)
            one = ids[0] if year and ids else None
            matches = filtered_activities(cleaned)
            kept = tallies.KeptCounts(ids)
            every = kept.facet_counts(items)
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
            wide = tallies.WideSearch(cleaned)
            wide.kept = kept  # as facet_counts leaves it where it finds the search wide
            assert set(wide.found().values_list("pk", flat=True)) == found
            if connection.vendor == "postgresql":  # every activity indexed: the entries tell
                left, entries = search.left_out_entries(term, ids)
                assert entries == kept.total and set(left) == others
                # and rank as the search joined to the activities does
                ranked = list(search.ranked_entries(term, ids))
                assert ranked == list(matches.values_list("pk", flat=True))
            organisers, towns = regions_and_towns(without_ranking(matches))
            found = kept.regions_and_towns(organisers_and_town_sums(left_out))
            assert found is not None
            assert found[0] == {r: n for r, n in organisers.items() if r is not None}
            assert [(t["town"], t["n"]) for t in found[1]] == [(t["town"], t["n"]) for t in towns]
            for mine, theirs in zip(found[1], towns, strict=True):
                assert mine["lat"] == pytest.approx(theirs["lat"])
                assert mine["lon"] == pytest.approx(theirs["lon"])
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
    assert left_out_in(sql) is counted_as_all_less
    counts = facet_counts(filtered_activities(query))
    shown = {
        facet["name"]: {option["value"]: option["count"] for option in facet["options"]}
        for facet in response.context["facets"]
    }
    for name in ("region", "format", "theme", "kind"):
        assert {v: n for v, n in shown[name].items() if n} == counts[name]
    assert response.context["count"] == sum(counts["format"].values())


def test_the_map_of_a_wide_search_is_all_less_what_it_leaves_out(client, monkeypatch):
    monkeypatch.setattr(tallies, "BROAD_AT_LEAST", 1)
    monkeypatch.setattr(
        search, "matches_about", lambda term, ids, edition_id=None: 10 if term == "zorg" else 1
    )
    made = wide_agenda()
    Activity.objects.filter(pk=made[0].pk).update(town="Zwolle", latitude=52.5, longitude=6.1)
    Activity.objects.filter(pk=made[-1].pk).update(town="Deventer", latitude=52.2, longitude=6.2)
    tallies.ensure_kept()
    pages = {}
    for term in ("zorg", "robotica"):  # the first wide, the second counted as it is
        with CaptureQueriesContext(connection) as page:
            response = client.get("/agenda/", {"q": term, "view": "map"})
        sql = " ".join(q["sql"] for q in page.captured_queries)
        assert left_out_in(sql) is (term == "zorg")
        pages[term] = response.context
    organisers, towns = regions_and_towns(without_ranking(filtered_activities({"q": "zorg"})))
    shown = pages["zorg"]
    assert [(pin["town"], pin["count"]) for pin in shown["pins"]] == [
        (town["town"], town["n"]) for town in towns
    ]
    figures = {region.slug: region.organisations for region in shown["map_regions"]}
    assert {slug: n for slug, n in figures.items() if n} == organisers
    assert [pin["town"] for pin in pages["robotica"]["pins"]] == ["Deventer"]


@pytest.mark.parametrize("grid", ["week", "day"])
def test_the_calendar_of_a_wide_search_shows_what_the_search_finds(client, monkeypatch, grid):
    """Its cells are read from the editions less what the search leaves out, not through the
    search again: the same cells as the search's own."""
    monkeypatch.setattr(tallies, "BROAD_AT_LEAST", 1)
    monkeypatch.setattr(search, "matches_about", lambda term, ids, edition_id=None: 10**6)
    made = wide_agenda()
    library = OrganisationFactory(name="Bibliotheek Twente")
    Activity.objects.filter(pk=made[1].pk).update(
        title="Middag zonder het woord",
        summary="Niets.",
        description="Ook hier niet.",
        lead_organisation=library,
    )
    search.index_activities([made[1].pk])
    tallies.ensure_kept()
    day = timezone.localtime(made[0].starts_at).date()
    query = {"q": "zorg", "view": "calendar", "day": day.isoformat(), "grid": grid}
    with CaptureQueriesContext(connection) as page:
        response = client.get("/agenda/", query)
    assert response.status_code == 200
    assert left_out_in(" ".join(q["sql"] for q in page.captured_queries))
    (cells,) = [q["sql"] for q in page.captured_queries if "utc_hour" in q["sql"]]
    assert "search_vector" not in cells and "activity_search MATCH" not in cells
    matches = filtered_activities({"q": "zorg"})
    assert made[1].pk not in set(matches.values_list("pk", flat=True))
    if grid == "week":
        assert response.context["week"] == calendar.week_grid(matches, day)
    else:
        assert response.context["daygrid"] == calendar.day_grid(matches, day)


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
        assert tallies.WideSearch(cleaned).facet_counts(vocabulary_items()) is None
    assert not any("agenda_edition_tally" in q["sql"] for q in reads.captured_queries)
    assert search.matches_about("robotica", tallies.edition_ids({})) >= 1


@pytest.mark.parametrize("term", [TITLE_WORDS[0], "zorg", "?!"])  # "?!": no words, finds none
def test_what_a_search_leaves_out_is_the_rest_of_the_agenda(term):
    made = wide_agenda()
    shown = Activity.objects.published()
    found = set(filtered_activities({"q": term}).values_list("pk", flat=True))
    rest = set(search.not_matching(shown, term).values_list("pk", flat=True))
    assert found | rest == {a.pk for a in made} and not found & rest
    if connection.vendor == "postgresql":
        left, entries = search.left_out_entries(term, tallies.edition_ids({}))
        assert (set(left), entries) == (rest, len(made))


@pytest.mark.postgres
def test_an_activity_not_indexed_yet_is_left_out_through_the_activities(client, monkeypatch):
    """Its entry is written once its approval commits: until then the search does not find
    it, and the entries alone cannot say so. There is one public entry fewer than public
    activities, and the page asks each activity for a matching entry instead."""
    monkeypatch.setattr(tallies, "BROAD_AT_LEAST", 1)
    monkeypatch.setattr(search, "matches_about", lambda term, ids, edition_id=None: 10**6)
    made = wide_agenda()
    SearchEntry.objects.filter(activity=made[0]).delete()
    tallies.ensure_kept()
    left, entries = search.left_out_entries("zorg", tallies.edition_ids({}))
    assert made[0].pk not in left and entries == len(made) - 1
    with CaptureQueriesContext(connection) as page:
        response = client.get("/agenda/", {"q": "zorg"})
    assert "NOT (EXISTS" in " ".join(q["sql"] for q in page.captured_queries)
    matches = filtered_activities({"q": "zorg"})
    assert made[0].pk not in set(matches.values_list("pk", flat=True))
    counts = facet_counts(matches)
    shown = {
        facet["name"]: {option["value"]: option["count"] for option in facet["options"]}
        for facet in response.context["facets"]
    }
    assert {v: n for v, n in shown["region"].items() if n} == counts["region"]
    assert response.context["count"] == matches.count() == len(made) - 1


@pytest.mark.parametrize(("view", "queries"), [("list", 22), ("calendar", 20), ("map", 18)])
def test_a_wide_search_takes_a_fixed_number_of_queries(client, monkeypatch, view, queries):
    """As many queries at eleven activities as at twenty-two, and as the pin says: the kept
    counts, what the search leaves out (read once), and its counts. A word of the summaries
    that no title holds: the list reads the ids of those whose title holds it, then the
    others (search.TitleFirst), at either size; its compounds and towns are looked up (a word
    of five letters or more)."""
    monkeypatch.setattr(tallies, "BROAD_AT_LEAST", 1)
    monkeypatch.setattr(search, "matches_about", lambda term, ids, edition_id=None: 10**6)
    counted = []
    for _ in range(2):
        wide_agenda()
        tallies.ensure_kept()
        cache.clear()  # cold, as after a change
        with CaptureQueriesContext(connection) as page:
            response = client.get("/agenda/", {"q": "beeldbellen", "view": view})
        assert response.status_code == 200
        assert left_out_in(" ".join(q["sql"] for q in page.captured_queries))
        counted.append(len(page.captured_queries))
    assert counted == [queries, queries]
