"""Ask organisers for their results the day after their activity ended; once per activity."""

from django.core.management.base import BaseCommand

from estafette.results import services


class Command(BaseCommand):
    help = (
        "Ask organisers for their results the day after their activity ended (once; safe to rerun)."
    )

    def handle(self, *args, **options):
        count = services.send_result_reminders()
        self.stdout.write(f"send_result_reminders: {count}")
