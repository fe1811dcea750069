"""Phones (WCAG 1.4.10 reflow) in real Chromium at 320, 390 and 1280 CSS px over every page
type: the page never scrolls sideways, no two text boxes of the calendar overlap or leave their
day, axe-core finds nothing at 320 px, the agenda does not shift while it loads on a phone, and
a skip link leads to the results. REFLOW_ONLY="home,region page" checks just those page types.

One browser context per width on one live server; the logged-in pages get a session cookie
from Django's test client (force_login) instead of going through the login form.
"""

import os
import re
import time

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import URLResolver, get_resolver

from tests.browser.conftest import assert_accessible
from tests.browser.reflow_pages import VISITOR, build_world, page_types
from tests.factories import force_login_with_two_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [320, 390, 1280]


@pytest.fixture
def world(settings):
    settings.MAP_TILES_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # no tile server
    return build_world()


def log_in(context, user):
    """A session cookie for the browser context, made by Django's test client."""
    client = Client()
    force_login_with_two_factor(client, user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": context.live_server_url}]
    )


def open_as(context, world, who, current):
    """Log the context in as `who` (a visitor: no session), unless it already is."""
    if who != current:
        context.clear_cookies()
        if who != VISITOR:
            log_in(context, world["users"][who])
    return who


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


def open_page(page, world, page_type):
    """Open the page type as its steps say; returns the address opened."""
    url = page_type.url(world)
    response = page.goto(url)
    assert response.status == page_type.status, (
        f"{page_type.name}: {url} answered {response.status}"
    )
    if page_type.steps:
        page_type.steps(page, world)
    return url


def check_page(page, world, page_type, width, widths, problems):
    name = page_type.name
    url = open_page(page, world, page_type)
    scroll_width = page.evaluate(PAGE_WIDTH)
    widths[name] = scroll_width
    if scroll_width > width:
        culprits = ", ".join(page.evaluate(STICKING_OUT))
        problems.append(f"{name} ({url}) is {scroll_width}px wide at {width}px: {culprits}")
    if "calendar" in name:
        for problem in page.evaluate(CALENDAR_TEXT_PROBLEMS, ".calendar"):
            problems.append(f"{name} at {width}px: {problem}")
    if width == 320 and page_type.axe:
        try:
            assert_accessible(page)
        except AssertionError as error:
            problems.append(f"{name}: {error}")


class AnyWorld(dict):
    """Stands in for the world when only the shape of the addresses matters."""

    class Thing:
        pk, slug, token = 1, "x", "x"

        def get_absolute_url(self):
            return "/activiteit/1/x/"

        def isoformat(self):
            return "2023-02-06"

        def __str__(self):
            return "x"

    def __missing__(self, key):
        return self.Thing()


def estafette_routes(patterns, prefix="", namespace=""):
    """(namespace:name, route) of every address that estafette/*/urls.py declares."""
    for pattern in patterns:
        route = prefix + getattr(pattern.pattern, "_route", "")
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_module, "__name__", "")
            inner = pattern.namespace or namespace
            # estafette's apps, and the list i18n_patterns wraps them in (not the admin's nor
            # the API's, whose pages are /beheer/ and JSON).
            if module.startswith("estafette.") or not (module or pattern.namespace):
                yield from estafette_routes(pattern.url_patterns, route, inner)
        elif namespace and pattern.name:
            yield f"{namespace}:{pattern.name}", route


def test_every_page_type_is_on_the_list():
    """Each page of every estafette/*/urls.py is on the list, or said here why not."""
    not_pages = {
        # POST-only actions and files.
        "activities:duplicate",
        "activities:import_template",
        "activities:import_checked",
        "activities:submit_batch",
        "activities:approve",
        "activities:approve_selected",
        "activities:request_changes",
        "activities:reject",
        "activities:coordinator_note",
        "activities:approve_revision",
        "activities:reject_revision",
        "board:answer",
        "board:close",
        "board:hide",
        "board:accept",
        "board:decline",
        "figures:region_export",
        "figures:evaluation_export",
        "organisations:membership-decide",
        "organisations:membership-role",
        "organisations:membership-remove",
        "partners:invitation-answer",
        "partners:invite",
        "posters:poster",
        "posters:card",
        "posters:square-card",
        "results:add-material",
        "results:remove-material",
        "results:hide",
        "results:show",
        "signups:confirm",
        "signups:ics",
        "signups:export_csv",
        "signups:export_xlsx",
        "signups:attendance",
        "signups:close",
        "signups:capacity",
        # The same view as a listed page: /cijfers/ is /cijfers/<year>/ of the running edition.
        "figures:page",
    }
    listed = [re.sub(r"[?].*", "", page_type.url(AnyWorld())) for page_type in page_types()]
    missing = []
    for name, route in estafette_routes(get_resolver().url_patterns):
        if name in not_pages:
            continue
        parts = re.split(r"<[^>]+>", "/" + route)
        address = "[^/]+".join(re.escape(part) for part in parts)
        if not any(re.fullmatch(address, url) for url in listed):
            missing.append(f"{name} /{route}")
    assert not missing, "page types not on the list:\n" + "\n".join(missing)


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
    only = os.environ.get("REFLOW_ONLY")  # "home,region page": check just these page types
    widths, problems, who = {}, [], VISITOR
    for page_type in page_types():
        if only and page_type.name not in only.split(","):
            continue
        who = open_as(context, world, page_type.who, who)
        check_page(page, world, page_type, width, widths, problems)
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
