"""Every change to a public figure (places left, waiting list, sign-up closed, status) shows at
once in every output, also when the previous answer sits in the page or front cache."""

import json
import re

import pytest

from estafette.activities.models import Activity
from estafette.activities.services import cancel_activity
from estafette.signups import services
from estafette.signups.models import Signup
from estafette.wsgi import application
from tests.core.test_frontcache import call
from tests.factories import UserFactory
from tests.signups.conftest import future_activity, sign_up

pytestmark = pytest.mark.django_db

INSTANT = Activity.Confirmation.INSTANT


def _figures(client, activity) -> dict:
    """What the public sees, read through the caches (each address asked twice before)."""
    api = client.get(f"/api/v1/activities/{activity.pk}").json()
    _, _, page = call(activity.get_absolute_url())  # through the front cache
    page = page.decode()
    jsonld = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    agenda = call("/agenda/", "edition=2023")[2].decode()
    card = agenda.split(f'data-activity-id="{activity.pk}"', 1)[1].split("</ol>", 1)[0]
    return {
        "waiting_list": api["waiting_list"],
        "places_left": api["places_left"],
        "signup_closed": api["signup_closed"],
        "status": api["status"],
        "availability": jsonld.get("offers", {}).get("availability", "").rsplit("/", 1)[-1],
        "page": page,
        "card": card,
    }


@pytest.fixture(autouse=True)
def _fresh_front_cache():
    """Each test starts its cache (and so the public version) anew: the front cache's copies in
    this process from an earlier test would carry the same version numbers."""
    application.local.clear()


def _warm(client, activity):
    for _ in range(2):
        _figures(client, activity)


@pytest.fixture
def full_activity():
    activity = future_activity(capacity=1, signup_confirmation=INSTANT)
    sign_up(activity, "een@example.nl")
    return activity


def test_joining_and_leaving_the_waiting_list_shows_at_once(
    client, full_activity, django_capture_on_commit_callbacks
):
    _warm(client, full_activity)
    assert _figures(client, full_activity)["waiting_list"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        waiting, _ = sign_up(full_activity, "twee@example.nl")
    assert waiting.status == Signup.Status.WAITING
    assert _figures(client, full_activity)["waiting_list"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_signup(signup=waiting)
    assert _figures(client, full_activity)["waiting_list"] == 0


def test_a_freed_place_shows_at_once_everywhere(
    client, full_activity, django_capture_on_commit_callbacks
):
    _warm(client, full_activity)
    before = _figures(client, full_activity)
    assert (before["places_left"], before["availability"]) == (0, "SoldOut")
    assert "Vol" in before["card"]
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_signup(signup=Signup.objects.get(email="een@example.nl"))
    after = _figures(client, full_activity)
    assert (after["places_left"], after["availability"]) == (1, "InStock")
    assert "Nog 1 plaats" in after["card"]


def test_closing_sign_up_and_cancelling_show_at_once_and_never_say_in_stock(
    client, django_capture_on_commit_callbacks
):
    activity = future_activity(capacity=10)
    _warm(client, activity)
    assert _figures(client, activity)["availability"] == "InStock"
    with django_capture_on_commit_callbacks(execute=True):
        services.set_signup_closed(activity=activity, closed=True)
    closed = _figures(client, activity)
    assert closed["signup_closed"] is True and closed["availability"] != "InStock"
    with django_capture_on_commit_callbacks(execute=True):  # through the service, as a user does
        cancel_activity(activity=activity, by=UserFactory(), reason="Spreker ziek")
    cancelled = _figures(client, activity)
    assert cancelled["status"] == "cancelled" and cancelled["availability"] != "InStock"
