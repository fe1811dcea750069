"""Phones (WCAG 1.4.10 reflow) in real Chromium at 320, 390 and 1280 CSS px over every page
type: the page never scrolls sideways, no two text boxes of the calendar overlap or leave their
day, axe-core finds nothing at 320 px, the agenda does not shift while it loads on a phone, and
a skip link leads to the results. REFLOW_ONLY="home,region page" checks just those page types.

One browser context per width on one live server; the logged-in pages get a session cookie
from Django's test client (force_login) instead of going through the login form.
"""

import datetime as dt
import os
import time

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from estafette.activities.models import Activity
from estafette.board import services as board_services
from estafette.knowledge.setup import ensure_hub
from estafette.organisations.models import Organisation
from estafette.relay.models import Edition, Region, Stage
from estafette.signups import services as signup_services
from tests.browser.conftest import assert_accessible
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    VerifiedUserFactory,
    at,
    force_login_with_two_factor,
    stage_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [320, 390, 1280]
# Long Dutch compounds: what makes headings and table cells wider than a phone.
LONG_TITLE = "Zorginnovatiemarktkennisuitwisselingsbijeenkomst voor mantelzorgondersteuners"
LONG_NAME = "Stichting Ouderenzorgvoorzieningencoöperatie Noordoost-Twente"


@pytest.fixture
def world(settings):
    settings.MAP_TILES_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # no tile server
    ensure_hub()  # /kennisbank/ (a flushed database may have lost it)
    oost = Region.objects.get(slug="oost")
    coordinator = VerifiedUserFactory(email="coordinator@example.nl", full_name="Co Ordinator")
    coordinator.coordinated_regions.add(oost)
    organisation = OrganisationFactory(name=LONG_NAME)
    MembershipFactory(user=coordinator, organisation=organisation)
    MembershipFactory(organisation=organisation, user__email="een.heel.lang.adres@voorbeeld.nl")

    # A week of 2023 (ended): activities Monday to Friday, several on one day, a cancelled one
    # with a long title, the weekend empty.
    stage = stage_of(2023, "oost")
    monday = stage.starts_on - dt.timedelta(days=stage.starts_on.weekday())
    week = []
    for offset, hour in [(0, 9), (0, 9), (0, 14), (1, 10), (2, 13), (3, 9), (4, 15)]:
        week.append(
            ActivityFactory(
                lead_organisation=organisation,
                title=f"{LONG_TITLE} {len(week) + 1}",
                starts_at=at(monday + dt.timedelta(days=offset), hour),
                ends_at=at(monday + dt.timedelta(days=offset), hour + 2),
                created_by=coordinator,
            )
        )
    ActivityFactory(
        lead_organisation=organisation,
        title="Telemonitoringsimplementatiewerkgroepvergadering",
        starts_at=at(monday + dt.timedelta(days=1), 10),
        ends_at=at(monday + dt.timedelta(days=1), 12),
        status=Activity.Status.CANCELLED,
        cancellation_reason="Spreker ziek.",
    )

    # An edition still to come: an activity open for sign-up, one waiting for review, a call.
    first = timezone.localdate() + dt.timedelta(days=30)
    edition = Edition.objects.create(year=2090, starts_on=first, ends_on=first + dt.timedelta(7))
    future_stage = Stage.objects.create(
        edition=edition, region=oost, order=1, starts_on=first, ends_on=first + dt.timedelta(4)
    )
    future = ActivityFactory(
        stage=future_stage,
        lead_organisation=organisation,
        title=LONG_TITLE,
        starts_at=at(first, 14),
        ends_at=at(first, 16),
        created_by=coordinator,
    )
    signup_services.sign_up(
        activity=future, name="Wilhelmina van Oudshoorn-Bezuidenhout", email="w@example.nl"
    )
    submitted = ActivityFactory(
        stage=future_stage,
        lead_organisation=organisation,
        title="Leefstijlgeneeskundeprogrammaontwikkeling in de eerstelijnszorg",
        starts_at=at(first + dt.timedelta(days=1), 10),
        ends_at=at(first + dt.timedelta(days=1), 12),
        status=Activity.Status.SUBMITTED,
        submitted_at=timezone.now(),
        created_by=coordinator,
    )
    board_services.post_call(
        organisation=organisation,
        by=coordinator,
        stage=future_stage,
        title="Gezondheidsvaardighedenbibliotheek gezocht voor een digicafé",
        plan="Inwoners oefenen met zorg-apps; zie https://een-heel-lange-link.example/pad/naar",
        kinds=[Organisation.Kind.LIBRARY],
    )
    return {
        "coordinator": coordinator,
        "organisation": organisation,
        "day": week[0].starts_at.date(),
        "past": week[0],
        "future": future,
        "submitted": submitted,
        "edition": stage.edition,
    }


