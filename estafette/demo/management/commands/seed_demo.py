"""Fill the database with realistic, deterministic demo data: `seed_demo --activities N --seed S`.

Same N and S give the same organisations and activities (titles, places, dates, statuses) on
SQLite and PostgreSQL. Built for speed, all in one transaction: activities and their links are
made in Python as plain rows, stemmed for the search there too, and written without a query per
row (COPY on PostgreSQL, executemany on SQLite) while the tables' secondary indexes are away
(see estafette.core.bulk). Also creates the upcoming edition (February next year, if it does not
exist yet) and the demo accounts.
"""

import datetime as dt
import functools
import itertools
import random
import time
from contextlib import contextmanager
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from estafette.accounts.models import User
from estafette.activities import vocabulary_bits
from estafette.activities.models import (
    AccessibilityFacility,
    Activity,
    ActivityType,
    Audience,
    InteractiveElement,
    Theme,
)
from estafette.agenda import search
from estafette.core.bulk import assign_ids, indexes_built_after, insert_rows, insert_tuples
from estafette.core.caching import bump_public_version
from estafette.demo import data
from estafette.knowledge.demo import load_knowledge_hub
from estafette.organisations.models import Membership, Organisation
from estafette.partners.models import Partner
from estafette.relay.models import Edition, NationalMoment, Province, Region, Stage
from estafette.relay.postcodes import parse_postcode, province_code_for
from estafette.results.demo import seed_results_and_calls

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DEMO_PASSWORD = "estafette-demo"
STAFF_EMAIL = "beheer@example.nl"
ORGANISER_ACCOUNTS = 5
# The upcoming edition's order of regions differs from 2021–2023 (oost, west, noord, zuid).
UPCOMING_ORDER = ["noord", "oost", "zuid", "west"]
COMMISSIONED_BY = "het ministerie van Volksgezondheid, Welzijn en Sport (VWS)"
ORGANISATION_BATCH = 2000
LINK_TABLES = [
    (Activity.types.through, "activitytype_id"),
    (Activity.themes.through, "theme_id"),
    (Activity.audiences.through, "audience_id"),
    (Activity.interactive_elements.through, "interactiveelement_id"),
    (Activity.accessibility.through, "accessibilityfacility_id"),
]


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
            raise CommandError("--activities moet 0 of meer zijn.")
        load_knowledge_hub()  # idempotent: the hub's starter pages, also with --if-empty
        if if_empty and Activity.objects.exists():
            self.stdout.write("Er zijn al activiteiten: seed_demo doet niets (--if-empty).")
            return
        started = time.perf_counter()
        today = timezone.now().astimezone(AMSTERDAM).date()
        with transaction.atomic(), explicit_timestamps():
            report = DemoSeeder(activities=activities, seed=seed, today=today).run()
            bump_public_version()
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


