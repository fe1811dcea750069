"""Fill the database with realistic, deterministic demo data: `seed_demo --activities N --seed S`.

Same N and S give the same organisations and activities (titles, places, dates, statuses) on
SQLite and PostgreSQL. Built for speed, all in one transaction (see estafette.demo.activities).
Also creates the upcoming edition (February next year, if it does not exist yet), the demo
accounts, the knowledge hub's starter pages, results and partner calls.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from estafette.activities.models import Activity
from estafette.agenda import tallies
from estafette.core.caching import bump_public_version
from estafette.core.dates import AMSTERDAM
from estafette.demo.accounts import DEMO_PASSWORD
from estafette.demo.seeder import DemoSeeder, explicit_timestamps
from estafette.knowledge.demo import load_knowledge_hub


class Command(BaseCommand):
    help = (
        "Vul de database met demodata: organisaties, activiteiten in alle edities, een komende "
        "editie in februari volgend jaar en demo-accounts (wachtwoord 'estafette-demo')."
    )

    def add_arguments(self, parser):
        parser.add_argument("--activities", type=int, default=3000, help="Aantal activiteiten.")
        parser.add_argument("--seed", type=int, default=1, help="Zelfde seed, zelfde data.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run without DEBUG=true too (benchmarks): writes demo data into this database.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Doe niets als er al activiteiten zijn (voor `make run`).",
        )

    def handle(self, *args, activities, seed, if_empty, force=False, **options):
        if not settings.DEBUG and not force:
            # Demo organisations and people in a production database would be published.
            raise CommandError(
                "seed_demo runs only with DEBUG=true; for a database that is surely not "
                "production (a benchmark), add --force."
            )
        if activities < 0:
            raise CommandError("--activities must be 0 or more.")
        load_knowledge_hub()  # idempotent: the hub's starter pages, also with --if-empty
        if if_empty and Activity.objects.exists():
            self.stdout.write("Er zijn al activiteiten: seed_demo doet niets (--if-empty).")
            return
        started = time.perf_counter()
        today = timezone.now().astimezone(AMSTERDAM).date()
        with transaction.atomic(), explicit_timestamps():
            report = DemoSeeder(activities=activities, seed=seed, today=today).run()
            bump_public_version()
        tallies.ensure_kept()  # the whole editions' counts, before the first visitor
        seconds = time.perf_counter() - started
        self.write_report(report, seconds)

    def write_report(self, report: dict, seconds: float) -> None:
        write = self.stdout.write
        write(
            f"Demodata klaar in {seconds:.1f} s: {report['organisations']} organisaties, "
            f"{report['activities']} activiteiten ({report['co_organised']} met "
            f"mede-organisatoren, {report['interactive']} interactief, {report['online']} "
            f"online of hybride, {report['national']} landelijk), "
            f"{report['links']} koppelingen met thema's, soorten en doelgroepen."
        )
        write(
            "Tijd per stap: "
            + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report["timings"].items())
            + "."
        )
        if report["edition_created"]:
            write(
                f"Komende editie {report['upcoming_year']} aangemaakt (regio's {report['order']})."
            )
        else:
            write(f"Komende editie {report['upcoming_year']} bestond al; niet gewijzigd.")
        if report["accounts"]:
            write(f"Demo-accounts (wachtwoord '{DEMO_PASSWORD}', e-mailadres bevestigd):")
            for email, role in report["accounts"]:
                write(f"  {email}  {role}")
        else:
            write("De demo-accounts bestonden al; niet gewijzigd.")
