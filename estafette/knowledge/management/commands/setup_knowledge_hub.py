"""Create the knowledge hub's front page (Dutch) and its English twin, once."""

from django.core.management.base import BaseCommand

from estafette.knowledge.demo import load_knowledge_hub
from estafette.knowledge.setup import ensure_hub


class Command(BaseCommand):
    help = "Create the knowledge hub's Dutch front page and its English twin (when missing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--starter-content",
            action="store_true",
            help="Also load the starter content: handbook, toolkit, library page and questions.",
        )

    def handle(self, *args, starter_content, **options):
        if starter_content:
            load_knowledge_hub()
        else:
            ensure_hub()
        self.stdout.write("The knowledge hub is ready at /kennisbank/ and /en/kennisbank/.")
