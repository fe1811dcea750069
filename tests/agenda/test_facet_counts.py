"""The facet counts the agenda reads from the row's copies (vocabulary bits, organiser kinds,
interactive) equal counting from scratch, and so do the facets' filters."""

import datetime as dt
import re
from collections import Counter

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from estafette.activities import services
from estafette.activities.models import (
    AccessibilityFacility,
    Activity,
    ActivityType,
    Audience,
    InteractiveElement,
    Theme,
)
from estafette.activities.vocabulary_bits import kind_bit, refresh_vocabulary_bits
from estafette.agenda.facets import FACETS, Facet, facet_counts
from estafette.agenda.queries import filtered_activities
from estafette.organisations.models import Organisation
from estafette.organisations.services import OrganisationProfile, update_organisation
from estafette.partners.models import Partner
from estafette.partners.services import answer_invitation
from estafette.relay.models import Province
from tests.factories import ActivityFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

REGIONS = ["oost", "west", "noord", "zuid"]
FORMATS = [value for value, _label in Activity.Format.choices]
STATUSES = [value for value, _label in Activity.Status.choices]
SIGNUPS = [value for value, _label in Activity.SignupMode.choices]
KINDS = [value for value, _label in Organisation.Kind.choices]
PROVINCES = ["NL-OV", "NL-GE", "NL-NH", None]
PARTNER_STATUSES = [value for value, _label in Partner.Status.choices]
VOCABULARIES = {
    "themes": Theme,
    "types": ActivityType,
    "audiences": Audience,
    "accessibility": AccessibilityFacility,
    "interactive_elements": InteractiveElement,
}
FACET_OF = {
    "themes": "theme",
    "types": "type",
    "audiences": "audience",
    "accessibility": "accessibility",
}


def yes_no(condition: bool) -> str:
    return "true" if condition else "false"


def places_left(activity: Activity) -> bool:
    return (
        activity.status == Activity.Status.PUBLISHED
        and activity.signup_mode == Activity.SignupMode.PLATFORM
        and not activity.signup_closed
        and activity.ends_at > timezone.now()
        and (activity.capacity is None or activity.capacity > activity.places_taken)
    )


def organiser_kinds(activity: Activity) -> set[str]:
    """The lead organisation's kind and those of the partners that accepted, from the rows."""
    partners = activity.partners.filter(status=Partner.Status.ACCEPTED, organisation__isnull=False)
    return {activity.lead_organisation.kind, *(p.organisation.kind for p in partners)}


def facet_values(activity: Activity) -> dict[str, list[str]]:
    """Every facet's values of one activity, read from its relations and organisers."""
    stage, province = activity.stage, activity.province
    values = {
        "region": [stage.region.slug] if stage else [],
        "week": [str(stage.order)] if stage else [],
        "province": [province.code] if province else [],
        "format": [activity.format],
        "kind": sorted(organiser_kinds(activity)),
        "interactive": [yes_no(activity.interactive_elements.exists())],
        "signup": [activity.signup_mode],
        "has_places": [yes_no(places_left(activity))],
    }
    for relation, facet in FACET_OF.items():
        values[facet] = [item.slug for item in getattr(activity, relation).all()]
    return values


def counted_from_scratch(queryset) -> dict[str, dict[str, int]]:
    """Every matching activity looked at one by one, its vocabularies read from the links and
    its organisers' kinds from the organisations."""
    counts = {facet.name: Counter() for facet in FACETS}
    for activity in queryset.order_by():
        for name, values in facet_values(activity).items():
            counts[name].update(values)
    return {name: dict(counter) for name, counter in counts.items()}


def matches_from_scratch(activity: Activity, chosen: dict) -> bool:
    """Whether the activity passes the facets' filters, read from its relations."""
    if "edition" in chosen and activity.edition.year != chosen["edition"]:
        return False
    values = facet_values(activity)
    for name in ("region", "week", "province", "format", "interactive", "signup", "has_places"):
        if name in chosen and str(chosen[name]) not in values[name]:
            return False
    for name in ("theme", "kind"):  # any of them
        if chosen.get(name) and not set(chosen[name]) & set(values[name]):
            return False
    if "q" in chosen and not found_by_search(activity, chosen["q"]):
        return False
    # every one of them
    return set(chosen.get("accessibility", [])) <= set(values["accessibility"])


