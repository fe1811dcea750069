"""PostgreSQL's search entries (agenda.SearchEntry): the narrow table a search reads. Its
edition, status and title follow the activity whatever writes it (a trigger), it goes when the
activity goes, and a search reads the entries of the edition asked for only."""

import pytest

from estafette.activities.models import Activity
from estafette.agenda.models import SearchEntry
from estafette.agenda.queries import filtered_activities
from estafette.relay.models import Edition
from tests.factories import ActivityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def entry(activity):
    return SearchEntry.objects.values("edition_id", "status", "title").get(activity=activity)


def found(q, **filters):
    return list(filtered_activities({"q": q, **filters}))


def test_an_entry_follows_status_edition_and_title_of_any_update():
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
        "title": "Beeldbellen met de huisarts",
    }
    Activity.objects.filter(pk=activity.pk).update(title="Videobellen met de huisarts")
    assert entry(activity)["title"] == "Videobellen met de huisarts"


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
