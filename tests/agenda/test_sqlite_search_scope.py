"""SQLite's full-text table knows each activity's edition and whether the public sees it (its
`scope` token, kept by a trigger), so a search of one edition asks FTS5 for those rows only
and bm25 ranks only them. (PostgreSQL: tests/agenda/test_search_entries.py.)"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from estafette.activities.models import Activity
from estafette.agenda.queries import filtered_activities
from estafette.relay.models import Edition
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's full-text table")


def scope(activity):
    with connection.cursor() as cursor:
        cursor.execute("SELECT scope FROM activity_search WHERE rowid = %s", [activity.pk])
        return cursor.fetchone()[0]


def test_the_scope_follows_edition_and_status_of_any_update():
    activity = ActivityFactory(title="Beeldbellen met de huisarts")
    assert scope(activity) == f"e{activity.edition_id}p"
    Activity.objects.filter(pk=activity.pk).update(status="rejected")
    assert scope(activity) == f"e{activity.edition_id}"
    other = Edition.objects.exclude(pk=activity.edition_id).first()
    Activity.objects.filter(pk=activity.pk).update(status="cancelled", edition=other)
    assert scope(activity) == f"e{other.pk}p"


def test_a_search_of_one_edition_asks_the_full_text_table_for_its_public_rows():
    activity = ActivityFactory(title="Beeldbellen met de huisarts")
    elsewhere = ActivityFactory(title="Beeldbellen in de bibliotheek")
    other = Edition.objects.exclude(pk=activity.edition_id).first()
    Activity.objects.filter(pk=elsewhere.pk).update(edition=other)
    year = Edition.objects.get(pk=activity.edition_id).year
    with CaptureQueriesContext(connection) as captured:
        found = list(filtered_activities({"q": "beeldbellen", "edition": year}))
    assert found == [activity]
    assert f"scope : e{activity.edition_id}p" in " ".join(q["sql"] for q in captured)
    assert list(filtered_activities({"q": "beeldbellen", "edition": other.year})) == [elsewhere]


def test_a_deleted_activity_leaves_the_full_text_table():
    activity = ActivityFactory(title="Beeldbellen met de huisarts")
    activity.delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM activity_search WHERE rowid = %s", [activity.pk])
        assert cursor.fetchone() == (0,)
