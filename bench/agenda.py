"""`make bench`: the public agenda at 100,000 activities, served by granian, next to nginx.

For SQLite and PostgreSQL: load the data once (seed_demo), serve with the production app server
(granian, 2 workers, Redis cache), and load it with wrk (16 connections) on loopback only:
the default agenda page (cached), a filtered page, a full-text search (both also uncached, every
request a new address) and the API. nginx serves a static file of the agenda page's size in the
same run. Prints medians (wrk's 50th percentile) and requests per second. Then issue 12's
pages uncached over HTTP (every request a new address), the cold burst (requests per second over
the most asked pages in the first 10 s after an approval bumps the cache, against the same pages
warm) and every page's server time in-process with the cache emptied (bench/cold_pages.py).
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var" / "bench"
PY = str(ROOT / ".venv" / "bin" / "python")
GRANIAN = str(ROOT / ".venv" / "bin" / "granian")
ACTIVITIES = int(os.environ.get("BENCH_ACTIVITIES", "100000"))
DURATION = os.environ.get("BENCH_DURATION", "8s")
CONNECTIONS = 16
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
DATABASES = {
    "SQLite": f"sqlite:///{VAR / 'bench.sqlite3'}",
    "PostgreSQL": "postgres://postgres@127.0.0.1:5432/est_bench",
}
UNIQUE_LUA = """
counter = 0
request = function()
  counter = counter + 1
  local joiner = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format("GET", wrk.path .. joiner .. "nocache=" .. counter .. "-" .. math.random(1, 1000000000))
end
"""
SCENARIOS = [
    ("agenda, default page (cached)", "/agenda/", False),
    (
        "agenda, filtered (cached)",
        "/agenda/?region=oost&theme=zorg-op-afstand&format=in_person",
        False,
    ),
    (
        "agenda, filtered (uncached)",
        "/agenda/?region=oost&theme=zorg-op-afstand&format=in_person",
        True,
    ),
    ("search 'zorg op afstand' (cached)", "/agenda/?q=zorg+op+afstand", False),
    ("search 'zorg op afstand' (uncached)", "/agenda/?q=zorg+op+afstand", True),
    ("API list, filtered (cached)", "/api/v1/activities?region=west&edition=2023", False),
    ("API list, filtered (uncached)", "/api/v1/activities?region=west&edition=2023", True),
    # Issue 12: the pages a visitor meets cold after an approval, every request a new address.
    ("agenda, running edition (uncached)", "/agenda/?edition={year}", True),
    ("agenda, edition + region (uncached)", "/agenda/?edition={year}&region=oost", True),
    ("agenda calendar (uncached)", "/agenda/?edition={year}&view=calendar", True),
    ("agenda map (uncached)", "/agenda/?edition={year}&view=map", True),
    ("home (uncached)", "/", True),
    ("region page (uncached)", "/regio/oost/", True),
    ("edition page (uncached)", "/editie/{year}/", True),
    ("API, edition + region (uncached)", "/api/v1/activities?edition={year}&region=oost", True),
]
# The pages of a cold burst: what visitors ask for most, all of the edition that changed.
BURST_PATHS = [
    "/agenda/?edition={year}",
    "/agenda/?edition={year}&region=oost",
    "/agenda/?edition={year}&region=west&format=online",
    "/agenda/?edition={year}&view=map",
    "/agenda/?edition={year}&view=calendar",
    "/",
    "/editie/{year}/",
    "/api/v1/activities?edition={year}&region=oost",
]
BURST_LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def env_for(database_url: str, redis_db: int) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "TESTING"}},
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "HTTPS": "false",
        "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
        "LOG_LEVEL": "ERROR",
    }


def run(cmd, env=None, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, **kwargs)


def activity_count(env) -> int:
    code = "from estafette.activities.models import Activity; print(Activity.objects.count())"
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    lines = out.stdout.strip().splitlines()  # Django 5.2's shell may print a line first
    return int(lines[-1]) if out.returncode == 0 and lines else 0


def prepare(name: str, env: dict) -> None:
    if name == "PostgreSQL":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = 'est_bench'"
            ).fetchone()
            if not exists:
                conn.execute("CREATE DATABASE est_bench")
    run([PY, "manage.py", "migrate", "--noinput", "-v0"], env=env)
    have = activity_count(env)
    if have < ACTIVITIES:
        started = time.perf_counter()
        run(
            [
                PY,
                "manage.py",
                "seed_demo",
                "--activities",
                str(ACTIVITIES - have),
                "--seed",
                "1",
                "--force",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        print(
            f"  {name}: loaded {ACTIVITIES - have:,} activities in {time.perf_counter() - started:.1f} s"
        )
    else:
        print(f"  {name}: {have:,} activities already loaded")
    # Fresh statistics and visibility after the bulk load, as an operator runs them.
    if name == "PostgreSQL":
        import psycopg

        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    else:
        import sqlite3

        with sqlite3.connect(VAR / "bench.sqlite3") as conn:
            conn.execute("ANALYZE")


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except Exception:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up")


def wrk(url: str, unique: bool) -> tuple[float, float]:
    """(requests per second, median latency in ms)"""
    # A generous timeout: slow uncached pages are measured, not dropped as timeouts.
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--timeout", "30s", "--latency", url]
    if not unique:
        urllib.request.urlopen(url).read()  # "cached" means the page is in the cache
    if unique:
        script = VAR / "unique.lua"
        script.write_text(UNIQUE_LUA)
        cmd[1:1] = ["-s", str(script)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", out)
    value, unit = float(median.group(1)), median.group(2)
    ms = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    timeouts = re.search(r"timeout (\d+)", out)
    if timeouts and int(timeouts.group(1)):
        print(f"    warning: {timeouts.group(1)} timeouts for {url}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        print(f"    warning: {errors.group(1)} error responses for {url}")
    return rps, ms


def nginx_static(size: int, port: int) -> tuple[float, float]:
    root = VAR / "nginx"
    (root / "html").mkdir(parents=True, exist_ok=True)
    (root / "logs").mkdir(exist_ok=True)
    (root / "html" / "page.html").write_bytes(b"x" * size)
    conf = root / "nginx.conf"
    conf.write_text(f"""
