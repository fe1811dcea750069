"""One rule for what the public sees (Activity.objects.published()): an activity of an edition
that is not shown to the public stays out of every public page, feed, API answer and sitemap."""

from urllib.parse import urlparse

import pytest
from django.core.cache import cache

from estafette.activities.models import Activity
from estafette.relay.models import Edition
from estafette.results.models import Result
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_activity():
    activity = ActivityFactory(title="Beeldbellen in het verborgen jaar")
    Result.objects.create(activity=activity, summary="Goed bezocht.", participants=9)
    Edition.objects.filter(pk=activity.edition_id).update(is_published=False)
    cache.clear()
    return activity


def _sitemaps(client) -> str:
    index = client.get("/sitemap.xml").content.decode()
    sections = [part.split("<")[0] for part in index.split("<loc>")[1:]]
    return "".join(client.get(urlparse(section).path).content.decode() for section in sections)


def test_an_activity_of_a_hidden_edition_is_nowhere_public(client, hidden_activity):
    pk, title = hidden_activity.pk, hidden_activity.title
    assert not Activity.objects.published().filter(pk=pk).exists()
    assert title not in client.get("/agenda/").content.decode()
    assert client.get(hidden_activity.get_absolute_url()).status_code == 404
    assert title not in client.get("/api/v1/activities").content.decode()
    assert client.get(f"/api/v1/activities/{pk}").status_code == 404
    assert title not in client.get("/agenda.rss").content.decode()
    organisation = hidden_activity.lead_organisation
    assert title not in client.get(f"/organisatie/{organisation.slug}/").content.decode()
    assert f"/{pk}/" not in _sitemaps(client)
    year = hidden_activity.edition.year
    assert client.get(f"/editie/{year}/").status_code == 404
    assert client.get(f"/regio/oost/{year}/").status_code == 404
    assert f"/regio/oost/{year}/" not in client.get("/regio/oost/").content.decode()
    assert not Result.objects.public().exists()


def test_the_same_activity_shows_once_its_edition_is_shown(client, hidden_activity):
    Edition.objects.filter(pk=hidden_activity.edition_id).update(is_published=True)
    cache.clear()
    assert Activity.objects.published().filter(pk=hidden_activity.pk).exists()
    assert client.get(hidden_activity.get_absolute_url()).status_code == 200
    assert hidden_activity.title in client.get("/api/v1/activities").content.decode()
    assert Result.objects.public().exists()
