"""Real Chromium (Debian's package) through Playwright, and axe-core on every page we open.

Browser tests are marked `browser`. They need /usr/bin/chromium; with CI=true its absence is a
failure, elsewhere the tests say plainly that they were skipped and why.
"""

import os
import shutil

import pytest

# Playwright's sync API keeps an event loop in this thread; Django's ORM refuses to run in a
# thread with a loop unless told it is safe, and here it is (one test, one thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"Chromium not found at {CHROMIUM}; CI must install Debian's chromium package"
            )
        pytest.skip(f"Chromium not found at {CHROMIUM} (install Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def axe_violations(page, *, timer_timeout: int = 5000) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now.

    axe-core waits on timers, and a page without JavaScript runs none: `page.evaluate` (which has
    no timeout) would then wait forever. A timer is tried first, with a timeout, so such a page
    fails at once; check a page without JavaScript by opening its address in a `page` with it.
    (`timer_timeout`, in ms: how long a page's timers get to fire, 5 s for a busy machine.)
    """
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            "() => new Promise(done => setTimeout(() => done(true), 0))",
            timeout=timer_timeout,
        )
    except PlaywrightTimeout:
        pytest.fail(
            f"axe-core cannot run on {page.url}: its timers never fire (JavaScript is off); "
            "open the same address in a page with JavaScript to check it"
        )

    # resultTypes: the violations in full, the passes and the rest without their nodes (axe's
    # own default, lost when options are given): the same violations, a third less time a page.
    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            "resultTypes": ["violations"],
        },
    )
    return results.response["violations"]


def assert_accessible(page, *, timer_timeout: int = 5000):
    violations = axe_violations(page, timer_timeout=timer_timeout)
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    ]
    assert not violations, f"axe-core found violations on {page.url}:\n" + "\n".join(summary)
