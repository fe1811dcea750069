"""Deliver the e-mails waiting in the outbox (run by a worker or cron).

With --loop it is the mail worker: it keeps running through database outages (restarts,
fail-overs, too many connections), waiting longer after each failed round (up to a minute),
and stops only on SIGTERM or SIGINT, after the round it is in.
"""

import contextlib
import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import DatabaseError, connection

from estafette.mail.services import deliver_outbox

logger = logging.getLogger(__name__)
MAX_BACKOFF_SECONDS = 60.0


class Command(BaseCommand):
    help = "Deliver the e-mails waiting in the outbox."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running and look again every few seconds."
        )
        parser.add_argument("--interval", type=float, default=5.0)

    def handle(self, *args, loop=False, interval=5.0, **options):
        if not loop:
            sent, failed = deliver_outbox()
            self.stdout.write(f"sent={sent} failed={failed}")
            return
        stop = threading.Event()
        previous = {
            signum: signal.signal(signum, lambda *_args: stop.set())
            for signum in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            self._loop(stop, interval)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        self.stdout.write("stopped")

    def _loop(self, stop: threading.Event, interval: float) -> None:
        failures = 0
        while not stop.is_set():
            try:
                sent, failed = deliver_outbox()
            except DatabaseError as error:
                failures += 1
                wait = min(interval * 2**failures, MAX_BACKOFF_SECONDS)
                logger.warning(
                    "Outbox round failed (%s: %s); trying again in %.2f s",
                    type(error).__name__,
                    error,
                    wait,
                )
                self._drop_connection()
                stop.wait(wait)
                continue
            if failures:
                logger.warning("Outbox rounds work again after %s failed rounds", failures)
                failures = 0
            if sent or failed:
                self.stdout.write(f"sent={sent} failed={failed}")
            stop.wait(interval)

    @staticmethod
    def _drop_connection() -> None:
        """A broken connection is not reused: the next round connects anew."""
        with contextlib.suppress(DatabaseError):
            connection.close()
