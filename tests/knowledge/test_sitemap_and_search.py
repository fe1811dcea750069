"""The hub's pages, the partners wanted board and every region's week are in the sitemap, read as
a crawler reads it (the index, then each section, then the pages), and hub pages are found by
the hub's search; a page an editor publishes is in both at once."""

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from estafette.activities.rules import local_date
from estafette.board import services as board
from estafette.knowledge.models import ArticlePage, HubIndexPage
from estafette.organisations.models import Organisation
from estafette.relay.models import Edition, Region, Stage
from tests.factories import MembershipFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def crawl(client, settings) -> dict[str, dict[str, str]]:
    """Every address in the sitemap, with its language twins: {loc: {hreflang: href}}."""

    def fetch(url):
        response = client.get(urlsplit(url).path)
        assert response.status_code == 200, url
        return ET.fromstring(response.content)

    found = {}
    for section in fetch(f"{settings.SITE_URL}/sitemap.xml").findall("sm:sitemap/sm:loc", NS):
        for url in fetch(section.text).findall("sm:url", NS):
            twins = {
                link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
            }
            found[url.find("sm:loc", NS).text] = twins
    return found


@pytest.fixture
def open_call(db):
    first = local_date(timezone.now()) + dt.timedelta(days=30)
    edition = Edition.objects.create(
        year=2090, starts_on=first, ends_on=first + dt.timedelta(days=7), is_published=True
    )
    stage = Stage.objects.create(
        edition=edition,
        region=Region.objects.get(slug="oost"),
        order=1,
        starts_on=first,
        ends_on=first + dt.timedelta(days=4),
    )
    caller = VerifiedUserFactory()
    organisation = MembershipFactory(user=caller).organisation
    return board.post_call(
        organisation=organisation,
        by=caller,
        stage=stage,
        title="Bibliotheek gezocht voor een digicafé",
        plan="Inwoners oefenen met zorg-apps.",
        kinds=[Organisation.Kind.LIBRARY],
    )


def test_a_crawler_finds_hub_board_and_week_pages_in_both_languages(
    client, settings, hub, open_call
):
    site = settings.SITE_URL
    found = crawl(client, settings)

    chapter = f"{site}/kennisbank/handboek/activiteit-kiezen/"
    assert found[chapter] == {
        "nl": chapter,
        "en": f"{site}/en/kennisbank/handboek/activiteit-kiezen/",
        "x-default": chapter,
    }
    assert f"{site}/en/kennisbank/handboek/activiteit-kiezen/" in found
    for path in ("/kennisbank/", "/kennisbank/bibliotheken/", "/kennisbank/toolkit/"):
        assert f"{site}{path}" in found and f"{site}/en{path}" in found
    for path in ("/partners-gezocht/", open_call.get_absolute_url(), "/editie/2023/regio/oost/"):
        assert found[f"{site}{path}"]["en"] == f"{site}/en{path}"
    assert f"{site}/editie/2090/regio/oost/" in found

    # A crawler then reads the pages: every new address answers.
    new = [
        loc
        for loc in found
        if "/kennisbank/" in loc or "/partners-gezocht/" in loc or "/regio/" in loc
    ]
    for loc in new:
        assert client.get(loc.removeprefix(site)).status_code == 200, loc


def test_closed_calls_leave_the_sitemap_at_once(
    client, settings, open_call, django_capture_on_commit_callbacks
):
    with_call = crawl(client, settings)
    assert f"{settings.SITE_URL}{open_call.get_absolute_url()}" in with_call
    with django_capture_on_commit_callbacks(execute=True):
        board.close_call(call=open_call, by=open_call.created_by)
    assert f"{settings.SITE_URL}{open_call.get_absolute_url()}" not in crawl(client, settings)


def test_a_page_the_editors_publish_is_in_the_sitemap_and_the_search_at_once(
    client, settings, hub, django_capture_on_commit_callbacks
):
    assert "Zorgcafé" not in client.get("/kennisbank/zoeken/", {"q": "zorgcafé"}).content.decode()
    crawl(client, settings)  # the sitemap is cached now too
    parent = HubIndexPage.objects.get(locale__language_code="nl")
    page = ArticlePage(
        title="Een zorgcafé in de wijk",
        slug="zorgcafe",
        intro="Zo organiseert u een zorgcafé met een bibliotheek.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        parent.add_child(instance=page)
        page.save_revision().publish()

    results = client.get("/kennisbank/zoeken/", {"q": "zorgcafé"}).content.decode()
    assert 'href="/kennisbank/zorgcafe/"' in results
    assert f"{settings.SITE_URL}/kennisbank/zorgcafe/" in crawl(client, settings)


def test_the_search_finds_words_in_the_body_in_either_language(client, hub):
    dutch = client.get("/kennisbank/zoeken/", {"q": "dialoogtafel"}).content.decode()
    assert 'href="/kennisbank/handboek/activiteit-kiezen/"' in dutch
    english = client.get("/en/kennisbank/zoeken/", {"q": "dialogue"}).content.decode()
    assert 'href="/en/kennisbank/handboek/activiteit-kiezen/"' in english
    assert 'href="/kennisbank/handboek/' not in english
