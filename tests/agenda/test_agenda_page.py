import pytest

from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_agenda_lists_cards_with_activity_ids_and_region_filter_works(client):
    activity = ActivityFactory()
    response = client.get("/agenda/?region=oost")
    assert response.status_code == 200
    assert f'data-activity-id="{activity.pk}"' in response.content.decode()


def test_invalid_filters_show_dutch_errors_not_500(client):
    response = client.get("/agenda/?region=atlantis&from=2023-02-30&page=-2")
    assert response.status_code == 400
    body = response.content.decode()
    assert "bestaat niet" in body
    assert "bestaande datum" in body


def test_page_past_the_end_is_a_clear_error(client):
    ActivityFactory()
    response = client.get("/agenda/?page=9")
    assert response.status_code == 400
    assert "Pagina 9 bestaat niet; er is 1 pagina." in response.content.decode()
    english = client.get("/en/agenda/?page=9")
    assert english.status_code == 400
    assert "Page 9 does not exist; there is 1 page." in english.content.decode()


def test_cached_agenda_shows_a_newly_published_activity_immediately(
    client, django_capture_on_commit_callbacks
):
    from estafette.activities.models import Activity
    from estafette.activities.services import approve_activity
    from tests.factories import UserFactory

    with django_capture_on_commit_callbacks(execute=True):
        activity = ActivityFactory(status=Activity.Status.SUBMITTED)
    assert f'data-activity-id="{activity.pk}"' not in client.get("/agenda/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        approve_activity(activity=activity, by=UserFactory())
    assert f'data-activity-id="{activity.pk}"' in client.get("/agenda/").content.decode()


def test_agenda_query_count_does_not_grow_with_activities(client):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/agenda/").status_code == 200
        return len(ctx.captured_queries)

    ActivityFactory.create_batch(21)  # more than a page: the count is a query of its own
    first = count()
    ActivityFactory.create_batch(19)
    assert count() == first
