"""PostgreSQL's search entries (agenda.SearchEntry): the narrow table a search reads. Its
edition, status, title (in lower case) and start follow the activity whatever writes it (a
trigger), it goes when the activity goes, and a search reads the entries of the edition asked
for only; with no other filter, it ranks them without reading the activities."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from estafette.activities.models import Activity
from estafette.agenda import search
from estafette.agenda.models import SearchEntry
from estafette.agenda.queries import filtered_activities
from estafette.relay.models import Edition
from tests.factories import ActivityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def entry(activity):
    return SearchEntry.objects.values("edition_id", "status", "folded_title", "starts_at").get(
        activity=activity
    )


def found(q, **filters):
    return list(filtered_activities({"q": q, **filters}))


def test_an_entry_follows_status_edition_title_and_start_of_any_update():
    activity = ActivityFactory(title="Beeldbellen met de huisarts")
    assert found("beeldbellen") == [activity]
    other = Edition.objects.exclude(pk=activity.edition_id).first()
    # Written past every service: the trigger, not the code that writes, keeps them equal.
    Activity.objects.filter(pk=activity.pk).update(status="cancelled")
    assert entry(activity)["status"] == "cancelled"
    Activity.objects.filter(pk=activity.pk).update(status="rejected")
    assert entry(activity)["status"] == "rejected"
    assert found("beeldbellen") == []
    Activity.objects.filter(pk=activity.pk).update(status="published", edition=other)
    assert entry(activity) == {
        "edition_id": other.pk,
        "status": "published",
        "folded_title": "beeldbellen met de huisarts",
        "starts_at": activity.starts_at,
    }
    Activity.objects.filter(pk=activity.pk).update(title="Videobellen met de Huisarts")
    assert entry(activity)["folded_title"] == "videobellen met de huisarts"
    later = activity.starts_at + dt.timedelta(days=3)
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=later, ends_at=F("ends_at") + dt.timedelta(days=3)
    )
    assert entry(activity)["starts_at"] == later


def test_the_title_that_ranks_first_is_the_title_as_it_is_now():
    first = ActivityFactory(title="Open dag", description="Beeldbellen, beeldbellen, beeldbellen.")
    second = ActivityFactory(title="Wandeling", description="Een keer beeldbellen.")
    assert found("beeldbellen") == [first, second]
    Activity.objects.filter(pk=second.pk).update(title="Beeldbellen buiten")
    assert found("beeldbellen") == [second, first]


def test_an_entry_goes_with_its_activity():
    activity = ActivityFactory(title="Beeldbellen met de huisarts")
    assert SearchEntry.objects.filter(activity=activity).exists()
    activity.delete()
    assert not SearchEntry.objects.filter(activity_id=activity.pk).exists()


def test_a_search_joins_the_entries_of_the_activitys_own_edition():
    """The join says entry edition = activity edition, so the edition an agenda asks for
    reaches the entries too (PostgreSQL derives entry edition = 2027 from it) and a search
    reads one edition's entries, not all of them."""
    activity = ActivityFactory(title="Beeldbellen met de huisarts")
    edition = Edition.objects.get(pk=activity.edition_id)
    ids = filtered_activities({"q": "beeldbellen", "edition": edition.year}).values("pk")
    sql = str(ids.query)
    assert '"agenda_search_entry"."edition_id" = ("activities_activity"."edition_id")' in sql
    assert found("beeldbellen", edition=edition.year) == [activity]


def test_a_title_holds_the_query_in_any_case():
    lower = ActivityFactory(title="Open dag", description="Beeldbellen, beeldbellen, beeldbellen.")
    upper = ActivityFactory(title="BEELDBELLEN BUITEN", description="Een wandeling.")
    assert found("Beeldbellen") == [upper, lower]


def test_a_search_with_no_other_filter_ranks_its_entries_alone(client):
    """The same order as the search joined to the activities: title first, then rank, then
    start (ties of both: the earlier first), but from the entries only."""
    start = ActivityFactory(title="Wandeling").starts_at
    day = dt.timedelta(days=1)
    made = [
        ActivityFactory(title="Open dag", description="Robotarm.", starts_at=start + 2 * day),
        ActivityFactory(title="Robotarm buiten", starts_at=start + 5 * day),
        ActivityFactory(title="Markt", description="Robotarm.", starts_at=start + day),
        ActivityFactory(title="De robotarm binnen", starts_at=start + 4 * day),
    ]
    Activity.objects.filter(pk=made[0].pk).update(starts_at=start)  # the trigger follows
    edition = Edition.objects.get(pk=made[0].edition_id)
    expected = [made[3], made[1], made[0], made[2]]
    assert found("robotarm") == expected
    ranked = search.ranked_entries("robotarm", [edition.pk])
    assert list(ranked) == [a.pk for a in expected]
    with CaptureQueriesContext(connection) as page:
        response = client.get("/agenda/", {"q": "robotarm", "edition": edition.year})
    assert list(response.context["activities"]) == expected
    # Those whose title holds it, then the others (search.TitleFirst), from the entries alone.
    ranking = [q["sql"] for q in page.captured_queries if "ts_rank" in q["sql"]]
    assert len(ranking) == 2 and not any("activities_activity" in sql for sql in ranking)
    with CaptureQueriesContext(connection) as page:  # another filter: joined, same order
        response = client.get(
            "/agenda/", {"q": "robotarm", "edition": edition.year, "format": "in_person"}
        )
    assert list(response.context["activities"]) == expected
    ranking = [q["sql"] for q in page.captured_queries if "ts_rank" in q["sql"]]
    assert len(ranking) == 2 and all("activities_activity" in sql for sql in ranking)
