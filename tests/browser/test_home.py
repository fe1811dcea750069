"""The home page in real Chromium: the relay is shown and axe-core finds nothing."""

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_shows_the_relay_and_passes_axe(page):
    page.goto("/")
    assert page.locator("h1").count() == 1
    assert page.get_by_role("heading", name="Wie is er aan zet?").is_visible()
    assert_accessible(page)


def test_home_page_in_english_passes_axe(page):
    page.goto("/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)


def test_the_axe_check_itself_finds_a_planted_barrier(page):
    # Guards the harness: a page with an unlabeled image and input must fail the check.
    page.set_content(
        '<html lang="nl"><body><main><img src="x.png"><input type="text"></main></body></html>'
    )
    from tests.browser.conftest import axe_violations

    ids = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "label"} <= ids


@pytest.mark.parametrize("url", ["/regio/noord/", "/editie/2023/", "/edities/"])
def test_region_and_edition_pages_pass_axe(page, url):
    page.goto(url)
    assert_accessible(page)


def test_home_page_on_a_phone_passes_axe_and_the_table_links_are_reachable_by_keyboard(page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    assert_accessible(page)
    link = page.locator(".map-table a", has_text="Regio zuid")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/regio/zuid/")
    assert page.locator("h1").inner_text().startswith("Regio zuid")  # "in <year>" follows


def test_the_accessibility_statement_is_linked_from_every_page_and_passes_axe(page):
    page.goto("/")
    page.get_by_role("link", name="Toegankelijkheid").click()
    assert page.locator("h1").inner_text() == "Toegankelijkheidsverklaring"
    assert_accessible(page)


def test_the_near_me_box_works_without_javascript(chromium, live_server):
    """Type a place, press Enter: the agenda opens for the coming seven days near it."""
    context = chromium.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto("/")
    page.get_by_label("Uw postcode of woonplaats").fill("7511 AA")
    page.keyboard.press("Enter")
    page.wait_for_url("**/agenda/?**")
    assert "near=7511+AA" in page.url and "from=" in page.url and "to=" in page.url
    assert page.locator("#id_near").input_value() == "7511 AA"
    page.goto("/")
    page.get_by_role("link", name="Doe mee als organisator").click()
    page.wait_for_url("**/voor-organisatoren/")
    context.close()
