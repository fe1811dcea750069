"""Production observability: JSON log lines when asked, errors to Sentry when SENTRY_DSN is set,
and a bounded PostgreSQL pool per app-server process."""

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tests.core.test_deploy import ROOT, _production_env

SCRIPT = """
import logging, django
django.setup()
logging.getLogger("estafette.test").warning("Redis does not answer", extra={"hint": "restart"})
try:
    1 / 0
except ZeroDivisionError:
    logging.getLogger("estafette.test").exception("Internal Server Error: /agenda/")
import sentry_sdk
sentry_sdk.flush(timeout=5)
"""


def run(**env):
    return subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=_production_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_log_format_json_gives_one_json_object_per_line():
    result = run(LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    first = lines[0]
    assert first["level"] == "WARNING" and first["logger"] == "estafette.test"
    assert first["message"] == "Redis does not answer" and first["hint"] == "restart"
    assert "ZeroDivisionError" in lines[1]["exc_info"]


def test_errors_go_to_the_error_tracker_when_sentry_dsn_is_set():
    received = []

    class Tracker(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            received.append((self.path, self.headers.get("X-Sentry-Auth", "")))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Tracker)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        dsn = f"http://publickey@127.0.0.1:{server.server_port}/42"
        result = run(SENTRY_DSN=dsn)
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr
    assert received and all(path == "/api/42/envelope/" for path, _auth in received)
    assert "sentry_key=publickey" in received[0][1]


@pytest.mark.postgres
@pytest.mark.django_db
def test_production_uses_a_bounded_connection_pool_on_postgresql():
    probe = (
        "import django; django.setup(); from django.db import connection; "
        "print(connection.settings_dict['OPTIONS']['pool']['max_size'], "
        "connection.settings_dict['CONN_MAX_AGE']); "
        "connection.ensure_connection(); print(type(connection.pool).__name__)"
    )
    from django.db import connection

    url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict)
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**_production_env(DB_POOL_SIZE="6"), "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["6", "0", "ConnectionPool"]
