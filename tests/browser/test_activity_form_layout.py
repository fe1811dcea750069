"""The activity form in real Chromium at 1280 and 390 px: title and summary as wide as the
column, a checkbox on the same line as its label, the region's week beside the dates (following
a typed postcode), and a logout button in the header."""

import re

import pytest
from playwright.sync_api import expect

from estafette.activities.models import ActivityType
from tests.browser.conftest import assert_accessible
from tests.browser.test_organiser_flow import log_in
from tests.factories import MembershipFactory, VerifiedUserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def same_line(box_a, box_b) -> bool:
    """Two boxes share a line: their vertical middles lie within each other's height."""
    middle_a = box_a["y"] + box_a["height"] / 2
    middle_b = box_b["y"] + box_b["height"] / 2
    return abs(middle_a - middle_b) < min(box_a["height"], box_b["height"]) / 2 + 2


@pytest.mark.parametrize("width", [1280, 390])
def test_the_form_fields_fit_what_is_typed_in_them(page, open_edition, width, capsys):
    user = VerifiedUserFactory(email="vorm@example.nl")
    MembershipFactory(user=user)  # an organisation in Overijssel: region oost
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, "vorm@example.nl", "Geheim-wachtwoord-123")
    page.goto("/mijn/activiteit/nieuw/")
    column = page.locator(".activity-form .step").first.bounding_box()
    widths = {n: page.locator(f"#id_{n}").bounding_box()["width"] for n in ("title", "summary")}
    with capsys.disabled():
        print(f"\n[activity form at {width} px] title {widths['title']:.0f} px, summary "
              f"{widths['summary']:.0f} px, column {column['width']:.0f} px")  # fmt: skip
    for name in ("title", "summary"):
        box = page.locator(f"#id_{name}").bounding_box()
        # As wide as the step's column (less its padding), capped at a comfortable 45rem.
        expected = min(column["width"] - 44, 720)
        assert box["width"] >= expected - 2, f"{name} is {box['width']} px wide at {width} px"
        assert box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    free = page.locator("#id_is_free")
    assert same_line(free.bounding_box(), page.locator("label[for=id_is_free]").bounding_box())
    first_type = page.locator(f"input[name=types][value='{ActivityType.objects.first().pk}']")
    label = page.locator("label", has=first_type)
    text_box = label.evaluate(
        """label => { const range = document.createRange();
        range.selectNodeContents(label); const r = range.getClientRects();
        const last = r[r.length - 1]; return {x: last.x, y: last.y, width: last.width,
        height: last.height}; }"""
    )
    assert same_line(first_type.bounding_box(), text_box)

    week = page.locator("#region-week")
    expect(week).to_have_text("Regio oost: 1 t/m 5 februari 2027")
    starts = page.locator("#id_starts_at").bounding_box()
    assert abs(week.bounding_box()["y"] - starts["y"]) < 120  # beside the date, not far off
    page.locator("#id_postcode").fill("1012 AB")
    page.locator("#id_postcode").dispatch_event("change")
    expect(week).to_have_text("Regio west: 8 t/m 12 februari 2027")

    logout = page.get_by_role("button", name="Uitloggen")
    expect(logout).to_be_visible()
    assert logout.bounding_box()["height"] >= 24
    if width == 390:
        assert_accessible(page)
    logout.click()
    page.wait_for_load_state()
    page.goto("/mijn/")
    expect(page).to_have_url(re.compile(r"/account/login/"))
