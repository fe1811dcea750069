"""Run daily: e-mail coordinators whose queue holds items older than 2 working days."""

from django.core.management.base import BaseCommand

from estafette.activities.digest import send_moderation_digest


class Command(BaseCommand):
    help = "E-mail each coordinator the activities waiting longer than 2 working days."

    def handle(self, *args, **options):
        sent = send_moderation_digest()
        self.stdout.write(f"{sent} digest(s) queued")
