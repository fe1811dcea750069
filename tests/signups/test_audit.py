"""Organisers' writes on sign-ups, and cancellations, are in the activity's audit trail,
without personal data."""

import pytest

from estafette.core.audit import audit_trail
from estafette.signups import services
from tests.factories import MembershipFactory, VerifiedUserFactory
from tests.signups.conftest import future_activity, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity():
    return future_activity(capacity=5, max_places_per_signup=2, signup_confirmation="instant")


@pytest.fixture
def organiser(client, activity):
    user = VerifiedUserFactory()
    MembershipFactory(user=user, organisation=activity.lead_organisation)
    client.force_login(user)
    return user


def url(activity, rest=""):
    return f"/mijn/activiteit/{activity.pk}/deelnemers/{rest}"


def test_capacity_closing_messages_and_attendance_are_logged(client, organiser, activity):
    signup, _token = sign_up(activity, "een@example.nl")
    client.post(url(activity, "plaatsen/"), {"capacity": "8"})
    client.post(url(activity, "sluiten/"))
    client.post(url(activity, "sluiten/"), {"closed": "nee"})
    client.post(url(activity, "bericht/"), {"subject": "Parkeren", "body": "Achter het gebouw."})
    client.post(url(activity, f"{signup.pk}/aanwezig/"), {"attended": "ja"})
    entries = list(audit_trail(activity).order_by("pk"))
    assert [entry.action for entry in entries] == [
        "signup.capacity_changed",
        "signup.closed",
        "signup.opened",
        "signup.participants_messaged",
        "signup.attendance_marked",
    ]
    assert {entry.actor for entry in entries} == {organiser}
    assert entries[-1].data == {"signup": signup.pk, "attended": True}
    assert "een@example.nl" not in str([(entry.message, entry.data) for entry in entries])


def test_a_cancellation_is_logged_without_personal_data(activity):
    signup, _token = sign_up(activity, "een@example.nl", places=2)
    services.cancel_signup(signup=signup)
    entry = audit_trail(activity).get()
    assert (entry.action, entry.actor) == ("signup.cancelled", None)
    assert entry.data == {"signup": signup.pk, "places": 2}
