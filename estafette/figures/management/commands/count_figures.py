"""`manage.py count_figures`: count every edition's figures from scratch (after loading data
in bulk, which sends no signals, or to repair); `--check` only compares them with a plain count."""

import time

from django.core.management.base import BaseCommand, CommandError

from estafette.figures import queries, summary
from estafette.figures.data import figures_data
from estafette.relay.models import Edition


class Command(BaseCommand):
    help = "Count every edition's figures from scratch (or, with --check, compare them)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only compare the kept figures with a count from scratch.",
        )

    def handle(self, *args, check=False, **options):
        summary.count_changes()
        wrong = []
        for edition in Edition.objects.order_by("starts_on"):
            started = time.perf_counter()
            if check:
                kept = figures_data(queries.edition_figures(edition), [])
                counted = figures_data(queries.counted_edition_figures(edition), [])
                if kept != counted:
                    wrong.append(edition.year)
                verdict = "equal to a count from scratch" if kept == counted else "DIFFERENT"
                self.stdout.write(f"{edition.year}: {verdict}")
            else:
                summary.count_edition(edition)
                seconds = time.perf_counter() - started
                self.stdout.write(f"{edition.year}: counted in {seconds:.1f} s")
        if wrong:
            raise CommandError(f"The kept figures differ from a count from scratch: {wrong}")
