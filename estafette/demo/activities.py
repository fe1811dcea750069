"""Demo activities: made in Python (when, where, what, how to sign up, labels, partners, life
cycle) and stored through the activities' bulk service, the one the importer uses; then their
partners and their search entries, without a query per row (see estafette.core.bulk).

Every draw comes from one random generator in a fixed order, so the same seed gives the same
activities: the steps below draw in the order they are called, and must stay in that order.
"""

import datetime as dt
import itertools
import random
import time

from django.core.management.base import CommandError

from estafette.activities import vocabulary_bits
from estafette.activities.models import (
    AccessibilityFacility,
    Activity,
    ActivityType,
    Audience,
    InteractiveElement,
    Theme,
)
from estafette.activities.services import REVIEWED_RELATIONS, create_activities, slug_for
from estafette.agenda import search
from estafette.agenda.models import SearchEntry
from estafette.core.bulk import assign_ids, indexes_built_after, insert_rows
from estafette.demo import data
from estafette.demo.calendar import at, minutes
from estafette.organisations.models import Organisation
from estafette.partners.models import Partner

Status = Activity.Status


class ActivityMaker:
    """The lookups every activity draws from, prepared once; `make` draws one activity."""

    def __init__(
        self,
        *,
        organisations,
        owners,
        regions,
        towns,
        towns_by_region,
        editions,
        vocabularies,
        today,
    ):
        self.organisations, self.owners, self.editions = organisations, owners, editions
        self.vocabularies, self.today = vocabularies, today
        self.midnight = at(today, 0)
        self.by_region: dict[int, list[Organisation]] = {region.id: [] for region in regions}
        for organisation in organisations:
            self.by_region[organisation.province.region_id].append(organisation)
        self.types = {item.slug: item for item in vocabularies[ActivityType]}
        self.themes = {item.slug: item for item in vocabularies[Theme]}
        self.interactive = {item.slug: item for item in vocabularies[InteractiveElement]}
        self.region_names = {region.id: region.name for region in regions}
        self.town_by_key = {(town.name, town.province.id): town for town in towns}
        self.town_choices = {
            key: (choices, list(itertools.accumulate(town.weight for town in choices)))
            for key, choices in [*towns_by_region.items(), (None, towns)]
        }
        self.topic_themes_by_phrase = dict(data.TOPICS)
        self.edition_cumulative = list(itertools.accumulate(editions.weights))
        self.type_cumulative = list(itertools.accumulate(data.TYPE_WEIGHTS))
        self.defaults = {
            field.attname: field.get_default() for field in Activity._meta.concrete_fields
        }
        self.counts = {"co_organised": 0, "interactive": 0, "online": 0, "national": 0}

    def make(self, rng: random.Random) -> tuple[dict, dict, list[Organisation]]:
        """One activity: its fields (by attname), its labels by relation and its partners."""
        edition, stage, moment = self.edition_and_week(rng)
        region_id = stage.region_id if stage else None
        type_slug, title_patterns, preferred = rng.choices(
            data.ACTIVITY_TEMPLATES, cum_weights=self.type_cumulative
        )[0]
        format_ = self.format(rng, type_slug)
        home = self.by_region[region_id] if region_id else self.organisations
        lead = rng.choice(home if rng.random() < 0.9 or not home else self.organisations)
        town = self.town(rng, lead, region_id)
        activity = self.defaults.copy()
        topic_themes = self.describe(rng, activity, title_patterns, town, region_id, lead)
        self.schedule(rng, activity, type_slug, stage, moment)
        owner = self.owners.get(lead.id)
        activity.update(
            edition_id=edition.id,
            stage_id=stage and stage.id,
            national_moment_id=moment and moment.id,
            lead_organisation_id=lead.id,
            created_by_id=owner and owner.id,
            format=format_,
            language=rng.choices(
                ["nl", "en", "nl-en", "fy"],
                [92, 2, 4, 2 if town.province.code == "NL-FR" else 0],
            )[0],
        )
        self.place(rng, activity, format_, town)
        self.sign_up_rules(rng, activity, lead)
        set_life_cycle(rng, activity, edition, today=self.today, midnight=self.midnight)
        labels = self.labels(rng, activity, type_slug, topic_themes, preferred)
        return activity, labels, self.partners(rng, home, lead)

    def edition_and_week(self, rng):
        """An edition, then a region's week in it, or (rarely) a national moment."""
        edition = rng.choices(self.editions.editions, cum_weights=self.edition_cumulative)[0]
        moments = self.editions.moments.get(edition.id, [])
        if moments and rng.random() < 0.025:
            self.counts["national"] += 1
            return edition, None, rng.choice(moments)
        return edition, rng.choice(self.editions.stages[edition.id]), None

    def format(self, rng, type_slug: str) -> str:
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
            self.counts["online"] += 1
        return format_

    def town(self, rng, lead: Organisation, region_id):
        """Mostly the lead organisation's own town (when it lies in the week's region)."""
        region_towns, cumulative = self.town_choices[region_id]
        lead_town = self.town_by_key.get((lead.town, lead.province_id))
        if (
            lead_town is not None
            and lead_town.province.region_id == (region_id or lead_town.province.region_id)
            and rng.random() < 0.55
        ):
            return lead_town
        return rng.choices(region_towns, cum_weights=cumulative)[0]

    def describe(self, rng, activity: dict, title_patterns, town, region_id, lead) -> list:
        """Title, summary and description; returns the themes the topic suggests."""
        pattern = rng.choice(title_patterns)
        topic, topic_themes = rng.choice(data.TOPICS)
        if pattern in data.FIXED_TITLE_TOPICS:
            topic = data.FIXED_TITLE_TOPICS[pattern]
            topic_themes = self.topic_themes_by_phrase[topic]
        title = pattern.format(
            topic=topic,
            town=town.name,
            region=self.region_names.get(region_id or town.province.region_id),
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
        activity.update(title=title, summary=summary[:300], description=description)
        return topic_themes

    def schedule(self, rng, activity: dict, type_slug: str, stage, moment) -> None:
        """When: a weekday in the region's week, or the national moment's day."""
        if moment is not None:
            first = last = moment.date
            hour, minute, length = rng.choice(data.TIME_SLOTS)
        elif type_slug == "themaweek":
            days = self.editions.stage_days[stage.id]
            first, last = days[0], days[-1]
            hour, minute, length = 9, 0, 0
        else:
            first = last = rng.choice(self.editions.stage_days[stage.id])
            hour, minute, length = rng.choice(data.TIME_SLOTS)
        starts_at = at(first, hour, minute)
        ends_at = at(last, 17) if length == 0 else starts_at + dt.timedelta(minutes=length)
        activity.update(starts_at=starts_at, ends_at=ends_at)

    def place(self, rng, activity: dict, format_: str, town) -> None:
        """Where: a venue in the town, a video link, or both."""
        if format_ != Activity.Format.ONLINE:
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
            slug = slug_for(activity["title"])[:60]
            activity["online_url"] = f"https://video.example/estafette/{slug}"

    def sign_up_rules(self, rng, activity: dict, lead: Organisation) -> None:
        """Cost, and how to sign up: on the platform, elsewhere or not at all."""
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

    def labels(self, rng, activity: dict, type_slug: str, topic_themes, preferred) -> dict:
        """Labels from the managed vocabularies, by relation name."""
        vocabularies = self.vocabularies
        type_items = [self.types[type_slug]]
        if rng.random() < 0.1:
            extra = rng.choice(vocabularies[ActivityType])
            if extra not in type_items:
                type_items.append(extra)
        theme_items = [self.themes[slug] for slug in topic_themes if slug in self.themes]
        if rng.random() < 0.35 or not theme_items:
            extra = rng.choice(vocabularies[Theme])
            if extra not in theme_items:
                theme_items.append(extra)
        audience_items = rng.sample(vocabularies[Audience], rng.choice([1, 1, 2, 2, 3]))
        interactive_items = []
        if rng.random() < 0.6:
            interactive_items = [
                self.interactive[slug] for slug in preferred if slug in self.interactive
            ]
            interactive_items = rng.sample(
                interactive_items, rng.randint(1, len(interactive_items))
            )
            if rng.random() < 0.3:
                extra = rng.choice(vocabularies[InteractiveElement])
                if extra not in interactive_items:
                    interactive_items.append(extra)
            self.counts["interactive"] += 1
        facility_items = (
            rng.sample(vocabularies[AccessibilityFacility], rng.randint(0, 4))
            if activity["format"] != Activity.Format.ONLINE
            else []
        )
        items = (type_items, theme_items, audience_items, interactive_items, facility_items)
        return dict(zip(REVIEWED_RELATIONS, items, strict=True))

    def partners(self, rng, home, lead) -> list[Organisation]:
        """About 40 % organised together with partners, mostly from the same region."""
        chosen: list[Organisation] = []
        if rng.random() < 0.4:
            pool = home if len(home) > 3 else self.organisations
            for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
                partner = rng.choice(pool)
                if partner is not lead and partner not in chosen:
                    chosen.append(partner)
            if chosen:
                self.counts["co_organised"] += 1
        return chosen


def set_life_cycle(rng, activity: dict, edition, *, today, midnight) -> None:
    """Status and plausible timestamps: past editions mostly published, the coming one mixed."""
    starts_at = activity["starts_at"]
    if edition.ends_on < today:
        status = rng.choices([Status.PUBLISHED, Status.CANCELLED, Status.REJECTED], [92, 5, 3])[0]
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
        latest = min(midnight, starts_at - dt.timedelta(days=1))
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
    if status == Status.PUBLISHED and activity["ends_at"] < midnight and rng.random() < 0.25:
        activity["results"] = rng.choice(data.RESULTS)


def create_demo_activities(rng, maker: ActivityMaker, count: int, phase) -> dict:
    """Make `count` activities and store them with their labels, partners and search entries."""
    if not maker.editions.editions:
        raise CommandError("There are no editions with regional weeks to seed.")
    generating = time.perf_counter()
    made = [maker.make(rng) for _index in range(count)]
    partners = [chosen for _fields, _labels, chosen in made]
    activities = [(Activity(**fields), labels) for fields, labels, _partners in made]
    phase.record("activiteiten maken", time.perf_counter() - generating)
    by_id = {organisation.id: organisation for organisation in maker.organisations}
    for (activity, _labels), chosen in zip(activities, partners, strict=True):
        # The partners are stored as accepted below: their kinds count with the lead's.
        organisers = [by_id[activity.lead_organisation_id], *chosen]
        activity.organiser_kind_bits = vocabulary_bits.kind_bits_of(organisers)
    with phase("zoekwoorden"):
        documents = search_documents(activities, partners, maker.organisations)
    counts = maker.counts
    tables = [
        Activity,
        Partner,
        SearchEntry,  # PostgreSQL's search entries (empty on SQLite)
        *(getattr(Activity, name).through for name in REVIEWED_RELATIONS),
    ]
    with indexes_built_after(*(model._meta.db_table for model in tables)):
        with phase("activiteiten opslaan"):
            stored = create_activities(
                activities=activities,
                by=None,
                source="seed_demo",
                keep_life_cycle=True,
                documents=documents,
            )
        with phase("mede-organisatoren opslaan"):
            create_partnerships(rng, stored, partners)
        building = time.perf_counter()
    phase.record("indexen bouwen", time.perf_counter() - building)
    counts["activities"] = len(stored)
    counts["links"] = sum(
        len(items) for _activity, labels in activities for items in labels.values()
    )
    return counts


def search_documents(activities: list[tuple[Activity, dict]], partners, organisations):
    """What the search index holds of each activity, stemmed here, once per repeated paragraph,
    instead of read back and stemmed one by one. Their words go into the search vocabulary."""
    names = {organisation.id: organisation.name for organisation in organisations}
    search.remember_words(
        text
        for (activity, _labels), chosen in zip(activities, partners, strict=True)
        for text in (
            activity.title,
            activity.summary,
            names[activity.lead_organisation_id],
            *(p.name for p in chosen),
            activity.town,
            activity.description,
        )
    )
    return [
        search.document(
            activity.title,
            activity.summary,
            [names[activity.lead_organisation_id], *(p.name for p in chosen)],
            activity.town,
            activity.description,
        )
        for (activity, _labels), chosen in zip(activities, partners, strict=True)
    ]


def create_partnerships(rng, activities: list[Activity], partners) -> None:
    defaults = {field.attname: field.get_default() for field in Partner._meta.concrete_fields}
    rows = []
    for activity, chosen in zip(activities, partners, strict=True):
        for partner in chosen:
            invited = activity.created_at + dt.timedelta(hours=rng.randint(1, 72))
            rows.append(
                {
                    **defaults,
                    "activity_id": activity.pk,
                    "organisation_id": partner.id,
                    "status": Partner.Status.ACCEPTED,
                    "created_at": invited,
                    "answered_at": invited + dt.timedelta(hours=rng.randint(2, 120)),
                }
            )
    assign_ids(Partner, rows)
    insert_rows(Partner, rows)