@contextmanager
def explicit_timestamps():
    """Let bulk_create keep the plausible created_at/updated_at we set (no auto_now)."""
    fields = [
        field
        for model in (Organisation, Membership)
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


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


@functools.lru_cache(maxsize=8192)
def title_slug(title: str) -> str:
    """Titles repeat across thousands of activities: slugify each only once."""
    return slugify(title)[:170]


def minutes(delta: dt.timedelta) -> dt.timedelta:
    return dt.timedelta(minutes=int(delta.total_seconds() // 60))


def weekdays(first: dt.date, last: dt.date) -> list[dt.date]:
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return [day for day in days if day.weekday() < 5] or days


def upcoming_weeks(year: int) -> list[tuple[dt.date, dt.date]]:
    """Four Monday–Friday weeks from the first Monday of February."""
    first = dt.date(year, 2, 1)
    first += dt.timedelta(days=(7 - first.weekday()) % 7)
    return [
        (first + dt.timedelta(weeks=i), first + dt.timedelta(weeks=i, days=4)) for i in range(4)
    ]


def ensure_upcoming_edition(today: dt.date) -> tuple[Edition, bool]:
    """The edition of February next year with four region weeks; left alone when it exists."""
    year = today.year + 1
    existing = Edition.objects.filter(year=year).first()
    if existing:
        return existing, False
    weeks = upcoming_weeks(year)
    edition = Edition.objects.create(
        year=year, starts_on=weeks[0][0], ends_on=weeks[-1][1], commissioned_by=COMMISSIONED_BY
    )
    NationalMoment.objects.bulk_create(
        [
            NationalMoment(
                edition=edition,
                kind=NationalMoment.Kind.OPENING,
                date=weeks[0][0],
                title="Landelijke opening",
            ),
            NationalMoment(
                edition=edition,
                kind=NationalMoment.Kind.CLOSING,
                date=weeks[-1][1],
                title="Landelijke afsluiting",
            ),
        ]
    )
    regions = {region.slug: region for region in Region.objects.all()}
    Stage.objects.bulk_create(
        [
            Stage(edition=edition, region=regions[slug], order=order, starts_on=first, ends_on=last)
            for order, (slug, (first, last)) in enumerate(
                zip(UPCOMING_ORDER, weeks, strict=True), start=1
            )
        ]
    )
    return edition, True


class Town:
    __slots__ = ("name", "postcode", "province", "latitude", "longitude", "weight")

    def __init__(self, name, postcode, province, latitude, longitude, weight):
        self.name, self.postcode, self.province = name, postcode, province
        self.latitude, self.longitude, self.weight = latitude, longitude, weight


def load_towns() -> list[Town]:
    """The reference towns, each in the province its postcode says (the postcode table decides)."""
    provinces = {province.code: province for province in Province.objects.select_related("region")}
    towns = []
    for name, code, postcode, latitude, longitude, weight in data.TOWNS:
        province_code = province_code_for(parse_postcode(postcode).digits)
        if province_code != code:
            raise CommandError(
                f"{name}: postcode {postcode} ligt in {province_code}, niet in {code}."
            )
        towns.append(Town(name, postcode, provinces[code], latitude, longitude, weight))
    return towns


class DemoSeeder:
    def __init__(self, *, activities: int, seed: int, today: dt.date):
        self.count = activities
        self.seed = seed
        self.today = today
        self.midnight = at(today, 0)
        self.timings: dict[str, float] = {}

    @contextmanager
    def phase(self, name: str):
        started = time.perf_counter()
        yield
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started

    def rng(self, purpose: str) -> random.Random:
        return random.Random(f"{self.seed}:{purpose}")

    def run(self) -> dict:
        self.upcoming, edition_created = ensure_upcoming_edition(self.today)
        self.regions = sorted(Region.objects.all(), key=lambda region: region.slug)
        self.towns = load_towns()
        self.towns_by_region = {
            region.id: [town for town in self.towns if town.province.region_id == region.id]
            for region in self.regions
        }
        self.vocabularies = {
            model: sorted(model.objects.all(), key=lambda item: item.slug)
            for model in (Theme, ActivityType, Audience, InteractiveElement, AccessibilityFacility)
        }
        self.load_editions()
        with self.phase("organisaties"):
            organisations = self.create_organisations()
        with self.phase("accounts"):
            accounts, owners = self.create_accounts(organisations)
        report = self.create_activities(organisations, owners)
        with self.phase("terugblikken en oproepen"):
            report.update(seed_results_and_calls(today=self.today))
        report.update(
            organisations=len(organisations),
            timings=self.timings,
            accounts=accounts,
            edition_created=edition_created,
            upcoming_year=self.upcoming.year,
            order=", ".join(
                stage.region.slug for stage in self.upcoming.stages.select_related("region")
            ),
        )
        return report

    # --- editions -------------------------------------------------------------------------

    def load_editions(self) -> None:
        stages = Stage.objects.select_related("edition", "region").order_by(
            "edition__year", "order"
        )
        moments = NationalMoment.objects.select_related("edition").order_by("edition__year", "date")
        self.stages_by_edition: dict[int, list[Stage]] = {}
        self.editions: list[Edition] = []
        for stage in stages:
            if stage.edition_id not in self.stages_by_edition:
                self.editions.append(stage.edition)
                self.stages_by_edition[stage.edition_id] = []
            self.stages_by_edition[stage.edition_id].append(stage)
        self.moments_by_edition: dict[int, list[NationalMoment]] = {}
        for moment in moments:
            self.moments_by_edition.setdefault(moment.edition_id, []).append(moment)
        self.stage_days = {
            stage.id: weekdays(stage.starts_on, stage.ends_on)
            for stages_ in self.stages_by_edition.values()
            for stage in stages_
        }
        # Editions still to come get a bit more: they are what `make run` shows.
        self.edition_weights = [
            1.5 if edition.ends_on >= self.today else 1.0 for edition in self.editions
        ]

    # --- organisations ----------------------------------------------------------------------

    def create_organisations(self) -> list[Organisation]:
        rng = self.rng("organisations")
        count = max(40, round(self.count / 25))
        existing = list(Organisation.objects.values_list("name", "town", "slug"))
        used_names = {name for name, _town, _slug in existing}
        used_names |= {(name, town) for name, town, _slug in existing}
        used_slugs = {slug for _name, _town, slug in existing}
        kinds = [kind for kind, _weight in data.KIND_WEIGHTS]
        kind_weights = [weight for _kind, weight in data.KIND_WEIGHTS]
        town_weights = [town.weight for town in self.towns]
        organisations = []
        for index in range(count):
            if index < 3 * len(self.regions):  # every region gets organisations
                towns = self.towns_by_region[self.regions[index % len(self.regions)].id]
                town = rng.choices(towns, [t.weight for t in towns])[0]
            else:
                town = rng.choices(self.towns, town_weights)[0]
            kind = rng.choices(kinds, kind_weights)[0]
            name, kind = self.organisation_name(rng, kind, town, used_names)
            used_names |= {name, (name, town.name)}
            slug = base = slugify(name)[:200]
            number = 2
            while slug in used_slugs:
                slug, number = f"{base}-{number}", number + 1
            used_slugs.add(slug)
            organisations.append(
                Organisation(
                    name=name,
                    slug=slug,
                    kind=kind,
                    province=town.province,
                    town=town.name,
                    website=f"https://{slug}.example",
                    description=data.KIND_DESCRIPTIONS[kind],
                    created_at=self.midnight - dt.timedelta(days=rng.randint(200, 2000)),
                )
            )
        return Organisation.objects.bulk_create(organisations, batch_size=ORGANISATION_BATCH)

    def organisation_name(self, rng, kind: str, town: Town, used: set) -> tuple[str, str]:
        """A name not used yet; when the town has one of this kind already (one municipality per
        town), another kind; in the end a name used in another town ('Apotheek De Linde' may
        exist in two towns, the slug tells them apart)."""
        for attempt in range(40):
            if attempt == 8:
                kind = rng.choice(["care_provider", "company", "other", "patient_organisation"])
            candidate = rng.choice(data.KIND_PATTERNS[kind]).format(
                town=town.name,
                house=rng.choice(data.HOUSE_NAMES),
                district=rng.choice(data.DISTRICTS),
                region=data.REGION_WORDS[town.province.region.slug],
                province=town.province.name,
                word=rng.choice(data.INSURER_WORDS),
                condition=rng.choice(data.CONDITIONS),
                tech=rng.choice(data.COMPANY_TECH),
                suffix=rng.choice(data.COMPANY_SUFFIXES),
            )
            if candidate not in used or (attempt >= 16 and (candidate, town.name) not in used):
                return candidate, kind
        for district in data.DISTRICTS:  # a branch of an organisation that exists
            if (f"{candidate}, locatie {town.name}-{district}", town.name) not in used:
                return f"{candidate}, locatie {town.name}-{district}", kind
        number = 2
        while (f"{candidate} {number}", town.name) in used:
            number += 1
        return f"{candidate} {number}", kind

    # --- accounts ---------------------------------------------------------------------------

    def create_accounts(self, organisations: list[Organisation]):
        """National staff, a coordinator per region, an organiser admin for the first organisations."""
        password = make_password(DEMO_PASSWORD)  # hashed once: slow on purpose, shared by all
        wanted = [(STAFF_EMAIL, "landelijk team (superuser)", None, None)]
        wanted += [
            (
                f"coordinator-{region.slug}@example.nl",
                f"coördinator regio {region.name}",
                region,
                None,
            )
            for region in self.regions
        ]
        wanted += [
            (
                f"organisator{number}@example.nl",
                f"beheerder van {organisation.name}",
                None,
                organisation,
            )
            for number, organisation in enumerate(organisations[:ORGANISER_ACCOUNTS], start=1)
        ]
        existing = set(
            User.objects.filter(email__in=[email for email, *_ in wanted]).values_list(
                "email", flat=True
            )
        )
        accounts, owners = [], {}
        for email, role, region, organisation in wanted:
            if email in existing:
                continue
            staff = email == STAFF_EMAIL
            user = User.objects.create(
                email=email,
                password=password,
                full_name=role[0].upper() + role[1:] + " (demo)",
                is_staff=staff,
                is_superuser=staff,
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            if region is not None:
                user.coordinated_regions.add(region)
            if organisation is not None:
                Membership.objects.create(
                    user=user,
                    organisation=organisation,
                    role=Membership.Role.ADMIN,
                    status=Membership.Status.ACTIVE,
                    created_at=organisation.created_at,
                )
                owners[organisation.id] = user
            accounts.append((email, role))
        return accounts, owners

    # --- activities -------------------------------------------------------------------------

    def create_activities(self, organisations: list[Organisation], owners: dict) -> dict:
        rng = self.rng("activities")
        by_region: dict[int, list[Organisation]] = {region.id: [] for region in self.regions}
        for organisation in organisations:
            by_region[organisation.province.region_id].append(organisation)
        templates = data.ACTIVITY_TEMPLATES
        types = {item.slug: item for item in self.vocabularies[ActivityType]}
        themes = {item.slug: item for item in self.vocabularies[Theme]}
        interactive = {item.slug: item for item in self.vocabularies[InteractiveElement]}
        audiences = self.vocabularies[Audience]
        facilities = self.vocabularies[AccessibilityFacility]
        region_names = {region.id: region.name for region in self.regions}
        town_by_key = {(town.name, town.province.id): town for town in self.towns}
        town_choices = {
            key: (towns, list(itertools.accumulate(town.weight for town in towns)))
            for key, towns in [*self.towns_by_region.items(), (None, self.towns)]
        }
        topic_themes_by_phrase = dict(data.TOPICS)
        edition_cumulative = list(itertools.accumulate(self.edition_weights))
        type_cumulative = list(itertools.accumulate(data.TYPE_WEIGHTS))

        defaults = {field.attname: field.get_default() for field in Activity._meta.concrete_fields}
        activities: list[dict] = []  # rows by attname: model instances cost a third more
        links: list[tuple] = []  # per activity: (types, themes, audiences, interactive, facilities)
        partners: list[list[Organisation]] = []
        counts = {"co_organised": 0, "interactive": 0, "online": 0, "national": 0}
        if not self.editions:
            raise CommandError("Er zijn geen edities met regioweken.")

        generating = time.perf_counter()
        for _index in range(self.count):
            edition = rng.choices(self.editions, cum_weights=edition_cumulative)[0]
            moments = self.moments_by_edition.get(edition.id, [])
            moment = stage = None
            if moments and rng.random() < 0.025:
                moment = rng.choice(moments)
                region_id = None
                counts["national"] += 1
            else:
                stage = rng.choice(self.stages_by_edition[edition.id])
                region_id = stage.region_id

            type_slug, title_patterns, preferred = rng.choices(
                templates, cum_weights=type_cumulative
            )[0]
            if type_slug == "webinar":
                format_ = Activity.Format.ONLINE
            else:
                draw = rng.random()
                format_ = (
                    Activity.Format.IN_PERSON
                    if draw < 0.7
                    else Activity.Format.HYBRID
                    if draw < 0.86
                    else Activity.Format.ONLINE
                )
            if format_ != Activity.Format.IN_PERSON:
                counts["online"] += 1

            home = by_region[region_id] if region_id else organisations
            lead = rng.choice(home if rng.random() < 0.9 or not home else organisations)
            region_towns, cumulative = town_choices[region_id]
            lead_town = town_by_key.get((lead.town, lead.province_id))
            if (
                lead_town is not None
                and lead_town.province.region_id == (region_id or lead_town.province.region_id)
                and rng.random() < 0.55
            ):
                town = lead_town
            else:
                town = rng.choices(region_towns, cum_weights=cumulative)[0]

            pattern = rng.choice(title_patterns)
            topic, topic_themes = rng.choice(data.TOPICS)
            if pattern in data.FIXED_TITLE_TOPICS:
                topic = data.FIXED_TITLE_TOPICS[pattern]
                topic_themes = topic_themes_by_phrase[topic]
            title = pattern.format(
                topic=topic,
                town=town.name,
                region=region_names.get(region_id or town.province.region_id),
            )
            title = (title[0].upper() + title[1:])[:150]
            summary = (
                rng.choice(data.SUMMARY_OPENINGS).format(topic=topic)
                + " "
                + rng.choice(data.SUMMARY_ENDINGS)
            )
            summary = summary[0].upper() + summary[1:]
            description = "\n\n".join(
                [
                    rng.choice(data.DESCRIPTION_INTROS).format(organisation=lead.name, topic=topic),
                    rng.choice(data.DESCRIPTION_PROGRAMMES),
                    rng.choice(data.DESCRIPTION_CLOSINGS),
                ]
            )

            # When: a weekday in the region's week, or the national moment's day.
            if moment is not None:
                first = last = moment.date
                hour, minute, length = rng.choice(data.TIME_SLOTS)
            elif type_slug == "themaweek":
                days = self.stage_days[stage.id]
                first, last = days[0], days[-1]
                hour, minute, length = 9, 0, 0
            else:
                first = last = rng.choice(self.stage_days[stage.id])
                hour, minute, length = rng.choice(data.TIME_SLOTS)
            starts_at = at(first, hour, minute)
            ends_at = at(last, 17) if length == 0 else starts_at + dt.timedelta(minutes=length)

            # Where.
            has_venue = format_ != Activity.Format.ONLINE
            activity = defaults.copy()
            owner = owners.get(lead.id)
            activity.update(
                edition_id=edition.id,
                stage_id=stage and stage.id,
                national_moment_id=moment and moment.id,
                lead_organisation_id=lead.id,
                created_by_id=owner and owner.id,
                title=title,
                slug=title_slug(title),
                summary=summary[:300],
                description=description,
                format=format_,
                starts_at=starts_at,
                ends_at=ends_at,
                language=rng.choices(
                    ["nl", "en", "nl-en", "fy"],
                    [92, 2, 4, 2 if town.province.code == "NL-FR" else 0],
                )[0],
            )
            if has_venue:
                activity.update(
                    venue_name=f"{rng.choice(data.VENUE_KINDS)} {rng.choice(data.VENUE_NAMES)}",
                    street_address=f"{rng.choice(data.STREETS)} {rng.randint(1, 120)}",
                    postcode=town.postcode,
                    town=town.name,
                    province_id=town.province.id,
                    latitude=round(town.latitude + rng.uniform(-0.012, 0.012), 5),
                    longitude=round(town.longitude + rng.uniform(-0.018, 0.018), 5),
                )
                if rng.random() < 0.3:
                    activity["accessibility_notes"] = rng.choice(data.ACCESSIBILITY_NOTES)
            if format_ != Activity.Format.IN_PERSON:
                activity["online_url"] = f"https://video.example/estafette/{title_slug(title)[:60]}"

            # Cost and sign-up.
            if rng.random() < 0.12:
                activity["is_free"] = False
                activity["cost_description"] = rng.choice(data.COSTS)
            draw = rng.random()
            if draw < 0.5:
                activity.update(
                    signup_mode=Activity.SignupMode.PLATFORM,
                    capacity=rng.randint(10, 200),
                    max_places_per_signup=rng.choice([1, 1, 1, 2, 4]),
                    signup_confirmation=rng.choice(
                        [Activity.Confirmation.EMAIL, Activity.Confirmation.INSTANT]
                    ),
                )
            elif draw < 0.75:
                activity["signup_mode"] = Activity.SignupMode.EXTERNAL
                activity["signup_url"] = f"https://{lead.slug}.example/aanmelden"
            else:
                activity["signup_mode"] = Activity.SignupMode.NONE

            self.set_life_cycle(rng, activity, edition)
            activities.append(activity)

            # Labels from the managed vocabularies.
            type_items = [types[type_slug]]
            if rng.random() < 0.1:
                extra = rng.choice(self.vocabularies[ActivityType])
                if extra not in type_items:
                    type_items.append(extra)
            theme_items = [themes[slug] for slug in topic_themes if slug in themes]
            if rng.random() < 0.35 or not theme_items:
                extra = rng.choice(self.vocabularies[Theme])
                if extra not in theme_items:
                    theme_items.append(extra)
            audience_items = rng.sample(audiences, rng.choice([1, 1, 2, 2, 3]))
            interactive_items = []
            if rng.random() < 0.6:
                interactive_items = [interactive[slug] for slug in preferred if slug in interactive]
                interactive_items = rng.sample(
                    interactive_items, rng.randint(1, len(interactive_items))
                )
                if rng.random() < 0.3:
                    extra = rng.choice(self.vocabularies[InteractiveElement])
                    if extra not in interactive_items:
                        interactive_items.append(extra)
                counts["interactive"] += 1
            facility_items = rng.sample(facilities, rng.randint(0, 4)) if has_venue else []
            links.append(
                (type_items, theme_items, audience_items, interactive_items, facility_items)
            )
            activity.update(
                theme_bits=vocabulary_bits.bits_of(theme_items),
                type_bits=vocabulary_bits.bits_of(type_items),
                audience_bits=vocabulary_bits.bits_of(audience_items),
            )

            # About 40 % organised together with partners.
            chosen: list[Organisation] = []
            if rng.random() < 0.4:
                pool = home if len(home) > 3 else organisations
                for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
                    partner = rng.choice(pool)
                    if partner is not lead and partner not in chosen:
                        chosen.append(partner)
                if chosen:
                    counts["co_organised"] += 1
            partners.append(chosen)

        self.timings["activiteiten maken"] = time.perf_counter() - generating
        assign_ids(Activity, activities)
        with self.phase("zoekwoorden"):
            names = {organisation.id: organisation.name for organisation in organisations}
            documents = [
                search.document(
                    activity["title"],
                    activity["summary"],
                    [names[activity["lead_organisation_id"]], *(p.name for p in chosen)],
                    activity["town"],
                    activity["description"],
                )
                for activity, chosen in zip(activities, partners, strict=True)
            ]
            extra = None
            if connection.vendor == "postgresql":  # the search vector goes in with the row
                extra = {"search_vector": [search.vector_text(doc) for doc in documents]}
        tables = [Activity, Partner, *(through for through, _column in LINK_TABLES)]
        with indexes_built_after(*(model._meta.db_table for model in tables)):
            with self.phase("activiteiten opslaan"):
                insert_rows(Activity, activities, extra=extra)
                if extra is None:  # SQLite keeps the index in a table of its own
                    search.insert_documents(
                        [(a["id"], *doc) for a, doc in zip(activities, documents, strict=True)]
                    )
            with self.phase("koppelingen opslaan"):
                counts["links"] = self.create_links(activities, links)
            with self.phase("mede-organisatoren opslaan"):
                self.create_partnerships(rng, activities, partners)
            building = time.perf_counter()
        self.timings["indexen bouwen"] = time.perf_counter() - building
        counts["activities"] = len(activities)
        return counts

    def set_life_cycle(self, rng, activity: dict, edition: Edition) -> None:
        """Status and plausible timestamps: past editions mostly published, the coming one mixed."""
        Status = Activity.Status
        starts_at = activity["starts_at"]
        if edition.ends_on < self.today:
            status = rng.choices([Status.PUBLISHED, Status.CANCELLED, Status.REJECTED], [92, 5, 3])[
                0
            ]
            published = starts_at - dt.timedelta(hours=rng.randint(7 * 24, 60 * 24))
            submitted = published - dt.timedelta(hours=rng.randint(4, 5 * 24))
            created = submitted - dt.timedelta(hours=rng.randint(1, 14 * 24))
        else:
            status = rng.choices(
                [
                    Status.PUBLISHED,
                    Status.SUBMITTED,
                    Status.CHANGES_REQUESTED,
                    Status.DRAFT,
                    Status.CANCELLED,
                    Status.REJECTED,
                ],
                [52, 18, 8, 14, 4, 4],
            )[0]
            latest = min(self.midnight, starts_at - dt.timedelta(days=1))
            created = latest - dt.timedelta(hours=rng.randint(24, 120 * 24))
            submitted = created + minutes((latest - created) * rng.uniform(0.05, 0.6))
            published = submitted + minutes((latest - submitted) * rng.uniform(0.1, 0.9))
        activity["status"] = status
        activity["created_at"] = activity["updated_at"] = created
        if status != Status.DRAFT:
            activity["submitted_at"] = activity["updated_at"] = submitted
        if status in (Status.PUBLISHED, Status.CANCELLED):
            activity["published_at"] = activity["updated_at"] = published
        if status == Status.CANCELLED:
            activity["cancellation_reason"] = rng.choice(data.CANCELLATION_REASONS)
            activity["sequence"] = 1
            activity["updated_at"] = published + minutes((starts_at - published) / 2)
        if (
            status == Status.PUBLISHED
            and activity["ends_at"] < self.midnight
            and rng.random() < 0.25
        ):
            activity["results"] = rng.choice(data.RESULTS)

    def create_links(self, activities: list[dict], links: list[tuple]) -> int:
        """The M2M through rows as plain tuples: a model instance per link (750,000 of them)
        cost half a minute."""
        total = 0
        for position, (through, column) in enumerate(LINK_TABLES):
            rows = [
                (activity["id"], item.id)
                for activity, labels in zip(activities, links, strict=True)
                for item in labels[position]
            ]
            insert_tuples(through._meta.db_table, ["activity_id", column], rows)
            total += len(rows)
        return total

    def create_partnerships(self, rng, activities: list[dict], partners) -> None:
        defaults = {field.attname: field.get_default() for field in Partner._meta.concrete_fields}
        rows = []
        for activity, chosen in zip(activities, partners, strict=True):
            for partner in chosen:
                invited = activity["created_at"] + dt.timedelta(hours=rng.randint(1, 72))
                rows.append(
                    {
                        **defaults,
                        "activity_id": activity["id"],
                        "organisation_id": partner.id,
                        "status": Partner.Status.ACCEPTED,
                        "created_at": invited,
                        "answered_at": invited + dt.timedelta(hours=rng.randint(2, 120)),
                    }
                )
        assign_ids(Partner, rows)
        insert_rows(Partner, rows)
