"""The figures page in real Chromium: the map's figure switched with and without JavaScript,
axe-core, a phone's 320 px, forced colours and print."""

import pytest

from tests.browser.conftest import assert_accessible
from tests.figures.conftest import small_relay

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def relay(transactional_db):
    return small_relay()


def oost_on_the_map(page) -> str:
    return page.locator('.map-value[data-region="oost"]').text_content()


@pytest.fixture
def page_without_javascript(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(30000)
    yield page
    context.close()


def test_switching_the_figure_without_javascript_uses_the_button(page_without_javascript, relay):
    page = page_without_javascript
    page.goto("/cijfers/2023/")
    assert oost_on_the_map(page) == "4"
    page.get_by_label("Toon op de kaart").select_option("cancelled")
    page.get_by_role("button", name="Toon").click()
    page.wait_for_url("**kaart=cancelled**")
    assert oost_on_the_map(page) == "1"
    assert page.locator('td[data-region="oost"]').inner_text() == "1"
    assert_accessible(page)


def test_switching_the_figure_with_javascript_needs_no_button(page, relay):
    page.goto("/cijfers/2023/")
    page.get_by_label("Toon op de kaart").select_option("share_with_partners")
    page.wait_for_url("**kaart=share_with_partners**")
    assert oost_on_the_map(page) == "50,0%"
    assert page.get_by_text("Legenda: Aandeel met partners (%)").is_visible()
    assert_accessible(page)


def test_on_a_320_px_phone_nothing_scrolls_sideways(page, relay):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/cijfers/2023/")
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 320
        && !e.closest('.table-scroll')).map(e => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right).slice(0, 8)"""
    )
    assert width <= 320, f"the page is {width} px wide: {wide}"
    assert_accessible(page)


def test_english_twin_passes_axe(page, relay):
    page.goto("/en/cijfers/2023/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)


def test_charts_stay_readable_in_forced_colours_and_print(page, relay):
    page.emulate_media(forced_colors="active")
    page.goto("/cijfers/2023/")
    bar_fill = page.eval_on_selector("#chart-themes .bar", "el => getComputedStyle(el).fill")
    text_fill = page.eval_on_selector("#chart-themes text", "el => getComputedStyle(el).fill")
    assert bar_fill == text_fill  # bars take the text colour of the user's contrast theme
    page.emulate_media(forced_colors="none", media="print")
    assert page.locator(".metric-form").is_hidden()
    assert page.locator("#chart-days").is_visible()