worker_processes 2;
pid {root}/nginx.pid;
error_log {root}/logs/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  server {{ listen 127.0.0.1:{port}; root {root}/html; }}
}}
""")
    process = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(root), "-g", "daemon off;"])
    try:
        wait_for(f"http://127.0.0.1:{port}/page.html")
        return wrk(f"http://127.0.0.1:{port}/page.html", False)
    finally:
        process.send_signal(signal.SIGQUIT)
        process.wait(timeout=10)


def burst(port: int, year: int, env: dict) -> tuple[float, float]:
    """(warm req/s, req/s in the first 10 s after an approval) over the same pages."""
    paths = ", ".join(f'"{path.format(year=year)}"' for path in BURST_PATHS)
    script = VAR / "burst.lua"
    script.write_text(BURST_LUA % paths)

    def load() -> float:
        cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", "-d10s", "--timeout", "30s", "-s", str(script)]
        out = subprocess.run(
            [*cmd, f"http://127.0.0.1:{port}/"], capture_output=True, text=True, timeout=120
        ).stdout
        return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    for path in BURST_PATHS:  # warm: every page in the cache
        urllib.request.urlopen(f"http://127.0.0.1:{port}{path.format(year=year)}").read()
    warm = load()
    approve = f"""
from django.contrib.auth import get_user_model
from estafette.activities.models import Activity
from estafette.activities.services import approve_activity
activity = Activity.objects.filter(edition__year={year}, status="submitted").first()
staff = get_user_model().objects.filter(is_staff=True).first()
approve_activity(activity=activity, by=staff)
"""
    run([PY, "manage.py", "shell", "-c", approve], env=env, stdout=subprocess.DEVNULL)
    return warm, load()


def in_process_search_median(env) -> float:
    """Uncached filtered search timed inside Django: filter, count and first page of 20 (with
    organisers and vocabularies), as the agenda page and the API get them."""
    code = """
import statistics, time
from django.http import QueryDict
from estafette.agenda.filters import AgendaFilterForm
from estafette.agenda.queries import counted_page, filtered_activities
times = []
for q in ["zorg op afstand", "innovaties", "beeldbellen", "dementie", "samenwerking"] * 4:
    form = AgendaFilterForm(QueryDict(f"q={q}&region=west&edition=2023"))
    assert form.is_valid(), form.errors
    start = time.perf_counter()
    qs = filtered_activities(form.cleaned_data)
    counted_page(qs, 0, 20, one_scan=True)  # the first page and the count, as the agenda does
    times.append((time.perf_counter() - start) * 1000)
