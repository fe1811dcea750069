"""Erase participants' personal data SIGNUP_RETENTION_DAYS after the edition ended (counts stay)."""

from django.core.management.base import BaseCommand

from estafette.signups import services


class Command(BaseCommand):
    help = "Erase participants' personal data SIGNUP_RETENTION_DAYS after the edition ended (counts stay)."

    def handle(self, *args, **options):
        count = services.erase_old_signups()
        self.stdout.write(f"erase_old_signups: {count}")
