"""Search engines and sharing: sitemap with hreflang twins, robots.txt, canonical and Open
Graph on every public page, a favicon, Dutch and English 404 and 500 pages, the map's markup."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import RequestFactory
from django.utils import translation

from estafette.core.views import server_error
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
PAGES = [
    "/",
    "/en/",
    "/agenda/?edition=2023",
    "/edities/",
    "/editie/2023/",
    "/regio/oost/",
    "/organisaties/",
    "/privacy/",
    "/toegankelijkheid/",
]


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://slimmezorgestafette.nl"
    return ActivityFactory()


def _local(url: str) -> str:
    return url.removeprefix("https://slimmezorgestafette.nl").removeprefix("http://testserver")


def test_robots_names_the_sitemap_and_the_sitemap_lists_every_public_page_in_both_languages(
    client, site
):
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://slimmezorgestafette.nl/sitemap.xml" in robots
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter(f"{SM}loc")]
    assert len(sections) >= 4
    urls = {}
    for section in sections:
        response = client.get(_local(section))
        assert response.status_code == 200, section
        for url in ET.fromstring(response.content).iter(f"{SM}url"):
            twins = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
            urls[url.findtext(f"{SM}loc")] = twins
    page = f"https://slimmezorgestafette.nl{site.get_absolute_url()}"
    assert page in urls and f"https://slimmezorgestafette.nl/en{site.get_absolute_url()}" in urls
    assert urls[page]["en"].endswith(f"/en{site.get_absolute_url()}")
    assert urls[page]["nl"] == urls[page]["x-default"] == page
    for address in PAGES:
        assert f"https://slimmezorgestafette.nl{address.split('?')[0]}" in urls or "?" in address
    for loc in list(urls)[:40]:
        assert client.get(_local(loc)).status_code == 200, loc


def test_every_public_page_has_canonical_hreflang_open_graph_and_a_favicon(client, site):
    for address in [*PAGES, site.get_absolute_url(), f"/en{site.get_absolute_url()}"]:
        page = client.get(address).content.decode()
        head = page.split("</head>", 1)[0]
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', head)
        assert canonical and canonical.group(1).startswith("https://slimmezorgestafette.nl/"), (
            address
        )
        for language in ("nl", "en", "x-default"):
            assert f'<link rel="alternate" hreflang="{language}" href="https://' in head, address
        for tag in ("og:title", "og:description", "og:url", "og:image", "og:type"):
            assert f'<meta property="{tag}" content="' in head, (address, tag)
        icon = re.search(r'<link rel="icon" href="([^"]+)"', head).group(1)
        assert client.get(icon).status_code == 200
    english = client.get("/en/").content.decode()
    assert '<link rel="alternate" hreflang="nl" href="https://slimmezorgestafette.nl/">' in english
    assert client.get("/favicon.ico", follow=True).status_code == 200


def test_404_and_500_pages_speak_dutch_and_english(client):
    dutch = client.get("/bestaat-niet/")
    assert dutch.status_code == 404 and "Pagina niet gevonden" in dutch.content.decode()
    english = client.get("/en/does-not-exist/")
    assert english.status_code == 404 and "Page not found" in english.content.decode()
    assert 'lang="en"' in english.content.decode()
    with translation.override("nl"):
        error = server_error(RequestFactory().get("/"))
    assert error.status_code == 500 and "Er ging iets mis" in error.content.decode()
    with translation.override("en"):
        error = server_error(RequestFactory().get("/en/"))
    assert "Something went wrong" in error.content.decode()


def test_the_maps_caption_comes_after_its_table(client, site):
    for address in ("/", "/en/", "/regio/oost/", "/editie/2023/"):
        page = client.get(address).content.decode()
        for figure in re.findall(r'<figure class="relay-map".*?</figure>', page, re.S):
            assert re.search(r"</table>\s*<figcaption[^>]*>.*?</figcaption>\s*$", figure[:-9], re.S)
