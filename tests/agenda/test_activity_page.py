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