def public_pages(world):
    day = world["day"].isoformat()
    return {
        "home": "/",
        "agenda list": "/agenda/?edition=2023",
        "agenda calendar (week)": f"/agenda/?edition=2023&view=calendar&day={day}",
        "agenda calendar (day)": f"/agenda/?edition=2023&view=calendar&grid=day&day={day}",
        "agenda map": "/agenda/?edition=2023&view=map",
        "activity page": world["future"].get_absolute_url(),
        "activity page (ended)": world["past"].get_absolute_url(),
        "sign-up page": f"/activiteit/{world['future'].pk}/aanmelden/",
        "region page": "/regio/oost/",
        "region page (past edition)": "/regio/oost/2023/",
        "edition page": "/editie/2023/",
        "edition list": "/edities/",
        "login": "/account/login/",
        "signup (account)": "/account/signup/",
        "accessibility statement": "/toegankelijkheid/",
        "organisers' front door": "/voor-organisatoren/",
        "my sign-ups by e-mail": "/mijn-aanmeldingen/",
        "figures": "/cijfers/2023/",
        "knowledge hub": "/kennisbank/",
        "board": "/partners-gezocht/",
    }


def private_pages(world):
    future, submitted = world["future"], world["submitted"]
    return {
        "coordinator queue": "/beoordelen/",
        "coordinator review": f"/beoordelen/{submitted.pk}/",
        "organisation members": f"/organisatie/{world['organisation'].slug}/leden/",
        "participants": f"/mijn/activiteit/{future.pk}/deelnemers/",
        "partners": f"/activiteit/{future.pk}/partners/",
        "dashboard (organiser)": "/mijn/",
        "dashboard (region figures)": "/cijfers/regio/oost/",
        "account overview": "/account/",
        "two-factor (2FA)": "/account/2fa/",
    }


def log_in(context, user):
    """A session cookie for the browser context, made by Django's test client."""
    client = Client()
    force_login_with_two_factor(client, user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": context.live_server_url}]
    )


PAGE_WIDTH = "document.documentElement.scrollWidth"

# What sticks out (for the failure message): the innermost elements reaching past the window.
STICKING_OUT = """
() => {
  const out = (e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 &&
    !e.closest(".visually-hidden, .skip-link");
  const names = new Set();
  for (const element of document.body.querySelectorAll("*")) {
    if (!out(element) || [...element.children].some(out)) continue;
    const classes = String(element.className || "").trim().split(/\\s+/).filter(Boolean);
    names.add([element.tagName.toLowerCase(), ...classes].join(".") + " " +
      Math.round(element.getBoundingClientRect().right) + "px");
  }
  return [...names].slice(0, 6);
}
"""

# Every visible text fragment of the calendar: its boxes must not overlap another's, nor
# leave the cell (day) it belongs to.
CALENDAR_TEXT_PROBLEMS = """
(selector) => {
  const root = document.querySelector(selector);
  if (!root) return ["no calendar on the page"];
  const boxes = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    if (!text || node.parentElement.closest(".visually-hidden, caption")) continue;
    const cell = node.parentElement.closest("td, th");
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      boxes.push({text: text.slice(0, 30), l: r.left, r: r.right, t: r.top, b: r.bottom,
                  cell: cell ? cell.getBoundingClientRect() : null});
    }
  }
  const problems = [];
  for (const box of boxes) {
    if (box.cell && (box.r > box.cell.right + 0.5 || box.l < box.cell.left - 0.5)) {
      problems.push(`"${box.text}" runs out of its day`);
    }
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const w = Math.min(a.r, b.r) - Math.max(a.l, b.l);
      const h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
      if (w > 1 && h > 1) problems.push(`"${a.text}" overlaps "${b.text}"`);
    }
  }
  return problems;
}
"""