# Words of the titles the random activities get, and what a search for each finds, read from
# the texts: every activity's summary (the factory's) holds 'beeldbellen' and 'zorg'.
TITLE_WORDS = ["kwispelen", "valpreventie", "robotica"]
SEARCHES = [*TITLE_WORDS, "beeldbellen", "zorg"]


def found_by_search(activity: Activity, term: str) -> bool:
    texts = f"{activity.title} {activity.summary}".lower()
    return term in texts


vocabulary = st.sets(st.integers(min_value=0, max_value=12), max_size=4)
activity = st.fixed_dictionaries(
    {
        "year": st.sampled_from([2022, 2023]),
        "region": st.sampled_from(REGIONS),
        "province": st.sampled_from(PROVINCES),
        "format": st.sampled_from(FORMATS),
        "status": st.sampled_from(STATUSES),
        "themes": vocabulary,
        "types": vocabulary,
        "audiences": vocabulary,
        "accessibility": vocabulary,
        "interactive_elements": st.sets(st.integers(min_value=0, max_value=6), max_size=2),
        "lead": st.sampled_from(KINDS),
        "partners": st.lists(
            st.tuples(st.sampled_from(KINDS), st.sampled_from(PARTNER_STATUSES)), max_size=3
        ),
        "signup": st.sampled_from(SIGNUPS),
        "capacity": st.integers(min_value=1, max_value=3),
        "taken": st.integers(min_value=0, max_value=3),
        "closed": st.booleans(),
        "coming": st.booleans(),  # moved to next year: places may be left
        "title_word": st.sampled_from(["", *TITLE_WORDS]),
    }
)
filters = st.fixed_dictionaries(
    {},
    optional={
        "edition": st.sampled_from([2022, 2023]),
        "region": st.sampled_from(REGIONS),
        "week": st.integers(min_value=1, max_value=4),
        "province": st.sampled_from(PROVINCES[:-1]),
        "format": st.sampled_from(FORMATS),
        "theme": st.lists(
            st.sampled_from(["zorg-op-afstand", "preventie", "mantelzorg"]), max_size=2, unique=True
        ),
        "kind": st.lists(st.sampled_from(KINDS), min_size=1, max_size=2, unique=True),
        "accessibility": st.lists(
            st.sampled_from(["rolstoel", "toilet", "ringleiding"]), max_size=2, unique=True
        ),
        "interactive": st.sampled_from(["true", "false"]),
        "signup": st.sampled_from(SIGNUPS),
        "has_places": st.just("true"),
        "q": st.sampled_from(SEARCHES),
    },
)


# A published activity with a title word, for the searches always tried.
SEARCHED = {
    "year": 2023,
    "region": "oost",
    "province": None,
    "format": FORMATS[0],
    "status": Activity.Status.PUBLISHED,
    "themes": {1},
    "types": set(),
    "audiences": set(),
    "accessibility": set(),
    "interactive_elements": set(),
    "lead": KINDS[0],
    "partners": [],
    "signup": SIGNUPS[0],
    "capacity": 1,
    "taken": 0,
    "closed": False,
    "coming": False,
    "title_word": "robotica",
}


def vocabulary_rows() -> dict[str, list]:
    """Each vocabulary's items in id order: what `make_activity` picks from."""
    return {
        relation: list(model.objects.order_by("pk")) for relation, model in VOCABULARIES.items()
    }


