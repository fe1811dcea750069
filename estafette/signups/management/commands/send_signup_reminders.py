"""Send the reminders the day (and for online activities the hour) before; safe to run every few minutes."""

from django.core.management.base import BaseCommand

from estafette.signups import services


class Command(BaseCommand):
    help = "Send the reminders the day (and for online activities the hour) before; safe to run every few minutes."

    def handle(self, *args, **options):
        count = services.send_signup_reminders()
        self.stdout.write(f"send_signup_reminders: {count}")