def check_page(page, name, url, width, widths, problems):
    only = os.environ.get("REFLOW_ONLY")  # "home,region page": check just these page types
    if only and name not in only.split(","):
        return
    response = page.goto(url)
    assert response.status == 200, f"{name}: {url} answered {response.status}"
    scroll_width = page.evaluate(PAGE_WIDTH)
    widths[name] = scroll_width
    if scroll_width > width:
        culprits = ", ".join(page.evaluate(STICKING_OUT))
        problems.append(f"{name} ({url}) is {scroll_width}px wide at {width}px: {culprits}")
    if "calendar" in name:
        for problem in page.evaluate(CALENDAR_TEXT_PROBLEMS, ".calendar"):
            problems.append(f"{name} at {width}px: {problem}")
    if width == 320:
        try:
            assert_accessible(page)
        except AssertionError as error:
            problems.append(f"{name}: {error}")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_reflows_without_sideways_scrolling(chromium, live_server, world, width):
    context = chromium.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        viewport={"width": width, "height": 800},
    )
    context.live_server_url = live_server.url
    page = context.new_page()
    page.set_default_timeout(15000)
    widths, problems = {}, []
    for name, url in public_pages(world).items():
        check_page(page, name, url, width, widths, problems)
    log_in(context, world["coordinator"])
    for name, url in private_pages(world).items():
        check_page(page, name, url, width, widths, problems)
    context.close()
    if os.environ.get("REFLOW_REPORT"):
        print(f"\nwidths at {width}px:")
        for name, scroll_width in widths.items():
            print(f"  {name:32} {scroll_width}")
    assert not problems, "\n".join(problems)


def phone(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        viewport={"width": 390, "height": 844},
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page


LAYOUT_SHIFTS = """
window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.layoutShift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""


def test_the_agenda_does_not_shift_while_it_loads_on_a_phone(chromium, live_server, world):
    """The filter panel is folded before the first paint, not by a script after it: even with
    the script arriving late (a slow phone network), the cumulative layout shift stays < 0.1."""
    context, page = phone(chromium, live_server)
    page.add_init_script(LAYOUT_SHIFTS)

    def late_script(route):
        time.sleep(0.6)
        route.continue_()

    page.route("**/js/agenda*.js", late_script)
    page.goto("/agenda/?edition=2023", wait_until="load")
    page.wait_for_timeout(500)
    shift = page.evaluate("window.layoutShift")
    assert shift < 0.1, f"cumulative layout shift {shift:.3f}"
    panel = page.locator(".agenda-filters details")
    assert panel.get_attribute("open") is None
    assert page.locator("[data-activity-id]").first.is_visible()
    context.close()


def test_a_skip_link_leads_to_the_agenda_results(chromium, live_server, world):
    context, page = phone(chromium, live_server)
    page.goto("/agenda/?edition=2023")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de resultaten"
    assert page.locator(".skip-link:focus").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)  # were the page to reload (it must not), focus would be lost
    assert page.evaluate("document.activeElement.id") == "agenda-results"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('#agenda-results')")
    for _ in range(8):  # the views, the sort control, then the first activity
        if page.evaluate("!!document.activeElement.closest('[data-activity-id]')"):
            break
        page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('[data-activity-id]')")
    context.close()


def test_on_a_phone_the_sign_up_button_is_on_the_first_screen(chromium, live_server, world):
    context, page = phone(chromium, live_server)
    page.goto(world["future"].get_absolute_url())
    button = page.locator(".signup-jump a")
    assert button.is_visible()
    box = button.bounding_box()
    assert box["y"] + box["height"] <= 844 and box["height"] >= 24
    button.click()
    page.get_by_role("link", name="Aanmelden voor").click()
    page.wait_for_url(f"**/activiteit/{world['future'].pk}/aanmelden/")
    page.goto(world["past"].get_absolute_url())  # over: nothing to sign up for
    assert page.locator(".signup-jump").count() == 0
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(world["future"].get_absolute_url())
    assert page.locator(".signup-jump a").is_hidden()  # beside the text on a wide screen
    context.close()
