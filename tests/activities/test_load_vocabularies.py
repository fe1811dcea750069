"""A page of activities reads its vocabularies in one query, equal to reading each link."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from estafette.activities.models import (
    AccessibilityFacility,
    Activity,
    ActivityType,
    Audience,
    InteractiveElement,
    Theme,
)
from estafette.activities.queries import load_vocabularies
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

RELATIONS = {
    "themes": Theme,
    "types": ActivityType,
    "audiences": Audience,
    "interactive_elements": InteractiveElement,
    "accessibility": AccessibilityFacility,
}


def test_the_vocabularies_of_a_page_equal_each_activitys_links_in_their_order():
    rng = random.Random(3)
    # Equal positions too: then the name decides, as in the vocabularies' own ordering.
    Theme.objects.create(slug="aaa-laatste", name="Zzz laatste", position=0)
    Theme.objects.create(slug="zzz-eerste", name="Aaa eerste", position=0)
    activities = [ActivityFactory() for _ in range(6)]
    for activity in activities:
        for relation, model in RELATIONS.items():
            items = list(model.objects.all())
            getattr(activity, relation).set(rng.sample(items, rng.randint(0, len(items))))
    rows = list(Activity.objects.filter(pk__in=[a.pk for a in activities]))

    with CaptureQueriesContext(connection) as captured:
        load_vocabularies(rows, tuple(RELATIONS))

    assert len(captured.captured_queries) == 1
    for row in rows:
        for relation in RELATIONS:
            loaded = [(item.pk, item.slug, item.label) for item in row.vocabularies[relation]]
            linked = [(item.pk, item.slug, item.label) for item in getattr(row, relation).all()]
            assert loaded == linked, (row.pk, relation)


def test_no_activities_cost_no_query():
    with CaptureQueriesContext(connection) as captured:
        assert load_vocabularies([]) == []
    assert captured.captured_queries == []
