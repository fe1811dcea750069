"""The online join link stays private when sign-up runs on the platform: only confirmed
participants get it; every public output leaves it out."""

import json
import re

import pytest

from estafette.activities.models import Activity
from estafette.signups import services
from tests.factories import ActivityFactory
from tests.signups.conftest import future_activity

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.nl/geheime-kamer-123"
PUBLIC_OUTPUTS = [
    "/agenda/?edition=2023",
    "/agenda/?edition=2023&view=calendar",
    "/agenda/?edition=2023&view=map",
    "/agenda/widget/?edition=2023",
    "/api/v1/activities?edition=2023",
    "/api/v1/activities.csv?edition=2023",
    "/agenda.ics?edition=2023",
    "/agenda.rss?edition=2023",
    "/agenda.atom?edition=2023",
]


def _online(factory=ActivityFactory, **kwargs) -> Activity:
    return factory(
        format=Activity.Format.ONLINE,
        online_url=JOIN,
        venue_name="",
        street_address="",
        postcode="",
        town="",
        **kwargs,
    )


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _jsonld(page: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(block.group(1))


@pytest.mark.parametrize("fmt", [Activity.Format.ONLINE, Activity.Format.HYBRID])
def test_no_public_output_carries_the_join_link_of_a_platform_sign_up(client, fmt):
    activity = (
        _online() if fmt == Activity.Format.ONLINE else ActivityFactory(format=fmt, online_url=JOIN)
    )
    for address in [
        activity.get_absolute_url(),
        f"/en{activity.get_absolute_url()}",
        f"/api/v1/activities/{activity.pk}",
        f"/activiteit/{activity.pk}.ics",
        *PUBLIC_OUTPUTS,
    ]:
        for _ in range(2):  # fresh and from the cache
            response = client.get(address)
            assert response.status_code == 200, address
            assert "geheime-kamer" not in _text(response), address
    locations = _jsonld(client.get(activity.get_absolute_url()).content.decode())["location"]
    places = locations if isinstance(locations, list) else [locations]
    virtual = [p for p in places if p["@type"] == "VirtualLocation"]
    assert virtual and virtual[0]["url"].endswith(activity.get_absolute_url())


def test_without_platform_sign_up_the_page_shares_the_organisers_link(client):
    activity = _online(signup_mode=Activity.SignupMode.NONE, capacity=None)
    page = client.get(activity.get_absolute_url()).content.decode()
    assert JOIN in page
    assert _jsonld(page)["location"]["url"] == JOIN


def test_a_confirmed_participant_gets_the_join_link(client, settings):
    settings.SITE_URL = "http://testserver"
    activity = _online(future_activity, signup_confirmation=Activity.Confirmation.INSTANT)
    signup, token = services.sign_up(
        activity=activity, name="Anna de Vries", email="anna@example.nl", places=1
    )
    assert signup.status == signup.Status.CONFIRMED
    assert JOIN in client.get(f"/aanmelding/{token}/").content.decode()
    assert "geheime-kamer" not in client.get(activity.get_absolute_url()).content.decode()
