"""Real faults for tests: a port where nothing listens, a database that refuses to connect."""

import contextlib
import socket

from django.db import connection


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # released on close: nothing listens there


@contextlib.contextmanager
def refusing_database(tmp_path):
    """Every new connection to the database fails until the block ends: PostgreSQL at a
    closed port, SQLite in a folder that does not exist. The open connection is set aside
    (closing SQLite's in-memory test database would wipe it) and comes back afterwards."""
    saved_settings = dict(connection.settings_dict)
    saved_connection, connection.connection = connection.connection, None
    if connection.vendor == "postgresql":
        connection.settings_dict.update(HOST="127.0.0.1", PORT=closed_port())
    else:
        connection.settings_dict["NAME"] = str(tmp_path / "missing" / "db.sqlite3")
    try:
        yield
    finally:
        connection.settings_dict.clear()
        connection.settings_dict.update(saved_settings)
        connection.connection = saved_connection
