"""Capacity: never overbooked, raised or lowered by the organiser without cancelling anyone."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from estafette.activities.models import Activity
from estafette.signups import services
from estafette.signups.models import Signup
from tests.signups.conftest import future_activity, sign_up

pytestmark = pytest.mark.django_db

INSTANT = Activity.Confirmation.INSTANT


def test_places_never_exceed_capacity_in_sequence():
    activity = future_activity(capacity=3, max_places_per_signup=2, signup_confirmation=INSTANT)
    sign_up(activity, "a@example.nl", places=2)
    big, _ = sign_up(activity, "b@example.nl", places=2)
    small, _ = sign_up(activity, "c@example.nl", places=1)
    assert big.status == Signup.Status.WAITING
    assert small.status == Signup.Status.CONFIRMED
    activity.refresh_from_db()
    assert activity.places_taken == 3 and activity.places_left == 0


def test_database_check_constraint_refuses_overbooking():
    activity = future_activity(capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(places_taken=F("capacity") + 1)


def test_raising_capacity_promotes_the_waiting_list():
    activity = future_activity(capacity=1, signup_confirmation=INSTANT)
    sign_up(activity, "a@example.nl")
    waiting, _ = sign_up(activity, "b@example.nl")
    services.set_capacity(activity=activity, capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == Signup.Status.CONFIRMED
    activity.refresh_from_db()
    assert activity.capacity == 2 and activity.places_taken == 2


def test_lowering_capacity_below_places_taken_is_refused_in_dutch():
    activity = future_activity(capacity=5, signup_confirmation=INSTANT)
    for n in range(3):
        sign_up(activity, f"p{n}@example.nl")
    with pytest.raises(ValidationError) as error:
        services.set_capacity(activity=activity, capacity=2)
    assert "Er zijn al 3 plaatsen bezet" in error.value.messages[0]
    activity.refresh_from_db()
    assert activity.capacity == 5
    assert Signup.objects.filter(status=Signup.Status.CONFIRMED).count() == 3


def test_lowering_capacity_to_places_taken_is_allowed():
    activity = future_activity(capacity=5, signup_confirmation=INSTANT)
    sign_up(activity, "a@example.nl")
    services.set_capacity(activity=activity, capacity=1)
    activity.refresh_from_db()
    assert activity.capacity == 1 and activity.places_left == 0
    assert sign_up(activity, "b@example.nl")[0].status == Signup.Status.WAITING
