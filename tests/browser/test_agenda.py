"""The agenda, the activity page and the widget in real Chromium: axe-core, with and without JS."""

import pytest
from playwright.sync_api import expect

from estafette.activities.models import Activity
from tests.browser.conftest import assert_accessible
from tests.factories import ActivityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def agenda(settings):
    settings.MAP_TILES_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # no tile server: stylised map
    return {
        "oost": ActivityFactory(region="oost", latitude=52.22, longitude=6.89),
        "west": ActivityFactory(
            region="west", format=Activity.Format.ONLINE, title="Webinar beeldbellen"
        ),
        "cancelled": ActivityFactory(
            region="zuid", status=Activity.Status.CANCELLED, cancellation_reason="Spreker ziek."
        ),
    }


@pytest.mark.parametrize(
    "url",
    [
        "/agenda/?edition=2023",
        "/agenda/?edition=2023&view=calendar&day=2023-02-07",
        "/agenda/?edition=2023&view=calendar&grid=day&day=2023-02-07",
        "/agenda/?edition=2023&view=map",
        "/agenda/?edition=2023&q=niets-te-vinden",
        "/agenda/?region=atlantis",
        "/en/agenda/?edition=2023",
        "/agenda/widget/maken/?region=oost",
    ],
)
def test_agenda_views_pass_axe_with_the_filters_open(page, agenda, url):
    page.goto(url)
    if page.locator(".agenda-filters details").count():
        assert page.locator(".agenda-filters details").get_attribute("open") is not None
    assert_accessible(page)


def test_on_a_phone_the_filters_start_folded_and_open_with_one_tap(page, agenda):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/agenda/?edition=2023")
    panel = page.locator(".agenda-filters details")
    assert panel.get_attribute("open") is None
    assert page.get_by_role("searchbox", name="Zoeken").is_visible()
    assert_accessible(page)
    page.locator(".agenda-filters summary").click()
    assert panel.get_attribute("open") is not None
    assert page.get_by_label("west", exact=False).first.is_visible()
    assert_accessible(page)


def test_activity_pages_pass_axe(page, agenda):
    for activity in agenda.values():
        page.goto(activity.get_absolute_url())
        assert page.locator("h1").inner_text() == activity.title
        assert_accessible(page)
    assert page.get_by_text("Spreker ziek.").is_visible()


def test_widget_passes_axe(page, agenda):
    page.goto("/agenda/widget/?region=oost&edition=2023")  # a bare widget shows what is coming
    assert page.locator("[data-activity-id]").count() == 1
    assert_accessible(page)


def test_with_javascript_a_filter_updates_the_results_in_place_and_the_url(page, agenda):
    page.goto("/agenda/?edition=2023")
    page.evaluate("window.stillHere = true")
    assert page.locator("[data-activity-id]").count() == 3
    page.get_by_label("west", exact=False).first.check()
    page.wait_for_url("**region=west**")
    page.wait_for_function("document.querySelectorAll('[data-activity-id]').length === 1")
    assert page.evaluate("window.stillHere") is True  # no full reload
    assert page.locator(f'[data-activity-id="{agenda["west"].pk}"]').count() == 1
    page.wait_for_function("document.querySelector('[data-agenda-live]').textContent.length > 0")
    assert "1 activiteit gevonden" in page.locator("[data-agenda-live]").inner_text()
    # The address is shareable: opening it anew gives the same list.
    page.goto(page.url)
    assert page.locator("[data-activity-id]").count() == 1


def test_without_javascript_the_filter_form_works(chromium, live_server, agenda):
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/agenda/?edition=2023")
    page.get_by_role("searchbox", name="Zoeken").fill("webinar")
    page.get_by_role("button", name="Toon resultaten").first.click()
    page.wait_for_url("**q=webinar**")
    assert page.locator("[data-activity-id]").count() == 1
    page.get_by_role("link", name="Kaart").click()
    expect(page.locator("svg.nl-map")).to_be_visible()
    context.close()


def test_with_a_tile_server_the_map_view_becomes_a_leaflet_map_with_pins(
    page, live_server, agenda, settings
):
    # A local stand-in for PDOK: any image answers, so the script swaps in Leaflet.
    settings.MAP_TILES_URL = live_server.url + "/static/img/og-estafette.png?z={z}&x={x}&y={y}"
    page.goto("/agenda/?edition=2023&view=map")
    page.wait_for_selector(".leaflet-container", state="visible")
    page.wait_for_function("document.querySelectorAll('.leaflet-interactive').length === 1")
    assert page.locator(".agenda-map figure").is_hidden()
    assert page.locator(".map-table").is_visible()  # the text alternative stays
    assert_accessible(page)
    page.locator(".leaflet-interactive").first.click()  # the pin's popup links to its town
    town = page.locator(".leaflet-popup-content a")
    assert town.get_attribute("href").startswith("?edition=2023&q=")
    town.click()
    page.wait_for_url("**q=**")
    assert page.locator("[data-activity-id]").count() >= 1


def test_venue_map_uses_the_tiles_too(page, live_server, agenda, settings):
    settings.MAP_TILES_URL = live_server.url + "/static/img/og-estafette.png?z={z}&x={x}&y={y}"
    page.goto(agenda["oost"].get_absolute_url())
    page.wait_for_selector(".venue-map .leaflet-container", state="visible")
    assert_accessible(page)
