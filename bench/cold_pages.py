"""Cold public pages, timed in-process: the server time of every page with the cache emptied
before each request (issue 12's table), median over distinct addresses, with the number of
queries and the size of the HTML.

    DATABASE_URL=... python bench/cold_pages.py [--code DIR] [--repeat N] [--json FILE]

`--code` runs the measurement against another checkout (e.g. main before a change) with the
same database. The data: `seed_demo --activities 100000` (what `make bench` loads).
"""

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

from figures import machine_speed  # bench/, this script's folder

CHANGED = "changed"  # before each request, a change to the running edition's activities


def scenarios(
    year: int, activity_ids: list[tuple], rng: random.Random, week: tuple[str, str]
) -> list[tuple[str, list]]:
    """(label, distinct addresses). Each address differs (a page number, a filter, an unused
    parameter), so nothing is shared between requests but the database's own caches."""
    themes = ["zorg-op-afstand", "digitale-zorg", "preventie", "mantelzorg", "samenwerking"]
    regions = ["oost", "west", "noord", "zuid"]
    formats = ["in_person", "online", "hybrid"]

    def combos(view: str, n: int, every: bool = False) -> list[str]:
        urls = []
        for i in range(n):
            parts = [] if every else [f"edition={year}"]
            if rng.random() < 0.6:
                parts.append(f"region={rng.choice(regions)}")
            if rng.random() < 0.4:
                parts.append(f"theme={rng.choice(themes)}")
            if rng.random() < 0.4:
                parts.append(f"format={rng.choice(formats)}")
            if rng.random() < 0.2:
                parts.append("has_places=true")
            if rng.random() < 0.2:
                parts.append(f"q={rng.choice(['zorg', 'beeldbellen', 'dementie', 'innovatie'])}")
            if view != "list":
                parts.append(f"view={view}")
            urls.append("/agenda/?" + "&".join([*parts, f"_={i}"]))
        return urls

    def near(n: int) -> list[str]:
        # A town or a postcode and a radius, any view: the filter a phone's visitor uses.
        places = ["Utrecht", "Zwolle", "Groningen", "3511", "7511", "5611"]
        return [
            f"/agenda/?edition={year}&near={rng.choice(places)}"
            f"&radius_km={rng.choice([10, 25, 50, 100, 300])}"
            f"{rng.choice(['', '&view=calendar', '&view=map'])}&_={i}"
            for i in range(n)
        ]

    def same(url: str, n: int) -> list[str]:
        joiner = "&" if "?" in url else "?"
        return [f"{url}{joiner}_={i}" for i in range(n)]

    return [
        (f"/agenda/?edition={year}", same(f"/agenda/?edition={year}", 7)),
        (f"/agenda/?edition={year}&region=oost", same(f"/agenda/?edition={year}&region=oost", 7)),
        (
            f"/agenda/?edition={year}&view=calendar",
            same(f"/agenda/?edition={year}&view=calendar", 5),
        ),
        (f"/agenda/?edition={year}&view=map", same(f"/agenda/?edition={year}&view=map", 5)),
        # A word nearly every activity holds (95 % of them): the widest search there is.
        *(
            (
                f"/agenda/?edition={year}&q=zorg{view}",
                same(f"/agenda/?edition={year}&q=zorg{view}", 5),
            )
            for view in ("", "&view=calendar", "&view=map")
        ),
        # "Alle edities": every edition's 83,000 public activities at once.
        *(
            (f"/agenda/?view={view} (every edition)", same(f"/agenda/?view={view}", 3))
            for view in ("list", "calendar", "map")
        ),
        # Counted as every edition's kept counts less what it leaves out (tallies.WideSearch).
        *(
            (f"/agenda/?q=zorg{view} (every edition)", same(f"/agenda/?q=zorg{view}", 3))
            for view in ("", "&view=calendar", "&view=map")
        ),
        # The same right after an approval in the running edition: its kept counts are old and
        # counted again (agenda/tallies.py), the other editions' are kept.
        *(
            (
                f"/agenda/?view={view} (every edition, after a change)",
                same(f"/agenda/?view={view}", 3),
                CHANGED,
            )
            for view in ("list", "map")
        ),
        ("/agenda/?q=zorg (every edition, after a change)", same("/agenda/?q=zorg", 3), CHANGED),
        (
            f"/agenda/?edition={year} (after a change)",
            same(f"/agenda/?edition={year}", 5),
            CHANGED,
        ),
        ("agenda list, random filters", combos("list", 12)),
        ("agenda calendar, random filters", combos("calendar", 6)),
        ("agenda map, random filters", combos("map", 6)),
        ("agenda list, random filters, every edition", combos("list", 12, every=True)),
        ("agenda map, random filters, every edition", combos("map", 6, every=True)),
        ("agenda near a place, random radius and view", near(9)),
        # The home page's "near me this week": a week over every edition, with a town.
        (
            "this week near a town (the home page's form)",
            [
                f"/agenda/?from={week[0]}&to={week[1]}&near={town}"
                for town in ("Enschede", "Utrecht", "Groningen", "Tilburg", "Zwolle", "Leiden")
            ],
        ),
        ("/ (home)", same("/", 7)),
        ("/regio/oost/", [f"/regio/{r}/" for r in regions] + same("/regio/oost/", 3)),
        (f"/editie/{year}/", same(f"/editie/{year}/", 7)),
        (
            "activity page",
            [f"/activiteit/{pk}/{slug}/" for pk, slug in rng.sample(activity_ids, 12)],
        ),
        (
            f"/api/v1/activities?edition={year}&region=oost",
            same(f"/api/v1/activities?edition={year}&region=oost", 7),
        ),
        (f"/agenda.ics?edition={year}", same(f"/agenda.ics?edition={year}", 3)),
        (f"/agenda.rss?edition={year}", same(f"/agenda.rss?edition={year}", 3)),
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--code", default=str(Path(__file__).resolve().parents[1]))
    parser.add_argument("--year", type=int, default=2027)
    parser.add_argument("--json")
    args = parser.parse_args()
    if args.json:
        args.json = str(Path(args.json).resolve())
    sys.path.insert(0, args.code)
    os.chdir(args.code)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estafette.settings")
    os.environ.pop("REDIS_URL", None)  # a cache of this process, emptied before each request
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.db.models import F
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from estafette.activities.models import Activity
    from estafette.agenda.models import EditionTally
    from estafette.relay.models import Edition

    settings.ALLOWED_HOSTS = ["*"]
    rng = random.Random(12)
    ids = list(
        Activity.objects.published()
        .filter(edition__year=args.year)
        .order_by()
        .values_list("pk", "slug")
    )
    client = Client()
    results = []
    print(f"{connection.vendor}, {len(ids):,} public activities in {args.year}, code {args.code}")
    # How fast the machine was, before and after: compare runs of one machine and hour.
    print(f"machine: 20 M additions took {machine_speed():.1f} s (1.0 s when idle)")
    print(f"{'page':<56} {'median ms':>10} {'max ms':>8} {'queries':>8} {'KB':>7}")
    first = Edition.objects.get(year=args.year).starts_on
    week = (first.isoformat(), (first + dt.timedelta(days=6)).isoformat())
    running = Edition.objects.get(year=args.year).pk

    def change():
        # What the trigger of an approval does (migration agenda 0006), without the approval.
        EditionTally.objects.filter(edition_id=running).update(version=F("version") + 1)

    for label, urls, *before in scenarios(args.year, ids, rng, week):
        times, queries, sizes = [], [], []
        for url in urls:
            if before:
                change()
            cache.clear()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url, follow=True)
            queries.append(len(captured.captured_queries))
            if before:
                change()
            cache.clear()
            started = time.perf_counter()
            response = client.get(url, follow=True)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            body = (
                b"".join(response.streaming_content)
                if getattr(response, "streaming", False)
                else response.content
            )
            sizes.append(len(body))
        row = {
            "page": label,
            "median_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1),
            "queries": max(queries),
            "kb": round(statistics.median(sizes) / 1024, 1),
        }
        results.append(row)
        print(
            f"{label:<56} {row['median_ms']:>10.1f} {row['max_ms']:>8.1f} {row['queries']:>8}"
            f" {row['kb']:>7.1f}"
        )
    print(f"machine: 20 M additions took {machine_speed():.1f} s (1.0 s when idle)")
    if args.json:
        Path(args.json).write_text(json.dumps({"vendor": connection.vendor, "rows": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
