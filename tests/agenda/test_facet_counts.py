"""The facet counts the agenda reads from the vocabulary bits equal counting from scratch."""

from collections import Counter

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estafette.activities import services
from estafette.activities.models import Activity, ActivityType, Audience, Theme
from estafette.activities.vocabulary_bits import refresh_vocabulary_bits
from estafette.agenda.facets import FACETS, Facet, VocabularyFacet, facet_counts
from estafette.agenda.queries import filtered_activities
from tests.factories import ActivityFactory, UserFactory

pytestmark = pytest.mark.django_db

REGIONS = ["oost", "west", "noord", "zuid"]
FORMATS = [value for value, _label in Activity.Format.choices]
STATUSES = [value for value, _label in Activity.Status.choices]


def counted_from_scratch(queryset) -> dict[str, dict[str, int]]:
    """Every matching activity looked at one by one, its vocabularies read from the links."""
    counts = {facet.name: Counter() for facet in FACETS}
    for activity in queryset.order_by():
        for facet in FACETS:
            if isinstance(facet, VocabularyFacet):
                for item in getattr(activity, facet.relation).all():
                    counts[facet.name][item.slug] += 1
            else:
                value = activity
                for part in facet.path.split("__"):
                    value = getattr(value, part, None) if value is not None else None
                if value is not None:
                    counts[facet.name][value] += 1
    return {name: dict(counter) for name, counter in counts.items()}


vocabulary = st.sets(st.integers(min_value=0, max_value=12), max_size=4)
activity = st.fixed_dictionaries(
    {
        "year": st.sampled_from([2022, 2023]),
        "region": st.sampled_from(REGIONS),
        "format": st.sampled_from(FORMATS),
        "status": st.sampled_from(STATUSES),
        "themes": vocabulary,
        "types": vocabulary,
        "audiences": vocabulary,
    }
)
filters = st.fixed_dictionaries(
    {},
    optional={
        "edition": st.sampled_from([2022, 2023]),
        "region": st.sampled_from(REGIONS),
        "format": st.sampled_from(FORMATS),
        "theme": st.lists(
            st.sampled_from(["zorg-op-afstand", "preventie", "mantelzorg"]), max_size=2, unique=True
        ),
    },
)


def test_facet_counts_equal_counting_from_scratch_on_random_agendas():
    items = {
        "themes": list(Theme.objects.order_by("pk")),
        "types": list(ActivityType.objects.order_by("pk")),
        "audiences": list(Audience.objects.order_by("pk")),
    }

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(activity, max_size=7), filters)
    def check(rows, chosen):
        with transaction.atomic():
            for row in rows:
                made = ActivityFactory(
                    year=row["year"],
                    region=row["region"],
                    format=row["format"],
                    status=row["status"],
                )
                for relation, picked in items.items():
                    vocabulary_items = [picked[i % len(picked)] for i in row[relation]]
                    getattr(made, relation).set(vocabulary_items)
                refresh_vocabulary_bits([made.pk])
            queryset = filtered_activities(chosen)
            assert facet_counts(queryset) == counted_from_scratch(queryset)
            transaction.set_rollback(True)

    check()


def test_a_facet_is_added_by_declaring_it():
    ActivityFactory(signup_mode=Activity.SignupMode.EXTERNAL)
    ActivityFactory(signup_mode=Activity.SignupMode.PLATFORM)
    declared = [*FACETS, Facet("signup", "signup_mode")]
    counts = facet_counts(filtered_activities({}), declared)
    assert counts["signup"] == {"external": 1, "platform": 1}


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
