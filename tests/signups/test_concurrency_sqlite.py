"""Never overbooked on SQLite either: threads race on a real database file (own process).

SQLite runs with transaction_mode IMMEDIATE: writers queue for the lock instead of failing.
"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run covers this")
@pytest.mark.django_db(transaction=True)
def test_thirty_threads_racing_for_ten_seats_on_sqlite(tmp_path):
    # The race needs a migrated database file: a copy of this run's test database (restored as
    # the migrations left it, serialized_rollback, and outside a transaction, which the copy
    # needs) spares migrating a new one (15 s); the race's own `migrate` finds nothing to do.
    database = tmp_path / "race.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(database) as copy:
        connection.connection.backup(copy)
    copy.close()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REQUIRE_POSTGRES"}}
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.signups.sqlite_race",
            str(database),
            "30",
            "10",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    confirmed, waiting, taken, errors = out.stdout.split()[:4]
    assert (int(confirmed), int(waiting), int(taken), int(errors)) == (10, 20, 10, 0), out.stdout
