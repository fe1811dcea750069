"""Sign-up figures (run by bench/signups.sh, which starts two granian processes behind nginx).

1. Throughput: sign-ups per second through nginx for an activity with room for everyone.
2. Contention: 500 simultaneous POSTs for the last 10 seats of one activity with instant
   confirmation must give exactly 10 confirmed and 490 waiting, no error responses, no duplicates.
Only 127.0.0.1 is ever contacted.
"""

import argparse
import datetime as dt
import http.client
import os
import re
import statistics
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estafette.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from estafette.activities.models import Activity  # noqa: E402
from estafette.signups import services  # noqa: E402
from estafette.signups.models import Signup  # noqa: E402
from tests.factories import ActivityFactory, at  # noqa: E402

THROUGHPUT_SIGNUPS = int(os.environ.get("BENCH_SIGNUPS", "1000"))
THROUGHPUT_CONCURRENCY = 16
CONTENDERS = 500
LAST_SEATS = 10
POOL = 100


def make_activity(capacity: int) -> Activity:
    starts = at(timezone.localdate() + dt.timedelta(days=14), 14)
    return ActivityFactory(
        capacity=capacity,
        signup_confirmation=Activity.Confirmation.INSTANT,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
    )


class Form:
    """One GET of the sign-up page gives a CSRF cookie and tokens that every POST may reuse."""

    def __init__(self, base: str, activity: Activity):
        self.host = urllib.parse.urlsplit(base).netloc
        self.path = f"/activiteit/{activity.pk}/aanmelden/"
        conn = http.client.HTTPConnection(self.host, timeout=60)
        conn.request("GET", self.path)
        response = conn.getresponse()
        html = response.read().decode()
        assert response.status == 200, response.status
        cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
        self.cookie = f"csrftoken={cookie}"
        self.csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        self.started = re.search(r'name="started" value="([^"]+)"', html).group(1)
        conn.close()

    def post(self, email: str) -> tuple[int, float, str]:
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": self.csrf,
                "name": "Bench Deelnemer",
                "email": email,
                "places": "1",
                "consent": "on",
                "website": "",
                "started": self.started,
            }
        )
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": self.cookie}
        started = time.perf_counter()
        conn = http.client.HTTPConnection(self.host, timeout=120)
        try:
            conn.request("POST", self.path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            return (
                response.status,
                (time.perf_counter() - started) * 1000,
                response.getheader("Location") or "",
            )
        finally:
            conn.close()


def throughput(base: str) -> dict:
    activity = make_activity(capacity=THROUGHPUT_SIGNUPS * 2)
    form = Form(base, activity)
    started = time.perf_counter()
    with ThreadPoolExecutor(THROUGHPUT_CONCURRENCY) as pool:
        results = list(
            pool.map(lambda n: form.post(f"tempo{n}@example.nl"), range(THROUGHPUT_SIGNUPS))
        )
    seconds = time.perf_counter() - started
    latencies = sorted(ms for _, ms, _ in results)
    return {
        "signups": THROUGHPUT_SIGNUPS,
        "per_second": THROUGHPUT_SIGNUPS / seconds,
        "median_ms": statistics.median(latencies),
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1],
        "errors": sum(status != 302 for status, _, _ in results),
        "confirmed": Signup.objects.filter(
            activity=activity, status=Signup.Status.CONFIRMED
        ).count(),
    }


def contention(base: str) -> dict:
    activity = make_activity(capacity=100)
    for n in range(100 - LAST_SEATS):  # fill all but the last 10 seats through the service
        services.sign_up(activity=activity, name="Vooraf", email=f"vooraf{n}@example.nl")
    form = Form(base, activity)
    gate = threading.Barrier(POOL)

    def attempt(n):
        if n < POOL:
            gate.wait()  # the first POOL requests leave together, the rest follow at once
        return form.post(f"race{n}@example.nl")

    started = time.perf_counter()
    with ThreadPoolExecutor(POOL) as pool:
        results = list(pool.map(attempt, range(CONTENDERS)))
    seconds = time.perf_counter() - started
    race = Signup.objects.filter(activity=activity, email__startswith="race")
    activity.refresh_from_db()
    emails = list(race.values_list("email_normalised", flat=True))
    return {
        "attempts": CONTENDERS,
        "seconds": seconds,
        "confirmed": race.filter(status=Signup.Status.CONFIRMED).count(),
        "waiting": race.filter(status=Signup.Status.WAITING).count(),
        "errors": sum(status != 302 for status, _, _ in results),
        "duplicates": len(emails) - len(set(emails)),
        "rows": len(emails),
        "places_taken": activity.places_taken,
        "capacity": activity.capacity,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--apps", default="")
    args = parser.parse_args()
    assert urllib.parse.urlsplit(args.base).hostname == "127.0.0.1", "loopback only"
    # The app servers first, then nginx in front of them: asked while they were still
    # starting, nginx marks them down for 10 s and answers 502 after they came up.
    for port in [*filter(None, args.apps.split(",")), args.base.rsplit(":", 1)[1]]:
        deadline = time.monotonic() + 30
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=2)
                conn.request("GET", "/privacy/")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"port {port} did not come up")
            time.sleep(0.3)

    tempo = throughput(args.base)
    race = contention(args.base)
    ok = (
        race["confirmed"] == LAST_SEATS
        and race["waiting"] == CONTENDERS - LAST_SEATS
        and race["errors"] == 0
        and race["duplicates"] == 0
        and race["places_taken"] == race["capacity"]
        and tempo["errors"] == 0
    )
    print("\nSign-ups on PostgreSQL, 2 granian processes (1 worker each) behind nginx")
    print(f"{'measure':<44} {'value':>12}")
    print("-" * 57)
    rows = [
        (f"sign-ups per second ({THROUGHPUT_CONCURRENCY} clients)", f"{tempo['per_second']:.1f}"),
        ("  median / p95 latency (ms)", f"{tempo['median_ms']:.0f} / {tempo['p95_ms']:.0f}"),
        ("  error responses", tempo["errors"]),
        (f"contention: {CONTENDERS} POSTs for last {LAST_SEATS} seats", f"{race['seconds']:.1f} s"),
        ("  confirmed", race["confirmed"]),
        ("  waiting list", race["waiting"]),
        ("  error responses", race["errors"]),
        ("  duplicate sign-ups", race["duplicates"]),
        ("  places_taken / capacity", f"{race['places_taken']} / {race['capacity']}"),
    ]
    for label, value in rows:
        print(f"{label:<44} {value!s:>12}")
    print("-" * 57)
    print("RESULT:", "OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
