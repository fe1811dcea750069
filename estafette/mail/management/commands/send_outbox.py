"""Deliver the e-mails waiting in the outbox (run by a worker or cron)."""

import time

from django.core.management.base import BaseCommand

from estafette.mail.services import deliver_outbox


class Command(BaseCommand):
    help = "Verstuur de e-mails die in de outbox klaarstaan."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Blijf draaien en kijk elke paar seconden opnieuw."
        )
        parser.add_argument("--interval", type=float, default=5.0)

    def handle(self, *args, loop=False, interval=5.0, **options):
        while True:
            sent, failed = deliver_outbox()
            if sent or failed or not loop:
                self.stdout.write(f"sent={sent} failed={failed}")
            if not loop:
                return
            time.sleep(interval)
