"""In real Chromium on a phone (390 and 320 CSS pixels wide), with and without JavaScript: a
visitor opens the knowledge hub, goes to the activity handbook, reads its chapters one after the
other with the chapter navigation, and searches; nothing scrolls sideways and axe-core finds
nothing, in Dutch and in English."""

import pytest

from estafette.knowledge.demo import load_knowledge_hub
from tests.browser.conftest import assert_accessible

# No serialized_rollback: restoring Wagtail's rows that way breaks on django_content_type.
# The hub is set up inside each test, so the flush after the transactional tests is no bother.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONES = [390, 320]


@pytest.fixture
def hub(db):
    load_knowledge_hub()


@pytest.fixture
def phone(chromium, live_server):
    contexts = []

    def open_phone(width, *, javascript=True, locale="nl-NL"):
        context = chromium.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": 800},
            is_mobile=True,
            has_touch=True,
            device_scale_factor=2,
            locale=locale,
            java_script_enabled=javascript,
        )
        context.set_default_timeout(15000)
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


WIDER_THAN_THE_SCREEN = """(width) => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width || e.scrollWidth > e.clientWidth + 1)
    .slice(0, 5)
    .map(e => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`)"""


def assert_no_sideways_scroll(page, width):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, (
        f"{page.url} is {scroll}px wide on a {width}px phone: "
        f"{page.evaluate(WIDER_THAN_THE_SCREEN, width)}"
    )


def assert_easy_to_tap(link):
    box = link.bounding_box()
    assert box is not None and box["height"] >= 24 and box["width"] >= 24, box


def read_the_handbook(page, width, *, check_axe, chapter_one, chapter_two, next_label, language):
    prefix = "/en" if language == "en" else ""
    page.goto(f"{prefix}/kennisbank/")
    assert_no_sideways_scroll(page, width)
    if check_axe:
        assert_accessible(page)
    handbook = "Activity handbook" if language == "en" else "Activiteitenhandboek"
    page.get_by_role("link", name=handbook).first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == handbook
    assert_no_sideways_scroll(page, width)
    if check_axe:
        assert_accessible(page)

    page.get_by_role("link", name=chapter_one).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == chapter_one
    assert_no_sideways_scroll(page, width)
    if check_axe:
        assert_accessible(page)

    navigation = page.locator("nav.chapter-nav")
    following = navigation.get_by_role("link", name=next_label)
    following.scroll_into_view_if_needed()
    assert following.is_visible()
    assert_easy_to_tap(following)
    following.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == chapter_two
    assert page.url.endswith(f"{prefix}/kennisbank/handboek/samen-organiseren/")
    assert_no_sideways_scroll(page, width)
    if check_axe:
        assert_accessible(page)

    # Back to the list of chapters from the chapter navigation.
    all_chapters = "All chapters" if language == "en" else "Alle hoofdstukken"
    page.locator("nav.chapter-nav").get_by_role("link", name=all_chapters).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == handbook


@pytest.mark.parametrize("width", PHONES)
def test_a_visitor_reads_the_handbook_on_a_phone(phone, hub, width):
    page = phone(width)
    read_the_handbook(
        page,
        width,
        check_axe=True,
        chapter_one="1. Kies een activiteit die mensen laat meedoen",
        chapter_two="2. Organiseer samen met partners",
        next_label="Volgend hoofdstuk 2. Organiseer samen met partners",
        language="nl",
    )
    # The hub's search, from the page itself.
    page.get_by_label("Zoeken in de kennisbank").fill("bibliotheek")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Bibliotheken en de Slimme Zorg Estafette").is_visible()
    assert_no_sideways_scroll(page, width)
    assert_accessible(page)


@pytest.mark.parametrize("width", PHONES)
def test_the_handbook_reads_the_same_without_javascript(phone, hub, width):
    page = phone(width, javascript=False)
    read_the_handbook(
        page,
        width,
        check_axe=False,  # axe-core needs JavaScript: the same pages are checked above
        chapter_one="1. Kies een activiteit die mensen laat meedoen",
        chapter_two="2. Organiseer samen met partners",
        next_label="Volgend hoofdstuk 2. Organiseer samen met partners",
        language="nl",
    )


def test_an_english_visitor_reads_the_english_handbook_on_a_small_phone(phone, hub):
    page = phone(320, locale="en-GB")
    read_the_handbook(
        page,
        320,
        check_axe=True,
        chapter_one="1. Choose an activity people take part in",
        chapter_two="2. Organise together with partners",
        next_label="Next chapter 2. Organise together with partners",
        language="en",
    )
    assert "Start with a question" not in page.content()  # the list, not a chapter
    page.goto("/en/kennisbank/handboek/activiteit-kiezen/")
    assert "Start with a question, not with a product" in page.content()
    assert "Begin bij een vraag" not in page.content()
