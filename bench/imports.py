"""Import of the largest allowed file (issue 10, finding 3): time and peak memory.

Builds a CSV of IMPORT_MAX_ROWS activities padded to just under IMPORT_MAX_BYTES, then runs
the dry run and the real import in a fresh SQLite database of its own, each in a child process
so its peak resident memory (ru_maxrss) is its own. Prints one line per step.
Run: .venv/bin/python bench/imports.py   (part of `make bench`)
"""

import csv
import datetime as dt
import io
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB = ROOT / "var" / "bench_import.sqlite3"


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estafette.settings")
    import django

    django.setup()


def largest_file() -> bytes:
    from django.conf import settings

    from estafette.activities import importer

    rows, limit = settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_BYTES
    example = dict(zip(importer.HEADERS, importer.EXAMPLE, strict=True))
    row_bytes = len(";".join(importer.EXAMPLE).encode()) + 16  # a number in the title, quotes
    padding = max(int(limit * 0.98) // rows - row_bytes, 0)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(importer.HEADERS)
    for n in range(rows):
        values = {**example, "titel": f"Workshop {n}"}
        values["beschrijving"] = example["beschrijving"] + " zorg" * (padding // 5)
        writer.writerow([values[name] for name in importer.HEADERS])
    data = out.getvalue().encode("utf-8")
    assert len(data) <= limit, len(data)
    return data


def prepare():
    """A fresh database with the open edition of 2027 and an organiser."""
    DB.unlink(missing_ok=True)
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from estafette.relay.models import Edition, Region, Stage

    edition = Edition.objects.create(
        year=2027, starts_on=dt.date(2027, 2, 1), ends_on=dt.date(2027, 2, 26)
    )
    weeks = {"oost": (1, 5), "west": (8, 12), "noord": (15, 19), "zuid": (22, 26)}
    for order, (slug, (first, last)) in enumerate(weeks.items(), start=1):
        Stage.objects.create(
            edition=edition,
            region=Region.objects.get(slug=slug),
            order=order,
            starts_on=dt.date(2027, 2, first),
            ends_on=dt.date(2027, 2, last),
        )
    from tests.factories import MembershipFactory, OrganisationFactory, VerifiedUserFactory

    organisation = OrganisationFactory(name="Zorggroep Bench")
    MembershipFactory(user=VerifiedUserFactory(email="bench@example.nl"), organisation=organisation)
    (ROOT / "var" / "bench_import.csv").write_bytes(largest_file())


def step(dry_run: bool):
    setup_django()
    from estafette.activities import importer
    from estafette.activities.models import Activity
    from estafette.organisations.models import Organisation
    from estafette.relay.models import Edition

    data = (ROOT / "var" / "bench_import.csv").read_bytes()
    user = Organisation.objects.get().memberships.get().user
    started = time.perf_counter()
    result = importer.import_activities(
        data=data,
        filename="bench.csv",
        edition=Edition.objects.get(year=2027),
        lead_organisation=Organisation.objects.get(),
        by=user,
        dry_run=dry_run,
    )
    seconds = time.perf_counter() - started
    assert result.is_valid, result.errors[:3]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stored = Activity.objects.count()
    print(
        f"import {'dry run' if dry_run else 'import '}: {result.rows or len(result.activities)}"
        f" rows of {len(data) / 1024 / 1024:.1f} MB in {seconds:.2f} s; process peak RSS {rss:.0f} MB;"
        f" {stored} stored"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1:
        step(dry_run=sys.argv[1] == "dry")
    else:
        prepare()
        for kind in ("dry", "real"):
            subprocess.run([sys.executable, __file__, kind], check=True)