def random_agendas(examples: int = 30):
    """Hypothesis's settings for a test that builds random agendas in the database: no
    deadline (the database sets the pace), no complaint about slow or large examples."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def make_activity(row: dict, items: dict) -> Activity:
    platform = row["signup"] == Activity.SignupMode.PLATFORM
    capacity = row["capacity"] if platform else None
    made = ActivityFactory(
        title=f"Middag {row['title_word']}".strip(),
        year=row["year"],
        region=row["region"],
        format=row["format"],
        status=row["status"],
        province=Province.objects.filter(code=row["province"]).first(),
        lead_organisation=OrganisationFactory(kind=row["lead"]),
        signup_mode=row["signup"],
        capacity=capacity,
        places_taken=min(row["taken"], capacity) if capacity else 0,
        signup_closed=row["closed"],
    )
    if row["coming"]:
        made.starts_at = timezone.now() + dt.timedelta(days=30)
        made.ends_at = made.starts_at + dt.timedelta(hours=2)
        made.save(update_fields=["starts_at", "ends_at"])
    for relation, picked in items.items():
        getattr(made, relation).set([picked[i % len(picked)] for i in row[relation]])
    for kind, status in row["partners"]:
        Partner.objects.create(
            activity=made, organisation=OrganisationFactory(kind=kind), status=status
        )
    refresh_vocabulary_bits([made.pk])  # what the services do after writing links
    return made


def test_facet_counts_and_filters_equal_counting_from_scratch_on_random_agendas():
    items = vocabulary_rows()

    @random_agendas(40)
    @given(st.lists(activity, max_size=7), filters)
    @example([SEARCHED, {**SEARCHED, "title_word": "", "region": "west"}], {"q": "robotica"})
    @example([SEARCHED, {**SEARCHED, "title_word": ""}], {"q": "beeldbellen", "edition": 2023})
    def check(rows, chosen):
        with transaction.atomic():
            for row in rows:
                make_activity(row, items)
            queryset = filtered_activities(chosen)
            assert facet_counts(queryset) == counted_from_scratch(queryset)
            expected = {
                a.pk for a in Activity.objects.published() if matches_from_scratch(a, chosen)
            }
            assert set(queryset.values_list("pk", flat=True)) == expected
            transaction.set_rollback(True)

    check()


def test_a_facet_is_added_by_declaring_it():
    english = ActivityFactory(language=Activity.Language.ENGLISH)
    ActivityFactory(language=Activity.Language.DUTCH, lead_organisation=english.lead_organisation)
    # A value of the row, and one of a table the row points to (counted by its key).
    declared = [*FACETS, Facet("language", "language"), Facet("lead", "lead_organisation", "slug")]
    counts = facet_counts(filtered_activities({}), declared)
    assert counts["language"] == {"en": 1, "nl": 1}
    assert counts["lead"] == {english.lead_organisation.slug: 2}


def test_the_services_keep_the_bits_with_the_links():
    activity = ActivityFactory(status=Activity.Status.DRAFT)
    themes = list(Theme.objects.order_by("pk")[:3])
    services.update_activity(activity=activity, by=UserFactory(), relations={"themes": themes})
    activity.refresh_from_db()
    assert activity.theme_bits == sum(1 << (theme.pk - 1) for theme in themes)
    services.update_activity(activity=activity, by=UserFactory(), relations={"themes": themes[:1]})
    activity.refresh_from_db()
    assert activity.theme_bits == 1 << (themes[0].pk - 1)


def test_a_search_gets_the_same_counts_as_counting_its_matches():
    ActivityFactory(title="Beeldbellen oefenen")
    ActivityFactory(region="west", town="Amsterdam", title="Beeldbellen voor ouderen")
    ActivityFactory(title="Valpreventie thuis")
    queryset = filtered_activities({"q": "beeldbellen"})
    assert facet_counts(queryset) == counted_from_scratch(queryset)
    assert facet_counts(queryset)["region"] == {"oost": 2, "west": 1}


def kinds_found(kind: str) -> set[int]:
    return set(filtered_activities({"kind": [kind]}).values_list("pk", flat=True))


def test_a_partner_that_accepts_adds_its_kind(organisation, partner_admin):
    activity = ActivityFactory(lead_organisation=organisation)
    library = partner_admin.memberships.get().organisation
    invitation = Partner.objects.create(activity=activity, organisation=library)
    assert activity.pk not in kinds_found("library")  # invited is not yet organising
    answer_invitation(invitation=invitation, accept=True, by=partner_admin)
    assert activity.pk in kinds_found("library")
    assert activity.pk in kinds_found("care_provider")  # the lead stays


def test_an_organisation_that_changes_its_kind_moves_its_activities(partner_admin):
    library = partner_admin.memberships.get().organisation
    led = ActivityFactory(lead_organisation=library)
    joined = ActivityFactory()
    Partner.objects.create(activity=joined, organisation=library, status=Partner.Status.ACCEPTED)
    refresh_vocabulary_bits([joined.pk])
    assert kinds_found("library") == {led.pk, joined.pk}
    update_organisation(
        organisation=library,
        by=partner_admin,
        profile=OrganisationProfile(
            name=library.name, kind=Organisation.Kind.MUNICIPALITY, province=library.province
        ),
    )
    assert kinds_found("library") == set()
    assert kinds_found("municipality") == {led.pk, joined.pk}


def test_an_edit_that_hands_the_activity_to_another_lead_takes_its_kind(organiser, organisation):
    activity = ActivityFactory(lead_organisation=organisation, status=Activity.Status.DRAFT)
    library = OrganisationFactory(kind=Organisation.Kind.LIBRARY)
    MembershipFactory(user=organiser, organisation=library)
    activity.lead_organisation = library
    services.update_activity(activity=activity, by=organiser)
    activity.refresh_from_db()
    assert activity.organiser_kind_bits == kind_bit("library")


def test_a_vocabulary_item_beyond_the_bits_still_filters_and_counts():
    """Item 70 has no bit in the row (0..62): the filter matches it through the links."""
    beyond = Theme.objects.create(pk=70, slug="ver-weg", name="Ver weg", position=99)
    linked, other = ActivityFactory(), ActivityFactory()
    linked.themes.add(beyond)
    refresh_vocabulary_bits([linked.pk, other.pk])
    found = filtered_activities({"theme": ["ver-weg"]})
    assert list(found) == [linked]
    both = filtered_activities({"theme": ["ver-weg", "zorg-op-afstand"]})
    assert set(both) == {linked, other}
    assert facet_counts(found)["theme"]["ver-weg"] == 1


def test_a_vocabulary_filter_reads_the_links_of_items_beyond_the_bits_only():
    """Items within the bits are matched on the row; the links are read from the index of
    their item, for items beyond the bits, and never scanned whole: SQLite scanned every link
    for the none there are, once per run of a merged page (a region and a theme over every
    edition at 100,000 activities: 112 ms)."""
    ActivityFactory.create_batch(30)  # every one of the same theme, as the statistics say
    found = filtered_activities({"theme": ["zorg-op-afstand"], "region": "oost"}).values("pk")
    sql, params = found.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # what can be read, not what is
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "activities_activity_themes" in plan
    assert "SCAN V0" not in plan and "Seq Scan on activities_activity_themes" not in plan


def test_a_ranked_search_is_counted_with_the_statement_of_the_same_search_by_date():
    """The ranking only orders: the counts of a search by relevance run the statement of the
    same search by date, filtered as it is (matching the ranked ids read every edition)."""
    ActivityFactory(title="Beeldbellen oefenen")
    ActivityFactory(title="Valpreventie thuis")
    statements = []
    for sort in ("relevance", "date"):
        found = filtered_activities({"edition": 2023, "q": "beeldbellen", "sort": sort})
        with CaptureQueriesContext(connection) as captured:
            counts = facet_counts(found)
        # the same but for the clock ('places left' compares with now)
        moment = re.compile(r"'\d{4}-\d\d-\d\d[ T][\d:.+]+'")
        statements.append([moment.sub("now", q["sql"]) for q in captured.captured_queries])
        assert counts == counted_from_scratch(found)
    assert statements[0] == statements[1]
