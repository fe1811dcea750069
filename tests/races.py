"""Races for PostgreSQL tests with real transactions: many threads start the same work at once."""

import threading

from django.db import connection


def race(target, threads: int) -> list[BaseException]:
    """Run target(n) for n in range(threads), all released at the same moment, each on its own
    database connection; returns what they raised (for the test to assert on)."""
    barrier = threading.Barrier(threads)
    errors = []

    def run(n):
        try:
            barrier.wait()
            target(n)
        except BaseException as error:  # collected, asserted on by the caller
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return errors