print(statistics.median(times))
"""
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode != 0:
        print(out.stderr[-2000:])
        return float("nan")
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    if not shutil.which("wrk") or not shutil.which("nginx"):
        print("wrk and nginx are needed (Debian packages); scripts/bench.sh installs them.")
        return 1
    VAR.mkdir(parents=True, exist_ok=True)
    run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env=env_for(DATABASES["SQLite"], 0))
    results = []
    page_size = 0
    for index, (name, url) in enumerate(DATABASES.items()):
        env = env_for(url, 10 + index)
        print(f"== {name}")
        prepare(name, env)
        subprocess.run(["redis-cli", "-n", str(10 + index), "FLUSHDB"], capture_output=True)
        port = 8600 + index
        server = subprocess.Popen(
            [
                GRANIAN,
                "--interface",
                "wsgi",
                "--workers",
                "2",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
                "estafette.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/agenda/", 60)
            # The bare /agenda/ redirects to the running or next edition: measure that page.
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/agenda/") as response:
                page_size = max(page_size, len(response.read()))
                default = urllib.parse.urlsplit(response.url)
                default_path = f"{default.path}?{default.query}" if default.query else default.path
            year = int(urllib.parse.parse_qs(default.query).get("edition", ["2027"])[0])
            for label, path, unique in SCENARIOS:
                path = default_path if path == "/agenda/" else path.format(year=year)
                rps, ms = wrk(f"http://127.0.0.1:{port}{path}", unique)
                results.append((name, label, rps, ms))
                print(f"  {label:<38} {rps:>9.0f} req/s   median {ms:>8.2f} ms")
            warm, cold = burst(port, year, env)
            results.append((name, "cold burst: first 10 s after an approval", cold, float("nan")))
            results.append((name, "same pages, warm", warm, float("nan")))
            print(
                f"  cold burst after an approval: {cold:.0f} req/s in the first 10 s,"
                f" warm {warm:.0f} req/s ({cold / warm:.0%})"
            )
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        search_ms = in_process_search_median(env)
        results.append(
            (name, "search+filters in-process, uncached (median)", float("nan"), search_ms)
        )
        print(f"  search + 2 filters in-process, uncached: median {search_ms:.1f} ms")
        # Issue 12's table: every page's server time in-process, cache emptied before each
        # request, median over distinct addresses (bench/cold_pages.py).
        subprocess.run(
            [PY, str(ROOT / "bench" / "cold_pages.py"), "--year", str(year)],
            cwd=ROOT,
            env={**env, "DEBUG": "false"},
        )
    nginx_rps, nginx_ms = nginx_static(page_size, 8690)
    print(
        f"== nginx, static file of {page_size:,} bytes: {nginx_rps:.0f} req/s, median {nginx_ms:.2f} ms"
    )

    print()
    print(f"| database | scenario ({CONNECTIONS} connections, {DURATION}) | req/s | median ms |")
    print("|---|---|---:|---:|")
    print(f"| – | nginx static file, {page_size:,} bytes | {nginx_rps:.0f} | {nginx_ms:.2f} |")
    for name, label, rps, ms in results:
        rps_text = "–" if rps != rps else f"{rps:.0f}"
        print(f"| {name} | {label} | {rps_text} | {ms:.2f} |")
    print()
    for name in DATABASES:
        cached = next(r for r in results if r[0] == name and r[1].startswith("agenda, default"))[2]
        print(
            f"{name}: cached agenda page = {cached / nginx_rps:.0%} of nginx's static throughput (target ≥ 10%)"
        )
    pg_search = next(r for r in results if r[0] == "PostgreSQL" and "in-process" in r[1])[3]
    pg_uncached = next(
        r
        for r in results
        if r[0] == "PostgreSQL" and r[1].startswith("search") and "uncached" in r[1]
    )[3]
    print(
        f"PostgreSQL: uncached filtered search median {pg_search:.1f} ms in-process, "
        f"{pg_uncached:.1f} ms over HTTP at {CONNECTIONS} connections (target < 50 ms)"
    )
    extra = ROOT / "bench" / "signups.sh"
    if extra.exists():
        subprocess.run(["bash", str(extra)], cwd=ROOT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
