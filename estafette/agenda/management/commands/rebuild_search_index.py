"""`rebuild_search_index`: index every activity for the agenda's full-text search again."""

import time

from django.core.management.base import BaseCommand

from estafette.activities.vocabulary_bits import refresh_vocabulary_bits
from estafette.agenda.search import rebuild_search_index


class Command(BaseCommand):
    help = "Rebuild the agenda's full-text search index (after loading rows outside the app)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = rebuild_search_index()
        refresh_vocabulary_bits()  # the facets' copy of the links, for rows loaded outside the app
        self.stdout.write(
            f"Search index rebuilt: {count} activities in {time.perf_counter() - started:.1f} s."
        )
