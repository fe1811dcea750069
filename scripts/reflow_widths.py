"""The widest layout width of every page type on a 320 px phone, in real Chromium.

The page types and their data are the reflow test's (tests/browser/reflow_pages.py): one list.
Per page type it prints document.documentElement.scrollWidth (the page's layout width: more
than the window means sideways scrolling) and the right edge of the widest element (which may
lie inside a box that scrolls on its own, like a wide table).

    make widths                                       # this checkout, 320 px
    .venv/bin/python scripts/reflow_widths.py --width 390 --json after.json
    # an older commit, measured with today's list of page types:
    git worktree add --detach /work/wt/old <sha> && cp scripts/reflow_widths.py /tmp/
    .venv/bin/python /tmp/reflow_widths.py --project /work/wt/old \\
        --pages tests/browser/reflow_pages.py --json before.json
    .venv/bin/python scripts/reflow_widths.py --compare before.json   # before | after table

It migrates a fresh SQLite database in a temporary folder, makes the reflow test's data, serves
the project from a live server thread and opens each page type in Chromium (/usr/bin/chromium or
CHROMIUM_PATH). A page type the project cannot show (no data, another status, a missing step)
reads "—". Needs the project's development packages (Playwright, factory_boy).
"""

import argparse
import importlib.util
import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]

# The right edge of the widest element, and what it is (skip links and visually hidden text
# sit outside the window on purpose).
WIDEST = """
() => {
  let widest = {right: 0, what: ""};
  for (const element of document.body.querySelectorAll("*")) {
    if (element.closest(".visually-hidden, .skip-link")) continue;
    const right = element.getBoundingClientRect().right;
    if (right > widest.right) {
      const classes = String(element.className || "").trim().split(/\\s+/).filter(Boolean);
      widest = {right, what: [element.tagName.toLowerCase(), ...classes.slice(0, 2)].join(".")};
    }
  }
  return {right: Math.round(widest.right), what: widest.what};
}
"""


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=HERE.parent, help="checkout to measure")
    parser.add_argument(
        "--pages",
        type=Path,
        help="the page list (default: the project's tests/browser/reflow_pages.py)",
    )
    parser.add_argument("--width", type=int, default=320, help="window width in CSS px")
    parser.add_argument("--json", type=Path, help="also write the widths to this file")
    parser.add_argument(
        "--compare", type=Path, help="a --json file of before: print a before | after table"
    )
    return parser.parse_args()


def start_django(project: Path, database: Path):
    os.chdir(project)
    sys.path.insert(0, str(project))
    os.environ.update(
        TESTING="true",
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="estafette.settings",
        DJANGO_ALLOW_ASYNC_UNSAFE="true",  # Playwright's loop and the ORM share this thread
        MEDIA_ROOT=str(database.parent / "media"),
    )
    import django
    from django.core.management import call_command
    from django.test.utils import override_settings, setup_test_environment

    django.setup()
    setup_test_environment()
    override_settings(
        MAIL_DELIVERY="on_commit",
        SECURE_SSL_REDIRECT=False,
        MAP_TILES_URL="http://127.0.0.1:9/{z}/{x}/{y}.png",  # no tile server
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    ).enable()
    call_command("migrate", verbosity=0, interactive=False)


def live_server():
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread

    server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    return server, f"http://127.0.0.1:{server.port}"


def load_pages(path: Path):
    spec = importlib.util.spec_from_file_location("reflow_pages", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def session_cookie(user, url):
    from django.conf import settings
    from django.test import Client

    from tests.factories import force_login_with_two_factor

    client = Client()
    force_login_with_two_factor(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": cookie.key, "value": cookie.value, "url": url}


def measure(pages, world, base_url, width) -> dict:
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    widths = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(
            base_url=base_url,
            locale="nl-NL",
            timezone_id="Europe/Amsterdam",
            viewport={"width": width, "height": 800},
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        who = pages.VISITOR
        for page_type in pages.page_types():
            if page_type.who != who:
                context.clear_cookies()
                if page_type.who != pages.VISITOR:
                    context.add_cookies([session_cookie(world["users"][page_type.who], base_url)])
                who = page_type.who
            widths[page_type.name] = open_and_measure(page, world, page_type)
        browser.close()
    return widths


def open_and_measure(page, world, page_type):
    try:
        url = page_type.url(world)
    except KeyError:
        return None  # the project could not make its data
    response = page.goto(url)
    if response is None or response.status != page_type.status:
        return None
    if page_type.steps:
        try:
            page_type.steps(page, world)
        except Exception:
            return None
    widest = page.evaluate(WIDEST)
    return {
        "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
        "widest_right": widest["right"],
        "widest": widest["what"],
    }


def px(entry):
    return "—" if entry is None else str(entry["scroll_width"])


def widest(entry):
    return "—" if entry is None else f"{entry['widest_right']} ({entry['widest']})"


def print_widths(widths, width):
    print(f"Widest layout width per page type at {width} px (scrollWidth; widest element)")
    size = max(len(name) for name in widths)
    for name, entry in widths.items():
        print(f"{name:{size}}  {px(entry):>5}  {widest(entry)}")


def print_table(before, after):
    print("| page type | before px | after px |")
    print("|---|---:|---:|")
    for name in [*after, *(name for name in before if name not in after)]:
        print(f"| {name} | {px(before.get(name))} | {px(after.get(name))} |")


def main():
    args = arguments()
    project = args.project.resolve()
    pages_path = (args.pages or project / "tests/browser/reflow_pages.py").resolve()
    with tempfile.TemporaryDirectory(prefix="reflow-widths-") as folder:
        start_django(project, Path(folder) / "widths.sqlite3")
        pages = load_pages(pages_path)
        world = pages.build_world(strict=False)
        for name, reason in world["missing"].items():
            print(f"no data for {name}: {reason}", file=sys.stderr)
        server, base_url = live_server()
        try:
            widths = measure(pages, world, base_url, args.width)
        finally:
            server.terminate()
    if args.json:
        args.json.write_text(json.dumps(widths, indent=1, ensure_ascii=False))
    if args.compare:
        print_table(json.loads(args.compare.read_text()), widths)
    else:
        print_widths(widths, args.width)


if __name__ == "__main__":
    main()
