"""The weekly mail of new partner calls to organisations that opted in."""

from django.core.management.base import BaseCommand

from estafette.board.services import send_board_digests


class Command(BaseCommand):
    help = "Mail organisations that opted in the new calls in their region for their kind (weekly; safe to rerun)."

    def handle(self, *args, **options):
        count = send_board_digests()
        self.stdout.write(f"send_board_digests: {count}")
