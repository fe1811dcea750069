"""The figures page in real Chromium: the map's figure switched with and without JavaScript,
axe-core, a phone's 320 px, forced colours and print.

Every wait has a timeout of its own, so a page that never finishes fails the test instead of
hanging the suite. axe-core cannot run in a page without JavaScript (its timers never fire, and
`page.evaluate` has no timeout: this is what hung an earlier version of this test); the server
sends the same HTML either way, so the page reached without JavaScript is checked at its own
address in a page with JavaScript.
"""

import pytest

from tests.browser.conftest import assert_accessible
from tests.figures.conftest import small_relay

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAVIGATION_TIMEOUT = 20_000  # ms: the live server renders the page uncached
ACTION_TIMEOUT = 10_000


@pytest.fixture
def relay(transactional_db):
    return small_relay()


@pytest.fixture
def page_without_javascript(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        java_script_enabled=False,
    )
    page = context.new_page()
    page.set_default_timeout(ACTION_TIMEOUT)
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    yield page
    context.close()


def oost_on_the_map(page) -> str:
    return page.locator('.map-value[data-region="oost"]').text_content(timeout=ACTION_TIMEOUT)


def test_without_javascript_the_button_switches_the_figure_on_the_map(
    page_without_javascript, page, relay
):
    nojs = page_without_javascript
    nojs.goto("/cijfers/2023/", wait_until="load", timeout=NAVIGATION_TIMEOUT)
    assert oost_on_the_map(nojs) == "4"
    nojs.get_by_label("Toon op de kaart").select_option("cancelled")
    assert "kaart=" not in nojs.url  # nothing happens before the button is pressed
    nojs.get_by_role("button", name="Toon", exact=True).click()
    nojs.wait_for_url("**kaart=cancelled**", timeout=NAVIGATION_TIMEOUT)
    assert oost_on_the_map(nojs) == "1"
    assert nojs.locator('td[data-region="oost"]').inner_text() == "1"
    assert nojs.get_by_text("Legenda: Geannuleerde activiteiten").is_visible()
    # The same address, the same HTML: axe-core needs JavaScript to run.
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    page.goto(nojs.url, wait_until="load", timeout=NAVIGATION_TIMEOUT)
    assert page.content().count('data-region="oost"') == nojs.content().count('data-region="oost"')
    assert_accessible(page)


def test_with_javascript_choosing_the_figure_is_enough(page, relay):
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    page.goto("/cijfers/2023/", wait_until="load", timeout=NAVIGATION_TIMEOUT)
    assert oost_on_the_map(page) == "4"
    page.get_by_label("Toon op de kaart").select_option("share_with_partners")
    page.wait_for_url("**kaart=share_with_partners**", timeout=NAVIGATION_TIMEOUT)
    assert oost_on_the_map(page) == "50,0%"
    assert page.locator('td[data-region="oost"]').inner_text() == "50,0%"
    assert page.get_by_text("Legenda: Aandeel met partners (%)").is_visible()
    assert page.get_by_label("Toon op de kaart").input_value() == "share_with_partners"
    assert_accessible(page)


def test_on_a_320_px_phone_nothing_scrolls_sideways(page, relay):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/cijfers/2023/", wait_until="load", timeout=NAVIGATION_TIMEOUT)
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """[...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > 320 && !e.closest('.table-scroll'))
        .map(e => e.tagName + '.' + e.className).slice(0, 8)"""
    )
    assert width <= 320, f"the page is {width} px wide: {wide}"
    assert_accessible(page)


def test_the_english_twin_passes_axe(page, relay):
    page.goto("/en/cijfers/2023/", wait_until="load", timeout=NAVIGATION_TIMEOUT)
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)


def test_charts_stay_readable_in_forced_colours_and_print(page, relay):
    page.emulate_media(forced_colors="active")
    page.goto("/cijfers/2023/", wait_until="load", timeout=NAVIGATION_TIMEOUT)
    bar_fill = page.eval_on_selector("#chart-themes .bar", "el => getComputedStyle(el).fill")
    text_fill = page.eval_on_selector("#chart-themes text", "el => getComputedStyle(el).fill")
    assert bar_fill == text_fill  # bars take the text colour of the user's contrast theme
    page.emulate_media(forced_colors="none", media="print")
    assert page.locator(".metric-form").is_hidden()
    assert page.locator("#chart-days").is_visible()


def test_axe_refuses_a_page_without_javascript_instead_of_hanging(page_without_javascript, relay):
    page_without_javascript.goto("/cijfers/2023/", timeout=NAVIGATION_TIMEOUT)
    # Its timers never fire, however long they get: half a second shows it as well as the 5 s
    # a page with JavaScript gets on a busy machine.
    with pytest.raises(pytest.fail.Exception, match="JavaScript is off"):
        assert_accessible(page_without_javascript, timer_timeout=500)
