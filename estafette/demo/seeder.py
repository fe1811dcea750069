"""The demo seeder: editions, places, organisations, accounts, activities, then results and
calls, in that order (each step reads what the one before made)."""

import datetime as dt
import random
import time
from contextlib import contextmanager

from estafette.activities.models import VOCABULARIES, Activity
from estafette.demo.accounts import create_accounts
from estafette.demo.activities import ActivityMaker, create_demo_activities
from estafette.demo.calendar import at, ensure_upcoming_edition, load_editions
from estafette.demo.organisations import create_organisations
from estafette.demo.places import load_towns
from estafette.figures.summary import count_edition
from estafette.organisations.models import Membership, Organisation
from estafette.relay.models import Edition, Region
from estafette.results.demo import seed_results_and_calls


class Phases:
    """Seconds per named step, for the command's report."""

    def __init__(self):
        self.timings: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str):
        started = time.perf_counter()
        yield
        self.record(name, time.perf_counter() - started)

    def record(self, name: str, seconds: float) -> None:
        self.timings[name] = self.timings.get(name, 0.0) + seconds


@contextmanager
def explicit_timestamps():
    """Let bulk_create keep the plausible created_at/updated_at we set (no auto_now)."""
    fields = [
        field
        for model in (Organisation, Membership, Activity)
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class DemoSeeder:
    def __init__(self, *, activities: int, seed: int, today: dt.date):
        self.count = activities
        self.seed = seed
        self.today = today
        self.phase = Phases()

    def rng(self, purpose: str) -> random.Random:
        return random.Random(f"{self.seed}:{purpose}")

    def run(self) -> dict:
        upcoming, edition_created = ensure_upcoming_edition(self.today)
        regions = sorted(Region.objects.all(), key=lambda region: region.slug)
        towns = load_towns()
        towns_by_region = {
            region.id: [town for town in towns if town.province.region_id == region.id]
            for region in regions
        }
        vocabularies = {
            model: sorted(model.objects.all(), key=lambda item: item.slug) for model in VOCABULARIES
        }
        editions = load_editions(self.today)
        with self.phase("organisaties"):
            organisations = create_organisations(
                self.rng("organisations"),
                count=max(40, round(self.count / 25)),
                regions=regions,
                towns=towns,
                towns_by_region=towns_by_region,
                midnight=at(self.today, 0),
            )
        with self.phase("accounts"):
            accounts, owners = create_accounts(regions, organisations)
        maker = ActivityMaker(
            organisations=organisations,
            owners=owners,
            regions=regions,
            towns=towns,
            towns_by_region=towns_by_region,
            editions=editions,
            vocabularies=vocabularies,
            today=self.today,
        )
        report = create_demo_activities(self.rng("activities"), maker, self.count, self.phase)
        with self.phase("terugblikken en oproepen"):
            report.update(seed_results_and_calls(today=self.today))
        with self.phase("cijfers tellen"):
            # The rows went in without signals: every edition's kept figures are counted
            # afresh, so no visitor meets numbers that miss them (or counts them cold).
            for edition in Edition.objects.order_by("pk"):
                count_edition(edition)
        report.update(
            organisations=len(organisations),
            timings=self.phase.timings,
            accounts=accounts,
            edition_created=edition_created,
            upcoming_year=upcoming.year,
            order=", ".join(
                stage.region.slug for stage in upcoming.stages.select_related("region")
            ),
        )
        return report
