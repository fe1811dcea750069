"""`make bench`, figures part: uncached /cijfers/ and /api/v1/figures at 100,000 activities.

PostgreSQL (its own database, est_figures_bench or $BENCH_FIGURES_DATABASE, loaded once with
seed_demo, its figures counted once with count_figures and kept up to date from then on), timed
inside Django through the whole middleware stack with Django's test client: every request has a new address,
so no page cache answers it. Prints the median and the number of SQL statements per request;
target under 100 ms each.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
ACTIVITIES = int(os.environ.get("BENCH_ACTIVITIES", "100000"))
DATABASE = os.environ.get("BENCH_FIGURES_DATABASE", "est_figures_bench")
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
ENV = {
    **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "TESTING"}},
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    "SECRET_KEY": "bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "HTTPS": "false",
    "REDIS_URL": "redis://127.0.0.1:6379/8",
    "LOG_LEVEL": "ERROR",
}
REQUESTS = 15
MEASURE = f"""
import statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from estafette.relay.models import Edition
year = Edition.objects.filter(activities__isnull=False).order_by("-starts_on").values_list("year", flat=True).first()
client = Client()
for label, path in [("/cijfers/{{year}}/", f"/cijfers/{{year}}/"), ("/api/v1/figures", f"/api/v1/figures?edition={{year}}")]:
    times, queries = [], 0
    for n in range({REQUESTS} + 2):
        url = f"{{path}}{{'&' if '?' in path else '?'}}nocache={{time.time_ns()}}"
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (url, response.status_code)
        assert response.get("X-Cache") != "hit"
        if n >= 2:  # the first two warm up the process (imports, templates)
            times.append(elapsed)
            queries = len(captured)
    print(f"RESULT|{{label.replace('{{year}}', str(year))}}|{{statistics.median(times):.1f}}|{{min(times):.1f}}|{{max(times):.1f}}|{{queries}}")
"""


def run(cmd, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, env=ENV, check=True, **kwargs)


def prepare() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            conn.execute(f"CREATE DATABASE {DATABASE}")
    run([PY, "manage.py", "migrate", "--noinput", "-v0"])
    count = "from estafette.activities.models import Activity; print(Activity.objects.count())"
    out = run([PY, "manage.py", "shell", "-c", count], capture_output=True, text=True)
    have = int(out.stdout.strip().splitlines()[-1])
    if have < ACTIVITIES:
        started = time.perf_counter()
        run(
            [PY, "manage.py", "seed_demo", "--activities", str(ACTIVITIES - have), "--seed", "1"]
            + ["--force"],
            stdout=subprocess.DEVNULL,
        )
        print(f"  loaded {ACTIVITIES - have:,} activities in {time.perf_counter() - started:.1f} s")
        with psycopg.connect(ENV["DATABASE_URL"], autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    else:
        print(f"  {have:,} activities already loaded")
    # The figures are kept as activities change; data loaded in bulk (seed_demo) is counted once.
    kept = (
        "from estafette.figures.models import FigureEdition; print(FigureEdition.objects.count())"
    )
    out = run([PY, "manage.py", "shell", "-c", kept], capture_output=True, text=True)
    if have < ACTIVITIES or int(out.stdout.strip().splitlines()[-1]) == 0:
        started = time.perf_counter()
        run([PY, "manage.py", "count_figures"], stdout=subprocess.DEVNULL)
        print(f"  figures of every edition counted in {time.perf_counter() - started:.1f} s")


def machine_speed() -> float:
    """Seconds for 20 M additions in pure Python (1.0 s on the idle 2-core machine of the
    README): the measure of how busy the machine was while the figures were taken."""
    started = time.perf_counter()
    total = 0
    for number in range(20_000_000):
        total += number
    return time.perf_counter() - started


def main() -> int:
    print(f"== Figures on PostgreSQL, {ACTIVITIES:,} activities (uncached, in-process)")
    prepare()
    print(f"  machine: 20 M additions took {machine_speed():.1f} s (1.0 s when idle)")
    out = run([PY, "manage.py", "shell", "-c", MEASURE], capture_output=True, text=True)
    for line in out.stdout.splitlines():
        if line.startswith("RESULT|"):
            _, label, median, low, high, queries = line.split("|")
            verdict = "ok" if float(median) < 100 else "OVER TARGET"
            print(
                f"  {label:<24} median {median:>7} ms  (min {low}, max {high})  "
                f"{queries} SQL statements  target < 100 ms: {verdict}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
