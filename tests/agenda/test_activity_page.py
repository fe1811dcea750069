import json
import re

import pytest

from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_activity_page_has_schema_org_event_jsonld(client):
    activity = ActivityFactory()
    response = client.get(activity.get_absolute_url())
    assert response.status_code == 200
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    data = json.loads(match.group(1))
    assert data["@type"] == "Event"
    assert data["name"] == activity.title
    for key in (
        "startDate",
        "endDate",
        "eventStatus",
        "eventAttendanceMode",
        "location",
        "organizer",
        "url",
    ):
        assert key in data
    assert data["organizer"][0]["name"] == activity.lead_organisation.name


def _jsonld(client, activity) -> dict:
    page = client.get(activity.get_absolute_url()).content.decode()
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )


def test_online_activity_has_a_virtual_location_and_hybrid_has_both(client):
    from estafette.activities.models import Activity

    online = _jsonld(
        client,
        ActivityFactory(format=Activity.Format.ONLINE, online_url="https://meet.example.nl/a"),
    )
    assert online["location"]["@type"] == "VirtualLocation"
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    hybrid = _jsonld(client, ActivityFactory(format=Activity.Format.HYBRID))
    assert {place["@type"] for place in hybrid["location"]} == {"Place", "VirtualLocation"}
    assert hybrid["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    in_person = _jsonld(client, ActivityFactory())
    assert in_person["location"]["address"]["postalCode"] == "7511 AA"


def test_offers_only_where_there_is_a_sign_up_and_sold_out_when_full(client):
    from estafette.activities.models import Activity

    free = _jsonld(client, ActivityFactory(capacity=10))
    assert free["offers"]["availability"] == "https://schema.org/InStock"
    assert free["offers"]["price"] == 0
    full = _jsonld(client, ActivityFactory(capacity=2, places_taken=2))
    assert full["offers"]["availability"] == "https://schema.org/SoldOut"
    walk_in = _jsonld(client, ActivityFactory(signup_mode=Activity.SignupMode.NONE, capacity=None))
    assert "offers" not in walk_in
    cancelled = _jsonld(client, ActivityFactory(status=Activity.Status.CANCELLED))
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
