"""When a region's week has ended, mail the next region "het stokje is aan u"; once per week."""

from django.core.management.base import BaseCommand

from estafette.results.handover import send_handover_mails


class Command(BaseCommand):
    help = "Mail the next region's coordinators and organisers when a week has ended (once; safe to rerun)."

    def handle(self, *args, **options):
        count = send_handover_mails()
        self.stdout.write(f"send_handover_mails: {count}")
