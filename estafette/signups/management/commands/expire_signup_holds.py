"""Free the places of unconfirmed sign-ups whose hold ran out."""

from django.core.management.base import BaseCommand

from estafette.signups import services


class Command(BaseCommand):
    help = "Free the places of unconfirmed sign-ups whose hold ran out."

    def handle(self, *args, **options):
        count = services.expire_holds()
        self.stdout.write(f"expire_signup_holds: {count}")
