"""Create the knowledge hub's front page (Dutch) and its English twin, once."""

from django.core.management.base import BaseCommand

from estafette.knowledge.setup import ensure_hub


class Command(BaseCommand):
    help = (
        "Maakt de voorpagina van de kennisbank en de Engelse versie aan (als ze er nog niet zijn)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--starter-content",
            action="store_true",
            help="Laad ook de startinhoud: handboek, toolkit, bibliotheekpagina en vragen.",
        )

    def handle(self, *args, starter_content, **options):
        if starter_content:
            from estafette.knowledge.demo import load_knowledge_hub

            load_knowledge_hub()
        else:
            ensure_hub()
        self.stdout.write("De kennisbank staat klaar op /kennisbank/ en /en/kennisbank/.")
