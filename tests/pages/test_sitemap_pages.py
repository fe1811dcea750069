"""The activities' sitemap lists what Django's bilingual sitemap lists, page for page, without
reading every activity of every edition to build the index or any one page."""

import pytest
from django.contrib.sitemaps import Sitemap
from django.db import connection
from django.test.utils import CaptureQueriesContext

from estafette.pages.sitemaps import ActivitiesSitemap
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


class DjangosOwn(ActivitiesSitemap):
    """The same sitemap with Django's paginator and latest date (the whole list in memory)."""

    paginator = Sitemap.paginator
    get_latest_lastmod = Sitemap.get_latest_lastmod


@pytest.mark.parametrize("limit", [1, 3, 4, 7, 100])
def test_every_page_lists_what_djangos_own_lists(limit):
    for _ in range(7):
        ActivityFactory()
    ActivityFactory(status="draft")
    ours, theirs = ActivitiesSitemap(), DjangosOwn()
    ours.limit = theirs.limit = limit
    assert ours.paginator.num_pages == theirs.paginator.num_pages
    for page in theirs.paginator.page_range:
        assert ours.get_urls(page, protocol="https") == theirs.get_urls(page, protocol="https")
    assert ours.get_latest_lastmod() == theirs.get_latest_lastmod()


def test_the_index_reads_no_activity_row(client):
    for _ in range(5):
        ActivityFactory()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/sitemap.xml").status_code == 200
    read = [q["sql"] for q in captured if '"activities_activity"."slug"' in q["sql"]]
    assert read == []
