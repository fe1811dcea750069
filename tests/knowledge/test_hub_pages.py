"""The knowledge hub as visitors read it: Dutch under /kennisbank/, English under /en/kennisbank/."""

import datetime as dt
import re
import time

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents import get_document_model

from estafette.knowledge.models import (
    ArticlePage,
    FaqPage,
    HandbookChapterPage,
    HandbookIndexPage,
    ToolkitPage,
)

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_hub_front_page_lists_its_sections(client, hub):
    response = client.get("/kennisbank/")
    assert response.status_code == 200
    page = text_of(response)
    for title in (
        "Activiteitenhandboek",
        "Communicatietoolkit",
        "Bibliotheken en de Slimme Zorg Estafette",
        "Veelgestelde vragen",
        "Nieuws",
    ):
        assert title in page


def test_handbook_chapters_have_tips_checklists_and_examples(client, hub):
    handbook = HandbookIndexPage.objects.get(locale__language_code="nl")
    chapters = HandbookChapterPage.objects.child_of(handbook).live()
    assert chapters.count() >= 5
    index = client.get(handbook.url)
    for chapter in chapters:
        assert f'href="{chapter.url}"' in index.content.decode()
    html = client.get("/kennisbank/handboek/activiteit-kiezen/").content.decode()
    assert 'class="tip"' in html
    assert 'class="checklist"' in html
    assert 'class="example"' in html
    assert "interactief" in html


def test_toolkit_shows_documents_with_type_and_size(client, hub):
    toolkit = ToolkitPage.objects.get(locale__language_code="nl")
    page = text_of(client.get(toolkit.url))
    press = get_document_model().objects.get(title="Concept persbericht")
    assert re.search(r"Concept persbericht \(TXT, [\d,.]+\s(bytes|KB)\)", page)
    assert "#SlimmeZorgEstafette" in page
    download = client.get(press.url)
    assert download.status_code == 200
    assert b"CONCEPT PERSBERICHT" in b"".join(download.streaming_content)


def test_library_page_and_questions(client, hub):
    library = ArticlePage.objects.get(slug="bibliotheken", locale__language_code="nl")
    page = text_of(client.get(library.url))
    assert "Profileren, niet werven" in page
    assert "zorgpartner" in page
    faq = FaqPage.objects.get(locale__language_code="nl")
    page = text_of(client.get(faq.url))
    assert page.count("?") >= 5
    assert "Kost meedoen geld?" in page


def test_english_twin_lives_under_en(client, hub):
    response = client.get("/en/kennisbank/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Knowledge base" in html
    assert 'href="/en/kennisbank/handboek/"' in html
    assert client.get("/en/kennisbank/handboek/activiteit-kiezen/").status_code == 200


def test_search_finds_hub_pages_in_the_visitors_language(client, hub):
    page = text_of(client.get("/kennisbank/zoeken/", {"q": "bibliotheek"}))
    assert "Bibliotheken en de Slimme Zorg Estafette" in page
    english = text_of(client.get("/en/kennisbank/zoeken/", {"q": "library"}))
    assert "Libraries and the Slimme Zorg Estafette" in english
    assert "Bibliotheken en de Slimme Zorg Estafette" not in english


def test_a_draft_stays_private_until_published(client, hub):
    library = ArticlePage.objects.get(slug="bibliotheken", locale__language_code="nl")
    library.title = "Nieuwe titel in concept"
    revision = library.save_revision()
    assert "Nieuwe titel in concept" not in client.get(library.url).content.decode()
    revision.publish()
    assert "Nieuwe titel in concept" in client.get(library.url).content.decode()
    assert library.revisions.count() >= 2


def test_scheduled_publishing_goes_live_at_its_time(client, hub):
    handbook = HandbookIndexPage.objects.get(locale__language_code="nl")
    page = HandbookChapterPage(title="Hoofdstuk voor later", slug="later", live=False)
    handbook.add_child(instance=page)
    page.go_live_at = timezone.now() + dt.timedelta(seconds=2)
    revision = page.save_revision()
    revision.publish()
    assert client.get("/kennisbank/handboek/later/").status_code == 404
    call_command("publish_scheduled")
    assert client.get("/kennisbank/handboek/later/").status_code == 404, "not yet its time"
    time.sleep(2.5)
    call_command("publish_scheduled")
    assert client.get("/kennisbank/handboek/later/").status_code == 200


def test_seeding_twice_adds_nothing(hub):
    from wagtail.models import Page

    from estafette.knowledge.demo import load_knowledge_hub

    before = Page.objects.count()
    load_knowledge_hub()
    assert Page.objects.count() == before


def test_hub_pages_are_in_the_sitemap_section(rf, hub, settings):
    from django.contrib.sites.requests import RequestSite

    from estafette.knowledge.sitemaps import KnowledgeSitemap

    request = rf.get("/sitemap.xml")
    sitemap = KnowledgeSitemap(request)
    locations = {url["location"] for url in sitemap.get_urls(site=RequestSite(request))}
    assert f"{settings.SITE_URL}/kennisbank/handboek/" in locations
    assert f"{settings.SITE_URL}/en/kennisbank/handboek/" in locations


def test_english_pages_are_written_in_english(client, hub):
    chapter = text_of(client.get("/en/kennisbank/handboek/activiteit-kiezen/"))
    assert "Start with a question, not with a product" in chapter
    assert "Check: is my activity interactive?" in chapter
    assert "Begin bij een vraag" not in chapter
    library = text_of(client.get("/en/kennisbank/bibliotheken/"))
    assert "Show what you offer, rather than recruit" in library
    assert "Profileren" not in library
    faq = text_of(client.get("/en/kennisbank/vragen/"))
    assert "Does taking part cost money?" in faq
    assert "Kost meedoen geld?" not in faq
    toolkit = text_of(client.get("/en/kennisbank/toolkit/"))
    assert "Example posts" in toolkit and "Come and try it yourself" in toolkit
    assert "Voorbeeldberichten" not in toolkit
    assert re.search(r"Concept persbericht \(TXT, [\d,.]+\s(bytes|KB)\)", toolkit)
    news = text_of(client.get("/en/kennisbank/nieuws/kennisbank-open/"))
    assert "The knowledge base is open" in news and "Vanaf vandaag" not in news


def test_seeding_again_translates_twins_still_copied_from_dutch_and_keeps_the_editors_own(hub):
    from estafette.knowledge.demo import load_knowledge_hub

    def twin_of(model, slug):
        return model.objects.get(locale__language_code="en", slug=slug)

    # As earlier versions left them: the English twin's body a copy of the Dutch one.
    dutch = HandbookChapterPage.objects.get(locale__language_code="nl", slug="programma")
    copied = twin_of(HandbookChapterPage, "programma")
    copied.body = dutch.body.get_prep_value()
    copied.save_revision().publish()
    own = twin_of(ArticlePage, "bibliotheken")
    own.body = [{"type": "paragraph", "value": "<p>Our editors' own words.</p>"}]
    own.save_revision().publish()

    load_knowledge_hub()

    assert "Keep explanations short" in str(twin_of(HandbookChapterPage, "programma").body)
    assert "Our editors' own words." in str(twin_of(ArticlePage, "bibliotheken").body)
