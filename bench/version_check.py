"""`make bench`, cached hits: what checking a cached page's versions in Redis costs per hit.

Every hit of the front cache and the page cache first reads the versions the page depends on
(`estafette.core.caching.is_current`): a home page 2, an edition page 3, an agenda list about 23
(one per card whose places it shows). Timed in-process against the local Redis (its own
database, 12), with 3 and with 23 versions: the median over rounds of wall clock and of this
process's CPU time per check, and whether redis-py parses with hiredis.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "estafette.settings",
        "REDIS_URL": "redis://127.0.0.1:6379/12",
        "LOG_LEVEL": "ERROR",
    }
)
os.environ.pop("TESTING", None)

import django  # noqa: E402

django.setup()

from redis.utils import HIREDIS_AVAILABLE  # noqa: E402

from estafette.core.caching import (  # noqa: E402
    ANY_EDITION_KEY,
    VERSION_KEY,
    edition_key,
    is_current,
    places_key,
    versions,
)

CHECKS, ROUNDS = 300, 15


def main() -> int:
    pages = {
        3: versions([VERSION_KEY, ANY_EDITION_KEY, edition_key(1)]),
        23: versions([VERSION_KEY, edition_key(1), *(places_key(pk) for pk in range(1, 22))]),
    }
    wall: dict[int, list[float]] = {size: [] for size in pages}
    cpu: dict[int, list[float]] = {size: [] for size in pages}
    for _round in range(ROUNDS):
        for size, depends in pages.items():  # interleaved: a busy machine slows both alike
            started, started_cpu = time.perf_counter(), time.process_time()
            for _check in range(CHECKS):
                assert is_current(depends)
            wall[size].append((time.perf_counter() - started) / CHECKS * 1e6)
            cpu[size].append((time.process_time() - started_cpu) / CHECKS * 1e6)
    print(
        f"== Version check of a cached hit (Redis, hiredis {'on' if HIREDIS_AVAILABLE else 'off'})"
    )
    for size in pages:
        print(
            f"  {size:>2} versions: {statistics.median(wall[size]):6.0f} µs per hit"
            f" ({statistics.median(cpu[size]):.0f} µs CPU)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
